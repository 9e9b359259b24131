// Full-text search over the FTS5 indexes: ranked by bm25 with column weights (a claim's
// statement over its quote, a document's title over its body), recency breaking ties, filters
// from the query language (search-query.ts), and a spelling suggestion when a word matches
// nothing. User input reaches MATCH only as the quoted terms parseQuery builds.

import type { DB } from './open.js';
import { parseQuery, type Filters } from './search-query.js';
import { scratchDb, TOKENIZER } from './scratch.js';
import { suggestSpelling } from './spelling.js';

export { parseQuery, toMatchExpression, FILTER_FIELDS } from './search-query.js';

export const SEARCH_TYPES = ['claim', 'source', 'document', 'excerpt', 'note'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Marks around the matched words in snippets; the UI turns them into highlights. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface SearchHit {
  type: SearchType;
  id: string;
  caseId: string | null;
  /** For an excerpt, its document; for everything else, null. */
  documentId: string | null;
  title: string;
  snippet: string;
  rank: number;
  /** For a document or an excerpt: where in the document's text the match lies (to open it there). */
  offset: number | null;
}

interface TypeSpec {
  fts: string;
  table: string;
  /** JOINs after the record `t`: the live case where the record has one. */
  joins: string;
  title: string;
  caseId: string;
  documentId: string;
  /** bm25 weights, one per indexed column, in index order. */
  weights: string;
  /** Snippet text when a search has filters but no words. */
  plain: string;
  /** The date before:/after: compare, or null when the record has none. */
  date: string | null;
  /** A condition on @source_n (a name fragment), or null when the record has no source. */
  source: string | null;
  /** A condition on @tag_n, or null when the record takes no tags. */
  tag: string | null;
  /** The indexed columns, in index order, and the one that can be very long (see longSnippet). */
  long?: { columns: string[]; column: string };
}

const hasTag = (table: string, key: string) =>
  `EXISTS (SELECT 1 FROM ${table} x JOIN tags g ON g.id = x.tag_id WHERE x.${key} = t.id AND lower(g.name) = lower(@v))`;
const contains = (column: string) => `instr(lower(${column}), lower(@v)) > 0`;

// A case in the trash takes everything in it along: its records are not trashed one by one, so
// each query also joins the live case.
const TYPES: Record<SearchType, TypeSpec> = {
  claim: {
    fts: 'claims_fts',
    table: 'claims',
    joins: 'JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL',
    title: 't.statement',
    caseId: 't.case_id',
    documentId: 'NULL',
    weights: '2.0, 1.0',
    plain: 't.statement',
    date: 't.said_on',
    source: `EXISTS (SELECT 1 FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = t.id AND (${contains('s.name')} OR ${contains('s.aliases')}))`,
    tag: hasTag('claim_tags', 'claim_id'),
  },
  source: {
    fts: 'sources_fts',
    table: 'sources',
    joins: '',
    title: 't.name',
    caseId: 'NULL',
    documentId: 'NULL',
    weights: '4.0, 3.0, 1.0, 1.0, 0.5',
    plain: 't.role',
    date: null,
    source: `(${contains('t.name')} OR ${contains('t.aliases')})`,
    tag: hasTag('source_tags', 'source_id'),
  },
  document: {
    fts: 'documents_fts',
    table: 'documents',
    joins: 'JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL',
    title: 't.title',
    caseId: 't.case_id',
    documentId: 'NULL',
    weights: '4.0, 2.0, 1.0, 1.0',
    plain: 'substr(t.text, 1, 200)',
    date: 't.published_on',
    source: `(${contains('t.author')} OR ${contains('t.publisher')})`,
    tag: hasTag('document_tags', 'document_id'),
    long: { columns: ['title', 'author', 'publisher', 'text'], column: 'text' },
  },
  excerpt: {
    fts: 'excerpts_fts',
    table: 'excerpts',
    joins: 'JOIN documents d ON d.id = t.document_id AND d.deleted_at IS NULL JOIN cases k ON k.id = d.case_id AND k.deleted_at IS NULL',
    title: 'd.title',
    caseId: 'd.case_id',
    documentId: 'd.id',
    weights: '2.0, 1.0',
    plain: 't.exact',
    date: 'd.published_on',
    source: null,
    tag: null,
  },
  note: {
    fts: 'notes_fts',
    table: 'notes',
    joins: 'JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL',
    title: 't.title',
    caseId: 't.case_id',
    documentId: 'NULL',
    weights: '3.0, 1.0',
    plain: 'substr(t.text, 1, 200)',
    date: 'substr(t.updated_at, 1, 10)',
    source: null,
    tag: null,
    long: { columns: ['title', 'text'], column: 'text' },
  },
};

/** The types a query can reach: type: names them, and a filter a type cannot meet leaves it out. */
function reachable(filters: Filters, asked: readonly SearchType[]): SearchType[] {
  const named = filters.type?.map((t) => t.toLowerCase().replace(/s$/, '')) ?? [];
  return asked.filter((type) => {
    const spec = TYPES[type];
    if (named.length && !named.includes(type)) return false;
    if (filters.status && type !== 'claim') return false;
    if ((filters.before || filters.after) && !spec.date) return false;
    if (filters.source && !spec.source) return false;
    if (filters.tag && !spec.tag) return false;
    if (filters.case && spec.caseId === 'NULL') return false;
    return true;
  });
}

/** SQL conditions (and their parameters) for the filters, for one type. */
function conditions(spec: TypeSpec, filters: Filters, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  let n = 0;
  // Several values of one field are alternatives: status:disputed status:false.
  const anyOf = (values: string[] | undefined, sql: (param: string) => string) => {
    if (!values?.length) return;
    out.push(`(${values.map((v) => {
      const p = `f${n++}`;
      params[p] = v;
      return sql(p);
    }).join(' OR ')})`);
  };
  const bind = (template: string) => (p: string) => template.replaceAll('@v', `@${p}`);
  anyOf(filters.status, (p) => `t.status = lower(@${p})`);
  if (spec.source) anyOf(filters.source, bind(spec.source));
  if (spec.tag) anyOf(filters.tag, bind(spec.tag));
  anyOf(filters.case, (p) => `(${spec.caseId} = @${p} OR ${spec.caseId} IN (SELECT id FROM cases WHERE instr(lower(title), lower(@${p})) > 0))`);
  // Dates are partial ISO strings and sort as text: before:2021-06 is anything earlier than June 2021.
  if (spec.date) {
    anyOf(filters.before, (p) => `${spec.date} < @${p}`);
    anyOf(filters.after, (p) => `${spec.date} >= @${p}`);
  }
  return out;
}

/** A hit as ranked, before its snippet is made: the index row it came from, and its recency. */
type Ranked = Omit<SearchHit, 'offset' | 'snippet'> & { snippet: string | null; row: number; updated: string };

/**
 * A prefix matching more records than this in one index ("fen*" as the reporter starts typing)
 * is ranked among its newest this-many matches only. Ranking costs in proportion to the matches:
 * at 100,000 claims a 3–5 letter prefix matches a median 8,000 of them, and ranking them all
 * took a median 83 ms (p95 520 ms) where the newest 2,000 take 27 ms (p95 131 ms), side by side.
 * The answer says so (`narrowed`), and a prefix narrowed to fewer results than asked for is
 * ranked again in full, so a filter can never hide an older match.
 */
export const PREFIX_WINDOW = 2_000;

/**
 * The best `limit` records of one type. Words are ranked without snippets, and snippets made
 * for the records kept afterwards (snippets()): SQLite computes every column of every match
 * before it sorts, and a snippet tokenizes the text around the match, which for a common word in
 * 10,000 long documents was most of the time (median 82 → 33 ms). A prefix is the other way
 * round: re-running its MATCH for the snippets expands the prefix again and costs more than it
 * saves (median 77 → 230 ms), so its snippets come with the ranking, over a bounded window.
 */
function query(db: DB, type: SearchType, match: string | null, filters: Filters, caseId: string | null, limit: number): { rows: Ranked[]; narrowed: boolean } {
  const spec = TYPES[type];
  const params: Record<string, unknown> = { caseId, limit };
  const where = ['t.deleted_at IS NULL', `(@caseId IS NULL OR ${spec.caseId} IS NULL OR ${spec.caseId} = @caseId)`, ...conditions(spec, filters, params)];
  const columns = `'${type}' AS type, t.id, ${spec.caseId} AS caseId, ${spec.documentId} AS documentId, ${spec.title} AS title, t.rowid AS row, t.updated_at AS updated`;
  if (!match) {
    const sql = `SELECT ${columns}, coalesce(${spec.plain}, '') AS snippet, 0 AS rank FROM ${spec.table} t ${spec.joins}
                 WHERE ${where.join(' AND ')} ORDER BY t.updated_at DESC LIMIT @limit`;
    return { rows: db.prepare(sql).all(params) as Ranked[], narrowed: false };
  }
  params.match = match;
  const prefix = isPrefix(match);
  const fragment = `snippet(${spec.fts}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16)`;
  // A very long text gets its snippet afterwards, if it is kept (longSnippet); NULL marks it.
  const snippet = !prefix ? "''" : spec.long ? `CASE WHEN length(t.${spec.long.column}) > ${LONG_TEXT} THEN NULL ELSE ${fragment} END` : fragment;
  const ranked = (window: string) =>
    db
      .prepare(`SELECT ${columns}, ${snippet} AS snippet, bm25(${spec.fts}, ${spec.weights}) AS rank
                FROM ${spec.fts} JOIN ${spec.table} t ON t.rowid = ${spec.fts}.rowid ${spec.joins}
                WHERE ${spec.fts} MATCH @match ${window} AND ${where.join(' AND ')}
                ORDER BY rank, t.updated_at DESC LIMIT @limit`)
      .all(params) as Ranked[];
  if (prefix) {
    const cut = db.prepare(`SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${PREFIX_WINDOW - 1}`).get(params) as { rowid: number } | undefined;
    if (cut) {
      const rows = ranked(`AND ${spec.fts}.rowid >= ${cut.rowid}`);
      if (rows.length >= limit) return { rows, narrowed: true };
    }
  }
  return { rows: ranked(''), narrowed: false };
}

/** Whether an expression from parseQuery holds a prefix term: `*` can come from nowhere else. */
const isPrefix = (match: string) => match.includes('*');

/**
 * A text longer than this gets its snippet from the part of it that matches best (longSnippet):
 * FTS5's snippet() weighs every fragment of a column against every match, at a cost that grows
 * with the square of the text — measured: 25,000 words 42 ms, 100,000 words 0.66 s, 200,000
 * words 2.6 s, for one document with a common word.
 */
export const LONG_TEXT = 64 * 1024;
const CHUNK = 16 * 1024;
const OVERLAP = 512;

/** [start, end) of overlapping parts of a text, cut at spaces (a phrase across a cut is in the overlap). */
function chunks(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (;;) {
    if (text.length - start <= CHUNK) return [...out, [start, text.length]];
    const space = text.lastIndexOf(' ', start + CHUNK);
    const end = space > start + CHUNK / 2 ? space : start + CHUNK;
    out.push([start, end]);
    const next = text.indexOf(' ', end - OVERLAP);
    start = next > start && next < end ? next + 1 : end;
  }
}

/**
 * The snippet of one record whose long column is past LONG_TEXT: its parts are indexed in the
 * scratch connection with the same tokenizer and weights, and FTS5 makes the snippet from the
 * part that ranks best, so the cost is linear in the text.
 */
function longSnippet(db: DB, type: SearchType, match: string, row: number): string {
  const spec = TYPES[type];
  const { columns, column } = spec.long!;
  const record = db.prepare(`SELECT ${columns.join(', ')} FROM ${spec.table} WHERE rowid = ?`).get(row) as Record<string, string | null> | undefined;
  if (!record) return '';
  const text = record[column] ?? '';
  const table = `long_${spec.table}`;
  const scratch = scratchDb();
  scratch.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING fts5(${columns.join(', ')}, ${TOKENIZER})`);
  const insert = scratch.prepare(`INSERT INTO ${table}(rowid, ${columns.join(', ')}) VALUES (@rowid, ${columns.map((c) => `@${c}`).join(', ')})`);
  const parts = chunks(text);
  try {
    scratch.transaction(() => {
      parts.forEach(([start, end], i) => {
        // The short columns (a title) once, with the first part.
        const values = Object.fromEntries(columns.map((c) => [c, i === 0 ? (record[c] ?? '') : '']));
        insert.run({ ...values, [column]: text.slice(start, end), rowid: i + 1 });
      });
    })();
    const best = scratch
      .prepare(`SELECT rowid, snippet(${table}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}, ${spec.weights}) LIMIT 1`)
      .get(match) as { rowid: number; snippet: string } | undefined;
    if (!best) return '';
    // A part that starts inside the text: its first words are not the text's.
    return best.rowid > 1 && !best.snippet.startsWith('…') ? `…${best.snippet}` : best.snippet;
  } finally {
    scratch.prepare(`DELETE FROM ${table}`).run();
  }
}

/** The snippets of the hits kept, one statement per type, the matched words marked. */
function snippets(db: DB, match: string, hits: Ranked[]): void {
  for (const type of new Set(hits.map((h) => h.type))) {
    const { fts, long, table } = TYPES[type];
    let ofType = hits.filter((h) => h.type === type);
    if (long) {
      const lengths = db
        .prepare(`SELECT rowid AS row, length(${long.column}) AS n FROM ${table} WHERE rowid IN (SELECT value FROM json_each(@rows))`)
        .all({ rows: JSON.stringify(ofType.map((h) => h.row)) }) as { row: number; n: number }[];
      const isLong = new Set(lengths.filter((l) => l.n > LONG_TEXT).map((l) => l.row));
      for (const h of ofType) if (isLong.has(h.row)) h.snippet = longSnippet(db, type, match, h.row);
      ofType = ofType.filter((h) => !isLong.has(h.row));
    }
    const rows = db
      .prepare(`SELECT rowid AS row, snippet(${fts}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet
                FROM ${fts} WHERE ${fts} MATCH @match AND rowid IN (SELECT value FROM json_each(@rows))`)
      .all({ match, rows: JSON.stringify(ofType.map((h) => h.row)) }) as { row: number; snippet: string | null }[];
    const byRow = new Map(rows.map((r) => [r.row, r.snippet ?? '']));
    for (const h of ofType) h.snippet = byRow.get(h.row) ?? '';
  }
}

/** Where the first highlighted word of a document hit lies in its text, so it opens there. */
function locate(db: DB, hit: SearchHit): number | null {
  if (hit.type === 'excerpt') return (db.prepare('SELECT start_offset AS o FROM excerpts WHERE id = ?').get(hit.id) as { o: number }).o;
  if (hit.type !== 'document') return null;
  const word = hit.snippet.split(HIGHLIGHT_START)[1]?.split(HIGHLIGHT_END)[0];
  if (!word) return null;
  const at = (db.prepare('SELECT instr(lower(text), lower(?)) AS at FROM documents WHERE id = ?').get(word, hit.id) as { at: number }).at;
  return at > 0 ? at - 1 : null;
}

export interface SearchResult {
  /** The FTS5 expression that ran (for the curious and for tests). */
  match: string | null;
  hits: SearchHit[];
  /** When a word matched nothing: the query searched instead, with it corrected. */
  suggestion?: string;
  /**
   * A prefix matched more than PREFIX_WINDOW records of a kind: the hits are the best among the
   * newest of them. Typing more letters narrows it.
   */
  narrowed?: boolean;
}

function run(db: DB, text: string, opts: { caseId?: string | null; types?: readonly SearchType[]; limit: number }): SearchResult & { words: string[] } {
  const { match, filters, words } = parseQuery(text);
  if (!match && !Object.keys(filters).length) return { match, hits: [], words };
  const ranked: Ranked[] = [];
  let narrowed = false;
  for (const type of reachable(filters, opts.types?.length ? opts.types : SEARCH_TYPES)) {
    const found = query(db, type, match, filters, opts.caseId ?? null, opts.limit);
    ranked.push(...found.rows);
    narrowed ||= found.narrowed;
  }
  // Best first; among equals (a word in two records of the same length), the newer.
  ranked.sort((a, b) => a.rank - b.rank || (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const kept = ranked.slice(0, opts.limit);
  if (match && !isPrefix(match)) snippets(db, match, kept);
  else if (match) for (const h of kept) if (h.snippet === null) h.snippet = longSnippet(db, h.type, match, h.row);
  const hits = kept.map(({ row: _row, updated: _updated, snippet, ...h }): SearchHit => {
    const hit = { ...h, snippet: snippet ?? '', offset: null };
    return { ...hit, offset: locate(db, hit) };
  });
  return { match, hits, words, ...(narrowed ? { narrowed } : {}) };
}

/** Searches the chosen record types; hits from all of them, best first. */
export function search(db: DB, opts: { query: string; caseId?: string | null; types?: readonly SearchType[]; limit: number }): SearchResult {
  const { words, ...result } = run(db, opts.query, opts);
  if (result.hits.length || !words.length) return result;
  const corrected = suggestSpelling(db, opts.query, words);
  if (!corrected) return result;
  const retry = run(db, corrected.searched, opts);
  return retry.hits.length ? { match: retry.match, hits: retry.hits, suggestion: corrected.suggestion } : result;
}
