// Read queries the handlers need beyond fetching one record by id.

import type { DB, WriteDB } from './open.js';
import { columnsExcept, ENTITIES, fromRow, withRelations, type Entity, type Row, type Stored } from './records.js';
import { corroborationOf, corroboratedInCase, disputedInCase, DISPUTED } from './corroboration.js';
import { toMatchExpression } from './search.js';
import { matchCount, rowSpan } from './search-window.js';
import { RecordError } from './errors.js';
import { EXACT_COUNT_LIMIT, filteredTotal, liveClaimCount, type ListTotal } from './claim-counts.js';
import type {
  Attribution,
  Case,
  CaseEvent,
  Claim,
  ClaimLink,
  ClaimStatus,
  DocumentSummary,
  EvidenceLink,
  Excerpt,
  NoteSummary,
  Reply,
  Source,
  TrashItem,
  VerificationEntry,
} from './types.js';

const live = (includeTrashed: boolean) => (includeTrashed ? '1' : 't.deleted_at IS NULL');

function select<E extends Entity>(db: DB, entity: E, where: string, params: unknown[], order: string, columns = 't.*'): Stored<E>[] {
  const rows = db
    .prepare(`SELECT ${columns} FROM ${ENTITIES[entity].table} t WHERE ${where} ORDER BY ${order}`)
    .all(...params) as Row[];
  return rows.map((r) => fromRow(entity, r));
}

export interface CaseWithCounts extends Case {
  counts: { claims: number; documents: number; notes: number };
}

export function listCases(db: DB, includeTrashed = false): CaseWithCounts[] {
  const rows = db
    .prepare(
      `SELECT t.*,
        (SELECT count(*) FROM documents d WHERE d.case_id = t.id AND d.deleted_at IS NULL) AS n_documents,
        (SELECT count(*) FROM notes n WHERE n.case_id = t.id AND n.deleted_at IS NULL) AS n_notes
       FROM cases t WHERE ${live(includeTrashed)} ORDER BY t.updated_at DESC`,
    )
    .all() as Row[];
  return rows.map((r) => ({
    ...fromRow('case', r),
    // Claims are the many (100 ms to count a million): counted once per state of the library.
    counts: { claims: liveClaimCount(db, r.id as string), documents: r.n_documents as number, notes: r.n_notes as number },
  }));
}

export interface SourceWithCount extends Source {
  claimCount: number;
}

/** Sources, library-wide; with `caseId`, only those who said something in that case. */
export function listSources(db: DB, opts: { caseId?: string; includeTrashed?: boolean }): SourceWithCount[] {
  const params: unknown[] = [];
  let where = live(opts.includeTrashed ?? false);
  if (opts.caseId) {
    where += ` AND t.id IN (SELECT cs.source_id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id
                            WHERE c.case_id = ? AND c.deleted_at IS NULL)`;
    params.push(opts.caseId);
  }
  const rows = db
    .prepare(
      `SELECT t.*, (SELECT count(*) FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id
                    WHERE cs.source_id = t.id AND c.deleted_at IS NULL) AS n_claims
       FROM sources t WHERE ${where} ORDER BY t.name COLLATE NOCASE`,
    )
    .all(...params) as Row[];
  const sources = rows.map((r) => ({ ...fromRow('source', r), claimCount: r.n_claims as number }));
  return withRelations(db, 'source', sources);
}

export interface ClaimFilter {
  caseId: string;
  /** Only these claims (a note's citations, say). */
  ids?: string[];
  status?: ClaimStatus[];
  attribution?: Attribution[];
  sourceId?: string;
  tag?: string;
  /** Said on or after (partial ISO date). */
  saidFrom?: string;
  /** Said on or before (partial ISO date; "2021-12" takes in all of December). */
  saidTo?: string;
  disputed?: boolean;
  onlyOneSource?: boolean;
  /** Full text over statement and quote. */
  query?: string;
  sort?: 'created' | 'updated' | 'saidOn' | 'status';
  descending?: boolean;
  limit: number;
  offset: number;
  /**
   * The last claim of the page before: the page starts after it, found on the index (keyset)
   * rather than by stepping over `offset` rows. `offset` is then ignored.
   */
  after?: string;
}

/** A claim in a list: with its sources' names, how well it is corroborated, and whether disputed. */
export interface ClaimListItem extends Claim {
  sourceNames: string[];
  corroboration: number;
  disputed: boolean;
}

/**
 * The share of claims holding the words typed in the list's filter above which they are checked
 * claim by claim: a check is a seek in the index (about 15 µs at 1,000,000 claims), gathering
 * is about 0.2 µs a match, so checking wins when a page of 200 takes fewer seeks than there are
 * matches to gather: past about an eighth (measured: a word in 0.3% of claims, 2.4 s checked
 * against 20 ms gathered; in 24%, 12 ms against 50 ms).
 */
const DENSE_SHARE = 0.12;

const CLAIM_ORDER = { created: 't.id', updated: 't.updated_at', saidOn: 't.said_on', status: 't.status' } as const;

/**
 * Words held by at most this many claims (counted exactly) are read by rowid, match by match, and
 * the few sorted: walking the case's index in the list's order would step over every claim of
 * the case to find that there are not 200 (a word held by no claim: 53 ms at 1,000,000 claims,
 * 0.2 ms by rowid). Past it the walk finds a page sooner than the lookups (a seek is ~4 µs, a
 * step ~0.05 µs: even for a page of 200 they cross near 1,600 matches in a million).
 */
const FEW_MATCHES = 1_000;

export function listClaims(db: DB, f: ClaimFilter): ListTotal & { items: ClaimListItem[] } {
  const where = ['t.case_id = @caseId', 't.deleted_at IS NULL'];
  const params: Record<string, unknown> = { caseId: f.caseId };
  const add = (clause: string, values: Record<string, unknown> = {}) => {
    where.push(clause);
    Object.assign(params, values);
  };
  if (f.ids) add('t.id IN (SELECT value FROM json_each(@ids))', { ids: JSON.stringify(f.ids) });
  if (f.status?.length) add('t.status IN (SELECT value FROM json_each(@status))', { status: JSON.stringify(f.status) });
  if (f.attribution?.length) add('t.attribution IN (SELECT value FROM json_each(@attribution))', { attribution: JSON.stringify(f.attribution) });
  if (f.sourceId) add('EXISTS (SELECT 1 FROM claim_sources cs WHERE cs.claim_id = t.id AND cs.source_id = @sourceId)', { sourceId: f.sourceId });
  if (f.tag) add('EXISTS (SELECT 1 FROM claim_tags ct JOIN tags g ON g.id = ct.tag_id WHERE ct.claim_id = t.id AND g.name = @tag)', { tag: f.tag });
  if (f.saidFrom) add('t.said_on >= @saidFrom', { saidFrom: f.saidFrom });
  // Partial dates sort as text; "2021-12-15" falls within "2021-12" because it starts with it.
  if (f.saidTo) add('(t.said_on <= @saidTo OR t.said_on LIKE @saidToPrefix)', { saidTo: f.saidTo, saidToPrefix: `${f.saidTo}%` });
  if (f.disputed) add('t.id IN (SELECT value FROM json_each(@disputed))', { disputed: disputedInCase(db, f.caseId) });
  if (f.onlyOneSource) add('t.id NOT IN (SELECT value FROM json_each(@corroborated))', { corroborated: corroboratedInCase(db, f.caseId) });
  // The words typed: the claims holding them are gathered first, unless the words are so common
  // (DENSE_SHARE) that checking claim by claim as the list is walked finds a page sooner
  // (fentanyl in a quarter of a million claims: 50 ms to gather, 12 ms to check). Past
  // EXACT_COUNT_LIMIT matches, the total takes the words' share of the library.
  let share: number | null = null;
  let fewMatches = false;
  if (f.query !== undefined) {
    const match = toMatchExpression(f.query);
    if (match) {
      const matches = matchCount(db, 'claims_fts', 'claims', match, EXACT_COUNT_LIMIT);
      if (matches.estimated) share = Math.min(1, matches.count / Math.max(1, rowSpan(db, 'claims')));
      else fewMatches = matches.count <= FEW_MATCHES;
      where.push(
        share !== null && share >= DENSE_SHARE
          ? 'EXISTS (SELECT 1 FROM claims_fts f WHERE f.claims_fts MATCH @match AND f.rowid = t.rowid)'
          : 't.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH @match)',
      );
      params.match = match;
    }
  }
  const filters = where.slice(2);
  // Statuses alone are counted exactly on their own index (claims_case_status: 5 ms for 142,531
  // of 1,000,000 claims), not estimated from a sample spread over the whole file, whose reads
  // of 2,000 pages are what a first look at a big library waits on.
  const byStatusOnly = filters.length === 1 && f.status?.length && f.query === undefined;
  const total: ListTotal = byStatusOnly
    ? { total: db.prepare(`SELECT count(*) FROM claims t WHERE ${where.join(' AND ')}`).pluck().get(params) as number }
    : share === null
      ? filteredTotal(db, f.caseId, filters, params)
      : { total: Math.round(filteredTotal(db, f.caseId, filters.slice(0, -1), params).total * share), estimated: true };
  const dir = f.descending ? 'DESC' : 'ASC';
  const sort = f.sort ?? 'created';
  // Ties broken by id, so pages never overlap; "created" is the id itself (ULIDs sort by time),
  // and naming it twice would make SQLite sort instead of walking the index.
  // Undated claims go last whichever way the list is sorted.
  const order = sort === 'created' ? `t.id ${dir}` : `${CLAIM_ORDER[sort]} ${dir}${sort === 'saidOn' ? ' NULLS LAST' : ''}, t.id ${dir}`;
  const page = f.after === undefined ? 'LIMIT @limit OFFSET @offset' : 'LIMIT @limit';
  if (f.after !== undefined) where.push(afterClaim(db, f.after, sort, dir, params));
  const rows = db
    .prepare(`SELECT t.*, ${DISPUTED} AS is_disputed FROM claims t${fewMatches ? ' NOT INDEXED' : ''} WHERE ${where.join(' AND ')} ORDER BY ${order} ${page}`)
    .all({ ...params, limit: f.limit, offset: f.offset }) as Row[];
  return { ...total, items: claimListItems(db, rows) };
}

/**
 * The condition for the claims after `id` in the list's order: (sort value, id) past the
 * claim's own, on the same index the order walks. Undated claims come last either way.
 */
function afterClaim(db: DB, id: string, sort: keyof typeof CLAIM_ORDER, dir: 'ASC' | 'DESC', params: Record<string, unknown>): string {
  const past = dir === 'ASC' ? '>' : '<';
  params.afterId = id;
  const column = sort === 'created' ? 't.id' : CLAIM_ORDER[sort];
  const value = db.prepare(`SELECT ${column} FROM claims t WHERE t.id = ? AND t.case_id = ?`).pluck().get(id, params.caseId) as string | null | undefined;
  if (value === undefined) throw new RecordError('NOT_FOUND', 'The claim the page was to start after is gone: read the list again from the start.');
  if (sort === 'created') return `t.id ${past} @afterId`;
  params.afterValue = value;
  if (value === null) return `(${column} IS NULL AND t.id ${past} @afterId)`;
  const tuple = `(${column}, t.id) ${past} (@afterValue, @afterId)`;
  return sort === 'saidOn' ? `(${tuple} OR ${column} IS NULL)` : tuple;
}

function claimListItems(db: DB, rows: Row[]): ClaimListItem[] {
  const claims = withRelations(db, 'claim', rows.map((r) => fromRow('claim', r))).map((c) => ({ ...c, sourceIds: c.sourceIds ?? [] }));
  const names = sourceNamesOf(db, claims.flatMap((c) => c.sourceIds));
  const corroboration = corroborationOf(db, claims.map((c) => c.id));
  return claims.map((c, i) => ({
    ...c,
    sourceNames: c.sourceIds.map((id) => names.get(id) ?? ''),
    corroboration: corroboration.get(c.id)?.count ?? 0,
    disputed: rows[i]!.is_disputed === 1,
  }));
}

function sourceNamesOf(db: DB, ids: string[]): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM sources WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function claimsOfSource(db: DB, sourceId: string): ClaimListItem[] {
  const rows = db
    .prepare(
      `SELECT t.*, ${DISPUTED} AS is_disputed FROM claims t
       WHERE t.deleted_at IS NULL AND t.id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)
       ORDER BY t.said_on DESC, t.id`,
    )
    .all(sourceId) as Row[];
  return claimListItems(db, rows);
}

export function listDocuments(db: DB, caseId: string): DocumentSummary[] {
  const rows = db
    .prepare(
      `SELECT ${columnsExcept('document', ['text'])}, length(t.text) AS text_length
       FROM documents t WHERE t.case_id = ? AND t.deleted_at IS NULL ORDER BY t.title COLLATE NOCASE`,
    )
    .all(caseId) as Row[];
  const docs = rows.map((r) => {
    const { text: _text, ...summary } = fromRow('document', { ...r, text: '' });
    return { ...summary, textLength: r.text_length as number };
  });
  return withRelations(db, 'document', docs);
}

export function listExcerpts(db: DB, documentId: string): Excerpt[] {
  return select(db, 'excerpt', 't.document_id = ? AND t.deleted_at IS NULL', [documentId], 't.start_offset');
}

/** The claims made from a passage of the document, oldest first, with the passage's offsets. */
export function claimsFromPassages(db: DB, documentId: string): { id: string; start: number; end: number }[] {
  return db
    .prepare('SELECT c.id AS id, x.start_offset AS start, x.end_offset AS end FROM claims c JOIN excerpts x ON x.id = c.origin_excerpt_id WHERE x.document_id = ? AND c.deleted_at IS NULL ORDER BY c.created_at')
    .all(documentId) as { id: string; start: number; end: number }[];
}

export function evidenceOfClaim(db: DB, claimId: string): EvidenceLink[] {
  return select(
    db,
    'evidence',
    `t.claim_id = ? AND t.deleted_at IS NULL
     AND (SELECT deleted_at FROM documents d WHERE d.id = t.document_id) IS NULL
     AND (t.excerpt_id IS NULL OR (SELECT deleted_at FROM excerpts e WHERE e.id = t.excerpt_id) IS NULL)`,
    [claimId],
    't.stance, t.id',
  );
}

/** Links in both directions whose other claim is not in the trash. */
export function linksOfClaim(db: DB, claimId: string): ClaimLink[] {
  return select(
    db,
    'claimLink',
    `t.deleted_at IS NULL AND (t.from_claim_id = @claim OR t.to_claim_id = @claim)
     AND (SELECT deleted_at FROM claims c WHERE c.id = CASE WHEN t.from_claim_id = @claim THEN t.to_claim_id ELSE t.from_claim_id END) IS NULL`,
    [{ claim: claimId }],
    't.id',
  );
}

export function verificationOf(db: DB, claimId: string): VerificationEntry[] {
  const rows = db.prepare('SELECT * FROM verification_log WHERE claim_id = ? ORDER BY created_at, id').all(claimId) as Row[];
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    status: r.status,
    checker: r.checker,
    method: r.method,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    revision: r.revision,
  })) as VerificationEntry[];
}

export function repliesOf(db: DB, by: { caseId?: string; claimId?: string }): Reply[] {
  const [where, param] = by.claimId ? ['t.claim_id = ?', by.claimId] : ['t.case_id = ?', by.caseId];
  return select(db, 'reply', `${where} AND t.deleted_at IS NULL`, [param], 't.contacted_at');
}

/** A case's live notes, newest first, with their plain text (the handler counts its words). */
export function listNotes(db: DB, caseId: string): (Omit<NoteSummary, 'words'> & { text: string })[] {
  const rows = db
    .prepare(
      `SELECT ${columnsExcept('note', ['content', 'text'])}, t.text AS text
       FROM notes t WHERE t.case_id = ? AND t.deleted_at IS NULL ORDER BY t.updated_at DESC`,
    )
    .all(caseId) as Row[];
  return rows.map((r) => {
    const { content: _content, ...note } = fromRow('note', { ...r, content: '' });
    return note;
  });
}

export function listTrash(db: DB, caseId?: string): TrashItem[] {
  const rows = (
    caseId
      ? db.prepare('SELECT * FROM trash WHERE case_id = ? OR case_id IS NULL ORDER BY deleted_at DESC').all(caseId)
      : db.prepare('SELECT * FROM trash ORDER BY deleted_at DESC').all()
  ) as Row[];
  return rows.map((r) => ({
    entity: r.entity as TrashItem['entity'],
    entityId: r.entity_id as string,
    caseId: (r.case_id as string | null) ?? null,
    label: r.label as string,
    deletedAt: r.deleted_at as string,
  }));
}

/** Counts per entity (trashed records counted apart). */
export function stats(db: DB): Record<string, { live: number; trashed: number } | number> {
  const out: Record<string, { live: number; trashed: number } | number> = {};
  for (const [entity, s] of Object.entries(ENTITIES)) {
    const r = db
      .prepare(`SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS trashed FROM ${s.table}`)
      .get() as { live: number; trashed: number };
    out[entity] = r;
  }
  out.verificationEntry = (db.prepare('SELECT count(*) AS n FROM verification_log').get() as { n: number }).n;
  out.tag = (db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n;
  out.attachment = (db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;
  return out;
}

/** Appends to the verification log (never updated: a trigger refuses). */
export function appendVerification(
  db: WriteDB,
  entry: { id: string; at: string; claimId: string; status: ClaimStatus; checker: string; method: string; note: string },
): void {
  db.prepare(
    `INSERT INTO verification_log (id, created_at, updated_at, claim_id, status, checker, method, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.id, entry.at, entry.at, entry.claimId, entry.status, entry.checker, entry.method, entry.note);
}

export function getMeta(db: DB, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: WriteDB, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteMeta(db: WriteDB, key: string): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(key);
}

/**
 * Stores 32 random bytes (hex) under `key`, made by SQLite so the secret never passes through
 * JavaScript strings on its way in: `keep` leaves one already there, `replace` makes a new one.
 */
export function storeRandomKey(db: WriteDB, key: string, mode: 'keep' | 'replace'): void {
  db.prepare(`INSERT OR ${mode === 'keep' ? 'IGNORE' : 'REPLACE'} INTO meta (key, value) VALUES (?, lower(hex(randomblob(32))))`).run(key);
}

/** How an original file is stored, by its hash. */
export interface AttachmentRow {
  sha256: string;
  size: number;
  media_type: string;
}

export function getAttachment(db: DB, sha256: string): AttachmentRow | undefined {
  return db.prepare('SELECT sha256, size, media_type FROM attachments WHERE sha256 = ?').get(sha256) as AttachmentRow | undefined;
}

/** The hashes of the original files of a case's documents (trashed ones too: they may come back). */
export function caseAttachments(db: DB, caseId: string): string[] {
  return db.prepare('SELECT DISTINCT attachment FROM documents WHERE case_id = ? AND attachment IS NOT NULL ORDER BY attachment').pluck().all(caseId) as string[];
}

/** The file name a case's document made from this original was imported under ('' when none). */
export function documentFileName(db: DB, caseId: string, sha256: string): string {
  return (db.prepare('SELECT file_name FROM documents WHERE case_id = ? AND attachment = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1').pluck().get(caseId, sha256) as string | undefined) ?? '';
}

/** The hash of every original file the library holds. */
export function attachmentHashes(db: DB): string[] {
  return db.prepare('SELECT sha256 FROM attachments').pluck().all() as string[];
}

/** A document's extracted text, trashed or not; undefined when there is no such document. */
export function documentText(db: DB, id: string): string | undefined {
  return db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(id) as string | undefined;
}

/** The ids of a case's live claims, oldest first. */
export function claimIdsOfCase(db: DB, caseId: string): string[] {
  return db.prepare('SELECT id FROM claims WHERE case_id = ? AND deleted_at IS NULL ORDER BY created_at, id').pluck().all(caseId) as string[];
}

/** A case's live events, earliest first. */
export function listEvents(db: DB, caseId: string): CaseEvent[] {
  return select(db, 'event', 't.case_id = ? AND t.deleted_at IS NULL', [caseId], 't.happened_on, t.id');
}

export function addAttachment(db: WriteDB, a: { sha256: string; size: number; mediaType: string; at: string }): void {
  db.prepare('INSERT OR IGNORE INTO attachments (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)').run(a.sha256, a.size, a.mediaType, a.at);
}

/** The document of a case made from the file with this hash, if any (trashed ones too). */
export function documentWithAttachment(db: DB, caseId: string, sha256: string): { id: string; deleted: boolean } | undefined {
  const row = db.prepare('SELECT id, deleted_at FROM documents WHERE case_id = ? AND attachment = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1').get(caseId, sha256) as
    | { id: string; deleted_at: string | null }
    | undefined;
  return row && { id: row.id, deleted: row.deleted_at !== null };
}
