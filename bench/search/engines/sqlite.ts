// Ours, through the same door as every caller (the dispatcher: zod, the handler, db/search.ts),
// and the floor under it: the FTS5 SQL that search.query runs for claims, prepared once.

import { dispatch } from '../../../core/dispatcher.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, PREFIX_WINDOW, toMatchExpression, type SearchType } from '../../../db/index.js';
import { LIMIT, type Answer, type EngineFactory, type Query } from '../types.js';

/** `search.query`, asked for claims only or (no types) for everything it indexes. */
export const searchQuery =
  (types?: SearchType[]): EngineFactory =>
  ({ ctx }) => ({
    name: types ? `search.query (${types.join(', ')})` : 'search.query (all types)',
    inMemory: false,
    build: () => {},
    search: (q) => {
      const res = dispatch(ctx, 'search.query', types ? { query: q.text, types } : { query: q.text });
      if (!res.ok) throw new Error(`search.query ${JSON.stringify(q.text)}: ${res.error.message}`);
      const value = res.value as { hits: { id: string }[]; suggestion?: string };
      return { ids: value.hits.map((h) => h.id), ...(value.suggestion ? { suggestion: value.suggestion } : {}) };
    },
  });

// The claim queries db/search.ts runs (query() and snippets(), type 'claim', words and no
// filters), word for word: keep them in step. Words: the ranking, then the snippets of the kept.
// A prefix: how many newest matches to rank (PREFIX_WINDOW), then the ranking with its snippets.
const COLUMNS = `'claim' AS type, t.id, t.case_id AS caseId, NULL AS documentId, t.statement AS title, t.rowid AS row, t.updated_at AS updated`;
const FROM = `FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL`;
const WHERE = `t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id IS NULL OR t.case_id = @caseId)`;
const SNIPPET = `snippet(claims_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16)`;
const RANKED = (snippet: string, window: string) =>
  `SELECT ${COLUMNS}, ${snippet} AS snippet, bm25(claims_fts, 2.0, 1.0) AS rank ${FROM}
   WHERE claims_fts MATCH @match ${window} AND ${WHERE} ORDER BY rank, t.updated_at DESC LIMIT @limit`;
const SNIPPETS = `SELECT rowid AS row, ${SNIPPET} AS snippet FROM claims_fts WHERE claims_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@rows))`;
const CUT = `SELECT rowid FROM claims_fts WHERE claims_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${PREFIX_WINDOW - 1}`;

/** The floor: those statements, prepared once, given the MATCH expression search.query would build. */
export const rawFts: EngineFactory = ({ ctx }) => {
  const words = ctx.db.prepare(RANKED("''", ''));
  const snippets = ctx.db.prepare(SNIPPETS);
  const cut = ctx.db.prepare(CUT);
  const prefixWindowed = ctx.db.prepare(RANKED(SNIPPET, 'AND claims_fts.rowid >= @cut'));
  const prefixFull = ctx.db.prepare(RANKED(SNIPPET, ''));
  // toMatchExpression is search.query's work, not the floor's: computed before the timing.
  const matches = new Map<Query, string | null>();
  return {
    name: 'raw FTS5 SQL (claims)',
    inMemory: false,
    note: 'the claim queries of search.query (words: ranking, then snippets of the kept; a prefix: its newest 2,000 matches ranked with snippets), prepared once, MATCH expression computed outside the timing',
    build: () => {},
    prepare: (queries) => queries.forEach((q) => matches.set(q, toMatchExpression(q.text))),
    search: (q): Answer => {
      const m = matches.get(q);
      if (m === undefined) throw new Error(`raw FTS5: query ${JSON.stringify(q.text)} was not prepared`);
      if (!m) return { ids: [] };
      const params = { match: m, caseId: null, limit: LIMIT };
      let rows: { id: string; row: number }[];
      if (m.includes('*')) {
        const at = cut.get(params) as { rowid: number } | undefined;
        rows = at ? (prefixWindowed.all({ ...params, cut: at.rowid }) as typeof rows) : [];
        if (rows.length < LIMIT) rows = prefixFull.all(params) as typeof rows;
      } else {
        rows = words.all(params) as typeof rows;
        snippets.all({ match: m, rows: JSON.stringify(rows.map((r) => r.row)) });
      }
      return { ids: rows.map((r) => r.id) };
    },
  };
};
