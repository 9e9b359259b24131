// The one module that names the SQLite driver: better-sqlite3-multiple-ciphers, better-sqlite3
// built with SQLite3 Multiple Ciphers, so that a library may be encrypted at rest (SQLCipher's
// format). A library without a key is an ordinary SQLite file, read and written exactly as
// better-sqlite3 does. Everything else imports the driver from here, never by its package name.

import Database from 'better-sqlite3-multiple-ciphers';

export default Database;
export { Database };

/** A connection to a library, to read from: what a `write: false` method's handler is given. */
export type DB = Database.Database;

declare const writable: unique symbol;
/**
 * A connection the holder may write through: the one openLibrary returns, handed to `write: true`
 * handlers inside the dispatcher's transaction. Every db/ function that writes takes it, so a
 * reading handler (given a plain DB) cannot call one: the compiler refuses it. The brand exists
 * only in types; at run time it is the same connection.
 */
export type WriteDB = DB & { readonly [writable]: true };

/** The one place a connection is declared writable: where it was opened for writing. */
export function writableConnection(db: DB): WriteDB {
  return db as WriteDB;
}
export type Statement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;
export type DatabaseOptions = Database.Options;

/** The version of the SQLite the driver was built with, for the app's About box. */
export function sqliteVersion(nativeBinding?: string): string {
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    return (db.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version;
  } finally {
    db.close();
  }
}
