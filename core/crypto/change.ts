// Encrypting a library, changing its passphrase, and removing its encryption. Each writes a new
// library file beside the old one (a consistent copy, then the new encryption applied to the
// copy alone), checks it (SQLite's quick_check, and every table holds as many rows as the
// library), and only then puts it in place with one atomic rename over the library. The old file
// is kept under another name until the new one has opened; then it is removed (its purpose, when
// encrypting, is not to leave the library in the clear).
//
// A crash at any moment leaves a library that opens: before the rename, the old one with the old
// passphrase (the new file is a temporary one, never opened); after it, the new one with the new
// passphrase, whose first open finishes the rest (core/crypto/pending.ts). The backups beside the
// library are converted afterwards, each in the same way.

import { timingSafeEqual } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { cleanStampPath, closeLibrary, getMeta, quickCheck, rowCounts, setMeta, storeRandomKey, type DB, type WriteDB } from '../../db/index.js';
import { closeConnection, copyLibrary, keyOf, openConnection, passphraseBytes, wrongPassphrase, type Passphrase } from '../../db/cipher.js';
import { fsyncPath, tempPathFor } from '../archive/atomic.js';
import { isBackingUp, listBackups } from '../backup/backup.js';
import { startAutomaticBackups, stopAutomaticBackups } from '../backup/schedule.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { adoptLibrary, lockedError, lockState, reopenLibrary } from '../session.js';
import { finishPending, FILES_KEY, setPending, type Change } from './pending.js';

export interface ChangeResult {
  encrypted: boolean;
  /** Original files encrypted or decrypted. */
  files: number;
  /** Encrypted originals that could not be decrypted (removing encryption), left as they were. */
  filesLeft: number;
  /** Backups beside the library converted to the new encryption. */
  backups: number;
  /** Backups that could not be (made with another passphrase, or damaged): left as they were. */
  backupsLeft: string[];
}

/** Whether `typed` is the passphrase the session's library was opened with. */
export function isSessionPassphrase(ctx: Context, typed: Passphrase): boolean {
  const key = keyOf(ctx.db);
  if (!key) return false;
  const given = passphraseBytes(typed);
  try {
    return given.length === key.length && timingSafeEqual(given, key);
  } finally {
    given.fill(0);
    key.fill(0);
  }
}

const KEEP_NAMES: Record<Change, string> = { encrypt: 'before-encryption', rekey: 'before-new-passphrase', decrypt: 'before-decryption' };

function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
}

/** The new file is used only if SQLite finds it sound and it holds every row of the library. */
function verifyCopy(source: DB, copyPath: string, passphrase: Passphrase | null): void {
  const expected = rowCounts(source);
  const copy = openConnection(copyPath, { readonly: true, fileMustExist: true }, passphrase ?? undefined);
  try {
    const check = quickCheck(copy);
    if (check !== 'ok') throw new ApiError('INTERNAL', `The new library file failed SQLite’s check (${check}); the library was not changed.`);
    const found = rowCounts(copy);
    for (const [table, n] of expected) {
      // The meta table gains the record of this change (and, when encrypting, the files key).
      if (table === 'meta') continue;
      if (found.get(table) !== n) throw new ApiError('INTERNAL', `The new library file lacks rows of ${table}; the library was not changed.`);
    }
  } finally {
    closeConnection(copy);
  }
}

/** A second name for the library file as it is, kept until the new one has opened. */
function keepOld(library: string, keep: string): void {
  try {
    linkSync(library, keep);
  } catch {
    copyFileSync(library, keep);
    fsyncPath(keep);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

/**
 * Makes the change. `current` is the passphrase the library opens with now (none when encrypting),
 * re-typed by the reporter; `next` the new one (none when removing encryption).
 */
export function changeEncryption(ctx: Context, change: Change, passphrases: { current?: Passphrase; next?: Passphrase }, now: Date = new Date()): ChangeResult {
  const state = lockState(ctx);
  if (state.locked) throw lockedError();
  if (change === 'encrypt' && state.encrypted) throw new ApiError('CONFLICT', 'This library is encrypted already. Change its passphrase instead.');
  if (change !== 'encrypt' && !state.encrypted) throw new ApiError('CONFLICT', 'This library is not encrypted.');
  if (change !== 'encrypt' && (passphrases.current === undefined || !isSessionPassphrase(ctx, passphrases.current))) throw wrongPassphrase();
  const to = change === 'decrypt' ? null : passphrases.next;
  if (to === undefined) throw new ApiError('BAD_INPUT', 'A new passphrase is required.');
  if (isBackingUp(ctx.db)) throw new ApiError('BUSY', 'A backup is being made right now. Try again in a moment.');

  const library = ctx.libraryPath;
  const oldKey = keyOf(ctx.db);
  const keep = `${library}.${KEEP_NAMES[change]}-${stamp(now)}`;
  const temp = tempPathFor(library);
  stopAutomaticBackups(ctx);
  const resume = () => startAutomaticBackups(ctx);
  // The stages as the reporter would name them; the backups come last, one step each.
  const backupCount = listBackups(library).length;
  const steps = 3 + backupCount;
  const stage = (done: number, what: string) => ctx.stage?.(done, steps, what);
  try {
    try {
      stage(0, change === 'decrypt' ? 'Writing a decrypted copy of the library' : 'Writing an encrypted copy of the library');
      copyLibrary(ctx.db, temp, to, (copy) => {
        setPending(copy, { change, keep: basename(keep) });
        if (change === 'encrypt') storeRandomKey(copy, FILES_KEY, 'replace');
      });
      chmodSync(temp, 0o600);
      stage(1, 'Checking the copy');
      verifyCopy(ctx.db, temp, to);
    } catch (err) {
      rmSync(temp, { force: true });
      resume();
      throw err;
    }

    // The swap. The library is closed first: a clean close checkpoints its -wal into it and
    // deletes the log, which must not be left to be read against the new file.
    closeLibrary(ctx.db);
    rmSync(cleanStampPath(library), { force: true });
    const reopenOld = () => adoptLibrary(ctx, reopenLibrary(ctx, oldKey));
    if (fileSize(`${library}-wal`) > 0) {
      rmSync(temp, { force: true });
      reopenOld();
      throw new ApiError('BUSY', 'Another program has the library open. Close it and try again; nothing was changed.');
    }
    rmSync(`${library}-wal`, { force: true });
    rmSync(`${library}-shm`, { force: true });
    try {
      keepOld(library, keep);
      renameSync(temp, library);
      fsyncPath(dirname(library));
    } catch (err) {
      rmSync(temp, { force: true });
      if (existsSync(library)) rmSync(keep, { force: true });
      reopenOld();
      throw err;
    }

    let db: WriteDB;
    try {
      db = reopenLibrary(ctx, to ?? undefined);
    } catch (err) {
      renameSync(keep, library);
      reopenOld();
      throw err;
    }
    ctx.db = db;
    stage(2, change === 'decrypt' ? 'Decrypting the original files' : change === 'encrypt' ? 'Encrypting the original files' : 'Finishing');
    const finished = finishPending(ctx);
    adoptLibrary(ctx, db);
    const backups = convertBackups(library, oldKey, to, to !== null ? getMeta(db, FILES_KEY) : undefined, (i) => stage(3 + i, `Converting backup ${i + 1} of ${backupCount}`));
    return { encrypted: to !== null, files: finished?.files ?? 0, filesLeft: finished?.filesLeft ?? 0, ...backups };
  } finally {
    oldKey?.fill(0);
  }
}

/**
 * Gives the backups beside the library the new encryption, each through a checked copy, and the
 * key of the library's original files (which stay in `<library>.files/`, sealed under it): a
 * backup made before the library was encrypted has none, and restored, could not open them.
 */
function convertBackups(library: string, from: Buffer | undefined, to: Passphrase | null, filesKey: string | undefined, starting: (index: number) => void): { backups: number; backupsLeft: string[] } {
  let backups = 0;
  const backupsLeft: string[] = [];
  for (const [index, b] of listBackups(library).entries()) {
    starting(index);
    const temp = tempPathFor(b.path);
    try {
      copyLibrary({ path: b.path, ...(from ? { passphrase: from } : {}) }, temp, to, filesKey ? (copy) => setMeta(copy, FILES_KEY, filesKey) : undefined);
      chmodSync(temp, 0o600);
      renameSync(temp, b.path);
      backups++;
    } catch {
      backupsLeft.push(b.name);
    } finally {
      rmSync(temp, { force: true });
      // A read-only look at a WAL-mode file leaves an empty log and index beside it.
      for (const s of ['-wal', '-shm']) if (fileSize(b.path + s) === 0 || (s === '-shm' && !existsSync(b.path + '-wal'))) rmSync(b.path + s, { force: true });
    }
  }
  if (backups) fsyncPath(dirname(library));
  return { backups, backupsLeft };
}
