// Quick find, for the switcher (Ctrl/Cmd+K) and every picker: names and titles (cases, sources,
// documents, notes: small sets) match through fuse.js, forgiving typos; claims, which can number
// a hundred thousand, come from the FTS5 index by prefix, never from a scan.

import Fuse from 'fuse.js';
import { z } from 'zod';
import { toMatchExpression, type ClaimStatus, type DB } from '../../db/index.js';
import type { Context } from '../context.js';
import { method } from '../method.js';
import { id } from '../schemas.js';

export const FIND_TYPES = ['case', 'source', 'claim', 'document', 'note'] as const;
type FindType = (typeof FIND_TYPES)[number];

export interface Found {
  type: FindType;
  id: string;
  caseId: string | null;
  title: string;
  subtitle: string;
  status?: ClaimStatus;
}

interface Named extends Found {
  aliases: string[];
}

/** fuse.js scores run from 0 (exact) to 1; names this close rank above claims. */
const CLOSE = 0.3;

const cache = new WeakMap<DB, { key: string; fuse: Fuse<Named> }>();

/** Changes whenever anything is written, by this connection or another process. */
function changeKey(db: DB): string {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}

function names(db: DB): Fuse<Named> {
  const key = changeKey(db);
  const hit = cache.get(db);
  if (hit?.key === key) return hit.fuse;
  const rows = db
    .prepare(
      `SELECT 'case' AS type, id, id AS caseId, title, description AS subtitle, '[]' AS aliases FROM cases WHERE deleted_at IS NULL
       UNION ALL SELECT 'source', id, NULL, name, role, aliases FROM sources WHERE deleted_at IS NULL
       UNION ALL SELECT 'document', d.id, d.case_id, d.title, trim(d.publisher || ' ' || coalesce(d.published_on, '')), '[]'
         FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.deleted_at IS NULL AND c.deleted_at IS NULL
       UNION ALL SELECT 'note', n.id, n.case_id, n.title, 'Note', '[]'
         FROM notes n JOIN cases c ON c.id = n.case_id WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL`,
    )
    .all() as (Omit<Named, 'aliases'> & { aliases: string })[];
  const items = rows.map((r) => ({ ...r, subtitle: r.subtitle.slice(0, 160), aliases: JSON.parse(r.aliases) as string[] }));
  const fuse = new Fuse(items, {
    keys: [
      { name: 'title', weight: 2 },
      { name: 'aliases', weight: 1 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.4,
  });
  cache.set(db, { key, fuse });
  return fuse;
}

/** Claims whose words start with what was typed: the last word is taken as a prefix. */
function claims(db: DB, query: string, caseId: string | undefined, limit: number): Found[] {
  const match = toMatchExpression(/[\p{L}\p{N}]$/u.test(query) ? `${query}*` : query);
  if (!match) return [];
  return (
    db
      .prepare(
        `SELECT 'claim' AS type, t.id, t.case_id AS caseId, t.statement AS title, t.status,
           coalesce((SELECT group_concat(s.name, ', ') FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = t.id), '') AS subtitle
         FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases c ON c.id = t.case_id
         WHERE claims_fts MATCH @match AND t.deleted_at IS NULL AND c.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId)
         ORDER BY claims_fts.rank LIMIT @limit`,
      )
      .all({ match, caseId: caseId ?? null, limit }) as Found[]
  ).map((c) => ({ ...c, title: c.title.slice(0, 300) }));
}

export function quickFind(ctx: Context, q: { query: string; caseId?: string; types?: readonly FindType[]; limit: number }): Found[] {
  const query = q.query.trim().slice(0, 200);
  if (!query) return [];
  const wanted = new Set<FindType>(q.types?.length ? q.types : FIND_TYPES);
  const inScope = (f: Found) => !q.caseId || f.caseId === null || f.type === 'case' || f.caseId === q.caseId;
  const named = names(ctx.db)
    .search(query, { limit: 200 })
    .filter((r) => wanted.has(r.item.type) && inScope(r.item))
    .map(({ item: { aliases: _aliases, ...found }, score }) => ({ found, score: score ?? 1 }));
  const close = named.filter((n) => n.score <= CLOSE).map((n) => n.found);
  const loose = named.filter((n) => n.score > CLOSE).map((n) => n.found);
  const fromClaims = wanted.has('claim') ? claims(ctx.db, query, q.caseId, q.limit) : [];
  return [...close, ...fromClaims, ...loose].slice(0, q.limit);
}

export const findMethods = {
  'find.quick': method({
    summary: 'Finds cases, sources, documents and notes by name (typos forgiven) and claims by the words they start with; for the quick switcher and pickers.',
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
