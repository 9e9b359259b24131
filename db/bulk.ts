// What a bulk import needs from the library beyond the records' own writes: the live sources by
// name (a file names its sources where it knows no ids), and one transaction that spans every
// batch of a file, so a file lands whole or not at all. The batches themselves go through the
// dispatcher (records.import), each a savepoint inside this transaction.

import type { DB, WriteDB } from './open.js';

/** Every source not in the trash, with its name and aliases (JSON). */
export function liveSources(db: DB): { id: string; name: string; aliases: string }[] {
  return db.prepare('SELECT id, name, aliases FROM sources WHERE deleted_at IS NULL').all() as { id: string; name: string; aliases: string }[];
}

/**
 * Opens the transaction a whole file is written in. IMMEDIATE, as every write: another writer
 * waits (busy_timeout) rather than failing half-way. Refused when one is already open.
 */
export function beginFileTransaction(db: WriteDB): void {
  if (db.inTransaction) throw new Error('a transaction is already open on this connection');
  db.exec('BEGIN IMMEDIATE');
}

export function commitFileTransaction(db: WriteDB): void {
  db.exec('COMMIT');
}

/** Rolls back what the file wrote; harmless when SQLite already rolled back (an I/O error). */
export function rollbackFileTransaction(db: WriteDB): void {
  if (db.inTransaction) db.exec('ROLLBACK');
}

/** The tables with full-text indexes: each has a stemmed one (`_fts`) and one of its words as written (`_words`). */
const INDEXED_TABLES = ['claims', 'sources', 'documents', 'excerpts', 'notes'] as const;

/** An index's columns, read from the schema so they cannot drift from what the migrations made. */
function indexColumns(db: DB, index: string): string {
  return (db.prepare(`SELECT name FROM pragma_table_info('${index}')`).pluck().all() as string[]).join(', ');
}

/** Puts every row past each table's mark into both of its indexes, in one statement an index, and ends the deferral. */
function indexDeferred(db: WriteDB): void {
  const marks = db.prepare('SELECT content_table AS tbl, after_rowid AS mark FROM fts_deferred').all() as { tbl: string; mark: number }[];
  for (const { tbl, mark } of marks) {
    for (const index of [`${tbl}_fts`, `${tbl}_words`]) {
      const cols = indexColumns(db, index);
      db.prepare(`INSERT INTO ${index}(rowid, ${cols}) SELECT rowid, ${cols} FROM ${tbl} WHERE rowid > ?`).run(mark);
    }
  }
  db.prepare('DELETE FROM fts_deferred').run();
}

/**
 * Runs `write` with full-text indexing of the rows it adds deferred to its end (migration 12):
 * a bulk import's rows are indexed in one statement an index instead of one trigger a row, five
 * times faster. Needs the caller's transaction, which the indexing joins: the rows and their
 * index entries are committed together, so no search ever misses a committed record. Indexing
 * runs however `write` ends, so a caller that catches a failure and commits still leaves every
 * row indexed (a rolled-back savepoint takes the rows and their entries back together).
 */
export function withDeferredIndexing<T>(db: WriteDB, write: () => T): T {
  if (!db.inTransaction) throw new Error('deferred indexing runs inside a transaction');
  if (db.prepare('SELECT 1 FROM fts_deferred LIMIT 1').get()) throw new Error('full-text indexing is already deferred on this connection');
  for (const tbl of INDEXED_TABLES) db.prepare(`INSERT INTO fts_deferred (content_table, after_rowid) SELECT ?, coalesce(max(rowid), 0) FROM ${tbl}`).run(tbl);
  try {
    return write();
  } finally {
    if (db.inTransaction) indexDeferred(db);
  }
}
