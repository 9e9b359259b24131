// The reporter's libraries: which ones they opened lately (a list kept per user, in the user's
// data folder, never inside a library: a packet or an archive of one library must not name the
// others), and what a path typed or clicked from outside must be before a door opens or creates
// a library there.

import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { APPLICATION_ID, LibraryError } from '../db/index.js';
import { ApiError } from './errors.js';
import { LIBRARY_FILE, userDataDir } from './paths.js';

/** The extension a library created from the chooser must have, so the reporter can tell it apart. */
export const LIBRARY_EXTENSION = extname(LIBRARY_FILE);
/** Enough for a reporter's investigations; older ones fall off the end. */
export const MAX_RECENT = 12;
const MAX_PATH = 4096;

/** Where the recent list lives: beside the default library, one per user. */
export function recentLibrariesFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'recent-libraries.json');
}

interface RecentEntry {
  path: string;
  /** When a door last opened it (ISO). */
  openedAt: string;
}

export interface RecentLibrary extends RecentEntry {
  name: string;
  /** Not at its path any more (moved, deleted, a drive not mounted): shown, not dropped. */
  missing: boolean;
}

/** A library's name as the reporter sees it: its file name, less the extension. */
export function libraryName(path: string): string {
  const file = basename(path);
  return file.endsWith(LIBRARY_EXTENSION) && file.length > LIBRARY_EXTENSION.length ? file.slice(0, -LIBRARY_EXTENSION.length) : file;
}

function isEntry(value: unknown): value is RecentEntry {
  const e = value as Partial<RecentEntry> | null;
  return typeof e?.path === 'string' && isAbsolute(e.path) && e.path.length <= MAX_PATH && !e.path.includes('\0') && typeof e.openedAt === 'string';
}

/** The list as saved; a file that is missing, unreadable or not ours reads as an empty list. */
function readEntries(file: string): RecentEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const list = (parsed as { libraries?: unknown } | null)?.libraries;
  return Array.isArray(list) ? list.filter(isEntry).slice(0, MAX_RECENT) : [];
}

/** Written whole, then renamed over the old list: a crash leaves the old list or the new, never half of one. */
function writeEntries(file: string, entries: RecentEntry[]): void {
  // The paths name investigations: the folder and the file are the reporter's alone.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ version: 1, libraries: entries }, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

export function recentLibraries(file: string): RecentLibrary[] {
  return readEntries(file).map((e) => ({ ...e, name: libraryName(e.path), missing: !isFile(e.path) }));
}

/** Puts the library at the top of the list (once, however often and by whatever path it is opened). */
export function rememberLibrary(file: string, path: string, now: Date = new Date()): void {
  const at = canonicalPath(path);
  const rest = readEntries(file).filter((e) => e.path !== at);
  writeEntries(file, [{ path: at, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT));
}

/** Takes a library off the list (the file itself is not touched). Whether it was on it. */
export function forgetLibrary(file: string, path: string): boolean {
  const at = canonicalPath(path);
  const entries = readEntries(file);
  const rest = entries.filter((e) => e.path !== path && e.path !== at);
  if (rest.length === entries.length) return false;
  writeEntries(file, rest);
  return true;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A path as typed: `~/` is the reporter's home folder; anything else must be absolute (a path
 * relative to wherever serve was started from would open a library the reporter did not mean).
 */
function absolute(typed: string): string {
  const path = typed.trim();
  if (path === '') throw new ApiError('BAD_INPUT', 'Type the path of the library file.');
  // eslint-disable-next-line no-control-regex -- a control character in a path is the thing refused
  if (path.length > MAX_PATH || /[\0-\x1f\x7f]/.test(path)) throw new ApiError('BAD_INPUT', 'That path holds characters no library file name has.');
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  if (!isAbsolute(path)) throw new ApiError('BAD_INPUT', `Give the whole path of the library, from the top folder (for example ${join(homedir(), 'Investigations', `pipeline${LIBRARY_EXTENSION}`)}).`);
  return resolve(path);
}

/**
 * A library's path as the recent list keeps it: absolute, links followed (`--library lib.corroborate`
 * from one folder and a link to it from another are the same library).
 */
export function canonicalPath(path: string): string {
  return real(resolve(path));
}

/** The same file however it was reached (a link, `..`). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Files beside a library that are not one: its backups (opening one would start editing a file
 * the next backup rotation deletes; a backup is restored, not opened), the lock, the write-ahead
 * log and the shared-memory index SQLite keeps.
 */
function notALibraryBeside(path: string): string | undefined {
  if (basename(dirname(path)).endsWith('.backups')) {
    return 'That file is in a library’s backups folder. A backup is put back with Backups › Restore, not opened: the backups there are replaced as new ones are made.';
  }
  if (/(\.lock|-wal|-shm|-journal|-clean)$/.test(path)) return 'That file is one SQLite keeps beside a library, not a library. Choose the library file itself.';
  return undefined;
}

/** The first bytes of a plain library: SQLite's header, and our application id at offset 68. */
function header(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(100);
    return head.subarray(0, readSync(fd, head, 0, 100, 0));
  } finally {
    closeSync(fd);
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * The library at a path from outside, to open: it must exist and be a Corroborate library (a
 * plain one with our application id, or what can only be an encrypted one: it opens locked and
 * its passphrase proves it). Any other SQLite file, an empty file or a folder is refused before
 * anything is written to it. Answers the real path.
 */
export function existingLibraryPath(typed: string): string {
  const path = real(absolute(typed));
  const beside = notALibraryBeside(path);
  if (beside) throw new LibraryError('NOT_A_LIBRARY', beside);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LibraryError('LIBRARY_IS_DIRECTORY', `${path} is a folder. Choose the library file inside it (its name ends in ${LIBRARY_EXTENSION}).`);
    size = stat.size;
  } catch (err) {
    if (err instanceof LibraryError) throw err;
    throw new LibraryError('LIBRARY_NOT_FOUND', `There is no library at ${path}. Check the path, or create a new library there.`);
  }
  if (size === 0) throw new LibraryError('NOT_A_LIBRARY', `${path} is an empty file, not a Corroborate library.`);
  const head = header(path);
  if (head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) {
    if (head.length < 72 || head.readUInt32BE(68) !== APPLICATION_ID) throw new LibraryError('NOT_A_LIBRARY', `${path} is a database of another program, not a Corroborate library.`);
  }
  // Not SQLite's header: an encrypted library, or another kind of file, which openLibrary refuses.
  return path;
}

/**
 * The path from outside where a new library is to be created: a new file name ending in the
 * library extension, in a folder that exists. Never an existing file, whatever it holds.
 */
export function newLibraryPath(typed: string): string {
  const path = absolute(typed);
  if (extname(path) !== LIBRARY_EXTENSION || basename(path) === LIBRARY_EXTENSION) {
    throw new ApiError('BAD_INPUT', `A library’s file name ends in ${LIBRARY_EXTENSION} (for example ${join(dirname(path), `pipeline${LIBRARY_EXTENSION}`)}).`);
  }
  const folder = real(dirname(path));
  const inFolder = join(folder, basename(path));
  const beside = notALibraryBeside(inFolder);
  if (beside) throw new ApiError('BAD_INPUT', 'A new library cannot go in a library’s backups folder. Choose another folder.');
  if (taken(inFolder)) {
    throw new ApiError('OUTPUT_EXISTS', `There is a file at ${inFolder} already: nothing was replaced. Open it, or choose a new name.`);
  }
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new ApiError('NOT_FOUND', `There is no folder ${folder}. Create the folder first, or choose one that exists.`);
  return inFolder;
}

/** Anything at the path, a link to nowhere included (creating through it would write elsewhere). */
function taken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The same library file, however the two paths spell it. */
export function sameLibrary(a: string, b: string): boolean {
  return canonicalPath(a) === canonicalPath(b);
}
