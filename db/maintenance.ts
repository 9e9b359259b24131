// What archive, backup and a change of encryption ask of a library file as a whole: SQLite's own
// check, the row count of every table (a faithful copy has the same), and its schema version.
// The checks that read every page of a large library run off the main thread (db/off-thread.ts).

import type { DB } from './open.js';

/** SQLite's quick_check: 'ok' when the file is sound, else its first finding. */
export function quickCheck(db: DB): string {
  return String(db.pragma('quick_check', { simple: true }));
}

/** Every ordinary table's row count (full-text indexes aside: they are rebuilt from the rows). */
export function rowCounts(db: DB): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  return new Map(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

/** The migration the library file is at (PRAGMA user_version). */
export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}
