// Quick find, for the switcher (Ctrl/Cmd+K) and every picker: names and titles (cases, sources,
// documents, notes: small sets) match through fuse.js, forgiving typos; claims, which can number
// a hundred thousand, come from the FTS5 index by prefix, never from a scan.

import Fuse from 'fuse.js';
import { z } from 'zod';
import { changeKey, oneLine, toMatchExpression, type ClaimStatus, type DB } from '../../db/index.js';
import type { Context } from '../context.js';
import { method } from '../method.js';
import { id } from '../schemas.js';

export const FIND_TYPES = ['case', 'source', 'claim', 'document', 'note', 'excerpt'] as const;
type FindType = (typeof FIND_TYPES)[number];

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

interface Named extends Found {
  aliases: string[];
}

/** fuse.js scores run from 0 (exact) to 1; names this close rank above claims. */
const CLOSE = 0.3;

/** Above this many documents, titles are matched by word prefix (FTS5), not fuzzily: fuse.js
 * is linear in the number of titles and would no longer answer within a keystroke. */
export const FUZZY_DOCUMENT_LIMIT = 2_000;

type NamedType = Exclude<FindType, 'claim' | 'excerpt'>;

const NAMED_SQL: Record<NamedType, string> = {
  case: `SELECT 'case' AS type, id, id AS caseId, title, description AS subtitle, '[]' AS aliases FROM cases WHERE deleted_at IS NULL`,
  source: `SELECT 'source' AS type, id, NULL AS caseId, name AS title, role AS subtitle, aliases FROM sources WHERE deleted_at IS NULL`,
  document: `SELECT 'document' AS type, d.id, d.case_id AS caseId, d.title, trim(d.publisher || ' ' || coalesce(d.published_on, '')) AS subtitle, '[]' AS aliases
             FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.deleted_at IS NULL AND c.deleted_at IS NULL`,
  note: `SELECT 'note' AS type, n.id, n.case_id AS caseId, n.title, 'Note' AS subtitle, '[]' AS aliases
         FROM notes n JOIN cases c ON c.id = n.case_id WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL`,
};

const cache = new WeakMap<DB, { key: string; indexes: Map<NamedType, Fuse<Named> | 'too-many'> }>();

/** A fuse.js index over one kind of record, rebuilt only after a write. */
function index(db: DB, type: NamedType): Fuse<Named> | 'too-many' {
  const key = changeKey(db);
  let entry = cache.get(db);
  if (entry?.key !== key) cache.set(db, (entry = { key, indexes: new Map() }));
  let fuse = entry.indexes.get(type);
  if (!fuse) {
    const rows = db.prepare(NAMED_SQL[type]).all() as (Omit<Named, 'aliases'> & { aliases: string })[];
    fuse =
      type === 'document' && rows.length > FUZZY_DOCUMENT_LIMIT
        ? 'too-many'
        : new Fuse(
            rows.map((r) => ({ ...r, subtitle: r.subtitle.slice(0, 160), aliases: JSON.parse(r.aliases) as string[] })),
            { keys: [{ name: 'title', weight: 2 }, { name: 'aliases', weight: 1 }], includeScore: true, ignoreLocation: true, threshold: 0.4 },
          );
    entry.indexes.set(type, fuse);
  }
  return fuse;
}

/** Documents whose title has words starting with what was typed: for libraries too big for fuse.js. */
function documentsByTitle(db: DB, query: string, caseId: string | undefined, limit: number): Found[] {
  const match = toMatchExpression(/[\p{L}\p{N}]$/u.test(query) ? `${query}*` : query);
  if (!match) return [];
  return db
    .prepare(
      `SELECT 'document' AS type, d.id, d.case_id AS caseId, d.title, trim(d.publisher || ' ' || coalesce(d.published_on, '')) AS subtitle
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid JOIN cases c ON c.id = d.case_id
       WHERE documents_fts MATCH @match AND d.deleted_at IS NULL AND c.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId)
       ORDER BY documents_fts.rank LIMIT @limit`,
    )
    .all({ match: `{title} : (${match})`, caseId: caseId ?? null, limit }) as Found[];
}

/** Past this many matching claims (a short, common prefix), ranking them all would take longer
 * than a keystroke: the newest matches are shown instead, and ranking returns as words are added. */
export const RANKED_CLAIM_LIMIT = 1_000;

/** Claims whose words start with what was typed: the last word is taken as a prefix. */
function claims(db: DB, query: string, caseId: string | undefined, limit: number): Found[] {
  const match = toMatchExpression(/[\p{L}\p{N}]$/u.test(query) ? `${query}*` : query);
  if (!match) return [];
  const many = (db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? LIMIT ?)').get(match, RANKED_CLAIM_LIMIT + 1) as { n: number }).n > RANKED_CLAIM_LIMIT;
  return (
    db
      .prepare(
        `SELECT 'claim' AS type, t.id, t.case_id AS caseId, t.statement AS title, t.status,
           coalesce((SELECT group_concat(s.name, ', ') FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = t.id), '') AS subtitle
         FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases c ON c.id = t.case_id
         WHERE claims_fts MATCH @match AND t.deleted_at IS NULL AND c.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
         ORDER BY ${many ? 'claims_fts.rowid DESC' : 'claims_fts.rank'} LIMIT @limit`,
      )
      .all({ match, caseId: caseId ?? null, limit }) as Found[]
  ).map((c) => ({ ...c, title: c.title.slice(0, 300) }));
}

/** Marked passages whose words start with what was typed, newest first past the ranking limit too. */
function excerpts(db: DB, query: string, caseId: string | undefined, limit: number): Found[] {
  const match = toMatchExpression(/[\p{L}\p{N}]$/u.test(query) ? `${query}*` : query);
  if (!match) return [];
  return (
    db
      .prepare(
        `SELECT 'excerpt' AS type, t.id, d.case_id AS caseId, t.exact AS title, d.title AS subtitle, d.id AS documentId
         FROM excerpts_fts JOIN excerpts t ON t.rowid = excerpts_fts.rowid
           JOIN documents d ON d.id = t.document_id AND d.deleted_at IS NULL JOIN cases c ON c.id = d.case_id AND c.deleted_at IS NULL
         WHERE excerpts_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId)
         ORDER BY excerpts_fts.rank LIMIT @limit`,
      )
      .all({ match, caseId: caseId ?? null, limit }) as Found[]
  ).map((e) => ({ ...e, title: e.title.slice(0, 300) }));
}

export function quickFind(ctx: Context, q: { query: string; caseId?: string; types?: readonly FindType[]; limit: number }): Found[] {
  const query = q.query.trim().slice(0, 200);
  if (!query) return [];
  const wanted = new Set<FindType>(q.types?.length ? q.types : FIND_TYPES);
  const inScope = (f: Found) => !q.caseId || f.caseId === null || f.type === 'case' || f.caseId === q.caseId;
  const named: { found: Found; score: number }[] = [];
  const byPrefix: Found[] = [];
  for (const type of ['case', 'source', 'document', 'note'] as const) {
    if (!wanted.has(type)) continue;
    const fuse = index(ctx.db, type);
    if (fuse === 'too-many') {
      byPrefix.push(...documentsByTitle(ctx.db, query, q.caseId, q.limit));
      continue;
    }
    for (const { item, score } of fuse.search(query, { limit: 50 })) {
      const { aliases: _aliases, ...found } = item;
      if (inScope(found)) named.push({ found, score: score ?? 1 });
    }
  }
  named.sort((a, b) => a.score - b.score);
  const close = named.filter((n) => n.score <= CLOSE).map((n) => n.found);
  const loose = named.filter((n) => n.score > CLOSE).map((n) => n.found);
  const fromClaims = wanted.has('claim') ? claims(ctx.db, query, q.caseId, q.limit) : [];
  const fromExcerpts = wanted.has('excerpt') ? excerpts(ctx.db, query, q.caseId, q.limit) : [];
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
