import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LibraryError } from './errors.js';
import { LATEST_VERSION, migrations, type Migration } from './migrations/index.js';

export type DB = Database.Database;

/** PRAGMA application_id of a Corroborate library: "Corr". Tells our files from other SQLite files. */
export const APPLICATION_ID = 0x436f7272;

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create the file (and its folder) when it does not exist. Default true. */
  create?: boolean;
  /** Open without writing anything: no migrations, no journal-mode change. */
  readonly?: boolean;
  /** better-sqlite3's addon built for another runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

/**
 * Opens a library: refuses what is not one (a folder, another program's file, a library written
 * by a newer Corroborate) before writing a byte, then sets the durability pragmas and migrates.
 */
export function openLibrary(path: string, options: OpenOptions = {}): DB {
  const { create = true, readonly = false, nativeBinding } = options;
  const exists = checkFile(path);
  if (!exists) {
    if (!create || readonly) throw new LibraryError('LIBRARY_NOT_FOUND', `There is no library at ${path}.`);
    mkdirSync(dirname(path), { recursive: true });
  }

  let db: DB;
  try {
    db = new Database(path, { readonly, fileMustExist: exists, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new LibraryError('LIBRARY_UNREADABLE', `The library at ${path} cannot be opened: ${(err as Error).message}`);
  }
  try {
    checkIdentity(db, path);
    if (!readonly) {
      applyPragmas(db);
      migrate(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Returns whether the file exists; throws when it exists but cannot be a library. */
function checkFile(path: string): boolean {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return false;
  }
  if (stat.isDirectory()) {
    throw new LibraryError('LIBRARY_IS_DIRECTORY', `${path} is a folder, not a library file. Name a file inside it, e.g. ${path}/library.corroborate.`);
  }
  if (stat.size === 0) return true; // an empty file is a new library
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new LibraryError('NOT_A_LIBRARY', `${path} is not a Corroborate library (it is not a SQLite database).`);
  }
  return true;
}

function checkIdentity(db: DB, path: string): void {
  let version: number;
  let appId: number;
  let tables: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    appId = db.pragma('application_id', { simple: true }) as number;
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  } catch (err) {
    throw new LibraryError('NOT_A_LIBRARY', `${path} is not a readable library: ${(err as Error).message}`);
  }
  if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
    throw new LibraryError('NOT_A_LIBRARY', `${path} is a SQLite database of another program, not a Corroborate library.`);
  }
  if (version > LATEST_VERSION) {
    throw new LibraryError(
      'LIBRARY_TOO_NEW',
      `This library was written by a newer version of Corroborate (schema ${version}; this version reads up to ${LATEST_VERSION}). Update Corroborate to open it; the file was not changed.`,
    );
  }
}

function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Runs each pending migration in its own transaction, user_version set inside it. `list` is
 * there for tests, which prove with a failing migration that nothing of it is left behind.
 */
export function migrate(db: DB, upTo: number = LATEST_VERSION, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export interface Health {
  schemaVersion: number;
  latestVersion: number;
  journalMode: string;
  synchronous: string;
  foreignKeys: boolean;
  secureDelete: boolean;
  integrityCheck: string;
  ftsIntegrity: string;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const FTS_TABLES = ['claims_fts', 'sources_fts', 'documents_fts', 'excerpts_fts', 'notes_fts'];

/** What `doctor` reports: the pragmas we rely on and both integrity checks. */
export function checkHealth(db: DB): Health {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const ftsProblems: string[] = [];
  for (const t of FTS_TABLES) {
    try {
      // rank = 1: compare the index with its content table too; without it FTS5 checks only
      // that the index is self-consistent, and an index out of step with the text passes.
      db.prepare(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (err) {
      ftsProblems.push(`${t}: ${(err as Error).message}`);
    }
  }
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    latestVersion: LATEST_VERSION,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNCHRONOUS[db.pragma('synchronous', { simple: true }) as number] ?? 'UNKNOWN',
    foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
    secureDelete: db.pragma('secure_delete', { simple: true }) === 1,
    integrityCheck: integrity.join('; '),
    ftsIntegrity: ftsProblems.length ? ftsProblems.join('; ') : 'ok',
  };
}

/** Changes whenever anything is written, by this connection or another process: a cache key. */
export function changeKey(db: DB): string {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}
