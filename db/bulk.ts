// What a bulk import needs from the library beyond the records' own writes: the live sources by
// name (a file names its sources where it knows no ids), and one transaction that spans every
// batch of a file, so a file lands whole or not at all. The batches themselves go through the
// dispatcher (records.import), each a savepoint inside this transaction.

import { nowIso } from './ids.js';
import type { DB, WriteDB } from './open.js';

/** Every source not in the trash, with its name and aliases (JSON). */
export function liveSources(db: DB): { id: string; name: string; aliases: string }[] {
  return db.prepare('SELECT id, name, aliases FROM sources WHERE deleted_at IS NULL').all() as { id: string; name: string; aliases: string }[];
}

/** The tables with full-text indexes: each has a stemmed one (`_fts`) and one of its words as written (`_words`). */
const INDEXED_TABLES = ['claims', 'sources', 'documents', 'excerpts', 'notes'] as const;

/**
 * FTS5 gathers the entries of the rows it is given in memory and writes them out as a new segment
 * each time they pass `hashsize` (1 MB by default); segments are then merged, level by level, so
 * fewer, larger segments mean less merging. Measured: 200,000 claims indexed in 7.7 CPU s at
 * 1 MB, 4.5 s at 64 MB; a million claims' stemmed index 26.0 s at 16 MB, 20.5 s at 64 MB, 18.2 s
 * at 256 MB (the process 90 MB larger for it). Held in memory only while the deferred rows are
 * indexed.
 */
const IMPORT_HASH_BYTES = 64 * 1024 * 1024;
const FTS5_DEFAULT_HASH_BYTES = 1024 * 1024;

type Triggers = { name: string; sql: string }[];

/** An index's columns, read from the schema so they cannot drift from what the migrations made. */
function indexColumns(db: DB, index: string): string {
  return (db.prepare(`SELECT name FROM pragma_table_info('${index}')`).pluck().all() as string[]).join(', ');
}

/** An FTS5 option as the index holds it (its `_config` table), or undefined when never set. */
function ftsOption(db: DB, index: string, key: string): number | undefined {
  return db.prepare(`SELECT v FROM ${index}_config WHERE k = ?`).pluck().get(key) as number | undefined;
}

function setFtsOption(db: WriteDB, index: string, key: string, value: number): void {
  // CAST: FTS5 takes only an INTEGER, and a JS number is bound as a REAL.
  db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES (?, CAST(? AS INTEGER))`).run(key, value);
}

/**
 * Puts every row past each table's mark into both of its indexes, one statement an index, and
 * ends the deferral. Secure-delete is off for that statement only: it changes nothing for new
 * rows, all the statement writes, but makes FTS5 write a segment entry by entry instead of each
 * word's list whole (measured: 5-15% of the indexing). Setting an option first writes out what
 * the index holds in memory under the options it had, so a delete made earlier in the
 * transaction is still removed securely; both options are put back before the transaction ends.
 */
function indexDeferred(db: WriteDB): void {
  const marks = db.prepare('SELECT content_table AS tbl, after_rowid AS mark FROM fts_deferred').all() as { tbl: string; mark: number }[];
  for (const { tbl, mark } of marks) {
    if (!db.prepare(`SELECT 1 FROM ${tbl} WHERE rowid > ? LIMIT 1`).get(mark)) continue;
    for (const index of [`${tbl}_fts`, `${tbl}_words`]) {
      const cols = indexColumns(db, index);
      const secure = ftsOption(db, index, 'secure-delete') ?? 0;
      const hash = ftsOption(db, index, 'hashsize');
      setFtsOption(db, index, 'hashsize', IMPORT_HASH_BYTES);
      if (secure) setFtsOption(db, index, 'secure-delete', 0);
      try {
        db.prepare(`INSERT INTO ${index}(rowid, ${cols}) SELECT rowid, ${cols} FROM ${tbl} WHERE rowid > ?`).run(mark);
      } finally {
        // Never set before: set to the default it stood for (the shadow tables are read-only to us).
        setFtsOption(db, index, 'hashsize', hash ?? FTS5_DEFAULT_HASH_BYTES);
        if (secure) setFtsOption(db, index, 'secure-delete', secure);
      }
    }
  }
  db.prepare('DELETE FROM fts_deferred').run();
}

/**
 * Drops the triggers that index each new row (migration 12) while indexing is deferred, rather
 * than letting them stand aside: an INSERT on a table with a trigger makes SQLite keep a
 * statement journal of every page the row touches, one in each of a claim's seven B-trees
 * (measured at 100,000 claims: the claims' INSERTs took 2.9 CPU s with the trigger standing
 * aside, 1.25 s without it). Dropped and made again from their own text inside the caller's
 * transaction, so no other connection ever sees a table without them, and a rollback (or a
 * crash) brings them back with everything else.
 */
function dropInsertTriggers(db: WriteDB): Triggers {
  const names = INDEXED_TABLES.map((t) => `${t}_index_ai`);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`).all(...names) as Triggers;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  return triggers;
}

/** Starts deferring: marks each table's last row and drops the insert triggers (`endDeferral` puts them back). */
function beginDeferral(db: WriteDB): Triggers {
  if (!db.inTransaction) throw new Error('deferred indexing runs inside a transaction');
  if (db.prepare('SELECT 1 FROM fts_deferred LIMIT 1').get()) throw new Error('full-text indexing is already deferred on this connection');
  for (const tbl of INDEXED_TABLES) db.prepare(`INSERT INTO fts_deferred (content_table, after_rowid) SELECT ?, coalesce(max(rowid), 0) FROM ${tbl}`).run(tbl);
  return dropInsertTriggers(db);
}

function endDeferral(db: WriteDB, triggers: Triggers): void {
  indexDeferred(db);
  for (const t of triggers) db.exec(t.sql);
}

/** Connections whose open file transaction defers indexing to its commit, with the triggers it dropped. */
const fileDeferrals = new WeakMap<WriteDB, Triggers>();

/**
 * Runs `write` with full-text indexing of the rows it adds deferred to its end (migration 12):
 * a bulk import's rows are indexed in one statement an index instead of one trigger a row
 * (measured on 50,000 claims: 1.7 s against 7.8 s). Needs the caller's transaction, which the
 * indexing joins: the rows and their index entries are committed together, so no search ever
 * misses a committed record. Indexing runs however `write` ends, so a caller that catches a
 * failure and commits still leaves every row indexed (a rolled-back savepoint takes the rows and
 * their entries back together). Inside a file transaction (`beginFileTransaction`) the file's
 * deferral covers the rows, and they are indexed as the file commits.
 */
export function withDeferredIndexing<T>(db: WriteDB, write: () => T): T {
  if (fileDeferrals.has(db) && db.inTransaction) return write();
  const triggers = beginDeferral(db);
  try {
    return write();
  } finally {
    if (db.inTransaction) endDeferral(db, triggers);
  }
}

/**
 * Opens the transaction a whole file is written in. IMMEDIATE, as every write: another writer
 * waits (busy_timeout) rather than failing half-way. Refused when one is already open. Indexing
 * is deferred to the commit for every batch at once: FTS5 merges its segments once for the
 * file, not once a batch, and the larger hash (indexDeferred) pays only when given many rows.
 */
export function beginFileTransaction(db: WriteDB): void {
  if (db.inTransaction) throw new Error('a transaction is already open on this connection');
  db.exec('BEGIN IMMEDIATE');
  try {
    fileDeferrals.set(db, beginDeferral(db));
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** Indexes the file's rows, then commits them and their index entries together; on a failure, nothing lands. */
export function commitFileTransaction(db: WriteDB): void {
  const triggers = fileDeferrals.get(db);
  if (!triggers || !db.inTransaction) throw new Error('no file transaction is open on this connection');
  try {
    endDeferral(db, triggers);
  } catch (err) {
    rollbackFileTransaction(db);
    throw err;
  }
  fileDeferrals.delete(db);
  db.exec('COMMIT');
}

/** Rolls back what the file wrote (the dropped triggers come back with it); harmless when SQLite already rolled back (an I/O error). */
export function rollbackFileTransaction(db: WriteDB): void {
  fileDeferrals.delete(db);
  if (db.inTransaction) db.exec('ROLLBACK');
}

/** The tables a bulk import writes records to, by record kind. */
const IMPORTED_TABLES = { source: 'sources', claim: 'claims', document: 'documents', claimLink: 'claim_links', evidence: 'evidence_links' } as const;
type ImportedKind = keyof typeof IMPORTED_TABLES;

/** The highest rowid of each table an import writes: a batch's rows are the ones past these. */
export type RowMarks = Record<ImportedKind, number>;

/** What undoing an import needs: its case, and each batch's rows as rowid ranges (after, upTo]. */
export interface ImportUndo {
  caseId: string;
  records: number;
  ranges: Record<ImportedKind, [number, number][]>;
}

export function rowMarks(db: DB): RowMarks {
  return Object.fromEntries(
    Object.entries(IMPORTED_TABLES).map(([kind, table]) => [kind, (db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get() as number)]),
  ) as RowMarks;
}

/**
 * Adds a batch's rows (those past `before`, all written by this batch: it holds the write lock)
 * to the undo entry `id` of its import, made by its first batch. Written in the batch's own
 * transaction, so the entry lists exactly what landed, whether a file lands whole or batch by
 * batch (--partial). A rowid never changes: the library is never vacuumed in place.
 */
export function noteImportBatch(db: WriteDB, entry: { id: string; caseId: string; label: (records: number) => string; records: number; before: RowMarks }): void {
  const after = rowMarks(db);
  const row = db.prepare("SELECT payload FROM undo_log WHERE id = ? AND action = 'import'").pluck().get(entry.id) as string | undefined;
  const undo: ImportUndo = row ? (JSON.parse(row) as ImportUndo) : { caseId: entry.caseId, records: 0, ranges: { source: [], claim: [], document: [], claimLink: [], evidence: [] } };
  if (undo.caseId !== entry.caseId) throw new Error('an import writes into one case');
  undo.records += entry.records;
  for (const kind of Object.keys(IMPORTED_TABLES) as ImportedKind[]) {
    if (after[kind] > entry.before[kind]) undo.ranges[kind].push([entry.before[kind], after[kind]]);
  }
  const label = entry.label(undo.records).slice(0, 200);
  if (row) db.prepare('UPDATE undo_log SET label = ?, payload = ? WHERE id = ?').run(label, JSON.stringify(undo), entry.id);
  else db.prepare("INSERT INTO undo_log (id, created_at, action, label, payload) VALUES (?, ?, 'import', ?, ?)").run(entry.id, nowIso(), label, JSON.stringify(undo));
}

/** The ids of the live rows of `kind` an import wrote (in its case, where the kind has one). */
function importedIds(db: DB, undo: ImportUndo, kind: ImportedKind): string[] {
  const inCase = kind === 'claim' || kind === 'document' ? ' AND case_id = ?' : '';
  const stmt = db.prepare(`SELECT id FROM ${IMPORTED_TABLES[kind]} WHERE rowid > ? AND rowid <= ? AND deleted_at IS NULL${inCase}`).pluck();
  return undo.ranges[kind].flatMap(([after, upTo]) => (inCase ? stmt.all(after, upTo, undo.caseId) : stmt.all(after, upTo)) as string[]);
}

/** Whether anything an import wrote is still out of the trash: its undo entry is still worth offering. */
export function importStillLive(db: DB, undo: ImportUndo): boolean {
  return (['claim', 'document'] as const).some((kind) => {
    const stmt = db.prepare(`SELECT 1 FROM ${IMPORTED_TABLES[kind]} WHERE rowid > ? AND rowid <= ? AND deleted_at IS NULL AND case_id = ? LIMIT 1`);
    return undo.ranges[kind].some(([after, upTo]) => stmt.get(after, upTo, undo.caseId) !== undefined);
  });
}

/**
 * What undoing an import moves to the trash, in that order: its claims and documents; the claim
 * links and evidence links it made between records it did not make (those it made between its
 * own records go out of sight with them, and come back with them); and the sources it made that
 * no live claim beyond it cites (a source is library-wide: one a later claim cites stays).
 */
export function importedToTrash(db: DB, undo: ImportUndo): { entity: ImportedKind; id: string }[] {
  const claims = new Set(importedIds(db, undo, 'claim'));
  const documents = new Set(importedIds(db, undo, 'document'));
  const links = importedIds(db, undo, 'claimLink').filter((id) => {
    const l = db.prepare('SELECT from_claim_id AS a, to_claim_id AS b FROM claim_links WHERE id = ?').get(id) as { a: string; b: string };
    return !claims.has(l.a) && !claims.has(l.b);
  });
  const evidence = importedIds(db, undo, 'evidence').filter((id) => {
    const e = db.prepare('SELECT claim_id AS c, document_id AS d FROM evidence_links WHERE id = ?').get(id) as { c: string; d: string | null };
    return !claims.has(e.c) && !(e.d && documents.has(e.d));
  });
  const citing = db.prepare('SELECT c.id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE cs.source_id = ? AND c.deleted_at IS NULL').pluck();
  const sources = importedIds(db, undo, 'source').filter((id) => (citing.all(id) as string[]).every((c) => claims.has(c)));
  return [
    ...[...claims].map((id) => ({ entity: 'claim' as const, id })),
    ...[...documents].map((id) => ({ entity: 'document' as const, id })),
    ...links.map((id) => ({ entity: 'claimLink' as const, id })),
    ...evidence.map((id) => ({ entity: 'evidence' as const, id })),
    ...sources.map((id) => ({ entity: 'source' as const, id })),
  ];
}
