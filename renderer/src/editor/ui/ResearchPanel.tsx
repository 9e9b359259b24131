// Search while writing: the whole case file searched as the reporter types, beside the text.
// Enter (or a click) cites the chosen record at the cursor; dragging places it where it drops.
// It is the Search view's search (search.query with `typing`): the word being typed matches as a
// prefix, and a word that matches nothing is corrected ("fentenyl" finds fentanyl), saying so.

import { useEffect, useId, useMemo, useState } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCitationStore, useCitationVersion } from '../chips/CitationData';
import { latestOnly, MATCH_START, unmarked, type Suggestion } from '../cite/suggest';
import { SuggestionList } from './SuggestionList';
import { usePicker } from './usePicker';

const SEARCH_DELAY_MS = 120;

interface Found {
  hits: Suggestion[];
  /** The query searched instead, when a word of it matched nothing. */
  suggestion?: string;
}

async function searchCaseFile(query: string, caseId: string): Promise<Found> {
  if (!query.trim()) return { hits: [] };
  const { hits, suggestion } = await api.invoke('search.query', { query, typing: true, caseId, types: ['claim', 'excerpt', 'document', 'source'], limit: 30 });
  const found = hits.map((h): Suggestion => {
    switch (h.type) {
      case 'excerpt':
        return { type: 'excerpt', id: h.id, title: h.snippet, subtitle: h.title };
      case 'claim':
        return { type: 'claim', id: h.id, title: h.snippet.includes(MATCH_START) ? h.snippet : h.title, subtitle: '' };
      default:
        // A subtitle is plain text: the snippet's match marks would show as boxes.
        return { type: h.type === 'source' ? 'source' : 'document', id: h.id, title: h.title, subtitle: unmarked(h.snippet) };
    }
  });
  return { hits: found, ...(suggestion ? { suggestion } : {}) };
}

interface ResearchPanelProps {
  caseId: string;
  onCite: (item: Suggestion) => void;
  onClose: () => void;
}

export function ResearchPanel({ caseId, onCite, onClose }: ResearchPanelProps) {
  const listId = useId();
  const headingId = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Suggestion[]>([]);
  const [suggestion, setSuggestion] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const store = useCitationStore();
  useCitationVersion();
  const ask = useMemo(() => latestOnly((q: string) => searchCaseFile(q, caseId)), [caseId]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      ask(query).then(
        (answer) => {
          if (!live || !answer) return;
          setFound(answer.hits);
          setSuggestion(answer.suggestion);
          setError(null);
        },
        (err: unknown) => live && setError(err),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ask, query]);

  // Claims show their status, read through the same store as the chips in the text.
  useEffect(() => {
    for (const f of found) if (f.type === 'claim') store.want('claim', f.id);
  }, [found, store]);
  const items = found.map((f) => {
    const claim = f.type === 'claim' ? store.get('claim', f.id) : undefined;
    return typeof claim === 'object' ? { ...f, status: claim.status } : f;
  });
  const citable = items.map((i) => ({ ...i, title: unmarked(i.title) }));
  const picker = usePicker(listId, citable, onCite, onClose);

  return (
    <aside className="ed-research" aria-labelledby={headingId}>
      <header className="ed-research-head">
        <h2 id={headingId}>Research</h2>
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </header>
      <input
        type="search"
        className="ed-input"
        placeholder="Search claims, excerpts, documents, sources…"
        aria-label="Search the case file"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          picker.reset();
        }}
        {...picker.comboboxProps}
      />
      <p className="ed-research-hint">Enter or click cites at the cursor. Drag a result to place it.</p>
      <ErrorAlert error={error} />
      {suggestion && found.length > 0 && (
        <p className="ed-research-suggestion" role="status">
          Showing results for <strong>{suggestion}</strong>
          <span className="muted"> — nothing matched “{query.trim()}”.</span>
        </p>
      )}
      <SuggestionList
        id={listId}
        label="Search results"
        items={items}
        active={picker.active}
        onChoose={(item) => onCite({ ...item, title: unmarked(item.title) })}
        onHover={picker.setActive}
        draggable
        highlight
        empty={query.trim() ? 'Nothing in this case matches.' : null}
      />
    </aside>
  );
}
