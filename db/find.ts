// The reads behind quick find (core/handlers/find.ts): every name and title of a kind, for the
// fuzzy index built over them, and the records whose words start with what was typed, from the
// FTS5 indexes, for the kinds too numerous to hold in memory.

import type { DB } from './open.js';
import type { ClaimStatus } from './types.js';
import { phrasesOf } from './search-window.js';

export const FIND_TYPES = ['case', 'source', 'claim', 'document', 'note', 'excerpt'] as const;
export type FindType = (typeof FIND_TYPES)[number];
/** The kinds found by name: few enough to match fuzzily in memory. */
export type NamedType = Exclude<FindType, 'claim' | 'excerpt'>;

export interface Found {
  type: FindType;
  id: string;
  caseId: string | null;
  title: string;
  subtitle: string;
  status?: ClaimStatus;
  /** For a marked passage: its document. */
  documentId?: string;
}

export interface Named extends Found {
  aliases: string[];
}

const NAMED_SQL: Record<NamedType, string> = {
  case: `SELECT 'case' AS type, id, id AS caseId, title, description AS subtitle, '[]' AS aliases FROM cases WHERE deleted_at IS NULL`,
  source: `SELECT 'source' AS type, id, NULL AS caseId, name AS title, role AS subtitle, aliases FROM sources WHERE deleted_at IS NULL`,
  document: `SELECT 'document' AS type, d.id, d.case_id AS caseId, d.title, trim(d.publisher || ' ' || coalesce(d.published_on, '')) AS subtitle, '[]' AS aliases
             FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.deleted_at IS NULL AND c.deleted_at IS NULL`,
  note: `SELECT 'note' AS type, n.id, n.case_id AS caseId, n.title, 'Note' AS subtitle, '[]' AS aliases
         FROM notes n JOIN cases c ON c.id = n.case_id WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL`,
};

/** Whether a kind has more than `n` live records, without reading them. */
export function moreNamedThan(db: DB, type: NamedType, n: number): boolean {
  return (db.prepare(`SELECT count(*) FROM (${NAMED_SQL[type]} LIMIT ?)`).pluck().get(n + 1) as number) > n;
}

/** Every live record of a kind by name (and, for sources, aliases). */
export function namedRecords(db: DB, type: NamedType): Named[] {
  const rows = db.prepare(NAMED_SQL[type]).all() as (Omit<Named, 'aliases'> & { aliases: string })[];
  return rows.map((r) => ({ ...r, aliases: JSON.parse(r.aliases) as string[] }));
}

/** Past this many matches (a short, common prefix), ranking them all would take longer than a
 * keystroke: the newest matches are shown instead, and ranking returns as words are added. */
export const RANKED_CLAIM_LIMIT = 1_000;

/**
 * How a picker orders the matches of `match` in `fts`: best first when there are few enough to
 * rank; else newest first. bm25 counts every record holding each phrase before it scores one,
 * so a phrase's own matches count too: "the cartel" matches few claims but "the" most of them.
 */
function pickerOrder(db: DB, fts: string, match: string, inColumns: (m: string) => string = (m) => m): string {
  const many = (m: string) => (db.prepare(`SELECT count(*) AS n FROM (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?)`).get(inColumns(m), RANKED_CLAIM_LIMIT + 1) as { n: number }).n > RANKED_CLAIM_LIMIT;
  return many(match) || phrasesOf(match).some((p) => p !== match && many(p)) ? `${fts}.rowid DESC` : `${fts}.rank`;
}

/** Documents whose title matches an FTS5 expression (toMatchExpression), best first or newest (pickerOrder). */
export function documentsByTitle(db: DB, match: string, caseId: string | undefined, limit: number): Found[] {
  // Titles only, for the count too: a prefix merged over every document's text costs a keystroke.
  const title = (m: string) => `{title} : (${m})`;
  const inTitle = title(match);
  return db
    .prepare(
      `SELECT 'document' AS type, d.id, d.case_id AS caseId, d.title, trim(d.publisher || ' ' || coalesce(d.published_on, '')) AS subtitle
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid JOIN cases c ON c.id = d.case_id
       WHERE documents_fts MATCH @match AND d.deleted_at IS NULL AND c.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId)
       ORDER BY ${pickerOrder(db, 'documents_fts', match, title)} LIMIT @limit`,
    )
    .all({ match: inTitle, caseId: caseId ?? null, limit }) as Found[];
}

/** A claim or passage can run to pages; a picker shows its start. */
const clipTitles = (found: Found[]): Found[] => found.map((f) => ({ ...f, title: f.title.slice(0, 300) }));

/** Claims matching an FTS5 expression, with who said them: best first or newest (pickerOrder). */
export function claimsByWords(db: DB, match: string, caseId: string | undefined, limit: number): Found[] {
  const found = db
    .prepare(
      `SELECT 'claim' AS type, t.id, t.case_id AS caseId, t.statement AS title, t.status,
         coalesce((SELECT group_concat(s.name, ', ') FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = t.id), '') AS subtitle
       FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases c ON c.id = t.case_id
       WHERE claims_fts MATCH @match AND t.deleted_at IS NULL AND c.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
       ORDER BY ${pickerOrder(db, 'claims_fts', match)} LIMIT @limit`,
    )
    .all({ match, caseId: caseId ?? null, limit }) as Found[];
  return clipTitles(found);
}

/** Marked passages matching an FTS5 expression, with their document's title: best first or newest (pickerOrder). */
export function excerptsByWords(db: DB, match: string, caseId: string | undefined, limit: number): Found[] {
  const found = db
    .prepare(
      `SELECT 'excerpt' AS type, t.id, d.case_id AS caseId, t.exact AS title, d.title AS subtitle, d.id AS documentId
       FROM excerpts_fts JOIN excerpts t ON t.rowid = excerpts_fts.rowid
         JOIN documents d ON d.id = t.document_id AND d.deleted_at IS NULL JOIN cases c ON c.id = d.case_id AND c.deleted_at IS NULL
       WHERE excerpts_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId)
       ORDER BY ${pickerOrder(db, 'excerpts_fts', match)} LIMIT @limit`,
    )
    .all({ match, caseId: caseId ?? null, limit }) as Found[];
  return clipTitles(found);
}
