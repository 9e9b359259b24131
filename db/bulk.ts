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
