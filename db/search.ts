// Full-text search over the FTS5 indexes: ranked by bm25 with column weights (a claim's
// statement over its quote, a document's title over its body), recency breaking ties, filters
// from the query language (search-query.ts), and a spelling suggestion when a word matches
// nothing. User input reaches MATCH only as the quoted terms parseQuery builds.

import type { DB } from './open.js';
import { parseQuery, type Filters } from './search-query.js';
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

function query(db: DB, type: SearchType, match: string | null, filters: Filters, caseId: string | null, limit: number): SearchHit[] {
  const spec = TYPES[type];
  const params: Record<string, unknown> = { caseId, limit };
  const where = ['t.deleted_at IS NULL', `(@caseId IS NULL OR ${spec.caseId} IS NULL OR ${spec.caseId} = @caseId)`, ...conditions(spec, filters, params)];
  const columns = `'${type}' AS type, t.id, ${spec.caseId} AS caseId, ${spec.documentId} AS documentId, ${spec.title} AS title`;
  let sql: string;
  if (match) {
    params.match = match;
    sql = `SELECT ${columns}, snippet(${spec.fts}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet,
             bm25(${spec.fts}, ${spec.weights}) AS rank
           FROM ${spec.fts} JOIN ${spec.table} t ON t.rowid = ${spec.fts}.rowid ${spec.joins}
           WHERE ${spec.fts} MATCH @match AND ${where.join(' AND ')}
           ORDER BY rank, t.updated_at DESC LIMIT @limit`;
  } else {
    sql = `SELECT ${columns}, ${spec.plain} AS snippet, 0 AS rank FROM ${spec.table} t ${spec.joins}
           WHERE ${where.join(' AND ')} ORDER BY t.updated_at DESC LIMIT @limit`;
  }
  return (db.prepare(sql).all(params) as Omit<SearchHit, 'offset'>[]).map((h) => ({ ...h, snippet: h.snippet ?? '', offset: null }));
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
}

function run(db: DB, text: string, opts: { caseId?: string | null; types?: readonly SearchType[]; limit: number }): SearchResult & { words: string[] } {
  const { match, filters, words } = parseQuery(text);
  if (!match && !Object.keys(filters).length) return { match, hits: [], words };
  const hits: SearchHit[] = [];
  for (const type of reachable(filters, opts.types?.length ? opts.types : SEARCH_TYPES)) {
    hits.push(...query(db, type, match, filters, opts.caseId ?? null, opts.limit));
  }
  hits.sort((a, b) => a.rank - b.rank);
  const top = hits.slice(0, opts.limit).map((h) => ({ ...h, offset: locate(db, h) }));
  return { match, hits: top, words };
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
