// Full-text search over the FTS5 indexes. User input never reaches MATCH as typed: it is cut
// into words and "quoted phrases", and each becomes an FTS5 string, so operators, column
// filters, NEAR() and stray quotes in the input are only ever searched for as text.

import type { DB } from './open.js';

export const SEARCH_TYPES = ['claim', 'source', 'document', 'excerpt', 'note'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Marks around the matched words in snippets; the UI turns them into highlights. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

// Combining marks belong to the word they follow, as they do for the FTS5 tokenizer: a
// decomposed "Solís" (macOS file names) or Hindi "हिन्दी" is one word, not fragments.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * Turns what a reporter typed into a safe FTS5 query: every word must match (AND);
 * "a phrase" and hyphenated-words match as phrases; word* matches as a prefix. Returns null when nothing
 * searchable is left (only punctuation, say).
 */
export function toMatchExpression(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  for (const m of input.slice(0, 2000).matchAll(re)) {
    if (m[1] !== undefined) {
      const words = m[1].match(WORD);
      if (words) parts.push(`"${words.join(' ')}"`);
      continue;
    }
    const raw = m[2]!;
    const words = raw.match(WORD);
    if (!words) continue;
    // "Felbab-Brown" or "U.S." hold several words: they must stand together, as a phrase.
    parts.push(`"${words.join(' ')}"${raw.endsWith('*') ? '*' : ''}`);
  }
  return parts.length ? parts.slice(0, 64).join(' ') : null;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  caseId: string | null;
  /** For an excerpt, its document; for everything else, null. */
  documentId: string | null;
  title: string;
  snippet: string;
  rank: number;
}

// A case in the trash takes everything in it along: its records are not trashed one by one, so
// each query also joins the live case.
const QUERIES: Record<SearchType, string> = {
  claim: `SELECT 'claim' AS type, t.id, t.case_id AS caseId, NULL AS documentId, t.statement AS title,
            snippet(claims_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
            bm25(claims_fts, 2.0, 1.0) AS rank
          FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
          WHERE claims_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
          ORDER BY rank LIMIT @limit`,
  source: `SELECT 'source' AS type, t.id, NULL AS caseId, NULL AS documentId, t.name AS title,
            snippet(sources_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
            bm25(sources_fts, 4.0, 3.0, 1.0, 1.0, 0.5) AS rank
          FROM sources_fts JOIN sources t ON t.rowid = sources_fts.rowid
          WHERE sources_fts MATCH @match AND t.deleted_at IS NULL
          ORDER BY rank LIMIT @limit`,
  document: `SELECT 'document' AS type, t.id, t.case_id AS caseId, NULL AS documentId, t.title AS title,
            snippet(documents_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
            bm25(documents_fts, 4.0, 2.0, 1.0, 1.0) AS rank
          FROM documents_fts JOIN documents t ON t.rowid = documents_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
          WHERE documents_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
          ORDER BY rank LIMIT @limit`,
  excerpt: `SELECT 'excerpt' AS type, t.id, d.case_id AS caseId, d.id AS documentId, d.title AS title,
            snippet(excerpts_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
            bm25(excerpts_fts, 2.0, 1.0) AS rank
          FROM excerpts_fts JOIN excerpts t ON t.rowid = excerpts_fts.rowid JOIN documents d ON d.id = t.document_id
            JOIN cases k ON k.id = d.case_id AND k.deleted_at IS NULL
          WHERE excerpts_fts MATCH @match AND t.deleted_at IS NULL AND d.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId)
          ORDER BY rank LIMIT @limit`,
  note: `SELECT 'note' AS type, t.id, t.case_id AS caseId, NULL AS documentId, t.title AS title,
            snippet(notes_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
            bm25(notes_fts, 3.0, 1.0) AS rank
          FROM notes_fts JOIN notes t ON t.rowid = notes_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
          WHERE notes_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
          ORDER BY rank LIMIT @limit`,
};

/** Searches the chosen record types; hits from all of them, best (lowest bm25) first. */
export function search(
  db: DB,
  opts: { query: string; caseId?: string | null; types?: readonly SearchType[]; limit: number },
): { match: string | null; hits: SearchHit[] } {
  const match = toMatchExpression(opts.query);
  if (!match) return { match, hits: [] };
  const hits: SearchHit[] = [];
  for (const type of opts.types?.length ? opts.types : SEARCH_TYPES) {
    hits.push(...(db.prepare(QUERIES[type]).all({ match, caseId: opts.caseId ?? null, limit: opts.limit }) as SearchHit[]));
  }
  hits.sort((a, b) => a.rank - b.rank);
  return { match, hits: hits.slice(0, opts.limit) };
}
