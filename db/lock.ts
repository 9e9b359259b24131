// The library's lock: which process keeps the library open for a long time (the app, `serve`) or
// is replacing its file (a restore, a change of encryption). Such a process holds it; a second
// one asking for it is refused with who holds it, and so the file is never swapped under a
// process that goes on saving into the old one.
//
// The lock is SQLite's own: a RESERVED lock held on a small database beside the library,
// `<library>.lock` (a write transaction begun and never committed). The operating system drops
// it when the process ends however it ends (kill -9, a crash, a power cut), so a lock is never
// left stale, and a pid that was reused cannot keep a library locked. The database also holds
// who took the lock (pid, host, when, what), for the message; a record left by a process that is
// gone is simply replaced by the next holder.
//
// The file is never deleted (a process waiting on the old file would then lock a file nobody else
// sees), and it is never opened by anything but SQLite in a holding process: closing any other
// handle on it would drop the process's locks (POSIX fcntl semantics).

import { chmodSync, closeSync, lstatSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import Database, { type DB } from './driver.js';
import { LibraryError } from './errors.js';
import { makePrivateFolders } from './open.js';

export const libraryLockPath = (libraryPath: string) => `${libraryPath}.lock`;

/** Who holds a library's lock, as they recorded it. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the lock was taken (ISO). */
  since: string;
  /** What holds it, for the message: "the Corroborate app", "corroborate serve", "a restore"… */
  what: string;
}

export interface LibraryLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Gives the lock up (and forgets who held it). Harmless when called twice. */
  release(): void;
}

export interface LockOptions {
  what: string;
  /** The driver's addon built for another runtime (Electron). */
  nativeBinding?: string;
  /** How long a try waits for a holder that is itself still taking the lock. Default 1 s. */
  waitMs?: number;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Whether a process of this machine is running (EPERM: it is, and belongs to someone else). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Made readable by the reporter alone before SQLite first opens it (its journal inherits this). */
function createLockFile(path: string): void {
  if (lstatOrNull(path)) return;
  makePrivateFolders(dirname(path)); // a new library's folder: the lock is taken before it is made
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function connect(path: string, nativeBinding?: string): DB {
  const db = new Database(path, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    chmodSync(path, 0o600);
  } catch {
    // Not ours to change (another user's file): the lock works the same.
  }
  return db;
}

function readHolder(db: DB): LockHolder | null {
  try {
    const row = db.prepare('SELECT pid, hostname, since, what FROM holder LIMIT 1').get() as LockHolder | undefined;
    return row ?? null;
  } catch {
    return null; // no table yet, or the holder is writing it this instant
  }
}

/** The refusal, naming who holds the library and since when. */
export function libraryInUse(holder: LockHolder | null): LibraryError {
  if (!holder) return new LibraryError('LIBRARY_IN_USE', 'The library is open in another Corroborate process. Close it there first, then try again; nothing was changed.');
  const at = new Date(holder.since);
  const today = at.toDateString() === new Date().toDateString();
  const when = Number.isNaN(at.getTime()) ? 'a while' : `${today ? '' : `${at.toLocaleDateString('en-GB')} `}${at.toTimeString().slice(0, 5)}`;
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  return new LibraryError(
    'LIBRARY_IN_USE',
    `The library is open in ${holder.what} (process ${holder.pid}${where}, since ${when}). Close it there first, then try again; nothing was changed.`,
  );
}

/**
 * Takes the library's lock, or throws LIBRARY_IN_USE naming who holds it. Never waits for a
 * holder: only for one that is itself in the middle of taking the lock (`waitMs`).
 */
export function acquireLibraryLock(libraryPath: string, options: LockOptions): LibraryLock {
  const path = libraryLockPath(libraryPath);
  createLockFile(path);
  const db = connect(path, options.nativeBinding);
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), what: options.what };
  const deadline = Date.now() + (options.waitMs ?? 1000);
  try {
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        if (!isBusy(err)) throw err;
        const other = readHolder(db);
        // The record is of the live holder, unless that holder is still writing it (then the
        // record is the last holder's, gone, or none): wait for it a moment.
        const current = other && (other.hostname !== holder.hostname || (other.pid !== process.pid && running(other.pid)) || other.pid === process.pid);
        if (current || Date.now() >= deadline) throw libraryInUse(current ? other : null);
        sleep(20);
        continue;
      }
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, hostname TEXT NOT NULL, since TEXT NOT NULL, what TEXT NOT NULL)');
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder (pid, hostname, since, what) VALUES (@pid, @hostname, @since, @what)').run(holder);
      db.exec('COMMIT');
      // Held from here: the record is committed, where others can read it, and the transaction
      // that follows keeps the RESERVED lock. Another process may take it in between; then
      // this one is the one refused, as it should be.
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        if (!isBusy(err)) throw err;
        continue;
      }
      break;
    }
  } catch (err) {
    db.close();
    throw err;
  }
  let released = false;
  return {
    path,
    holder,
    release() {
      if (released) return;
      released = true;
      try {
        db.exec('DELETE FROM holder');
        db.exec('COMMIT');
      } catch {
        // The record stays: the next holder replaces it.
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Who holds the library's lock right now, if anyone. Only looks: the lock is held for an instant
 * and nothing is recorded, so a holder starting at that instant waits for it (`waitMs`) rather
 * than being refused in the name of a check.
 */
export function libraryLockHolder(libraryPath: string, nativeBinding?: string): LockHolder | null {
  const path = libraryLockPath(libraryPath);
  if (!lstatOrNull(path)) return null;
  const db = connect(path, nativeBinding);
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return null;
  } catch (err) {
    if (!isBusy(err)) throw err;
    return readHolder(db) ?? { pid: 0, hostname: '', since: '', what: 'another Corroborate process' };
  } finally {
    db.close();
  }
}
