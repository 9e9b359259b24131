import { existsSync } from 'node:fs';
import { acquireLibraryLock, closeLibrary, getMeta, LibraryError, libraryLockHolder, newId, openLibrary, setMeta, storeRandomKey, type WriteDB, writableConnection, type LibraryLock, type OpenOptions } from '../db/index.js';
import { isEncrypted, keyOf, type Passphrase } from '../db/cipher.js';
import Database from '../db/driver.js';
import { warmSpelling, type WarmUp } from '../db/spelling-warm.js';
import type { DB } from '../db/open.js';
import { useFilesKey } from './attachments.js';
import { startAutomaticBackups, stopAutomaticBackups } from './backup/schedule.js';
import type { Context, ReadContext } from './context.js';
import { finishPending, FILES_KEY, removeUnfinishedCopies } from './crypto/pending.js';
import { ApiError } from './errors.js';
import { libraryName, recentLibrariesFile, rememberLibrary, sameLibrary } from './libraries.js';

export interface SessionOptions extends OpenOptions {
  /** Keep rotating automatic backups while the session is open (the app and serve do). Default true. */
  automaticBackups?: boolean;
  /**
   * Hold the library's lock (db/lock.ts) while the session is open, naming the holder for the
   * message others get ("the Corroborate app", "corroborate serve"): the long-running doors do,
   * so that no other process replaces the file under them. Throws LIBRARY_IN_USE when another
   * process holds it. Short commands do not hold it and work beside them.
   */
  hold?: string;
  /**
   * The reporter's recent list (core/libraries.ts) this door keeps: the app and serve pass
   * recentLibrariesFile(), and every library they open, at launch or by a switch, goes on top.
   */
  recentFile?: string;
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
  /** The library's lock, while the session holds it. */
  held?: LibraryLock;
  /** Who holds it (SessionOptions.hold), so that a library switched to is held the same way. */
  holder?: string;
  recentFile?: string;
}

const states = new WeakMap<ReadContext, SessionState>();

/** The session's state; a context made without openSession (tests, scripts) gets the defaults. */
function stateOf(ctx: ReadContext): SessionState {
  let state = states.get(ctx);
  if (!state) {
    state = { open: {}, automaticBackups: false, encrypted: isEncrypted(ctx.db), locked: false, unlockedAt: Date.now() };
    states.set(ctx, state);
  }
  return state;
}

/** Opens the library for a door. Throws a LibraryError (with its code) when it cannot. */
export function openSession(libraryPath: string, options: SessionOptions = {}): Context {
  const held = hold(libraryPath, options);
  try {
    return remembered(openHeld(libraryPath, options, held));
  } catch (err) {
    held?.release();
    throw err;
  }
}

/** Puts the session's library on top of the door's recent list. */
function remembered(ctx: Context): Context {
  const file = stateOf(ctx).recentFile;
  try {
    if (file) rememberLibrary(file, ctx.libraryPath);
  } catch (err) {
    // A list that cannot be written (a full disk, a read-only home) must not keep the library shut.
    console.error(`corroborate: the list of recent libraries could not be saved: ${(err as Error).message}`);
  }
  return ctx;
}

function hold(libraryPath: string, options: SessionOptions): LibraryLock | undefined {
  if (!options.hold) return undefined;
  // Taking the lock makes its file (and a new library's folder): not for a library that is not there.
  if (options.create === false && !existsSync(libraryPath)) throw new LibraryError('LIBRARY_NOT_FOUND', `There is no library at ${libraryPath}.`);
  return acquireLibraryLock(libraryPath, { what: options.hold, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

/** What the session keeps of how a door opened it: the passphrase never. */
function sessionState(options: SessionOptions, held: LibraryLock | undefined, encrypted: boolean, locked: boolean): SessionState {
  const { automaticBackups = true, passphrase: _never, hold: holder, recentFile, ...open } = options;
  return {
    open,
    automaticBackups: automaticBackups && !open.readonly,
    encrypted,
    locked,
    unlockedAt: locked ? 0 : Date.now(),
    ...(held ? { held } : {}),
    ...(holder ? { holder } : {}),
    ...(recentFile ? { recentFile } : {}),
  };
}

function openHeld(libraryPath: string, options: SessionOptions, held: LibraryLock | undefined): Context {
  const { passphrase } = options;
  const state = sessionState(options, held, false, false);
  const ctx: Context = { db: openLibrary(libraryPath, { ...state.open, ...(passphrase !== undefined ? { passphrase } : {}) }), libraryPath, checker: defaultChecker() };
  state.encrypted = isEncrypted(ctx.db);
  states.set(ctx, state);
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
  const held = hold(libraryPath, options);
  try {
    try {
      return remembered(openHeld(libraryPath, options, held));
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'PASSPHRASE_REQUIRED' || options.passphrase !== undefined) throw err;
    }
    const ctx: Context = { db: closedConnection(options.nativeBinding), libraryPath, checker: defaultChecker() };
    states.set(ctx, sessionState(options, held, true, true));
    return remembered(ctx);
  } catch (err) {
    held?.release();
    throw err;
  }
}

/**
 * Runs `fn`, which replaces the library file (a restore, a change of encryption), with the
 * library's lock held: the session's own when it holds it (the app, serve), else taken for the
 * time of `fn`. Refused with LIBRARY_IN_USE while another process holds it, so the file is never
 * swapped under a process that goes on saving into the old one.
 */
export function withLibraryHeld<T>(ctx: Context, what: string, fn: () => T): T {
  if (stateOf(ctx).held) return fn();
  const nativeBinding = stateOf(ctx).open.nativeBinding;
  const lock = acquireLibraryLock(ctx.libraryPath, { what, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/** A connection that is closed: what a locked session holds instead of its library. */
function closedConnection(nativeBinding?: string): WriteDB {
  return writableConnection(new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close());
}

/** What follows every open: the files key, unfinished work of an encryption change, backups. */
function afterOpen(ctx: Context): void {
  const state = stateOf(ctx);
  if (!state.open.readonly) {
    // Another process holding the library may be writing one of these right now.
    if (state.held || !libraryLockHolder(ctx.libraryPath, state.open.nativeBinding)) removeUnfinishedCopies(ctx.libraryPath);
    finishPending(ctx);
    if (state.encrypted) ensureFilesKey(ctx.db);
  }
  const key = state.encrypted ? getMeta(ctx.db, FILES_KEY) : undefined;
  useFilesKey(ctx.libraryPath, key ? Buffer.from(key, 'hex') : undefined);
  if (state.automaticBackups) startAutomaticBackups(ctx);
  // A long-lived door (the app, serve) reads the words for spelling suggestions off its thread
  // now, so the first misspelt word typed is not left waiting seconds for them.
  if (state.holder) startWarmUp(ctx);
}

/** Each open library's warm-up of its spelling words, by connection (a switch moves the connection into the door's context). */
const warmUps = new WeakMap<DB, WarmUp>();

function startWarmUp(ctx: Context): void {
  const key = keyOf(ctx.db);
  try {
    warmUps.set(ctx.db, warmSpelling(ctx.db, ctx.libraryPath, key));
  } finally {
    key?.fill(0);
  }
}

/** The warm-up of the session's library, while one was started: settles with the indexes it installed. */
export function spellingWarmUp(ctx: ReadContext): Promise<string[]> | undefined {
  return warmUps.get(ctx.db)?.done;
}

/** An encrypted library keeps the key of its encrypted originals inside itself (core/attachments.ts). */
function ensureFilesKey(db: WriteDB): void {
  storeRandomKey(db, FILES_KEY, 'keep');
}

export function isLocked(ctx: Context): boolean {
  return states.get(ctx)?.locked ?? false;
}

export interface LockState {
  locked: boolean;
  encrypted: boolean;
}

export function lockState(ctx: ReadContext): LockState {
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
  closing(ctx);
  stopAutomaticBackups(ctx);
  closeLibrary(ctx.db);
  useFilesKey(ctx.libraryPath, undefined);
  state.locked = true;
  return lockState(ctx);
}

const closingListeners = new WeakMap<Context, Set<() => void>>();

/**
 * Calls `listener` just before the session's library closes: on lock, on a switch, when a new
 * file replaces it, at exit. Work bound to the library (a shared case's link to its server)
 * stops there, while the library is still open. Returns the function that removes it.
 */
export function onLibraryClosing(ctx: Context, listener: () => void): () => void {
  let set = closingListeners.get(ctx);
  if (!set) closingListeners.set(ctx, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function closing(ctx: Context): void {
  warmUps.get(ctx.db)?.stop();
  for (const listener of closingListeners.get(ctx) ?? []) {
    try {
      listener();
    } catch (err) {
      // Closing the library goes on whatever a listener does: the lock must lock.
      console.error(`corroborate: ${(err as Error).message}`);
    }
  }
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
export function reopenLibrary(ctx: Context, passphrase?: Passphrase): WriteDB {
  return openLibrary(ctx.libraryPath, { ...stateOf(ctx).open, ...(passphrase !== undefined ? { passphrase } : {}) });
}

/** Takes a library reopened by reopenLibrary as the session's own. */
export function adoptLibrary(ctx: Context, db: WriteDB): void {
  const state = stateOf(ctx);
  closing(ctx);
  stopAutomaticBackups(ctx);
  ctx.db = db;
  state.encrypted = isEncrypted(db);
  state.locked = false;
  afterOpen(ctx);
}

/** Closes the session: its automatic backups, its files key, the library, and the lock it held. */
export function closeSession(ctx: Context): void {
  closing(ctx);
  stopAutomaticBackups(ctx);
  useFilesKey(ctx.libraryPath, undefined);
  closeLibrary(ctx.db);
  const state = states.get(ctx);
  state?.held?.release();
  if (state) delete state.held;
}

/** The recent list the session's door keeps, else the reporter's own. */
export function recentFileOf(ctx: ReadContext): string {
  return stateOf(ctx).recentFile ?? recentLibrariesFile();
}

/** Names the library for the views' remembered state, which must never cross into another library. */
const LIBRARY_ID = 'library.id';

/** The library's own id, made the first time it is asked for (null while the library is locked). */
export function libraryId(ctx: Context): string | null {
  if (stateOf(ctx).locked) return null;
  const known = getMeta(ctx.db, LIBRARY_ID);
  if (known || ctx.db.readonly) return known ?? null;
  const id = newId();
  setMeta(ctx.db, LIBRARY_ID, id);
  return id;
}

export interface CurrentLibrary {
  path: string;
  name: string;
  id: string | null;
  encrypted: boolean;
  locked: boolean;
}

export function currentLibrary(ctx: Context): CurrentLibrary {
  return { path: ctx.libraryPath, name: libraryName(ctx.libraryPath), id: libraryId(ctx), ...lockState(ctx) };
}

/**
 * Puts another library in the session's place, in the same Context, so every door bound to it
 * (the app's IPC, serve) goes on with the new one. The new library is opened first, held as the
 * old one was (an encrypted one opens locked): when it cannot be, the old one stays open as it
 * was. Then the old one is closed (its automatic backups stopped, its files key forgotten, its
 * lock released) and the new one takes its place. `path` is checked by the caller
 * (core/libraries.ts); `create` makes a new library there.
 */
export function switchLibrary(ctx: Context, path: string, how: { create: boolean }): CurrentLibrary {
  const state = stateOf(ctx);
  if (sameLibrary(ctx.libraryPath, path)) return currentLibrary(remembered(ctx));
  // A long task prepared against this library (an import reading a PDF) would land in the next.
  if (ctx.jobs?.size) throw new ApiError('BUSY', 'A task is still running in this library (an import or a check). Let it finish or cancel it, then open the other library.');
  const next = openSessionOrLocked(path, {
    ...state.open,
    create: how.create,
    automaticBackups: false,
    ...(state.holder ? { hold: state.holder } : {}),
    ...(state.recentFile ? { recentFile: state.recentFile } : {}),
  });
  const nextState = stateOf(next);
  closeSession(ctx);
  ctx.db = next.db;
  ctx.libraryPath = next.libraryPath;
  states.set(ctx, { ...nextState, automaticBackups: state.automaticBackups });
  states.delete(next);
  if (state.automaticBackups && !nextState.locked) startAutomaticBackups(ctx);
  return currentLibrary(ctx);
}

/** The error for a call that needs the library while it is locked. */
export function lockedError(): ApiError {
  return new ApiError('LIBRARY_LOCKED', 'The library is locked. Unlock it with its passphrase to go on.');
}

/**
 * The reporter's name a door was started with (CORROBORATE_CHECKER), else none: never the OS
 * account, which names a login, not a person (preferences.ts records "Unnamed reporter").
 */
function defaultChecker(): string {
  return process.env.CORROBORATE_CHECKER?.trim() ?? '';
}
