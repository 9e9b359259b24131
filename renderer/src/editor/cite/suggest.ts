// What "@", "#" / "[[" and the pickers suggest. Names and titles come typo-tolerant from the
// library's quick find (fuse.js) and claims from its FTS5 index by prefix; excerpts, which quick
// find does not cover, from full-text search.

import type { ClaimStatus } from '../../../../db/types';
import { api } from '../../api';

export type CitableType = 'source' | 'claim' | 'document' | 'excerpt';

export interface Suggestion {
  type: CitableType;
  id: string;
  title: string;
  subtitle: string;
  status?: ClaimStatus;
}

/** Search snippets carry these around the matched words. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** A snippet without its match marks. */
export function unmarked(text: string): string {
  return text.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');
}

/** Sources for "@": by name or alias, library-wide; with nothing typed, those heard in this case. */
export async function suggestSources(query: string, caseId: string): Promise<Suggestion[]> {
  if (!query.trim()) {
    const heard = await api.invoke('sources.list', { caseId });
    return heard.slice(0, 8).map((s) => ({ type: 'source', id: s.id, title: s.name, subtitle: s.role }));
  }
  const found = await api.invoke('find.quick', { query, caseId, types: ['source'], limit: 8 });
  return found.map((f) => ({ type: 'source', id: f.id, title: f.title, subtitle: f.subtitle }));
}

/** Claims, documents and excerpts of the case, for "#" and "[[" (or only claims, to mark a passage). */
export async function suggestCitations(query: string, caseId: string, types: readonly CitableType[] = ['claim', 'document', 'excerpt']): Promise<Suggestion[]> {
  if (!query.trim()) {
    if (!types.includes('claim')) return [];
    const recent = await api.invoke('claims.list', { caseId, sort: 'updated', descending: true, limit: 8 });
    return recent.items.map((c) => ({ type: 'claim', id: c.id, title: c.statement, subtitle: 'Recently changed', status: c.status }));
  }
  const quick = types.filter((t): t is 'claim' | 'document' => t === 'claim' || t === 'document');
  const [found, excerpts] = await Promise.all([
    quick.length ? api.invoke('find.quick', { query, caseId, types: quick, limit: 10 }) : [],
    types.includes('excerpt') ? api.invoke('search.query', { query: prefixed(query), caseId, types: ['excerpt'], limit: 4 }) : null,
  ]);
  return [
    ...found.map((f) => ({ type: f.type as CitableType, id: f.id, title: f.title, subtitle: f.subtitle, ...(f.status ? { status: f.status } : {}) })),
    ...(excerpts?.hits ?? []).map((h) => ({ type: 'excerpt' as const, id: h.id, title: unmarked(h.snippet), subtitle: h.title })),
  ];
}

/**
 * The last word taken as a prefix, as quick find does for claims: "precur" finds "precursor".
 * A filter ("status:verified"), an exclusion ("-mexico") or a phrase is left as typed.
 */
export function prefixed(query: string): string {
  const last = query.trim().split(/\s+/).at(-1) ?? '';
  return /^[\p{L}\p{N}][^:"]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u.test(last) && !/"/.test(query) ? `${query.trim()}*` : query;
}

/**
 * Answers in the order they were asked for: a slow answer to "prec" never replaces the answer
 * to "precursor" that came first.
 */
export function latestOnly<A extends unknown[], R>(ask: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  let asked = 0;
  return async (...args) => {
    const mine = ++asked;
    const answer = await ask(...args);
    return mine === asked ? answer : undefined;
  };
}
