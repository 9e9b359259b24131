import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Corroborate';
export const LIBRARY_FILE = 'library.corroborate';

/**
 * The user's data folder, where the default library lives. The desktop app and the CLI use
 * this same function, so both open the same library unless told otherwise.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP_NAME);
}

/** The library a door opens when it is not told which: the one in the user's data folder. */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), LIBRARY_FILE);
}

/** --library, else CORROBORATE_LIBRARY, else the library in the user's data folder. */
export function resolveLibraryPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.CORROBORATE_LIBRARY || defaultLibraryPath(env);
}

/** The folder holding package.json, from wherever the compiled or source file runs. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'corroborate') return dir;
    if (dirname(dir) === dir) throw new Error('Corroborate’s package.json was not found above ' + from);
  }
}

export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}
