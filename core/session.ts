import { userInfo } from 'node:os';
import { closeLibrary, getMeta, openLibrary, type DB, type OpenOptions } from '../db/index.js';
import { isEncrypted, type Passphrase } from '../db/cipher.js';
import Database from '../db/driver.js';
import { useFilesKey } from './attachments.js';
import { startAutomaticBackups, stopAutomaticBackups } from './backup/schedule.js';
import type { Context } from './context.js';
import { finishPending, FILES_KEY, removeUnfinishedCopies } from './crypto/pending.js';
import { ApiError } from './errors.js';

export interface SessionOptions extends OpenOptions {
  /** Keep rotating automatic backups while the session is open (the app and serve do). Default true. */
  automaticBackups?: boolean;
}

interface SessionState {
  /** How the library was opened, less the passphrase (never kept here). */
  open: Omit<OpenOptions, 'passphrase'>;
  automaticBackups: boolean;
  /** The library file is encrypted (known once it was unlocked, or when it was found locked). */
  encrypted: boolean;
  /** Closed by the lock (or never opened: an encrypted library waiting for its passphrase). */
  locked: boolean;
  /** When it was last unlocked (ms), so a lock asked for earlier does not close it again. */
  unlockedAt: number;
}

const states = new WeakMap<Context, SessionState>();

/** The session's state; a context made without openSession (tests, scripts) gets the defaults. */
function stateOf(ctx: Context): SessionState {
  let state = states.get(ctx);
  if (!state) {
    state = { open: {}, automaticBackups: false, encrypted: isEncrypted(ctx.db), locked: false, unlockedAt: Date.now() };
    states.set(ctx, state);
  }
  return state;
}

/** Opens the library for a door. Throws a LibraryError (with its code) when it cannot. */
export function openSession(libraryPath: string, options: SessionOptions = {}): Context {
  const { automaticBackups = true, passphrase, ...open } = options;
  const ctx: Context = { db: openLibrary(libraryPath, { ...open, ...(passphrase !== undefined ? { passphrase } : {}) }), libraryPath, checker: defaultChecker() };
  states.set(ctx, { open, automaticBackups: automaticBackups && !open.readonly, encrypted: isEncrypted(ctx.db), locked: false, unlockedAt: Date.now() });
  try {
    afterOpen(ctx);
  } catch (err) {
    closeLibrary(ctx.db);
    throw err;
  }
  return ctx;
}

/**
 * Opens the library, or, when it is encrypted and no passphrase was given, a locked session for
 * it: the doors that can ask for the passphrase (the app, serve) start locked and unlock
 * through `library.unlock`. Every other method answers LIBRARY_LOCKED until then.
 */
export function openSessionOrLocked(libraryPath: string, options: SessionOptions = {}): Context {
  try {
    return openSession(libraryPath, options);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'PASSPHRASE_REQUIRED' || options.passphrase !== undefined) throw err;
  }
  const { automaticBackups = true, passphrase: _none, ...open } = options;
  const ctx: Context = { db: closedConnection(open.nativeBinding), libraryPath, checker: defaultChecker() };
  states.set(ctx, { open, automaticBackups: automaticBackups && !open.readonly, encrypted: true, locked: true, unlockedAt: 0 });
  return ctx;
}

/** A connection that is closed: what a locked session holds instead of its library. */
function closedConnection(nativeBinding?: string): DB {
  return new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
}

/** What follows every open: the files key, unfinished work of an encryption change, backups. */
function afterOpen(ctx: Context): void {
  const state = stateOf(ctx);
  if (!state.open.readonly) {
    removeUnfinishedCopies(ctx.libraryPath);
    finishPending(ctx);
    if (state.encrypted) ensureFilesKey(ctx.db);
  }
  const key = state.encrypted ? getMeta(ctx.db, FILES_KEY) : undefined;
  useFilesKey(ctx.libraryPath, key ? Buffer.from(key, 'hex') : undefined);
  if (state.automaticBackups) startAutomaticBackups(ctx);
}

/** An encrypted library keeps the key of its encrypted originals inside itself (core/attachments.ts). */
function ensureFilesKey(db: DB): void {
  if (getMeta(db, FILES_KEY)) return;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, lower(hex(randomblob(32))))').run(FILES_KEY);
}

export function isLocked(ctx: Context): boolean {
  return states.get(ctx)?.locked ?? false;
}

export interface LockState {
  locked: boolean;
  encrypted: boolean;
}

export function lockState(ctx: Context): LockState {
  const s = stateOf(ctx);
  return { locked: s.locked, encrypted: s.encrypted };
}

/** When the session was last unlocked (ms since the epoch; 0 if never). */
export function unlockedAt(ctx: Context): number {
  return states.get(ctx)?.unlockedAt ?? 0;
}

/**
 * The panic lock, for an encrypted library: stops the automatic backups, closes the connection
 * (SQLite drops its page cache, holding decrypted pages, and the key with it; closeLibrary wipes
 * the copy of the passphrase kept for the session's other connections) and forgets the files
 * key. Nothing decrypted stays in this process's data but what the garbage collector has not
 * reclaimed yet. A plain library has nothing to lock here: the window's lock is the whole of it.
 */
export function lockSession(ctx: Context): LockState {
  const state = stateOf(ctx);
  if (!state.encrypted || state.locked) return lockState(ctx);
  stopAutomaticBackups(ctx);
  closeLibrary(ctx.db);
  useFilesKey(ctx.libraryPath, undefined);
  state.locked = true;
  return lockState(ctx);
}

/** Opens the locked library again with its passphrase (WRONG_PASSPHRASE when it is not). */
export function unlockSession(ctx: Context, passphrase: Passphrase): LockState {
  const state = stateOf(ctx);
  if (!state.locked) return lockState(ctx);
  ctx.db = openLibrary(ctx.libraryPath, { ...state.open, passphrase });
  state.encrypted = isEncrypted(ctx.db);
  state.locked = false;
  state.unlockedAt = Date.now();
  try {
    afterOpen(ctx);
  } catch (err) {
    lockSession(ctx);
    throw err;
  }
  return lockState(ctx);
}

/**
 * Puts a newly written library file in service (after a restore, or a change of encryption):
 * opens it as the session opened the last one, with `passphrase` when it is encrypted.
 */
export function reopenLibrary(ctx: Context, passphrase?: Passphrase): DB {
  return openLibrary(ctx.libraryPath, { ...stateOf(ctx).open, ...(passphrase !== undefined ? { passphrase } : {}) });
}

/** Takes a library reopened by reopenLibrary as the session's own. */
export function adoptLibrary(ctx: Context, db: DB): void {
  const state = stateOf(ctx);
  stopAutomaticBackups(ctx);
  ctx.db = db;
  state.encrypted = isEncrypted(db);
  state.locked = false;
  afterOpen(ctx);
}

/** Pauses the automatic backups while the library file is being replaced. */
export function closeSession(ctx: Context): void {
  stopAutomaticBackups(ctx);
  useFilesKey(ctx.libraryPath, undefined);
  closeLibrary(ctx.db);
}

/** The error for a call that needs the library while it is locked. */
export function lockedError(): ApiError {
  return new ApiError('LIBRARY_LOCKED', 'The library is locked. Unlock it with its passphrase to go on.');
}

function defaultChecker(): string {
  if (process.env.CORROBORATE_CHECKER) return process.env.CORROBORATE_CHECKER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
