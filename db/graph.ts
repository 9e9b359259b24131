// The two pictures of a case, as the app, the packet and shared/'s drawing read them: the claim
// map (claims, their sources and the documents, with every relation between them) and the dated
// records of the timeline. Both are read in a few set-wise statements, so a case of thousands of
// records is drawn from one answer rather than one call per record.

import type { DB } from './open.js';
import type { ClaimStatus, DocumentKind, Relation, SourceKind, Stance } from './types.js';

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
export function caseGraph(db: DB, caseId: string): CaseGraph {
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

// ---- timeline ------------------------------------------------------------------------------

export type DatePrecision = 'year' | 'month' | 'day' | 'instant';

/** A date as precisely as it is known: the stretch of time [start, end) it stands for. */
export interface DateRange {
  start: string;
  end: string;
  precision: DatePrecision;
}

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

/** A dated record of the case as stored: its date not yet read as a range (core/dates.ts does). */
export interface DatedRow {
  recordId: string;
  kind: TimelineKind;
  what: TimelineWhat;
  title: string;
  date: string;
  /** An event's end, when it lasted. */
  until: string | null;
  sources: { id: string | null; name: string }[];
  status: ClaimStatus | null;
  tags: string[];
}

/** Every dated record of a case: claims (said on), documents (published, retrieved) and events. */
export function datedRecords(db: DB, caseId: string): DatedRow[] {
  const rows = db
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
    .all({ caseId }) as (Omit<DatedRow, 'sources' | 'tags'> & { sources: string; tags: string })[];
  return rows.map((r) => ({ ...r, sources: JSON.parse(r.sources) as DatedRow['sources'], tags: JSON.parse(r.tags) as string[] }));
}

/** Live claims without a said-on date: they cannot be placed on the timeline. */
export function undatedClaimCount(db: DB, caseId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM claims WHERE case_id = ? AND deleted_at IS NULL AND said_on IS NULL').get(caseId) as { n: number }).n;
}
