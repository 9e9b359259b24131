// Quick find, for the switcher (Ctrl/Cmd+K) and every picker: names and titles (cases, sources,
// documents, notes: small sets) match through fuse.js, forgiving typos; claims, which can number
// a hundred thousand, come from the FTS5 index by prefix, never from a scan.

import Fuse from 'fuse.js';
import { z } from 'zod';
import { changeKey, claimsByWords, documentsByTitle, excerptsByWords, FIND_TYPES, moreNamedThan, namedRecords, oneLine, toMatchExpression, TYPED_PREFIX_MIN, type DB, type FindType, type Found, type Named, type NamedType } from '../../db/index.js';
import type { ReadContext } from '../context.js';
import { method } from '../method.js';
import { id } from '../schemas.js';

/** fuse.js scores run from 0 (exact) to 1; names this close rank above claims. */
const CLOSE = 0.3;

/** Above this many documents, titles are matched by word prefix (FTS5), not fuzzily: fuse.js
 * is linear in the number of titles and would no longer answer within a keystroke. */
export const FUZZY_DOCUMENT_LIMIT = 2_000;

/**
 * Above this many names of a kind (sources: a newsroom's archive holds tens of thousands),
 * fuse.js is asked only about the names with a word starting with the first letter typed: it
 * is linear in the names it weighs (20,000 sources: 15–60 ms a keystroke, the longer the word
 * the slower), and a typo in a name's first letter is the rare one.
 */
export const FUZZY_BY_INITIAL = 2_000;

type Matcher = (query: string) => { item: Named; score?: number }[];

const cache = new WeakMap<DB, { key: string; indexes: Map<NamedType, Matcher | 'too-many'> }>();

const fuseOver = (rows: Named[]) =>
  new Fuse(
    rows.map((r) => ({ ...r, subtitle: r.subtitle.slice(0, 160) })),
    { keys: [{ name: 'title', weight: 2 }, { name: 'aliases', weight: 1 }], includeScore: true, ignoreLocation: true, threshold: 0.4 },
  );

/** The first letter of each word, lower-cased and without its accent ("Solís" → s). */
const initials = (text: string): string[] => (text.normalize('NFD').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w[0]!);

/** fuse.js over the names that have a word starting with the query's first letter, built as letters are asked. */
function byInitial(rows: Named[]): Matcher {
  const groups = new Map<string, Named[]>();
  for (const r of rows) {
    for (const letter of new Set([r.title, ...r.aliases].flatMap(initials))) {
      const group = groups.get(letter);
      if (group) group.push(r);
      else groups.set(letter, [r]);
    }
  }
  const built = new Map<string, Fuse<Named>>();
  return (query) => {
    const letter = initials(query)[0];
    if (!letter) return [];
    let fuse = built.get(letter);
    if (!fuse) built.set(letter, (fuse = fuseOver(groups.get(letter) ?? [])));
    return fuse.search(query, { limit: 50 });
  };
}

/** How one kind of record is matched by name, rebuilt only after a write. */
function index(db: DB, type: NamedType): Matcher | 'too-many' {
  const key = changeKey(db);
  let entry = cache.get(db);
  if (entry?.key !== key) cache.set(db, (entry = { key, indexes: new Map() }));
  let matcher = entry.indexes.get(type);
  if (!matcher) {
    // Too many documents are not read at all (100,000 titles: a second and more after each write).
    const rows = type === 'document' && moreNamedThan(db, type, FUZZY_DOCUMENT_LIMIT) ? null : namedRecords(db, type);
    if (!rows) matcher = 'too-many';
    else if (rows.length > FUZZY_BY_INITIAL) matcher = byInitial(rows);
    else {
      const fuse = fuseOver(rows);
      matcher = (query) => fuse.search(query, { limit: 50 });
    }
    entry.indexes.set(type, matcher);
  }
  return matcher;
}

/**
 * What was typed as an FTS5 expression, its last word taken as a prefix; null when nothing
 * searchable is left. A single letter is a word, not a prefix, as in search: the indexes keep
 * prefixes of two letters and more, and "a*" would merge the lists of every word starting
 * with a (at 1,000,000 claims, 160–390 ms).
 */
function prefixMatch(query: string): string | null {
  const last = query.match(/[\p{L}\p{N}]+$/u)?.[0] ?? '';
  return toMatchExpression(last.length >= TYPED_PREFIX_MIN ? `${query}*` : query);
}

/** Records found by the words they start with: for kinds too numerous for fuse.js. */
function byWords(db: DB, find: (db: DB, match: string, caseId: string | undefined, limit: number) => Found[], query: string, caseId: string | undefined, limit: number): Found[] {
  const match = prefixMatch(query);
  return match ? find(db, match, caseId, limit) : [];
}

export function quickFind(ctx: ReadContext, q: { query: string; caseId?: string; types?: readonly FindType[]; limit: number }): Found[] {
  const query = q.query.trim().slice(0, 200);
  if (!query) return [];
  const wanted = new Set<FindType>(q.types?.length ? q.types : FIND_TYPES);
  const inScope = (f: Found) => !q.caseId || f.caseId === null || f.type === 'case' || f.caseId === q.caseId;
  const named: { found: Found; score: number }[] = [];
  const byPrefix: Found[] = [];
  for (const type of ['case', 'source', 'document', 'note'] as const) {
    if (!wanted.has(type)) continue;
    const matcher = index(ctx.db, type);
    if (matcher === 'too-many') {
      byPrefix.push(...byWords(ctx.db, documentsByTitle, query, q.caseId, q.limit));
      continue;
    }
    for (const { item, score } of matcher(query)) {
      const { aliases: _aliases, ...found } = item;
      if (inScope(found)) named.push({ found, score: score ?? 1 });
    }
  }
  named.sort((a, b) => a.score - b.score);
  const close = named.filter((n) => n.score <= CLOSE).map((n) => n.found);
  const loose = named.filter((n) => n.score > CLOSE).map((n) => n.found);
  const fromClaims = wanted.has('claim') ? byWords(ctx.db, claimsByWords, query, q.caseId, q.limit) : [];
  const fromExcerpts = wanted.has('excerpt') ? byWords(ctx.db, excerptsByWords, query, q.caseId, q.limit) : [];
  // Names and titles as typed may hold control characters: none reaches the switcher.
  return [...close, ...byPrefix, ...fromClaims, ...fromExcerpts, ...loose].slice(0, q.limit).map((f) => ({ ...f, title: oneLine(f.title), subtitle: oneLine(f.subtitle) }));
}

export const findMethods = {
  'find.quick': method({
    summary: 'Finds cases, sources, documents and notes by name (typos forgiven) and claims and marked passages by the words they start with; for the quick switcher and pickers.',
    input: z.strictObject({
      query: z.string().max(1_000),
      caseId: id.optional(),
      types: z.array(z.enum(FIND_TYPES)).max(FIND_TYPES.length).optional(),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    write: false,
    run: (ctx, input) => quickFind(ctx, input),
  }),
};
