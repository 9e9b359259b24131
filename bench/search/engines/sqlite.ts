// Ours, through the same door as every caller (the dispatcher: zod, the handler, db/search.ts),
// and the floor beside it: plain FTS5 SQL, prepared once.

import { dispatch } from '../../../core/dispatcher.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, toMatchExpression, type SearchType } from '../../../db/index.js';
import { LIMIT, RAW_ENGINE, type Answer, type EngineFactory, type Query } from '../types.js';

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

// The floor: FTS5 asked the plain way, the SQL a first version would run — every match scored
// by bm25 in the index alone, the best 50 joined to their records (and their live case), then
// the snippets of those 50. Prepared once; the MATCH expression search.query would build is
// computed outside the timing.
const BEST = `SELECT rowid AS row FROM claims_fts WHERE claims_fts MATCH @match ORDER BY bm25(claims_fts, 2.0, 1.0) LIMIT ${LIMIT}`;
const RECORDS = `SELECT t.id, t.rowid AS row FROM claims t JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
                 WHERE t.rowid IN (SELECT value FROM json_each(@rows)) AND t.deleted_at IS NULL`;
const SNIPPETS = `SELECT rowid AS row, snippet(claims_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet
                  FROM claims_fts WHERE claims_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@rows))`;

export const rawFts: EngineFactory = ({ ctx }) => {
  const db = ctx.db;
  const statements = { best: db.prepare(BEST), records: db.prepare(RECORDS), snippets: db.prepare(SNIPPETS) };
  const matches = new Map<Query, string | null>();
  return {
    name: RAW_ENGINE,
    inMemory: false,
    note: 'plain FTS5: every match scored by bm25 in the index, the best 50 joined to their records, then their snippets; prepared once, MATCH expression computed outside the timing',
    build: () => {},
    prepare: (queries) => queries.forEach((q) => matches.set(q, toMatchExpression(q.text))),
    search: (q): Answer => {
      const m = matches.get(q);
      if (m === undefined) throw new Error(`raw FTS5: query ${JSON.stringify(q.text)} was not prepared`);
      if (!m) return { ids: [] };
      const best = (statements.best.all({ match: m }) as { row: number }[]).map((b) => b.row);
      const order = new Map(best.map((row, i) => [row, i]));
      const rows = (statements.records.all({ rows: JSON.stringify(best) }) as { id: string; row: number }[]).sort((a, b) => order.get(a.row)! - order.get(b.row)!);
      statements.snippets.all({ match: m, rows: JSON.stringify(rows.map((r) => r.row)) });
      return { ids: rows.map((r) => r.id) };
    },
  };
};
