// The one module that names the SQLite driver: better-sqlite3-multiple-ciphers, better-sqlite3
// built with SQLite3 Multiple Ciphers, so that a library may be encrypted at rest (SQLCipher's
// format). A library without a key is an ordinary SQLite file, read and written exactly as
// better-sqlite3 does. Everything else imports the driver from here, never by its package name.

import Database from 'better-sqlite3-multiple-ciphers';

export default Database;
export { Database };

export type DB = Database.Database;
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
