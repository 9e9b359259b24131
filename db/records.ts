// Generic storage of the model's records: one spec per entity says which table holds it, how
// its API fields map to columns, how it is labelled in the trash and which case it belongs to.
// Every write stamps updated_at and bumps revision, so a sync engine can see what changed.

import type { DB, WriteDB } from './open.js';
import { newId, nowIso } from './ids.js';
import { RecordError } from './errors.js';
import { notePurge } from './undo.js';
import { sourcesOfClaims, tagsOf, type Taggable } from './relations.js';
import type { Case, CaseEvent, Claim, ClaimLink, DocumentRecord, EvidenceLink, Excerpt, Note, Reply, Source } from './types.js';

type FieldType = 'text' | 'json' | 'bool';

interface EntitySpec {
  table: string;
  /** API field name → [column, how it is stored]. */
  fields: Record<string, [string, FieldType]>;
  /** SQL over alias `t`: the words shown for the record in the trash. */
  label: string;
  /** SQL over alias `t`: the case the record belongs to (NULL for library-wide records). */
  caseOf: string;
  /** What the user calls it, for messages. */
  noun: string;
}

const t = (column: string): [string, FieldType] => [column, 'text'];

export const ENTITIES = {
  case: {
    table: 'cases',
    noun: 'case',
    fields: { title: t('title'), description: t('description') },
    label: 't.title',
    caseOf: 't.id',
  },
  source: {
    table: 'sources',
    noun: 'source',
    fields: {
      kind: t('kind'),
      name: t('name'),
      aliases: ['aliases', 'json'],
      role: t('role'),
      affiliationId: t('affiliation_id'),
      contact: ['contact', 'json'],
      defaultAttribution: t('default_attribution'),
      confidential: ['confidential', 'bool'],
      anonymityReason: t('anonymity_reason'),
      identityKnownBy: t('identity_known_by'),
      description: t('description'),
      reliability: t('reliability'),
      notes: t('notes'),
    },
    label: 't.name',
    caseOf: 'NULL',
  },
  claim: {
    table: 'claims',
    noun: 'claim',
    fields: {
      caseId: t('case_id'),
      statement: t('statement'),
      quote: t('quote'),
      quoteKind: t('quote_kind'),
      saidOn: t('said_on'),
      medium: t('medium'),
      attribution: t('attribution'),
      originExcerptId: t('origin_excerpt_id'),
      status: t('status'),
    },
    label: 't.statement',
    caseOf: 't.case_id',
  },
  document: {
    table: 'documents',
    noun: 'document',
    fields: {
      caseId: t('case_id'),
      title: t('title'),
      kind: t('kind'),
      author: t('author'),
      publisher: t('publisher'),
      publishedOn: t('published_on'),
      url: t('url'),
      retrievedAt: t('retrieved_at'),
      text: t('text'),
      attachment: t('attachment'),
      fileName: t('file_name'),
      pages: ['pages', 'json'],
    },
    label: 't.title',
    caseOf: 't.case_id',
  },
  excerpt: {
    table: 'excerpts',
    noun: 'excerpt',
    fields: {
      documentId: t('document_id'),
      exact: t('exact'),
      prefix: t('prefix'),
      suffix: t('suffix'),
      start: t('start_offset'),
      end: t('end_offset'),
      page: t('page'),
      locator: t('locator'),
      comment: t('comment'),
      orphanedAt: t('orphaned_at'),
    },
    label: 't.exact',
    caseOf: '(SELECT d.case_id FROM documents d WHERE d.id = t.document_id)',
  },
  evidence: {
    table: 'evidence_links',
    noun: 'evidence link',
    fields: {
      claimId: t('claim_id'),
      documentId: t('document_id'),
      excerptId: t('excerpt_id'),
      stance: t('stance'),
      locator: t('locator'),
      note: t('note'),
    },
    label: "t.stance || ': ' || (SELECT d.title FROM documents d WHERE d.id = t.document_id)",
    caseOf: '(SELECT d.case_id FROM documents d WHERE d.id = t.document_id)',
  },
  claimLink: {
    table: 'claim_links',
    noun: 'claim link',
    fields: {
      fromClaimId: t('from_claim_id'),
      toClaimId: t('to_claim_id'),
      relation: t('relation'),
      note: t('note'),
    },
    label: "t.relation || ': ' || (SELECT c.statement FROM claims c WHERE c.id = t.to_claim_id)",
    caseOf: '(SELECT c.case_id FROM claims c WHERE c.id = t.from_claim_id)',
  },
  reply: {
    table: 'replies',
    noun: 'right-of-reply entry',
    fields: {
      caseId: t('case_id'),
      claimId: t('claim_id'),
      sourceId: t('source_id'),
      subject: t('subject'),
      contactedAt: t('contacted_at'),
      channel: t('channel'),
      response: t('response'),
      respondedAt: t('responded_at'),
    },
    label: "'Reply from ' || t.subject",
    caseOf: 't.case_id',
  },
  note: {
    table: 'notes',
    noun: 'note',
    fields: { caseId: t('case_id'), title: t('title'), content: t('content'), text: t('text') },
    label: 't.title',
    caseOf: 't.case_id',
  },
  event: {
    table: 'events',
    noun: 'event',
    fields: {
      caseId: t('case_id'),
      title: t('title'),
      happenedOn: t('happened_on'),
      happenedUntil: t('happened_until'),
      description: t('description'),
    },
    label: 't.title',
    caseOf: 't.case_id',
  },
} as const satisfies Record<string, EntitySpec>;

export type Entity = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as Entity[];

export type Row = Record<string, unknown>;

/** What each entity reads back as: its API shape (db/types.ts). */
export interface RecordOf {
  case: Case;
  source: Source;
  claim: Claim;
  document: DocumentRecord;
  excerpt: Excerpt;
  evidence: EvidenceLink;
  claimLink: ClaimLink;
  reply: Reply;
  note: Note;
  event: CaseEvent;
}

/** Held in tables of their own (tags, a claim's sources), not in the record's row. */
type Related = 'tags' | 'sourceIds';
/** A record as its own row holds it: without its tags and a claim's sources. */
export type Stored<E extends Entity> = Omit<RecordOf[E], Related>;

const TAGGABLE: readonly Entity[] = ['source', 'claim', 'document'] satisfies Taggable[];
const isTaggable = (entity: Entity): entity is Taggable => TAGGABLE.includes(entity);

function spec(entity: Entity): EntitySpec {
  return ENTITIES[entity];
}

function toColumn(type: FieldType, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (type === 'json') return JSON.stringify(value);
  if (type === 'bool') return value ? 1 : 0;
  return value;
}

/** A database row → the API's shape. */
export function fromRow<E extends Entity>(entity: E, row: Row): Stored<E> {
  const out: Row = {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    deletedAt: row.deleted_at ?? null,
  };
  for (const [field, [column, type]] of Object.entries(spec(entity).fields)) {
    const v = row[column];
    out[field] = type === 'json' ? JSON.parse(String(v)) : type === 'bool' ? v === 1 : v;
  }
  // The one place a row becomes a typed record: ENTITIES maps every column of RecordOf[E].
  return out as unknown as Stored<E>;
}

/** Adds `tags` (and for claims `sourceIds`) to records fetched in one batch. */
export function withRelations<T extends { id: string }>(db: DB, entity: Taggable, records: T[]): (T & { tags: string[]; sourceIds?: string[] })[] {
  const ids = records.map((r) => r.id);
  const tags = tagsOf(db, entity, ids);
  const sources = entity === 'claim' ? sourcesOfClaims(db, ids) : undefined;
  return records.map((r) => ({
    ...r,
    tags: tags.get(r.id) ?? [],
    ...(sources ? { sourceIds: sources.get(r.id) ?? [] } : {}),
  }));
}

/** Column list for SELECTs that leave out big columns (document text, note content). */
export function columnsExcept(entity: Entity, omit: string[]): string {
  const cols = ['id', 'created_at', 'updated_at', 'revision', 'deleted_at'];
  for (const [field, [column]] of Object.entries(spec(entity).fields)) if (!omit.includes(field)) cols.push(column);
  return cols.map((c) => `t.${c}`).join(', ');
}

/** The INSERT of a new record: its text (one per set of columns given, so the statement cache keeps few) and parameters. */
function insertion(entity: Entity, values: Row, returning: string): { sql: string; params: unknown[] } {
  const s = spec(entity);
  const now = nowIso();
  const cols = ['id', 'created_at', 'updated_at', 'revision'];
  const params: unknown[] = [newId(), now, now, 1];
  for (const [field, [column, type]] of Object.entries(s.fields)) {
    const v = toColumn(type, values[field]);
    if (v === undefined) continue;
    cols.push(column);
    params.push(v);
  }
  return { sql: `INSERT INTO ${s.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${returning}`, params };
}

export function insertRecord<E extends Entity>(db: WriteDB, entity: E, values: Row): Stored<E> {
  const { sql, params } = insertion(entity, values, ' RETURNING *');
  return fromRow(entity, db.prepare(sql).get(...params) as Row);
}

/**
 * A new record's id, for a caller that reads nothing else back: without RETURNING *, SQLite does
 * not build a result row and better-sqlite3 does not turn it into an object, a million times
 * over in a bulk import.
 */
export function insertRecordId(db: WriteDB, entity: Entity, values: Row): string {
  const { sql, params } = insertion(entity, values, '');
  db.prepare(sql).run(...params);
  return params[0] as string;
}

export function getRow(db: DB, entity: Entity, id: string): Row | undefined {
  return db.prepare(`SELECT * FROM ${spec(entity).table} WHERE id = ?`).get(id) as Row | undefined;
}

/** The record as its row holds it, or a NOT_FOUND error. Trashed records are found only when asked for. */
function storedRecord<E extends Entity>(db: DB, entity: E, id: string, includeTrashed: boolean): Stored<E> {
  const row = getRow(db, entity, id);
  if (!row) throw new RecordError('NOT_FOUND', `No ${spec(entity).noun} has the id ${id}.`);
  if (row.deleted_at && !includeTrashed) {
    throw new RecordError('IN_TRASH', `That ${spec(entity).noun} is in the trash. Restore it first.`);
  }
  return fromRow(entity, row);
}

/** The record with its tags (and a claim's sources), or a NOT_FOUND error. Trashed records are found only when asked for. */
export function getRecord<E extends Entity>(db: DB, entity: E, id: string, { includeTrashed = false } = {}): RecordOf[E] {
  const record = storedRecord(db, entity, id, includeTrashed);
  // Stored<E> plus its relations is RecordOf[E]; TypeScript cannot follow Omit through a generic E.
  return (isTaggable(entity) ? withRelations(db, entity, [record])[0]! : record) as RecordOf[E];
}

/** A claim with its sources and tags; trashed ones too unless told otherwise. */
export function getClaim(db: DB, claimId: string, includeTrashed = true): Claim {
  return getRecord(db, 'claim', claimId, { includeTrashed });
}

/** A source with its tags; trashed ones too unless told otherwise. */
export function getSource(db: DB, sourceId: string, includeTrashed = true): Source {
  return getRecord(db, 'source', sourceId, { includeTrashed });
}

/** A document with its tags; trashed ones too unless told otherwise. */
export function getDocument(db: DB, documentId: string, includeTrashed = true): DocumentRecord {
  return getRecord(db, 'document', documentId, { includeTrashed });
}

/**
 * Changes the fields given in `patch` (undefined ones are left alone). With `expectedRevision`,
 * refuses the write when someone else changed the record since it was read.
 */
export function updateRecord<E extends Entity>(db: WriteDB, entity: E, id: string, patch: Row, expectedRevision?: number): Stored<E> {
  const s = spec(entity);
  const current = storedRecord(db, entity, id, false);
  if (expectedRevision !== undefined && current.revision !== expectedRevision) {
    throw new RecordError(
      'CONFLICT',
      `This ${s.noun} was changed elsewhere (revision ${String(current.revision)}, you edited revision ${expectedRevision}). Reload it and try again.`,
    );
  }
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [field, [column, type]] of Object.entries(s.fields)) {
    const v = toColumn(type, patch[field]);
    if (v === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(v);
  }
  sets.push('updated_at = ?', 'revision = revision + 1');
  params.push(nowIso(), id);
  const row = db.prepare(`UPDATE ${s.table} SET ${sets.join(', ')} WHERE id = ? RETURNING *`).get(...params) as Row;
  return fromRow(entity, row);
}

/** Moves a record to the trash; answers the words the trash shows for it. */
export function trashRecord(db: WriteDB, entity: Entity, id: string): string {
  const s = spec(entity);
  storedRecord(db, entity, id, false);
  const now = nowIso();
  db.prepare(`UPDATE ${s.table} SET deleted_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`).run(now, now, id);
  const { label } = db
    .prepare(
      `INSERT INTO trash (entity, entity_id, case_id, label, deleted_at)
       SELECT ?, t.id, ${s.caseOf}, substr(coalesce(${s.label}, ''), 1, 200), ? FROM ${s.table} t WHERE t.id = ? RETURNING label`,
    )
    .get(entity, now, id) as { label: string };
  return label;
}

export function restoreRecord<E extends Entity>(db: WriteDB, entity: E, id: string): RecordOf[E] {
  const s = spec(entity);
  const row = getRow(db, entity, id);
  if (!row) throw new RecordError('NOT_FOUND', `No ${s.noun} has the id ${id}.`);
  if (!row.deleted_at) throw new RecordError('NOT_IN_TRASH', `That ${s.noun} is not in the trash.`);
  db.prepare(`UPDATE ${s.table} SET deleted_at = NULL, updated_at = ?, revision = revision + 1 WHERE id = ?`).run(nowIso(), id);
  db.prepare('DELETE FROM trash WHERE entity = ? AND entity_id = ?').run(entity, id);
  return getRecord(db, entity, id);
}

/** Deletes for good a record that is in the trash, with everything that hangs from it. */
export function purgeRecord(db: WriteDB, entity: Entity, id: string): void {
  const s = spec(entity);
  const row = getRow(db, entity, id);
  if (!row) throw new RecordError('NOT_FOUND', `No ${s.noun} has the id ${id}.`);
  if (!row.deleted_at) throw new RecordError('NOT_IN_TRASH', `Only records in the trash can be deleted for good; move the ${s.noun} to the trash first.`);
  db.prepare(`DELETE FROM ${s.table} WHERE id = ?`).run(id);
  db.prepare('DELETE FROM trash WHERE entity = ? AND entity_id = ?').run(entity, id);
  if (entity === 'case') db.prepare('DELETE FROM trash WHERE case_id = ?').run(id);
  pruneTrash(db);
  notePurge(db);
}

/**
 * Trash rows whose record went with a purged parent (cascade) are dropped, and so are the undo
 * entries of records that are gone: each names its record in its label ("Moved the source
 * “Maria …” to the trash"), and a purge must leave no trace of what it purged in the file.
 */
function pruneTrash(db: WriteDB): void {
  for (const [entity, s] of Object.entries(ENTITIES)) {
    db.prepare(`DELETE FROM trash WHERE entity = ? AND entity_id NOT IN (SELECT id FROM ${s.table})`).run(entity);
    db.prepare(
      `DELETE FROM undo_log WHERE action = 'trash' AND json_extract(payload, '$.entity') = ? AND json_extract(payload, '$.id') NOT IN (SELECT id FROM ${s.table})`,
    ).run(entity);
  }
  db.prepare(
    `DELETE FROM undo_log WHERE action = 'merge' AND (json_extract(payload, '$.mergeId') NOT IN (SELECT id FROM sources) OR json_extract(payload, '$.keepId') NOT IN (SELECT id FROM sources))`,
  ).run();
}

export function nounOf(entity: Entity): string {
  return spec(entity).noun;
}
