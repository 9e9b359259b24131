import { userInfo } from 'node:os';
import { closeLibrary, openLibrary, type DB, type OpenOptions } from '../db/index.js';
import { startAutomaticBackups, stopAutomaticBackups } from './backup/schedule.js';
import type { Context } from './context.js';

export interface SessionOptions extends OpenOptions {
  /** Keep rotating automatic backups while the session is open (the app and serve do). Default true. */
  automaticBackups?: boolean;
}

/** How each session opened its library, so a restore can open the replaced file the same way. */
const openedWith = new WeakMap<Context, OpenOptions>();

/** Opens the library for a door. Throws a LibraryError (with its code) when it cannot. */
export function openSession(libraryPath: string, options: SessionOptions = {}): Context {
  const { automaticBackups = true, ...open } = options;
  const ctx: Context = { db: openLibrary(libraryPath, open), libraryPath, checker: defaultChecker() };
  openedWith.set(ctx, open);
  if (automaticBackups && !open.readonly) startAutomaticBackups(ctx);
  return ctx;
}

/** Opens the session's library file again, as it was first opened (after a restore replaced it). */
export function reopenLibrary(ctx: Context): DB {
  return openLibrary(ctx.libraryPath, openedWith.get(ctx) ?? {});
}

export function closeSession(ctx: Context): void {
  stopAutomaticBackups(ctx);
  closeLibrary(ctx.db);
}

function defaultChecker(): string {
  if (process.env.CORROBORATE_CHECKER) return process.env.CORROBORATE_CHECKER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
