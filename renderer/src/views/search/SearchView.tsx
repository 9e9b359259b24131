import { useEffect, useState } from 'react';
import type { Output } from '../../../../core/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Snippet, TitleWithMatches } from '../../components/Snippet';
import { useQuery } from '../../data';
import { useRemembered } from '../../memory';
import { useNavigation } from '../../navigation';
import { QueryHelp } from './QueryHelp';
import { SavedSearches } from './SavedSearches';
import { matchSpan } from './hits';
import './search.css';

type Hit = Output<'search.query'>['hits'][number];

const GROUPS: { type: Hit['type']; title: string }[] = [
  { type: 'claim', title: 'Claims' },
  { type: 'source', title: 'Sources' },
  { type: 'document', title: 'Documents' },
  { type: 'excerpt', title: 'Passages in documents' },
  { type: 'note', title: 'Notes' },
];

/** Hits asked for as the reporter types; "Show more" asks for MORE_LIMIT. */
const LIMIT = 50;
const MORE_LIMIT = 500;
/**
 * How long typing must pause before the words are searched: not at all. Every search asked for
 * is answered (the server cannot drop one half-done), so the next is asked only once the last
 * is in: at most one in flight, and the words searched are always the latest typed. At 100,000
 * claims a search takes a median 26 ms, well inside the time between two keys, and a pause of
 * 40 ms only added itself to every answer (e2e/search-perf.spec.ts measures keystroke to painted
 * results: median 73 → 55 ms, side by side).
 */
const TYPING_PAUSE_MS = 0;

/** One box over everything: claims, sources, documents and their passages, notes. */
export function SearchView() {
  const nav = useNavigation();
  const cases = useQuery('cases.list', {});
  const [text, setText] = useRemembered('search:text', '');
  const [thisCase, setThisCase] = useRemembered('search:this-case', true);
  // Search as you type, once typing pauses and the last search is answered.
  const [query, setQuery] = useState(text);
  // Typed, not chosen or entered: the word being typed matches as a prefix ("fent" finds
  // fentanyl) until a space or Enter ends it. A trailing space is kept for the server to see.
  const [typing, setTyping] = useState(false);
  const [more, setMore] = useState(false);
  const scoped = thisCase && nav.caseId !== null;
  const limit = more ? MORE_LIMIT : LIMIT;
  const asked = query.trim()
    ? { query: typing ? query.trimStart() : query.trim(), limit, ...(scoped && nav.caseId ? { caseId: nav.caseId } : {}), ...(typing ? { typing } : {}) }
    : null;
  const results = useQuery('search.query', asked, { keepPrevious: true });
  const waiting = results.loading && asked !== null;
  useEffect(() => {
    if (waiting || text === query) return;
    const timer = setTimeout(() => {
      setQuery(text);
      setTyping(true);
      setMore(false);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, query, waiting]);
  const caseTitle = (id: string | null) => cases.data?.find((c) => c.id === id)?.title;

  /** A query chosen (a saved search, an example, the suggestion): searched at once, not after a pause. */
  const run = (q: string) => {
    setText(q);
    setQuery(q);
    setTyping(false);
    setMore(false);
    document.getElementById('search-box')?.focus();
  };

  const open = (hit: Hit) => {
    if (hit.type === 'source') nav.openSource(hit.id);
    else if (!hit.caseId) return;
    else if (hit.type === 'claim') nav.openClaim(hit.caseId, hit.id);
    else if (hit.type === 'document') nav.openDocument(hit.caseId, hit.id, undefined, matchSpan(hit) ?? undefined);
    else if (hit.type === 'excerpt' && hit.documentId) nav.openDocument(hit.caseId, hit.documentId, hit.id);
    else if (hit.type === 'note') nav.openNote(hit.id, hit.caseId);
  };

  const hits = results.data?.hits ?? [];
  const suggestion = results.data?.suggestion;
  return (
    <div className="search-view">
      <header className="search-header">
        <h1 className="case-title">Search</h1>
        <div className="search-line">
          <label htmlFor="search-box" className="visually-hidden">
            Search
          </label>
          <input
            id="search-box"
            type="search"
            className="search-box"
            placeholder="Words, “a phrase”, the start of a word*, status:disputed…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') run(text);
            }}
            aria-describedby="search-hint"
          />
          <QueryHelp onTry={run} />
          {nav.caseId && (
            <label className="search-scope">
              <input type="checkbox" checked={thisCase} onChange={(e) => setThisCase(e.target.checked)} /> Only in “{caseTitle(nav.caseId) ?? 'this case'}”
            </label>
          )}
        </div>
        <p className="field-hint" id="search-hint">
          Every word must match; accents and word endings are forgiven (“verify” finds “verified”). The word you are typing matches the
          start of words; Enter searches it whole. The ? button beside the box lists phrases, exclusions and filters.
        </p>
      </header>
      <div className="search-body">
        <div className="search-results" aria-live="polite" aria-busy={results.loading} data-searched={results.loading ? undefined : asked?.query}>
          <ErrorAlert error={results.error} />
          {!asked && (
            <EmptyState title="Search the whole case file.">
              <p>Claims, sources, documents and the passages marked in them, notes and drafts. Press / from anywhere to type here.</p>
            </EmptyState>
          )}
          {asked && suggestion && hits.length > 0 && (
            <p className="search-suggestion">
              Showing results for{' '}
              <button type="button" className="link" onClick={() => run(suggestion)}>
                {suggestion}
              </button>
              <span className="muted"> — nothing matched “{asked.query}”.</span>
            </p>
          )}
          {asked && results.data && hits.length === 0 && (
            <EmptyState title={`Nothing matches “${asked.query}”.`}>
              <p>{scoped ? 'Try all cases, or fewer words.' : 'Try fewer words, or the start of a word with *.'}</p>
              {results.data.spellingPending && (
                <p className="muted">This library has just opened and its words for spelling suggestions are still being read: press Enter in a moment to search again with them.</p>
              )}
            </EmptyState>
          )}
          {asked && hits.length > 0 && (
            <p className="muted search-count">
              {hits.length === limit ? `The best ${limit} matches` : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}`}
              {scoped ? ' in this case' : ' in all cases'}
              {results.data?.unranked
                ? ` — the newest of about ${(results.data.about ?? 0).toLocaleString()} matches, too common to rank; more words narrow it`
                : results.data?.narrowed && ` — the best among the newest of about ${(results.data.about ?? 0).toLocaleString()} matches; more words, or more of the word, narrow it`}
              {hits.length === LIMIT && !more && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => setMore(true)}>
                    Show up to {MORE_LIMIT}
                  </button>
                </>
              )}
            </p>
          )}
          {GROUPS.map(({ type, title }) => {
            const group = hits.filter((h) => h.type === type);
            if (group.length === 0) return null;
            return (
              <section key={type} className="search-group" aria-labelledby={`search-${type}`}>
                <h2 id={`search-${type}`}>
                  {title} <span className="count">{group.length}</span>
                </h2>
                <ul className="hits">
                  {group.map((hit) => (
                    <li key={hit.id}>
                      <button type="button" className="hit" onClick={() => open(hit)}>
                        <HitText hit={hit} />
                        {!scoped && hit.caseId && <span className="hit-case">{caseTitle(hit.caseId)}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
        {nav.caseId && (
          <aside className="search-aside" aria-label="Saved searches">
            <SavedSearches caseId={nav.caseId} caseTitle={caseTitle(nav.caseId) ?? 'this case'} query={text} onRun={run} />
          </aside>
        )}
      </div>
    </div>
  );
}

/** The hit's title, and the snippet where the match is, unless the snippet only repeats the title. */
function HitText({ hit }: { hit: Hit }) {
  const inTitle = TitleWithMatches({ title: hit.title, snippet: hit.snippet });
  if (inTitle) return <span className="hit-title">{inTitle}</span>;
  return (
    <>
      <span className="hit-title">{hit.title}</span>
      <span className="hit-snippet">
        <Snippet text={hit.snippet} />
      </span>
    </>
  );
}
