// Which library the desktop app opens at start, and whether it may create it. Like `serve`, the
// app makes only the default library by itself (the first start on a new laptop); a path given
// with --library or CORROBORATE_LIBRARY that holds nothing is a typo until the reporter says
// otherwise (--create, or the dialog's answer), so no stray library appears where they did not
// mean one.

import { defaultLibraryPath, resolveLibraryPath } from '../core/paths.js';

export interface LibraryStart {
  path: string;
  /** open: it is there (or it is the default, made on first start); ask: nothing is there. */
  action: 'open' | 'ask';
}

export function libraryFlag(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--library');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--library='))?.slice('--library='.length);
}

export function libraryStart(argv: readonly string[], env: NodeJS.ProcessEnv, exists: (path: string) => boolean): LibraryStart {
  const path = resolveLibraryPath(libraryFlag(argv), env);
  const chosen = path !== defaultLibraryPath(env);
  if (!chosen || argv.includes('--create') || exists(path)) return { path, action: 'open' };
  return { path, action: 'ask' };
}
