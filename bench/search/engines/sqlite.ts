// Ours, through the same door as every caller (the dispatcher: zod, the handler, db/search.ts),
// and the floor under it: the FTS5 SQL that search.query runs for claims, prepared once.

import { dispatch } from '../../../core/dispatcher.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, INDEX_FIRST, PREFIX_WINDOW, toMatchExpression, type SearchType } from '../../../db/index.js';
import { scratchDb, TOKENIZER } from '../../../db/scratch.js';
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

// The claim queries db/search.ts runs (query(), rankedInIndex() and snippets(), type 'claim',
// no filters), word for word: keep them in step. The index ranks alone and hands over its best
// LIMIT × INDEX_FIRST, which are joined to their records (or, when that cannot be sure of the
// answer, every match is joined and sorted); a prefix ranks its newest PREFIX_WINDOW matches.
// Snippets of the kept: a word's from the library, a prefix's from a scratch index of the kept.
const COLUMNS = `'claim' AS type, t.id, t.case_id AS caseId, NULL AS documentId, t.statement AS title, t.rowid AS row, t.updated_at AS updated`;
const FROM = `FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL`;
const WHERE = `t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id IS NULL OR t.case_id = @caseId)`;
const SNIPPET = (table: string) => `snippet(${table}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16)`;
const JOINED = (window: string) =>
  `SELECT ${COLUMNS}, NULL AS snippet, bm25(claims_fts, 2.0, 1.0) AS rank ${FROM}
   WHERE claims_fts MATCH @match ${window} AND ${WHERE} ORDER BY rank, t.updated_at DESC LIMIT @limit`;
const BEST = (window: string) => `SELECT rowid AS row, bm25(claims_fts, 2.0, 1.0) AS rank FROM claims_fts WHERE claims_fts MATCH @match ${window} ORDER BY rank LIMIT ${LIMIT * INDEX_FIRST}`;
const RECORDS = `SELECT ${COLUMNS}, NULL AS snippet FROM claims t JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
                 WHERE t.rowid IN (SELECT value FROM json_each(@rows)) AND ${WHERE}`;
const SNIPPETS = `SELECT rowid AS row, ${SNIPPET('claims_fts')} AS snippet FROM claims_fts WHERE claims_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@rows))`;
const CUT = `SELECT rowid FROM claims_fts WHERE claims_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${PREFIX_WINDOW - 1}`;
const TEXTS = `SELECT rowid AS row, statement, quote FROM claims WHERE rowid IN (SELECT value FROM json_each(@rows))`;

type Row = { id: string; row: number; rank: number; updated: string };
const byRank = (a: Row, b: Row) => a.rank - b.rank || (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0);

/** The floor: those statements, prepared once, given the MATCH expression search.query would build. */
export const rawFts: EngineFactory = ({ ctx }) => {
  const db = ctx.db;
  const statements = {
    joined: db.prepare(JOINED('')),
    joinedWindow: db.prepare(JOINED('AND claims_fts.rowid >= @cut')),
    best: db.prepare(BEST('')),
    bestWindow: db.prepare(BEST('AND rowid >= @cut')),
    records: db.prepare(RECORDS),
    snippets: db.prepare(SNIPPETS),
    cut: db.prepare(CUT),
    texts: db.prepare(TEXTS),
  };
  const scratch = scratchDb();
  scratch.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS raw_floor USING fts5(statement, quote, ${TOKENIZER})`);
  const scratchInsert = scratch.prepare('INSERT INTO raw_floor(rowid, statement, quote) VALUES (@row, @statement, @quote)');
  const scratchSnippets = scratch.prepare(`SELECT rowid, ${SNIPPET('raw_floor')} AS snippet FROM raw_floor WHERE raw_floor MATCH ?`);
  const scratchClear = scratch.prepare('DELETE FROM raw_floor');
  const inIndex = (params: Record<string, unknown>, windowed: boolean): Row[] | null => {
    const best = (windowed ? statements.bestWindow : statements.best).all(params) as { row: number; rank: number }[];
    const rank = new Map(best.map((b) => [b.row, b.rank]));
    const rows = (statements.records.all({ ...params, rows: JSON.stringify(best.map((b) => b.row)) }) as Row[])
      .map((r) => ({ ...r, rank: rank.get(r.row)! }))
      .sort(byRank)
      .slice(0, LIMIT);
    if (best.length < LIMIT * INDEX_FIRST) return rows;
    return rows.length >= LIMIT && rows[LIMIT - 1]!.rank < best[best.length - 1]!.rank ? rows : null;
  };
  // toMatchExpression is search.query's work, not the floor's: computed before the timing.
  const matches = new Map<Query, string | null>();
  return {
    name: 'raw FTS5 SQL (claims)',
    inMemory: false,
    note: 'the claim queries of search.query (the index ranks alone and its best are joined to their records; a prefix ranks its newest 2,000 matches; then the snippets of the kept), prepared once, MATCH expression computed outside the timing',
    build: () => {},
    prepare: (queries) => queries.forEach((q) => matches.set(q, toMatchExpression(q.text))),
    search: (q): Answer => {
      const m = matches.get(q);
      if (m === undefined) throw new Error(`raw FTS5: query ${JSON.stringify(q.text)} was not prepared`);
      if (!m) return { ids: [] };
      const params = { match: m, caseId: null, limit: LIMIT };
      let rows: Row[] | null = null;
      if (m.includes('*')) {
        const at = statements.cut.get(params) as { rowid: number } | undefined;
        if (at) {
          const windowed = { ...params, cut: at.rowid };
          rows = inIndex(windowed, true) ?? (statements.joinedWindow.all(windowed) as Row[]);
          if (rows.length < LIMIT) rows = null;
        }
        rows ??= inIndex(params, false) ?? (statements.joined.all(params) as Row[]);
        const texts = statements.texts.all({ rows: JSON.stringify(rows.map((r) => r.row)) }) as { row: number; statement: string; quote: string | null }[];
        scratch.transaction(() => texts.forEach((t) => scratchInsert.run({ ...t, quote: t.quote ?? '' })))();
        scratchSnippets.all(m);
        scratchClear.run();
      } else {
        rows = inIndex(params, false) ?? (statements.joined.all(params) as Row[]);
        statements.snippets.all({ match: m, rows: JSON.stringify(rows.map((r) => r.row)) });
      }
      return { ids: rows.map((r) => r.id) };
    },
  };
};
