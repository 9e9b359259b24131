// The two pictures of a case: the claim map (claims, their sources and the documents, with
// every relation between them) and the timeline (what was said, published, retrieved or
// happened, when). Both are read in a few set-wise statements, so a case of thousands of
// records is drawn from one answer rather than one call per record.

import { z } from 'zod';
import type { ClaimStatus, DocumentKind, Relation, SourceKind, Stance } from '../../db/index.js';
import { listSources, savedPositions, savePositions } from '../../db/index.js';
import { sourceKeys, sourceNameKey } from '../../shared/source-name.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { byCase, id } from '../schemas.js';
import { liveCase } from './common.js';

export type MapNodeKind = 'claim' | 'source' | 'document';

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  label: string;
  /** Claims: their status, tags and sources (the map's filters read these). */
  status: ClaimStatus | null;
  tags: string[];
  sourceIds: string[];
  /** Sources: person or organisation, and whether their name must be kept back. */
  sourceKind: SourceKind | null;
  confidential: boolean;
  /** Documents: their kind. */
  documentKind: DocumentKind | null;
}

export type MapEdgeKind = 'said_by' | 'link' | 'evidence';

export interface MapEdge {
  id: string;
  kind: MapEdgeKind;
  /** Said by: claim → source; link: claim → claim; evidence: claim → document. */
  from: string;
  to: string;
  /** A link's relation, or evidence's stance; null for "said by". */
  relation: Relation | Stance | null;
}

export interface CaseGraph {
  caseId: string;
  nodes: MapNode[];
  edges: MapEdge[];
}

interface ClaimRow {
  id: string;
  statement: string;
  status: ClaimStatus;
  tags: string;
  sources: string;
}

/** The claim map of a case: its live claims, their sources, its documents, and every edge between them. */
export function caseGraph(ctx: Context, caseId: string): CaseGraph {
  const { db } = ctx;
  const claims = db
    .prepare(
      `SELECT c.id, c.statement, c.status,
         (SELECT json_group_array(g.name) FROM claim_tags ct JOIN tags g ON g.id = ct.tag_id WHERE ct.claim_id = c.id) AS tags,
         (SELECT json_group_array(cs.source_id) FROM (SELECT cs.source_id FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
            WHERE cs.claim_id = c.id AND s.deleted_at IS NULL ORDER BY cs.position) cs) AS sources
       FROM claims c WHERE c.case_id = ? AND c.deleted_at IS NULL ORDER BY c.id`,
    )
    .all(caseId) as ClaimRow[];
  const sources = db
    .prepare(
      `SELECT s.id, s.name, s.kind, s.confidential, s.description FROM sources s
       WHERE s.deleted_at IS NULL AND s.id IN (
         SELECT cs.source_id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE c.case_id = ? AND c.deleted_at IS NULL)
       ORDER BY s.name COLLATE NOCASE`,
    )
    .all(caseId) as { id: string; name: string; kind: SourceKind; confidential: number; description: string }[];
  const documents = db
    .prepare('SELECT d.id, d.title, d.kind FROM documents d WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.title COLLATE NOCASE')
    .all(caseId) as { id: string; title: string; kind: DocumentKind }[];
  // Every edge in one statement; both ends must be live claims (or sources, documents) of the case.
  const edges = db
    .prepare(
      `WITH live AS (SELECT id FROM claims WHERE case_id = @caseId AND deleted_at IS NULL)
       SELECT 'said_by:' || cs.claim_id || ':' || cs.source_id AS id, 'said_by' AS kind, cs.claim_id AS "from", cs.source_id AS "to", NULL AS relation
         FROM claim_sources cs JOIN live ON live.id = cs.claim_id JOIN sources s ON s.id = cs.source_id AND s.deleted_at IS NULL
       UNION ALL
       SELECT l.id, 'link', l.from_claim_id, l.to_claim_id, l.relation
         FROM claim_links l JOIN live f ON f.id = l.from_claim_id JOIN live t ON t.id = l.to_claim_id
         WHERE l.deleted_at IS NULL
       UNION ALL
       SELECT e.id, 'evidence', e.claim_id, e.document_id, e.stance
         FROM evidence_links e JOIN live ON live.id = e.claim_id
         JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL
         WHERE e.deleted_at IS NULL
           AND (e.excerpt_id IS NULL OR EXISTS (SELECT 1 FROM excerpts x WHERE x.id = e.excerpt_id AND x.deleted_at IS NULL))`,
    )
    .all({ caseId }) as MapEdge[];

  const blank = { status: null, tags: [], sourceIds: [], sourceKind: null, confidential: false, documentKind: null };
  const nodes: MapNode[] = [
    ...claims.map((c) => ({
      ...blank,
      id: c.id,
      kind: 'claim' as const,
      label: c.statement,
      status: c.status,
      tags: JSON.parse(c.tags) as string[],
      sourceIds: JSON.parse(c.sources) as string[],
    })),
    // A confidential source is drawn by its description, as the packet and the claim page show it.
    ...sources.map((s) => ({
      ...blank,
      id: s.id,
      kind: 'source' as const,
      label: s.confidential === 1 && s.description ? s.description : s.name,
      sourceKind: s.kind,
      confidential: s.confidential === 1,
    })),
    ...documents.map((d) => ({ ...blank, id: d.id, kind: 'document' as const, label: d.title, documentKind: d.kind })),
  ];
  return { caseId, nodes, edges };
}

// ---- partial dates -------------------------------------------------------------------------

export type DatePrecision = 'year' | 'month' | 'day' | 'instant';

/** A date as precisely as it is known: the stretch of time [start, end) it stands for. */
export interface DateRange {
  start: string;
  end: string;
  precision: DatePrecision;
}

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not. Overflowing months and days roll over. */
function utc(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/**
 * '2021' stands for the whole year, '2021-12' for the month, '2021-12-15' for the day: each
 * becomes the range [start, end) it covers, so "December 2021" is never drawn as the 1st.
 * A full timestamp is an instant (start = end).
 */
export function dateRange(date: string): DateRange {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) {
    const t = Date.parse(date);
    if (Number.isNaN(t)) throw new ApiError('BAD_INPUT', `“${date}” is not a date.`);
    const iso = new Date(t).toISOString();
    return { start: iso, end: iso, precision: 'instant' };
  }
  const [, y, mo, d] = m;
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  const start = utc(year, month, day);
  const end = d ? utc(year, month, day + 1) : mo ? utc(year, month + 1, 1) : utc(year + 1, 0, 1);
  return { start: start.toISOString(), end: end.toISOString(), precision: d ? 'day' : mo ? 'month' : 'year' };
}

/** From the start of `from` to the end of `until` (an event that lasted); `until` must not come first. */
export function spanRange(from: string, until: string | null): DateRange {
  const a = dateRange(from);
  if (!until) return a;
  const b = dateRange(until);
  if (b.end < a.start || (b.end === a.start && b.precision !== 'instant')) {
    throw new ApiError('BAD_INPUT', 'An event cannot end before it begins.');
  }
  const finer: DatePrecision[] = ['instant', 'day', 'month', 'year'];
  return { start: a.start, end: b.end > a.end ? b.end : a.end, precision: finer[Math.min(finer.indexOf(a.precision), finer.indexOf(b.precision))]! };
}

// ---- timeline ------------------------------------------------------------------------------

export type TimelineKind = 'claim' | 'document' | 'event';
/** What the date of an item says: the claim was said, the document published or retrieved, the event happened. */
export type TimelineWhat = 'said' | 'published' | 'retrieved' | 'happened';

export interface TimelineItem extends DateRange {
  /** Unique on the timeline: a document has two items, published and retrieved. */
  key: string;
  /** The record it opens. */
  recordId: string;
  kind: TimelineKind;
  what: TimelineWhat;
  title: string;
  /** The date as recorded, before it became a range. */
  date: string;
  /** Claims: who said it; documents: author and publisher (as names); events: none. */
  sources: { id: string | null; name: string }[];
  status: ClaimStatus | null;
  tags: string[];
}

export interface Timeline {
  caseId: string;
  items: TimelineItem[];
  /** Live claims without a said-on date: they cannot be placed, but the reporter should know. */
  undatedClaims: number;
}

interface TimelineRow {
  recordId: string;
  kind: TimelineKind;
  what: TimelineWhat;
  title: string;
  date: string;
  until: string | null;
  sources: string;
  status: ClaimStatus | null;
  tags: string;
}

/**
 * A document's publisher or author named as the source on file it is ("U.S. Drug Enforcement
 * Administration", an alias of the source "Drug Enforcement Administration"), so the timeline
 * shows one body, not two. Only sources that are not confidential: tying a confidential source
 * to a published document's byline would say who it is.
 */
function publishersAsSources(ctx: Context): (name: string) => { id: string | null; name: string } {
  const byKey = new Map<string, { id: string; name: string }>();
  for (const s of listSources(ctx.db, {})) {
    if (s.confidential) continue;
    for (const key of sourceKeys(s)) if (!byKey.has(key)) byKey.set(key, { id: s.id, name: s.name });
  }
  return (name) => byKey.get(sourceNameKey(name)) ?? { id: null, name };
}

export function caseTimeline(ctx: Context, caseId: string): Timeline {
  const rows = ctx.db
    .prepare(
      `SELECT c.id AS recordId, 'claim' AS kind, 'said' AS what, c.statement AS title, c.said_on AS date, NULL AS until,
         (SELECT json_group_array(json_object('id', s.id, 'name', CASE WHEN s.confidential = 1 AND s.description <> '' THEN s.description ELSE s.name END))
            FROM (SELECT s.* FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
                  WHERE cs.claim_id = c.id AND s.deleted_at IS NULL ORDER BY cs.position) s) AS sources,
         c.status,
         (SELECT json_group_array(g.name) FROM claim_tags ct JOIN tags g ON g.id = ct.tag_id WHERE ct.claim_id = c.id) AS tags
       FROM claims c WHERE c.case_id = @caseId AND c.deleted_at IS NULL AND c.said_on IS NOT NULL
       UNION ALL
       SELECT d.id, 'document', w.what, d.title, CASE w.what WHEN 'published' THEN d.published_on ELSE d.retrieved_at END, NULL,
         (SELECT json_group_array(json_object('id', NULL, 'name', n.name)) FROM (
            SELECT d.publisher AS name WHERE d.publisher <> '' UNION ALL SELECT d.author WHERE d.author <> '' AND d.author <> d.publisher) n),
         NULL,
         (SELECT json_group_array(g.name) FROM document_tags dt JOIN tags g ON g.id = dt.tag_id WHERE dt.document_id = d.id)
       FROM documents d JOIN (SELECT 'published' AS what UNION ALL SELECT 'retrieved') w
       WHERE d.case_id = @caseId AND d.deleted_at IS NULL
         AND (CASE w.what WHEN 'published' THEN d.published_on ELSE d.retrieved_at END) IS NOT NULL
       UNION ALL
       SELECT e.id, 'event', 'happened', e.title, e.happened_on, e.happened_until, '[]', NULL, '[]'
       FROM events e WHERE e.case_id = @caseId AND e.deleted_at IS NULL`,
    )
    .all({ caseId }) as TimelineRow[];
  const asSource = publishersAsSources(ctx);
  const items = rows
    .map(({ until, sources, tags, ...r }) => ({
      ...r,
      key: r.kind === 'document' ? `${r.recordId}:${r.what}` : r.recordId,
      ...(r.kind === 'event' ? spanRange(r.date, until) : dateRange(r.date)),
      sources: (JSON.parse(sources) as { id: string | null; name: string }[]).map((s) => (s.id === null ? asSource(s.name) : s)),
      tags: JSON.parse(tags) as string[],
    }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const { n } = ctx.db.prepare('SELECT count(*) AS n FROM claims WHERE case_id = ? AND deleted_at IS NULL AND said_on IS NULL').get(caseId) as { n: number };
  return { caseId, items, undatedClaims: n };
}

// ---- positions -----------------------------------------------------------------------------

const coordinate = z.number().finite().min(-1e7).max(1e7);
const positions = z.record(id, z.strictObject({ x: coordinate, y: coordinate }));

export const graphMethods = {
  'map.graph': method({
    summary: 'The claim map of a case: claims, their sources and its documents as nodes; said-by, claim links and evidence as edges.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => {
      liveCase(ctx, caseId);
      return caseGraph(ctx, caseId);
    },
  }),
  'map.positions.get': method({
    summary: 'Where the reporter placed the map’s nodes in a case, by node id.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => savedPositions(ctx.db, caseId),
  }),
  'map.positions.save': method({
    summary: 'Keeps where the reporter dragged map nodes (merged with those kept before); with reset, forgets them all first.',
    input: z.strictObject({ caseId: id, positions: positions.refine((p) => Object.keys(p).length <= 20_000, 'at most 20,000 positions'), reset: z.boolean().optional() }),
    write: true,
    run: (ctx, { caseId, positions: placed, reset }) => {
      liveCase(ctx, caseId);
      savePositions(ctx.db, caseId, placed, reset);
      return { saved: Object.keys(placed).length };
    },
  }),
  'timeline.items': method({
    summary: 'The timeline of a case: claims (said on), documents (published, retrieved) and events, each date as the range it stands for.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => {
      liveCase(ctx, caseId);
      return caseTimeline(ctx, caseId);
    },
  }),
};
