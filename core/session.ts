import { userInfo } from 'node:os';
import { openLibrary, type OpenOptions } from '../db/index.js';
import type { Context } from './context.js';

/** Opens the library for a door. Throws a LibraryError (with its code) when it cannot. */
export function openSession(libraryPath: string, options: OpenOptions = {}): Context {
  return { db: openLibrary(libraryPath, options), libraryPath, checker: defaultChecker() };
}

export function closeSession(ctx: Context): void {
  if (ctx.db.open) ctx.db.close();
}

function defaultChecker(): string {
  if (process.env.CORROBORATE_CHECKER) return process.env.CORROBORATE_CHECKER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
