// Full-text search over the FTS5 indexes: ranked by bm25 with column weights (a claim's
// statement over its quote, a document's title over its body), recency breaking ties, filters
// from the query language (search-query.ts), and a spelling suggestion when a word matches
// nothing. User input reaches MATCH only as the quoted terms parseQuery builds.

import { randomBytes } from 'node:crypto';
import { oneLine } from './display-text.js';
import type { DB } from './open.js';
import { parseQuery, type Filters } from './search-query.js';
import { scratchDb, TOKENIZER } from './scratch.js';
import { recordsHolding, suggestSpelling, type Index } from './spelling.js';
import { aboutFrom, planRanking, RANK_LIMITS, type RankLimits } from './search-window.js';

export { parseQuery, toMatchExpression, FILTER_FIELDS, TYPED_PREFIX_MIN } from './search-query.js';

export const SEARCH_TYPES = ['claim', 'source', 'document', 'excerpt', 'note'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Marks around the matched words in snippets; the UI turns them into highlights. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

// snippet() marks the matches with these instead: a record's own text may hold the two control
// characters above (and a planted pair would fake a highlight), so its controls are removed first
// (oneLine) and only then do these marks, which no record can know, become the real ones.
const NONCE = randomBytes(8).toString('hex');
const MARK_START = `\ue000${NONCE}\ue001`;
const MARK_END = `\ue001${NONCE}\ue000`;

/** A snippet as shown: no control character of the record's, the matches marked. */
function visibleSnippet(raw: string): string {
  return oneLine(raw).replaceAll(MARK_START, HIGHLIGHT_START).replaceAll(MARK_END, HIGHLIGHT_END);
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
  /** The indexed columns, in index order, as the migrations define them. */
  columns: readonly string[];
  /** The column that can be very long (see longSnippet). */
  long?: string;
}

const hasTag = (table: string, key: string) =>
  `EXISTS (SELECT 1 FROM ${table} x JOIN tags g ON g.id = x.tag_id WHERE x.${key} = t.id AND lower(g.name) = lower(@v))`;
const contains = (column: string) => `instr(lower(${column}), lower(@v)) > 0`;

// A case in the trash takes everything in it along: its records are not trashed one by one, so
// each query also joins the live case.
/** The columns of each full-text index as the schema has them today (migration 6 made them so). */
const INDEXES = {
  claims: ['statement', 'quote'],
  sources: ['name', 'aliases', 'role', 'description', 'notes'],
  documents: ['title', 'author', 'publisher', 'text'],
  excerpts: ['exact', 'comment'],
  notes: ['title', 'text'],
} as const satisfies Record<string, readonly string[]>;

const TYPES: Record<SearchType, TypeSpec> = {
  claim: {
    fts: 'claims_fts',
    table: 'claims',
    joins: 'JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL',
    title: 't.statement',
    caseId: 't.case_id',
    documentId: 'NULL',
    weights: '2.0, 1.0',
    columns: INDEXES.claims,
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
    columns: INDEXES.sources,
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
    columns: INDEXES.documents,
    long: 'text',
  },
  excerpt: {
    fts: 'excerpts_fts',
    table: 'excerpts',
    joins: 'JOIN documents d ON d.id = t.document_id AND d.deleted_at IS NULL JOIN cases k ON k.id = d.case_id AND k.deleted_at IS NULL',
    title: 'd.title',
    caseId: 'd.case_id',
    documentId: 'd.id',
    weights: '2.0, 1.0',
    columns: INDEXES.excerpts,
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
    columns: INDEXES.notes,
    long: 'text',
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
type Ranked = Omit<SearchHit, 'offset' | 'snippet'> & { snippet: string | null; row: number; updated: string; exact?: boolean };

/** Measured at 100,000 documents of 2–20 KB: the newest 10,000 holding "the" scored in 22–120 ms, 1,000 in 5 ms. */
const LONG_SHARE = 10;

/** A prefix's rank window (search-window.ts), for callers that mirror search's queries. */
export const PREFIX_WINDOW = RANK_LIMITS.prefixWindow;

/** One type's best hits, and how they were ranked when not all matches were (search-window.ts). */
interface Found {
  rows: Ranked[];
  narrowed?: boolean;
  unranked?: boolean;
  /** About how many records of the type matched, when not every match was ranked. */
  about?: number;
}

/**
 * The best `limit` records of one type, without their snippets (snippets() makes them for the
 * hits kept: SQLite computes every column of every match before it sorts, and a snippet
 * tokenizes the text around the match — for a prefix in 10,000 documents of 2–20 KB, 48 ms of
 * the 53). The index ranks on its own first (rankedInIndex); the records are joined to it only
 * when that cannot be sure of the answer. A word, phrase or prefix with more matches than can be
 * ranked within a keystroke is ranked among its newest matches, or not at all
 * (search-window.ts); when a filter leaves too few of the window, all matches are ranked if
 * that can be afforded, else the newest matching ones are shown, so a filter never hides an
 * older match.
 */
function query(db: DB, type: SearchType, match: string | null, filters: Filters, caseId: string | null, limit: number, limits: RankLimits, exact: readonly string[] = []): Found {
  const spec = TYPES[type];
  const params: Record<string, unknown> = { caseId, limit };
  const where = ['t.deleted_at IS NULL', `(@caseId IS NULL OR ${spec.caseId} IS NULL OR ${spec.caseId} = @caseId)`, ...conditions(spec, filters, params)];
  const columns = `'${type}' AS type, t.id, ${spec.caseId} AS caseId, ${spec.documentId} AS documentId, ${spec.title} AS title, t.rowid AS row, t.updated_at AS updated`;
  if (!match) {
    const sql = `SELECT ${columns}, coalesce(${spec.plain}, '') AS snippet, 0 AS rank FROM ${spec.table} t ${spec.joins}
                 WHERE ${where.join(' AND ')} ORDER BY t.updated_at DESC LIMIT @limit`;
    return { rows: db.prepare(sql).all(params) as Ranked[] };
  }
  params.match = match;
  const joined = (window: string) =>
    db
      .prepare(`SELECT ${columns}, NULL AS snippet, bm25(${spec.fts}, ${spec.weights}) AS rank
                FROM ${spec.fts} JOIN ${spec.table} t ON t.rowid = ${spec.fts}.rowid ${spec.joins}
                WHERE ${spec.fts} MATCH @match ${window} AND ${where.join(' AND ')}
                ORDER BY rank, t.updated_at DESC LIMIT @limit`)
      .all(params) as Ranked[];
  const asWritten = exact.length ? recordsHolding(db, spec.table as Index, exact) : null;
  if (asWritten?.length) {
    // A corrected word, searched stemmed, matches every form of it ("witnesses" finds witness,
    // witnessed…): the records holding the word as written come first, ranked among themselves.
    params.exact = JSON.stringify(asWritten);
    const first = joined(`AND ${spec.fts}.rowid IN (SELECT value FROM json_each(@exact))`).map((r) => ({ ...r, exact: true }));
    if (first.length >= limit) return { rows: first };
    const seen = new Set(first.map((r) => r.row));
    const rest = query(db, type, match, filters, caseId, limit, limits);
    return { ...rest, rows: [...first, ...rest.rows.filter((r) => !seen.has(r.row))].slice(0, limit) };
  }
  const all = () => rankedInIndex(db, spec, columns, where, params, limit, '') ?? joined('');
  // A long text's matches cost far more to score (many positions each): a tenth of the window.
  const plan = planRanking(db, spec.fts, spec.table, match, spec.long ? { ...limits, window: limits.window / LONG_SHARE, prefixWindow: limits.prefixWindow / LONG_SHARE } : limits);
  if (plan.rank === 'all') return { rows: all() };
  if (plan.rank === 'window') {
    // The cut as a parameter: one statement for every query, not one per cut in the cache.
    params.cut = plan.cut;
    const window = `AND ${spec.fts}.rowid >= @cut`;
    const rows = rankedInIndex(db, spec, columns, where, params, limit, window) ?? joined(window);
    if (rows.length >= limit) return { rows, narrowed: true, about: plan.about };
    if (plan.fullCost <= limits.budget) return { rows: all() };
  }
  // Newest first, the order FTS5 keeps its lists in: it stops at the limit-th match kept.
  const newest = db
    .prepare(`SELECT ${columns}, NULL AS snippet, 0 AS rank
              FROM ${spec.fts} JOIN ${spec.table} t ON t.rowid = ${spec.fts}.rowid ${spec.joins}
              WHERE ${spec.fts} MATCH @match AND ${where.join(' AND ')}
              ORDER BY ${spec.fts}.rowid DESC LIMIT @limit`)
    .all(params) as Ranked[];
  return { rows: newest, unranked: true, about: plan.about ?? aboutFrom(db, spec.table, newest.map((r) => r.row), limit) };
}

/** How many more index rows than asked for rankedInIndex takes, to make up for the filtered-out. */
export const INDEX_FIRST = 4;

/**
 * The best `limit` records ranked in the index alone, before any record is read, or null when
 * that cannot be sure to be the answer. SQLite joins every match to its record (and its case)
 * before it sorts, which for a common word is most of the time: "fentanyl" in 23,684 of 100,000
 * claims took 10 ms to rank in FTS5 alone and 40 ms joined. So FTS5 ranks on its own and hands
 * over its best limit × INDEX_FIRST; those are joined and filtered. The answer is exact when the
 * index ran out of matches, or when the last record kept ranks strictly better than the last
 * the index handed over: every match ranking better than that was handed over, equals
 * included. Otherwise (a filter left too few, or ties reach the cut) the caller joins first.
 */
function rankedInIndex(db: DB, spec: TypeSpec, columns: string, where: string[], params: Record<string, unknown>, limit: number, window: string): Ranked[] | null {
  const take = limit * INDEX_FIRST;
  const best = db
    .prepare(`SELECT rowid AS row, bm25(${spec.fts}, ${spec.weights}) AS rank FROM ${spec.fts} WHERE ${spec.fts} MATCH @match ${window} ORDER BY rank LIMIT ${take}`)
    .all({ match: params.match, cut: params.cut }) as { row: number; rank: number }[];
  if (!best.length) return [];
  const rank = new Map(best.map((b) => [b.row, b.rank]));
  const rows = (
    db
      .prepare(`SELECT ${columns}, NULL AS snippet FROM ${spec.table} t ${spec.joins}
                WHERE t.rowid IN (SELECT value FROM json_each(@rows)) AND ${where.join(' AND ')}`)
      .all({ ...params, rows: JSON.stringify(best.map((b) => b.row)) }) as Omit<Ranked, 'rank'>[]
  )
    .map((r) => ({ ...r, rank: rank.get(r.row)! }))
    .sort(byRank)
    .slice(0, limit);
  if (best.length < take) return rows;
  const cut = best[best.length - 1]!.rank;
  return rows.length >= limit && rows[limit - 1]!.rank < cut ? rows : null;
}

/** Best first; among equals (a word in two records of the same length), the newer. */
const byRank = (a: Ranked, b: Ranked) => a.rank - b.rank || (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0);

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

/** A scratch FTS5 table like the index of `type`, for snippets of text put in it (scratch.ts). */
function scratchTable(type: SearchType, use: 'long' | 'hits') {
  const { columns, table } = TYPES[type];
  const name = `${use}_${table}`;
  const scratch = scratchDb();
  scratch.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING fts5(${columns.join(', ')}, ${TOKENIZER})`);
  return {
    name,
    scratch,
    insert: scratch.prepare(`INSERT INTO ${name}(rowid, ${columns.join(', ')}) VALUES (@rowid, ${columns.map((c) => `@${c}`).join(', ')})`),
    clear: () => scratch.prepare(`DELETE FROM ${name}`).run(),
  };
}

const fragment = (table: string) => `snippet(${table}, -1, '${MARK_START}', '${MARK_END}', '…', 16)`;

/**
 * The snippet of one record whose long column is past LONG_TEXT: its parts are indexed in the
 * scratch connection with the same tokenizer and weights, and FTS5 makes the snippet from the
 * part that ranks best, so the cost is linear in the text.
 */
function longSnippet(type: SearchType, match: string, record: Record<string, string | null>): string {
  const spec = TYPES[type];
  const column = spec.long!;
  const text = record[column] ?? '';
  const { name, scratch, insert, clear } = scratchTable(type, 'long');
  const parts = chunks(text);
  try {
    scratch.transaction(() => {
      parts.forEach(([start, end], i) => {
        // The short columns (a title) once, with the first part.
        const values = Object.fromEntries(spec.columns.map((c) => [c, i === 0 ? (record[c] ?? '') : '']));
        insert.run({ ...values, [column]: text.slice(start, end), rowid: i + 1 });
      });
    })();
    const best = scratch.prepare(`SELECT rowid, ${fragment(name)} AS snippet FROM ${name} WHERE ${name} MATCH ? ORDER BY bm25(${name}, ${spec.weights}) LIMIT 1`).get(match) as { rowid: number; snippet: string } | undefined;
    if (!best) return '';
    // A part that starts inside the text: its first words are not the text's.
    return best.rowid > 1 && !best.snippet.startsWith('…') ? `…${best.snippet}` : best.snippet;
  } finally {
    clear();
  }
}

/**
 * How much of a document's or note's text is copied for its snippet first (HEAD): a word common
 * enough to rank a document in a million-claim library is nearly always in its first lines.
 */
export const HEAD = 2_048;

/** The text up to about `HEAD` characters, cut at a space; the whole text when it is shorter. */
function head(text: string): { text: string; cut: boolean } {
  if (text.length <= HEAD) return { text, cut: false };
  const space = text.lastIndexOf(' ', HEAD);
  return { text: text.slice(0, space > HEAD / 2 ? space : HEAD), cut: true };
}

/**
 * The snippets of the hits kept, one statement per type, the matched words marked. A word's
 * MATCH is cheap to run again over the hits kept, in the library. A prefix's may not be: FTS5
 * merges the lists of every word that starts so, whichever rows are asked for (at 100,000
 * claims, a median 7.8 → 16 ms, p95 22 → 54 ms). So the hits of a prefix in short records
 * (claims, sources, passages) are copied into a scratch index and FTS5 makes their snippets
 * there: snippet() weighs only the record's own text, so it picks the same part. A document or
 * note is too long to copy whole for every keystroke, and snippet() reads all of it in the
 * library (50 documents of 2–20 KB holding "the": 30–80 ms at 100,000 documents); so its first
 * HEAD characters are copied and the snippet made from them, and only a record whose head holds
 * no match gets its snippet from the library. (That snippet shows the first match rather than
 * the best of the whole text: both are true matches.) A very long text gets its snippet from its
 * best part (longSnippet), for words and prefixes.
 */
function snippets(db: DB, match: string, hits: Ranked[]): void {
  for (const type of new Set(hits.map((h) => h.type))) {
    const spec = TYPES[type];
    const prefix = isPrefix(match) && !spec.long;
    const ofType = hits.filter((h) => h.type === type);
    const rows = JSON.stringify(ofType.map((h) => h.row));
    const byRow = new Map<number, string>();
    if (prefix || spec.long) {
      // The records' text, where it is needed: a prefix's hits, or a long type's.
      const long = spec.long ? `length(${spec.long}) > ${LONG_TEXT}` : '0';
      const records = db
        .prepare(`SELECT rowid AS row, ${long} AS long, ${spec.columns.join(', ')} FROM ${spec.table} WHERE rowid IN (SELECT value FROM json_each(@rows))`)
        .all({ rows }) as ({ row: number; long: number } & Record<string, string | null>)[];
      for (const r of records) if (r.long) byRow.set(r.row, longSnippet(type, match, r));
      const short = records.filter((r) => !r.long).map((r) => ({ r, ...(spec.long ? head(r[spec.long] ?? '') : { text: '', cut: false }) }));
      if (short.length) {
        const { name, scratch, insert, clear } = scratchTable(type, 'hits');
        const cut = new Set(short.filter((s) => s.cut).map((s) => s.r.row));
        try {
          scratch.transaction(() => {
            for (const { r, text } of short) insert.run({ ...Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? ''])), ...(spec.long ? { [spec.long]: text } : {}), rowid: r.row });
          })();
          for (const r of scratch.prepare(`SELECT rowid AS row, ${fragment(name)} AS snippet FROM ${name} WHERE ${name} MATCH ?`).all(match) as { row: number; snippet: string | null }[]) {
            // A head that lost the match to its cut: the whole text is asked in the library below.
            if (!cut.has(r.row) || r.snippet?.includes(MARK_START)) byRow.set(r.row, r.snippet ?? '');
          }
        } finally {
          clear();
        }
      }
    }
    if (!prefix) {
      const left = ofType.filter((h) => !byRow.has(h.row)).map((h) => h.row);
      const found = left.length
        ? (db
            .prepare(`SELECT rowid AS row, ${fragment(spec.fts)} AS snippet FROM ${spec.fts} WHERE ${spec.fts} MATCH @match AND rowid IN (SELECT value FROM json_each(@rows))`)
            .all({ match, rows: JSON.stringify(left) }) as { row: number; snippet: string | null }[])
        : [];
      for (const r of found) byRow.set(r.row, r.snippet ?? '');
    }
    for (const h of ofType) h.snippet = visibleSnippet(byRow.get(h.row) ?? '');
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
   * The library has just opened and the words of some of the indexes searched are still being
   * read (db/spelling-warm.ts): a misspelt word was not corrected from them yet. The same search
   * in a moment is.
   */
  spellingPending?: true;
  /**
   * A kind of record matched more than its rank window (search-window.ts: 10,000 for a word or
   * phrase, 2,000 for a prefix): its hits are the best among the newest of those matches. More
   * words, or more letters of the word, narrow it.
   */
  narrowed?: boolean;
  /**
   * A kind of record matched so many (a word in most of them) that ranking them would take
   * longer than a keystroke: its hits are the newest matches, unranked, after the ranked ones.
   */
  unranked?: boolean;
  /** With narrowed or unranked: about how many records of the kinds so cut matched (an estimate). */
  about?: number;
  /** The word being typed was searched as a prefix (search's `typing`). */
  typed?: boolean;
}

interface SearchOptions {
  query: string;
  caseId?: string | null;
  types?: readonly SearchType[];
  limit: number;
  /** Search as you type: the last word, with no space after it yet, is a prefix (parseQuery). */
  typing?: boolean;
  /** How much ranking may cost (search-window.ts); tests make it small to reach its edges. */
  limits?: RankLimits;
}

function run(db: DB, text: string, opts: SearchOptions & { exact?: readonly string[] }): SearchResult & { words: string[]; typed?: boolean } {
  const { match, filters, words, typed } = parseQuery(text, { typing: opts.typing });
  if (!match && !Object.keys(filters).length) return { match, hits: [], words };
  const ranked: Ranked[] = [];
  let narrowed = false;
  let unranked = false;
  let about: number | undefined;
  for (const type of reachable(filters, opts.types?.length ? opts.types : SEARCH_TYPES)) {
    const found = query(db, type, match, filters, opts.caseId ?? null, opts.limit, opts.limits ?? RANK_LIMITS, opts.exact);
    ranked.push(...found.rows);
    narrowed ||= Boolean(found.narrowed);
    unranked ||= Boolean(found.unranked);
    if (found.about !== undefined) about = (about ?? 0) + found.about;
  }
  ranked.sort((a, b) => Number(Boolean(b.exact)) - Number(Boolean(a.exact)) || byRank(a, b));
  const kept = ranked.slice(0, opts.limit);
  if (match) snippets(db, match, kept);
  const hits = kept.map(({ row: _row, updated: _updated, exact: _exact, snippet, ...h }): SearchHit => {
    const hit = { ...h, title: oneLine(h.title), snippet: snippet ?? '', offset: null };
    return { ...hit, offset: locate(db, hit) };
  });
  return { match, hits, words, ...(narrowed ? { narrowed } : {}), ...(unranked ? { unranked } : {}), ...(about !== undefined ? { about } : {}), ...(typed ? { typed } : {}) };
}

/**
 * Searches the chosen record types; hits from all of them, best first. While the reporter types,
 * the word being typed is a prefix; when that finds nothing (a typo in it), the words are
 * searched whole, and corrected.
 */
export function search(db: DB, opts: SearchOptions): SearchResult {
  let answer = run(db, opts.query, opts);
  if (answer.typed) {
    const { words: _words, ...typed } = answer;
    if (typed.hits.length) return typed;
    answer = run(db, opts.query, { ...opts, typing: false });
  }
  const { words, typed: _typed, ...result } = answer;
  if (result.hits.length || !words.length) return result;
  // Corrections come only from the indexes this query searches.
  const searched = reachable(parseQuery(opts.query).filters, opts.types?.length ? opts.types : SEARCH_TYPES).map((t) => TYPES[t].table as Index);
  const corrected = suggestSpelling(db, opts.query, words, searched);
  if (!corrected) return result;
  const pending = corrected.unready ? { spellingPending: true as const } : {};
  if (!corrected.words.length) return { ...result, ...pending };
  const retry = run(db, corrected.searched, { ...opts, typing: false, exact: corrected.words });
  return retry.hits.length ? { match: retry.match, hits: retry.hits, suggestion: corrected.suggestion, ...pending } : { ...result, ...pending };
}
