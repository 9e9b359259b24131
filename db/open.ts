import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { closeConnection, fileKind, openConnection, passphraseRequired, type Passphrase } from './cipher.js';
import { writableConnection, type DatabaseOptions, type DB, type WriteDB } from './driver.js';
import { LibraryError } from './errors.js';
import { LATEST_VERSION, migrations, type Migration } from './migrations/index.js';
import { cacheStatements } from './statement-cache.js';

export type { DB, WriteDB };
export { writableConnection };

/** PRAGMA application_id of a Corroborate library: "Corr". Tells our files from other SQLite files. */
export const APPLICATION_ID = 0x436f7272;

export interface OpenOptions {
  /** Create the file (and its folder) when it does not exist. Default true. */
  create?: boolean;
  /** Open without writing anything: no migrations, no journal-mode change. */
  readonly?: boolean;
  /** The driver's addon built for another runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /**
   * The check of an existing library before anything writes to it: 'auto' (the default) runs
   * `quick_check`, or the full `integrity_check` after an unclean shutdown; 'full' always the
   * full one; false none (benchmarks that reopen a library they just built).
   */
  check?: 'auto' | 'full' | false;
  /**
   * The passphrase of an encrypted library (db/cipher.ts), or of a new library to create
   * encrypted. Not needed, and not used, for a library that is not encrypted.
   */
  passphrase?: Passphrase;
  /**
   * Prepared statements kept per connection (statement-cache.ts). Default true; false only for
   * the benchmark that measures what the cache saves.
   */
  statementCache?: boolean;
}

/** What the checks at open found, for `library.info` and `doctor`. */
export interface OpenReport {
  /** The last session ended without closing the library (a crash, a kill, a power cut). */
  uncleanShutdown: boolean;
  /**
   * Which check ran before the library was opened for writing; 'unchanged' when none needed to:
   * the file is as the last session left it when it closed cleanly, and was checked in full
   * less than CHECK_EVERY_MS before.
   */
  checked: 'quick_check' | 'integrity_check' | 'unchanged' | 'none';
  /** When the library was last checked (ISO), if known. */
  lastChecked?: string;
}

/**
 * How long a check at open stays good for a library closed cleanly since and not changed by
 * anything else. quick_check reads every page: ~5.5 s at 100,000 claims with 10,000 documents,
 * which every start of the app (and every CLI command) would otherwise pay; bit rot in a page
 * nobody writes is still found within a day.
 */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Written beside the library when a session closes it cleanly: the file's size and modification
 * time then, and when it was last checked. Removed at open, so a crash leaves none.
 */
export const cleanStampPath = (path: string) => `${path}-clean`;

interface CleanStamp {
  size: number;
  mtimeMs: number;
  checkedAt: string;
}

function readStamp(path: string): CleanStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(cleanStampPath(path), 'utf8')) as Partial<CleanStamp>;
    if (typeof stamp.size !== 'number' || typeof stamp.mtimeMs !== 'number' || typeof stamp.checkedAt !== 'string') return null;
    return stamp as CleanStamp;
  } catch {
    return null;
  }
}

/** Whether the library is exactly as a clean close left it, checked recently enough. */
function unchangedSinceCheck(path: string, now = Date.now()): CleanStamp | null {
  const stamp = readStamp(path);
  if (!stamp) return null;
  const { size, mtimeMs } = statSync(path);
  const age = now - Date.parse(stamp.checkedAt);
  return size === stamp.size && mtimeMs === stamp.mtimeMs && age >= 0 && age < CHECK_EVERY_MS ? stamp : null;
}

/**
 * Closes a library a session opened, and records that it closed cleanly (see cleanStampPath).
 * Any other close (a crash, a kill) leaves no stamp, and the next open checks.
 */
export function closeLibrary(db: DB): void {
  if (!db.open) return;
  const path = db.name;
  const readonly = db.readonly;
  const checkedAt = reports.get(db)?.lastChecked;
  closeConnection(db);
  if (readonly || !checkedAt || path === ':memory:' || path === '') return;
  try {
    if (fileSize(`${path}-wal`) > 0) return; // not checkpointed: not a clean close
    const { size, mtimeMs } = statSync(path);
    writeFileSync(cleanStampPath(path), JSON.stringify({ size, mtimeMs, checkedAt } satisfies CleanStamp), { mode: 0o600 });
  } catch {
    // No stamp: the next open checks, which is only slower.
  }
}

const reports = new WeakMap<DB, OpenReport>();

export function openReport(db: DB): OpenReport {
  return reports.get(db) ?? { uncleanShutdown: false, checked: 'none' };
}

/**
 * Opens a library: refuses what is not one (a folder, another program's file, a library written
 * by a newer Corroborate) or what is damaged before writing a byte, then sets the durability
 * pragmas, checks they took, and migrates.
 */
export function openLibrary(path: string, options: OpenOptions = {}): WriteDB {
  const { create = true, readonly = false, nativeBinding, check = 'auto', passphrase, statementCache = true } = options;
  const kind = checkFile(path);
  const exists = kind !== 'missing';
  if (!exists) {
    if (!create || readonly) throw new LibraryError('LIBRARY_NOT_FOUND', `There is no library at ${path}.`);
    makePrivateFolders(dirname(path));
    // Made readable by the reporter alone before SQLite opens it: SQLite gives the -wal, -shm
    // and -journal files it makes the library file's own mode.
    closeSync(openSync(path, 'wx', 0o600));
  }
  if (kind === 'encrypted' && passphrase === undefined) throw passphraseRequired(path);
  // A new library is created encrypted when given a passphrase; a plain one ignores it.
  const key = kind === 'encrypted' || kind === 'missing' || kind === 'empty' ? passphrase : undefined;
  const binding = nativeBinding ? { nativeBinding } : {};
  const report = exists && kind !== 'empty' ? checkAtOpen(path, binding, check, key) : { uncleanShutdown: false, checked: 'none' as const, lastChecked: new Date().toISOString() };
  // From here the file may change: the stamp of the last clean close no longer describes it.
  if (!readonly) rmSync(cleanStampPath(path), { force: true });

  const db = connect(path, { readonly, fileMustExist: exists, ...binding }, key);
  try {
    checkIdentity(db, path);
    if (!readonly) {
      if (exists) keepPrivate(path);
      applyPragmas(db);
      checkPragmas(db, path);
      migrate(db);
    }
    reports.set(db, report);
    // Opened read-only, SQLite itself refuses a write (SQLITE_READONLY) whatever the type says.
    return writableConnection(statementCache ? cacheStatements(db) : db);
  } catch (err) {
    closeConnection(db);
    throw err;
  }
}

/**
 * Makes the folders of a new library that do not exist yet, each readable by the reporter alone
 * (0700, whatever the umask); a folder that was already there is left as it is.
 */
export function makePrivateFolders(folder: string): void {
  const first = mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!first) return;
  for (let dir = folder; ; dir = dirname(dir)) {
    chmodSync(dir, 0o700);
    if (dir === first || dirname(dir) === dir) break;
  }
}

/**
 * An existing library, its -wal and its -shm, readable by anyone but the reporter (a library
 * made by an earlier version, or copied in with a wide mode), are made the reporter's alone:
 * they hold every confidential source in full. A file of another user is left as it is.
 */
function keepPrivate(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) chmodSync(file, mode & 0o700);
    } catch {
      // Not there, or not ours to change.
    }
  }
}

function connect(path: string, options: DatabaseOptions, passphrase: Passphrase | undefined): DB {
  try {
    return openConnection(path, options, passphrase);
  } catch (err) {
    if (err instanceof LibraryError) throw err;
    if (isCorruption(err)) throw damaged(path, 'SQLite cannot read its first page');
    throw new LibraryError('LIBRARY_UNREADABLE', `The library at ${path} cannot be opened: ${(err as Error).message}`);
  }
}

/**
 * Checks an existing library through a read-only connection, which cannot checkpoint a
 * write-ahead log into the file or change it any other way: a damaged library is left exactly
 * as it was found, for a rescue.
 */
function checkAtOpen(path: string, binding: { nativeBinding?: string }, check: OpenOptions['check'], passphrase: Passphrase | undefined): OpenReport {
  if (check === false) return { uncleanShutdown: false, checked: 'none' };
  if (check === 'auto') {
    const log = inspectWal(path);
    const stamp = log.hot || log.lost ? null : unchangedSinceCheck(path);
    if (stamp) return { uncleanShutdown: false, checked: 'unchanged', lastChecked: stamp.checkedAt };
  }
  return { ...verify(path, binding, check === 'full', passphrase), lastChecked: new Date().toISOString() };
}

function verify(path: string, binding: { nativeBinding?: string }, full: boolean, passphrase: Passphrase | undefined): OpenReport {
  const log = inspectWal(path);
  if (log.lost) {
    throw damaged(path, 'work saved in it is missing, because its write-ahead log (the file ending in -wal beside it) was deleted or cut short while it was in use');
  }
  const checked = full || log.hot ? 'integrity_check' : 'quick_check';
  const leftBehind = [`${path}-wal`, `${path}-shm`].filter((f) => fileSize(f) < 0);
  const db = connect(path, { readonly: true, fileMustExist: true, ...binding }, passphrase);
  let refused = true;
  try {
    checkIdentity(db, path);
    let problems: string[];
    try {
      problems = (db.pragma(`${checked}(10)`) as Record<string, string>[]).map((r) => Object.values(r)[0] ?? '');
    } catch (err) {
      if (isCorruption(err)) throw damaged(path, (err as Error).message);
      throw err;
    }
    if (problems.length !== 1 || problems[0] !== 'ok') throw damaged(path, `SQLite's ${checked} found: ${problems.slice(0, 3).join('; ')}`);
    refused = false;
  } finally {
    closeConnection(db);
    // A read-only connection to a WAL library creates an empty log and index and cannot delete
    // them: a library REFUSED here is left as it was found (removed only while the log is empty).
    // A library that passes keeps them: another process may have opened it meanwhile and be
    // writing into that very log, and deleting it under that process loses every write it then
    // acknowledges (two writers lost one's 150 claims so, when both opened at once).
    if (refused && leftBehind.length === 2 && fileSize(`${path}-wal`) === 0) for (const f of leftBehind) rmSync(f, { force: true });
  }
  return { uncleanShutdown: log.hot, checked };
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function damaged(path: string, why: string): LibraryError {
  return new LibraryError(
    'LIBRARY_DAMAGED',
    `The library at ${path} is damaged (${why}). Corroborate has not opened it for writing and has not changed it. ` +
      'Restore your latest backup with `corroborate restore`, and keep the damaged file: it may still be rescued.',
  );
}

/**
 * What the files beside the library say before SQLite touches them. A non-empty -wal means the
 * last session did not close the library (a clean close checkpoints and deletes it). The -shm
 * file's header (the WAL index, https://sqlite.org/walformat.html) says how many frames of
 * the log hold committed work and how many are already copied into the library; when the log
 * is missing, shorter than that, or another log (its salt differs), committed work is lost.
 */
function inspectWal(path: string): { hot: boolean; lost: boolean } {
  const walSize = fileSize(`${path}-wal`);
  const shm = readHead(`${path}-shm`, 136);
  const hot = walSize > 0;
  if (shm.length < 136 || shm[12] !== 1 || !shm.subarray(0, 48).equals(shm.subarray(48, 96))) return { hot, lost: false };
  const le = endianness() === 'LE';
  const u32 = (at: number) => (le ? shm.readUInt32LE(at) : shm.readUInt32BE(at));
  const rawPage = le ? shm.readUInt16LE(14) : shm.readUInt16BE(14);
  const pageSize = rawPage === 1 ? 65536 : rawPage;
  const frames = u32(16);
  const backfilled = u32(96);
  if (frames <= backfilled) return { hot, lost: false };
  if (walSize < 32 + frames * (24 + pageSize)) return { hot, lost: true };
  const walSalt = readHead(`${path}-wal`, 24).subarray(16, 24);
  return { hot, lost: !walSalt.equals(shm.subarray(32, 40)) };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

function readHead(path: string, length: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const head = Buffer.alloc(length);
    return head.subarray(0, readSync(fd, head, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * What is at the path: nothing, an empty file (a new library), a SQLite file, or what may be an
 * encrypted one. Throws when it cannot be a library at all.
 */
function checkFile(path: string): 'missing' | 'empty' | 'plain' | 'encrypted' {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 'missing';
  }
  if (stat.isDirectory()) {
    throw new LibraryError('LIBRARY_IS_DIRECTORY', `${path} is a folder, not a library file. Name a file inside it, e.g. ${path}/library.corroborate.`);
  }
  const kind = fileKind(path);
  if (kind === 'other') throw new LibraryError('NOT_A_LIBRARY', `${path} is not a Corroborate library (it is not a SQLite database).`);
  return kind === 'maybe-encrypted' ? 'encrypted' : kind;
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
    if (isCorruption(err)) throw damaged(path, (err as Error).message);
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
 * The durability the app relies on, read back: SQLite leaves a library in its old journal mode
 * where write-ahead logging is impossible (some network file systems), and says so only here.
 */
export function checkPragmas(db: DB, path: string): void {
  const found = {
    journal_mode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreign_keys: Number(db.pragma('foreign_keys', { simple: true })),
  };
  const wrong = Object.entries({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1 }).filter(([k, v]) => found[k as keyof typeof found] !== v);
  if (wrong.length) {
    throw new LibraryError(
      'LIBRARY_UNSAFE',
      `The library at ${path} cannot be kept safely where it is: SQLite would not set ${wrong.map(([k, v]) => `${k} = ${v} (it is ${found[k as keyof typeof found]})`).join(', ')}. ` +
        'Move it to a folder on this computer’s own disk and open it again.',
    );
  }
}

/**
 * Runs each pending migration in its own transaction, user_version set inside it. `list` is
 * there for tests, which prove with a failing migration that nothing of it is left behind.
 */
export function migrate(db: DB, upTo: number = LATEST_VERSION, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list) {
    if (m.version <= current || m.version > upTo) continue;
    // IMMEDIATE, as every write here: a second process opening the library meanwhile waits.
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
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
// The search indexes and their shadows of words as written (migration 010), which spelling reads.
const FTS_TABLES = ['claims', 'sources', 'documents', 'excerpts', 'notes'].flatMap((t) => [`${t}_fts`, `${t}_words`]);

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
