// Backups of the library file through SQLite's online backup API (the driver's
// db.backup()): a consistent copy taken page by page while the app keeps working, written under
// a temporary name and renamed into place. The app keeps automatic backups beside the library
// (`<library>.backups/`, at most one a day, the last seven kept) and can restore one: the
// session closes the library, sets the current file aside (never deleting it), puts the backup
// in its place and opens it again.
//
// An encrypted library's backups are encrypted with the same passphrase: SQLite's backup API
// cannot write to a keyed file, so they are made with VACUUM INTO, which writes a consistent
// snapshot through the library's own key, in a worker thread (one step: no cancel midway).
// Every copy is checked (quick_check) in a worker thread too: the app keeps answering.
//
// A backup holds the library file: records, notes, logs. The original files of imported
// documents live in the content-addressed store beside it (`<library>.files/`), which only
// ever gains files; back that folder up with the rest of your files.

import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { acquireLibraryLock, getMeta, openLibrary, quickCheck, setMeta, type DB, type WriteDB } from '../../db/index.js';
import { closeConnection, copyLibrary, fileKind, isEncrypted, keyOf, type Passphrase } from '../../db/cipher.js';
import { FILES_KEY } from '../crypto/pending.js';
import { checkOffThread, copyOffThread } from '../../db/off-thread.js';
import { fsyncPath, tempPathFor, writeAtomically } from '../archive/atomic.js';
import type { Context, Job, ReadContext } from '../context.js';
import { ApiError } from '../errors.js';
import { resolveOutputTarget } from '../output-target.js';

export const KEEP_AUTOMATIC = 7;

export interface BackupInfo {
  name: string;
  path: string;
  kind: 'automatic' | 'manual';
  createdAt: string;
  size: number;
}

export function backupsDir(libraryPath: string): string {
  return `${libraryPath}.backups`;
}

/** The backups folder, made readable by the reporter alone when it is made (a folder already there is left as it is). */
export function makePrivateFolder(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // the mode, whatever the umask
}

const NAME = /^(auto|manual)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.corroborate$/;

/** auto-2026-12-01T09-30-00Z.corroborate: sorts by time, and says when it was made. */
export function backupName(kind: BackupInfo['kind'], at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${kind === 'automatic' ? 'auto' : 'manual'}-${stamp}Z.corroborate`;
}

/** The backups in the library's backups folder, newest first. */
export function listBackups(libraryPath: string): BackupInfo[] {
  const dir = backupsDir(libraryPath);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    let size: number;
    try {
      const s = statSync(path);
      if (!s.isFile()) continue;
      size = s.size;
    } catch {
      continue;
    }
    out.push({ name, path, kind: m[1] === 'auto' ? 'automatic' : 'manual', createdAt: `${m[2]}T${m[3]}:${m[4]}:${m[5]}Z`, size });
  }
  return out.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** Backups under way, per connection: a restore waits for none, it refuses. */
const running = new WeakMap<DB, number>();

export function isBackingUp(db: DB): boolean {
  return (running.get(db) ?? 0) > 0;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Copies the open library to `dest` (a new file, a folder to put a dated backup in, or, with
 * `overwrite`, an ordinary file to replace; never the library's own files: see
 * core/output-target.ts). Other connections may write meanwhile: SQLite restarts the copy when
 * they do, and the result is always one consistent state of the library.
 */
export async function backupLibrary(
  ctx: Pick<ReadContext, 'db' | 'libraryPath'>,
  dest: string,
  job?: Pick<Job, 'signal' | 'progress'>,
  { overwrite = false }: { overwrite?: boolean } = {},
): Promise<BackupInfo> {
  const target = resolveOutputTarget(dest, { libraryPath: ctx.libraryPath, overwrite, fileName: backupName('manual', new Date()), purpose: 'backup' });
  const { db } = ctx;
  running.set(db, (running.get(db) ?? 0) + 1);
  try {
    await writeAtomically(target, async (temp) => {
      if (isEncrypted(db)) {
        if (job?.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: no backup was written.');
        job?.progress(0, 2, 'Copying the library');
        const key = keyOf(db);
        try {
          await copyOffThread(ctx.libraryPath, temp, key);
          if (!db.open) throw new ApiError('CANCELLED', 'The library was locked before the backup finished: no backup was written.');
          job?.progress(1, 2, 'Checking the copy');
          await checkCopyOffThread(temp, key);
        } finally {
          key?.fill(0);
        }
        chmodSync(temp, 0o600);
        job?.progress(2, 2, 'Checking the copy');
        return;
      }
      // A write by another connection restarts the copy. Steps keep the app responsive; after
      // a few restarts the rest is copied in one step, so a busy writer cannot starve it.
      let restarts = 0;
      let lastRemaining = Infinity;
      await db.backup(temp, {
        progress: ({ totalPages, remainingPages }) => {
          if (job?.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: no backup was written.');
          if (remainingPages > lastRemaining) restarts++;
          lastRemaining = remainingPages;
          job?.progress(totalPages - remainingPages, totalPages, 'Copying the library');
          return restarts >= MAX_RESTARTS ? 0x7fffffff : PAGES_PER_STEP;
        },
      });
      await checkCopyOffThread(temp);
      chmodSync(temp, 0o600); // the whole library, confidential sources included: the reporter's eyes only
    }, { overwrite });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) throw new ApiError('DISK_FULL', 'The disk is full: no backup was written. Free some space and try again.');
    if (!db.open) throw new ApiError('CANCELLED', 'The library was closed before the backup finished: no backup was written.');
    throw err;
  } finally {
    running.set(db, (running.get(db) ?? 1) - 1);
  }
  const m = NAME.exec(basename(target));
  return {
    name: basename(target),
    path: target,
    kind: m?.[1] === 'auto' ? 'automatic' : 'manual',
    createdAt: m ? `${m[2]}T${m[3]}:${m[4]}:${m[5]}Z` : new Date().toISOString().slice(0, 19) + 'Z',
    size: statSync(target).size,
  };
}

const PAGES_PER_STEP = 256;
const MAX_RESTARTS = 3;

/**
 * A copy is only used if it is a Corroborate library this version can open and SQLite finds it
 * sound. Reading a WAL-mode file read-only makes empty -wal and -shm files beside it; those this
 * check made are removed again, so a backup stays one file.
 */
function checkCopy(path: string, passphrase?: Passphrase): void {
  const made = ['-wal', '-shm'].filter((s) => !existsSync(path + s));
  // check: false — the quick_check below is the check; openLibrary's own would read every page twice.
  const copy = openLibrary(path, { readonly: true, create: false, check: false, ...(passphrase ? { passphrase } : {}) });
  try {
    const result = quickCheck(copy);
    if (result !== 'ok') throw new ApiError('LIBRARY_DAMAGED', `The backup at ${path} is damaged (SQLite’s check says: ${result}).`);
  } finally {
    closeConnection(copy);
    for (const s of made) if (existsSync(path + s) && (s === '-shm' || statSync(path + s).size === 0)) rmSync(path + s, { force: true });
  }
}

/**
 * checkCopy with the page-by-page check in a worker thread (db/off-thread.ts): what
 * makes a file a Corroborate library this version reads is checked here (one page), the
 * quick_check, which reads every page, off the thread that answers the app.
 */
async function checkCopyOffThread(path: string, passphrase?: Passphrase): Promise<void> {
  const made = ['-wal', '-shm'].filter((s) => !existsSync(path + s));
  try {
    closeConnection(openLibrary(path, { readonly: true, create: false, check: false, ...(passphrase ? { passphrase } : {}) }));
    const problems = await checkOffThread(path, passphrase);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new ApiError('LIBRARY_DAMAGED', `The backup at ${path} is damaged (SQLite’s check says: ${problems.slice(0, 3).join('; ')}).`);
  } finally {
    for (const s of made) if (existsSync(path + s) && (s === '-shm' || statSync(path + s).size === 0)) rmSync(path + s, { force: true });
  }
}

export interface AutomaticOptions {
  now?: Date;
  keep?: number;
}

/**
 * Today's automatic backup, unless one was made today (UTC): then nothing. Keeps the newest
 * `keep` automatic backups and deletes older ones; backups made by hand are never deleted.
 */
export async function automaticBackup(ctx: Pick<Context, 'db' | 'libraryPath'>, { now = new Date(), keep = KEEP_AUTOMATIC }: AutomaticOptions = {}): Promise<BackupInfo | undefined> {
  const day = now.toISOString().slice(0, 10);
  const autos = () => listBackups(ctx.libraryPath).filter((b) => b.kind === 'automatic');
  if (autos().some((b) => b.createdAt.slice(0, 10) === day)) return undefined;
  const dir = backupsDir(ctx.libraryPath);
  makePrivateFolder(dir);
  const made = await backupLibrary(ctx, join(dir, backupName('automatic', now)));
  for (const old of autos().slice(keep)) rmSync(old.path, { force: true });
  return made;
}

export interface RestoreResult {
  restored: string;
  /** Where the library that was replaced now is: it is never deleted. */
  previousLibrary: string;
}

/** A backup named as listBackups names it, or a path to any library file. */
export function findBackup(libraryPath: string, ref: { name?: string; path?: string }): string {
  if (ref.name) {
    const found = listBackups(libraryPath).find((b) => b.name === ref.name);
    if (!found) throw new ApiError('NOT_FOUND', `There is no backup called “${ref.name}” (\`corroborate backups\` lists them).`);
    return found.path;
  }
  if (!ref.path) throw new ApiError('BAD_INPUT', 'Name a backup to restore.');
  return resolve(ref.path);
}

function checkBackup(library: string, backup: string, passphrase?: Passphrase): void {
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new ApiError('NOT_FOUND', `There is no backup file at ${backup}.`);
  if (samePath(backup, library)) throw new ApiError('BAD_INPUT', 'That is the library itself, not a backup of it.');
  checkCopy(backup, passphrase);
}

/**
 * Copies a backup to `temp` as the library will hold it: as it is, or, for an encrypted library,
 * encrypted with its passphrase (a backup made before the library was encrypted is plain) and
 * holding the key of the library's original files. The originals are not in the backup: they
 * stay in `<library>.files/`, sealed under that key, which a backup made before the library was
 * encrypted does not hold.
 */
function copyIn(backup: string, temp: string, passphrase: Passphrase | undefined, filesKey: string | undefined): void {
  if (passphrase === undefined) return copyFileSync(backup, temp);
  const plain = fileKind(backup) === 'plain';
  copyLibrary({ path: backup, ...(plain ? {} : { passphrase }) }, temp, passphrase, filesKey ? (copy) => setMeta(copy, FILES_KEY, filesKey) : undefined);
}

/**
 * Puts a backup (checked first by checkBackup: a Corroborate library no newer than this
 * version, sound) in the library's place. The current library file (with its -wal and -shm) is moved
 * aside as `<library>.replaced-<time>`, never deleted, and the backup copied into its place.
 * `open` then opens the result (older schemas are migrated); if that fails, the previous
 * library is put back and the error thrown: a failed restore changes nothing.
 */
function swapIn<T>(library: string, backup: string, now: Date, open: () => T, reopenPrevious: () => void, passphrase?: Passphrase, filesKey?: string): { previous: string; opened: T } {
  const previous = `${library}.replaced-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  const moved: [string, string][] = [];
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(library + suffix)) {
        renameSync(library + suffix, previous + suffix);
        moved.push([library + suffix, previous + suffix]);
      }
    }
    const temp = tempPathFor(library);
    try {
      copyIn(backup, temp, passphrase, filesKey);
      fsyncPath(temp);
      renameSync(temp, library);
      fsyncPath(dirname(library));
    } finally {
      rmSync(temp, { force: true });
    }
    return { previous, opened: open() };
  } catch (err) {
    rmSync(library, { force: true });
    for (const [from, to] of moved) renameSync(to, from);
    reopenPrevious();
    throw err;
  }
}

/** Replaces the session's library with a backup: closes it, swaps the files, opens the backup. */
export function restoreBackup(ctx: Context, backup: string, reopen: (passphrase?: Passphrase) => WriteDB, now: Date = new Date()): RestoreResult {
  // An encrypted library's backups open with its passphrase (a plain backup is encrypted with it
  // as it is put in place); the key is taken before the library is closed.
  const key = keyOf(ctx.db);
  const filesKey = key ? getMeta(ctx.db, FILES_KEY) : undefined;
  try {
    checkBackup(ctx.libraryPath, backup, key);
    if (isBackingUp(ctx.db)) throw new ApiError('BUSY', 'A backup is being made right now. Try again in a moment.');
    closeConnection(ctx.db);
    // The last connection to close a WAL library checkpoints it and deletes its log: a log still
    // there means another connection (a script beside the app) has the library open, and would
    // go on writing into the file set aside.
    if (existsSync(`${ctx.libraryPath}-wal`)) {
      ctx.db = reopen(key);
      throw new ApiError('LIBRARY_IN_USE', 'Another program has the library open (a script, or a `corroborate` command still running). Let it finish, then restore again; nothing was changed.');
    }
    const { previous, opened } = swapIn(
      ctx.libraryPath,
      backup,
      now,
      () => reopen(key),
      () => {
        ctx.db = reopen(key);
      },
      key,
      filesKey,
    );
    ctx.db = opened;
    return { restored: backup, previousLibrary: previous };
  } finally {
    key?.fill(0);
  }
}

/** The same, for a library no session could open (a damaged one): nothing to close first. */
export function restoreClosedLibrary(libraryPath: string, backup: string, now: Date = new Date(), passphrase?: Passphrase, nativeBinding?: string): RestoreResult {
  // Damaged or not, the file may be open in another process, which would go on writing into it.
  const lock = acquireLibraryLock(libraryPath, { what: 'a restore', ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    checkBackup(libraryPath, backup, passphrase);
    const options = { ...(passphrase !== undefined ? { passphrase } : {}), ...(nativeBinding ? { nativeBinding } : {}) };
    const { previous } = swapIn(libraryPath, backup, now, () => openLibrary(libraryPath, options).close(), () => {}, passphrase);
    return { restored: backup, previousLibrary: previous };
  } finally {
    lock.release();
  }
}
