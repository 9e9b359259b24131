// The library's side of a shared case (docs/sync.md): which cases are shared and where, the
// Yjs updates of each case's document, and the rows of a case the sync engine compares with
// that document. Writing a record received from the desk keeps its id: the same record has the
// same id in every member's library.

import type { DB, WriteDB } from './open.js';
import { ENTITIES, fromRow, getRow, purgeRecord, restoreRecord, trashRecord, type Entity, type Row } from './records.js';
import { nowIso } from './ids.js';

export type SyncRole = 'reporter' | 'editor' | 'fact-checker' | 'lawyer';

export interface SharedCase {
  caseId: string;
  serverUrl: string;
  docName: string;
  member: string;
  role: SyncRole;
  credential: string;
  joinedAt: string;
}

function toShared(r: Row): SharedCase {
  return {
    caseId: r.case_id as string,
    serverUrl: r.server_url as string,
    docName: r.doc_name as string,
    member: r.member as string,
    role: r.role as SyncRole,
    credential: r.credential as string,
    joinedAt: r.joined_at as string,
  };
}

export function sharedCases(db: DB): SharedCase[] {
  return (db.prepare('SELECT * FROM sync_cases ORDER BY joined_at').all() as Row[]).map(toShared);
}

export function sharedCase(db: DB, caseId: string): SharedCase | undefined {
  const r = db.prepare('SELECT * FROM sync_cases WHERE case_id = ?').get(caseId) as Row | undefined;
  return r && toShared(r);
}

/** True when any case is shared: the check every write makes, so it must stay cheap. */
export function anySharedCase(db: DB): boolean {
  return db.prepare('SELECT 1 FROM sync_cases LIMIT 1').get() !== undefined;
}

/** Tables of the records a case shares, by the name the sync engine gives their kind. */
const RECORD_TABLES: [string, string][] = [
  ['case', 'cases'],
  ['source', 'sources'],
  ['document', 'documents'],
  ['excerpt', 'excerpts'],
  ['claim', 'claims'],
  ['evidence', 'evidence_links'],
  ['claimLink', 'claim_links'],
  ['reply', 'replies'],
  ['note', 'notes'],
  ['event', 'events'],
];

/** Link tables: a change to a row is a change to each record it names (a claim's sources, a record's tags). */
const LINK_TABLES: [string, [string, string][]][] = [
  ['claim_sources', [['claim', 'claim_id'], ['source', 'source_id']]],
  ['source_tags', [['source', 'source_id']]],
  ['claim_tags', [['claim', 'claim_id']]],
  ['document_tags', [['document', 'document_id']]],
  // A grant given or taken back changes what the source carries, sealed, to the members.
  ['sync_grants', [['source', 'source_id']]],
];

// Only while a case is shared: a library whose last shared case went keeps the triggers idle.
const SHARING = 'WHEN EXISTS (SELECT 1 FROM sync_cases)';
const note = (entity: string, id: string) => `INSERT OR IGNORE INTO sync_journal (entity, id) VALUES ('${entity}', ${id});`;
const noteAll = (entity: string, select: string) => `INSERT OR IGNORE INTO sync_journal (entity, id) SELECT '${entity}', ${select};`;

/**
 * The change journal's triggers (docs/sync.md §3): every row a write inserts, changes or deletes
 * in a shared record's table, or in a table that says something of such a record, notes the
 * record. Triggers rather than a list the handlers keep: a handler added later, a bulk import, a
 * script writing beside the app or a raw SQL edit are all noted, and nobody has to remember to.
 * A change to these statements must drop the old triggers by name first (they are made once).
 */
function journalTriggers(): string[] {
  const out: string[] = [];
  for (const [entity, table] of RECORD_TABLES) {
    out.push(`CREATE TRIGGER IF NOT EXISTS ${table}_journal_insert AFTER INSERT ON ${table} ${SHARING} BEGIN ${note(entity, 'NEW.id')} END`);
    out.push(`CREATE TRIGGER IF NOT EXISTS ${table}_journal_update AFTER UPDATE ON ${table} ${SHARING} BEGIN ${note(entity, 'NEW.id')} END`);
    out.push(`CREATE TRIGGER IF NOT EXISTS ${table}_journal_delete AFTER DELETE ON ${table} ${SHARING} BEGIN ${note(entity, 'OLD.id')} END`);
  }
  for (const [table, named] of LINK_TABLES) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      const body = named.map(([e, c]) => note(e, `${row}.${c}`)).join(' ');
      out.push(`CREATE TRIGGER IF NOT EXISTS ${table}_journal_${event.toLowerCase()} AFTER ${event} ON ${table} ${SHARING} BEGIN ${body} END`);
    }
  }
  // The log only grows: an entry is new to the case's document when it is written.
  out.push(`CREATE TRIGGER IF NOT EXISTS verification_log_journal_insert AFTER INSERT ON verification_log ${SHARING} BEGIN ${note('verification', 'NEW.id')} END`);
  // A tag renamed is a change to everything it tags (tags travel by name).
  const tagged = [noteAll('source', 'source_id FROM source_tags WHERE tag_id = NEW.id'), noteAll('claim', 'claim_id FROM claim_tags WHERE tag_id = NEW.id'), noteAll('document', 'document_id FROM document_tags WHERE tag_id = NEW.id')];
  out.push(`CREATE TRIGGER IF NOT EXISTS tags_journal_update AFTER UPDATE OF name ON tags ${SHARING} BEGIN ${tagged.join(' ')} END`);
  // A document carries its original file's description, read from the attachment.
  for (const event of ['INSERT', 'UPDATE']) {
    out.push(`CREATE TRIGGER IF NOT EXISTS attachments_journal_${event.toLowerCase()} AFTER ${event} ON attachments ${SHARING} BEGIN ${noteAll('document', 'id FROM documents WHERE attachment = NEW.sha256')} END`);
  }
  return out;
}

const JOURNAL_TRIGGERS = journalTriggers();
const TRIGGER_NAMES = JOURNAL_TRIGGERS.map((sql) => /IF NOT EXISTS (\S+)/.exec(sql)![1]!);
/** Connections known to have the triggers: checked once each, not on every write. */
const withJournal = new WeakSet<DB>();

/**
 * Gives the library the change journal's triggers, if it has them not (made when it first shares
 * or joins a case, or at the first write of a library shared before they existed): they stay in
 * the file, so every connection's writes are noted, the app's, a script's or a SQL shell's.
 */
export function ensureJournal(db: DB): void {
  if (withJournal.has(db)) return;
  const have = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))").get(JSON.stringify(TRIGGER_NAMES)) as { n: number };
  if (have.n !== TRIGGER_NAMES.length) for (const sql of JOURNAL_TRIGGERS) db.exec(sql);
  withJournal.add(db);
}

export function addSharedCase(db: DB, c: Omit<SharedCase, 'joinedAt'>): void {
  db.prepare(
    'INSERT INTO sync_cases (case_id, server_url, doc_name, member, role, credential, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(c.caseId, c.serverUrl, c.docName, c.member, c.role, c.credential, nowIso());
  ensureJournal(db);
}

export function appendSyncUpdate(db: DB, caseId: string, data: Uint8Array, local: boolean): number {
  const r = db.prepare('INSERT INTO sync_updates (case_id, data, local, acked) VALUES (?, ?, ?, ?) RETURNING seq').get(caseId, data, local ? 1 : 0, local ? 0 : 1) as {
    seq: number;
  };
  return r.seq;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
  local: boolean;
  acked: boolean;
}

export function syncUpdates(db: DB, caseId: string, afterSeq = 0): StoredUpdate[] {
  const rows = db.prepare('SELECT seq, data, local, acked FROM sync_updates WHERE case_id = ? AND seq > ? ORDER BY seq').all(caseId, afterSeq) as Row[];
  return rows.map((r) => ({ seq: r.seq as number, data: new Uint8Array(r.data as Buffer), local: r.local === 1, acked: r.acked === 1 }));
}

/** The newest update the library keeps for the case (0 when none): it moves whenever the case's document does. */
export function lastSyncSeq(db: DB, caseId: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_updates WHERE case_id = ?').get(caseId) as { n: number }).n;
}

export function latestLocalSeq(db: DB, caseId: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_updates WHERE case_id = ? AND local = 1').get(caseId) as { n: number }).n;
}

/** The newest change received from the desk: a page that saw an older one has records to re-read. */
export function latestRemoteSeq(db: DB, caseId: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_updates WHERE case_id = ? AND local = 0').get(caseId) as { n: number }).n;
}

export function waitingCount(db: DB, caseId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM sync_updates WHERE case_id = ? AND local = 1 AND acked = 0').get(caseId) as { n: number }).n;
}

export function markAcked(db: DB, seqs: number[]): void {
  const mark = db.prepare('UPDATE sync_updates SET acked = 1 WHERE seq = ?');
  for (const seq of seqs) mark.run(seq);
}

/** Replaces acknowledged updates by one that holds them all (the engine merged them). */
export function replaceAcked(db: DB, caseId: string, seqs: number[], merged: Uint8Array): void {
  const drop = db.prepare('DELETE FROM sync_updates WHERE seq = ? AND case_id = ? AND acked = 1');
  for (const seq of seqs) drop.run(seq, caseId);
  appendSyncUpdate(db, caseId, merged, false);
}

/**
 * Every record of the case of one kind, in the API's shape, trashed ones too; with `ids`, only
 * those of them that exist and belong to the case (a source belongs through a claim of it).
 */
export function caseRecords(db: DB, entity: Entity, caseId: string, ids?: readonly string[]): Row[] {
  const s = ENTITIES[entity];
  if (ids) {
    // Looked up by id first, so a few records cost a few lookups whatever the size of the case.
    const inCase =
      entity === 'source'
        ? 'EXISTS (SELECT 1 FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE cs.source_id = t.id AND c.case_id = ?)'
        : `${s.caseOf} = ?`;
    const sql = `SELECT * FROM ${s.table} t WHERE t.id IN (SELECT value FROM json_each(?)) AND ${inCase} ORDER BY t.id`;
    return (db.prepare(sql).all(JSON.stringify(ids), caseId) as Row[]).map((r) => fromRow(entity, r));
  }
  const where =
    entity === 'source'
      ? 't.id IN (SELECT cs.source_id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE c.case_id = ?)'
      : `${s.caseOf} = ?`;
  return (db.prepare(`SELECT * FROM ${s.table} t WHERE ${where} ORDER BY t.id`).all(caseId) as Row[]).map((r) => fromRow(entity, r));
}

/**
 * The records writes changed since the journal was last emptied (the triggers ensureJournal makes note
 * them while any case is shared), by kind: `verification` for entries of the verification log.
 */
export function journalled(db: DB): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db.prepare('SELECT entity, id FROM sync_journal ORDER BY entity, id').all() as { entity: string; id: string }[]) {
    const ids = out.get(r.entity);
    if (ids) ids.push(r.id);
    else out.set(r.entity, [r.id]);
  }
  return out;
}

export function clearJournal(db: WriteDB): void {
  db.prepare('DELETE FROM sync_journal').run();
}

/** Under which mask and note mode the case's document was last compared whole with the library (null: never). */
export function consistentAs(db: DB, caseId: string): string | null {
  const r = db.prepare('SELECT consistent_as AS v FROM sync_cases WHERE case_id = ?').get(caseId) as { v: string | null } | undefined;
  return r?.v ?? null;
}

export function setConsistentAs(db: WriteDB, caseId: string, digest: string): void {
  db.prepare('UPDATE sync_cases SET consistent_as = ? WHERE case_id = ?').run(digest, caseId);
}

/** Moves whenever another connection (another process) commits to the library: what this one remembers of it may be stale. */
export function dataVersion(db: DB): number {
  return db.pragma('data_version', { simple: true }) as number;
}

export function recordRow(db: DB, entity: Entity, id: string): Row | undefined {
  const row = getRow(db, entity, id);
  return row && fromRow(entity, row);
}

export interface VerificationRow {
  id: string;
  claimId: string;
  status: string;
  checker: string;
  method: string;
  note: string;
  at: string;
}

/** The case's verification entries, oldest first; with `ids`, only those of them. */
export function caseVerifications(db: DB, caseId: string, ids?: readonly string[]): VerificationRow[] {
  const only = ids ? ' AND v.id IN (SELECT value FROM json_each(?))' : '';
  return db
    .prepare(
      `SELECT v.id, v.claim_id AS claimId, v.status, v.checker, v.method, v.note, v.created_at AS at
       FROM verification_log v JOIN claims c ON c.id = v.claim_id WHERE c.case_id = ?${only} ORDER BY v.created_at, v.id`,
    )
    .all(...(ids ? [caseId, JSON.stringify(ids)] : [caseId])) as VerificationRow[];
}

/** A verification entry received from the desk; one already here (same id) is left alone. */
export function addVerificationIfMissing(db: DB, v: VerificationRow): void {
  db.prepare(
    `INSERT OR IGNORE INTO verification_log (id, created_at, updated_at, claim_id, status, checker, method, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.id, v.at, v.at, v.claimId, v.status, v.checker, v.method, v.note);
}

/**
 * Writes a record received from the desk under its own id: inserted when new, else only the
 * fields given are changed. Its trash state follows `deletedAt` (the trash list with it).
 */
export function putRecord(db: WriteDB, entity: Entity, id: string, fields: Row, deletedAt: string | null): void {
  const s = ENTITIES[entity];
  const columns = Object.entries(s.fields as Record<string, [string, string]>).filter(([field]) => fields[field] !== undefined);
  const values = columns.map(([field, [, type]]) => {
    const v = fields[field];
    return type === 'json' ? JSON.stringify(v) : type === 'bool' ? (v ? 1 : 0) : v;
  });
  const now = nowIso();
  const existing = getRow(db, entity, id);
  if (!existing) {
    const cols = ['id', 'created_at', 'updated_at', 'revision', ...columns.map(([, [c]]) => c)];
    db.prepare(`INSERT INTO ${s.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(id, now, now, 1, ...values);
  } else if (columns.length) {
    const sets = columns.map(([, [c]]) => `${c} = ?`).join(', ');
    db.prepare(`UPDATE ${s.table} SET ${sets}, updated_at = ?, revision = revision + 1 WHERE id = ?`).run(...values, now, id);
  }
  const trashed = Boolean(existing?.deleted_at);
  if (deletedAt && !trashed) trashRecord(db, entity, id);
  if (!deletedAt && trashed) restoreRecord(db, entity, id);
  // The time it went to the trash is the member's who put it there, the same in every library.
  if (deletedAt && existing?.deleted_at !== deletedAt) {
    db.prepare(`UPDATE ${s.table} SET deleted_at = ? WHERE id = ?`).run(deletedAt, id);
    db.prepare('UPDATE trash SET deleted_at = ? WHERE entity = ? AND entity_id = ?').run(deletedAt, entity, id);
  }
}

/** A record another member deleted for good goes here too (through the trash, as purges do). */
export function dropRecord(db: WriteDB, entity: Entity, id: string): void {
  const row = getRow(db, entity, id);
  if (!row) return;
  if (!row.deleted_at) trashRecord(db, entity, id);
  purgeRecord(db, entity, id);
}

/** Foreign keys checked at commit: records of a case arrive in any order. */
export function deferForeignKeys(db: DB): void {
  db.pragma('defer_foreign_keys = ON');
}

/** This library's key pair on a shared case (docs/sync.md §5): the private half never leaves the library. */
export function memberKeys(db: DB, caseId: string): { publicKey: string; privateKey: string } | undefined {
  return db.prepare('SELECT public_key AS publicKey, private_key AS privateKey FROM sync_keys WHERE case_id = ?').get(caseId) as { publicKey: string; privateKey: string } | undefined;
}

export function setMemberKeys(db: WriteDB, caseId: string, keys: { publicKey: string; privateKey: string }): void {
  db.prepare('INSERT INTO sync_keys (case_id, public_key, private_key) VALUES (?, ?, ?)').run(caseId, keys.publicKey, keys.privateKey);
}

/** The other members' public keys, as the server last listed them. */
export function peerKeys(db: DB, caseId: string): Map<string, string> {
  const rows = db.prepare('SELECT member, public_key AS publicKey FROM sync_peers WHERE case_id = ? ORDER BY member').all(caseId) as { member: string; publicKey: string }[];
  return new Map(rows.map((r) => [r.member, r.publicKey]));
}

export function setPeerKey(db: WriteDB, caseId: string, member: string, publicKey: string): void {
  db.prepare(
    'INSERT INTO sync_peers (case_id, member, public_key, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, member) DO UPDATE SET public_key = excluded.public_key, seen_at = excluded.seen_at',
  ).run(caseId, member, publicKey, nowIso());
}

export interface Grant {
  sourceId: string;
  member: string;
  publicKey: string;
  digest: string | null;
  grantedAt: string;
}

export function grantsOf(db: DB, caseId: string, sourceId?: string): Grant[] {
  const sql = `SELECT source_id AS sourceId, member, public_key AS publicKey, digest, granted_at AS grantedAt FROM sync_grants WHERE case_id = ?${sourceId ? ' AND source_id = ?' : ''} ORDER BY member`;
  return db.prepare(sql).all(...(sourceId ? [caseId, sourceId] : [caseId])) as Grant[];
}

/** A grant (again): the identity is sealed to `publicKey` at the next capture. */
export function putGrant(db: WriteDB, caseId: string, sourceId: string, member: string, publicKey: string): void {
  db.prepare(
    `INSERT INTO sync_grants (case_id, source_id, member, public_key, digest, granted_at) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT (case_id, source_id, member) DO UPDATE SET public_key = excluded.public_key, digest = NULL`,
  ).run(caseId, sourceId, member, publicKey, nowIso());
}

export function dropGrant(db: WriteDB, caseId: string, sourceId: string, member: string): boolean {
  return db.prepare('DELETE FROM sync_grants WHERE case_id = ? AND source_id = ? AND member = ?').run(caseId, sourceId, member).changes > 0;
}

export function setGrantDigest(db: WriteDB, caseId: string, sourceId: string, member: string, digest: string): void {
  db.prepare('UPDATE sync_grants SET digest = ? WHERE case_id = ? AND source_id = ? AND member = ?').run(digest, caseId, sourceId, member);
}
