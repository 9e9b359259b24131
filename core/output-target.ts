// Where a door may write a file it was asked to write: an archive, a packet, a backup. Every such
// path resolves here, so one mistyped `--out` can never put a new file over the library, its
// write-ahead log, its backups or its original files, nor silently replace a file the reporter
// did not ask to replace. Internal temporaries (a change of encryption, a restore) are named by
// their writers and never come through here.

import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { attachmentsDir } from './attachments.js';
import { libraryLockPath } from '../db/index.js';
import { backupsDir } from './backup/backup.js';
import { ApiError } from './errors.js';

export interface OutputTargetOptions {
  /** The library the session has open: it, its sidecars and its folders are never targets. */
  libraryPath: string;
  /** Replace an existing ordinary file (`--force`, `overwrite: true`). Never the library's files. */
  overwrite?: boolean;
  /**
   * The name of the file to make when the path is a folder ("put it in there"). Without one, a
   * folder is refused.
   */
  fileName?: string;
  /** A backup may be made as a new file in the library's own backups folder (never over one). */
  purpose?: 'backup';
}

/** Files beside the library that belong to it (the same folder, names derived from its name). */
const SIDECARS = ['', '-wal', '-shm', '-journal', '-clean'];
/** Files a change of encryption or a restore keeps beside the library, with a time in the name. */
const KEPT_PREFIXES = ['.replaced-', '.before-'];

/** A path with its folder's symlinks and `..` resolved; the last part kept as given unless it is a link. */
function realish(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function swapCase(name: string): string {
  return [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

/**
 * Whether the folder holding `file` (which exists) matches names without regard to case: the
 * same name in the other case finds the same file there (APFS, NTFS, FAT by default). Asked of
 * the file system itself, not guessed from the platform.
 */
function foldsCase(file: string): boolean {
  const name = basename(file);
  const swapped = swapCase(name);
  const fallback = process.platform === 'darwin' || process.platform === 'win32';
  if (swapped === name) return fallback;
  const a = lstatOrNull(file);
  const b = lstatOrNull(join(dirname(file), swapped));
  if (!a) return fallback;
  return b !== null && a.ino === b.ino && a.dev === b.dev;
}

interface Protected {
  folder: string;
  base: string;
  fold: boolean;
  /** dev:ino of every library file that exists: a hard link to one is that file. */
  inodes: Set<string>;
}

const inode = (s: Stats) => `${s.dev}:${s.ino}`;

function protectedSet(libraryPath: string): Protected {
  const library = realish(libraryPath);
  const folder = dirname(library);
  const base = basename(library);
  const fold = foldsCase(lstatOrNull(library) ? library : folder);
  const inodes = new Set<string>();
  const owns = (name: string) => isLibraryName(name, base, fold, libraryLockPath(base));
  let names: string[];
  try {
    names = readdirSync(folder).filter(owns);
  } catch {
    names = [];
  }
  for (const name of names) {
    const s = lstatOrNull(join(folder, name));
    if (s?.isFile()) inodes.add(inode(s));
  }
  return { folder, base, fold, inodes };
}

/** Whether `name`, in the library's folder, is one of the library's own files or folders. */
function isLibraryName(name: string, base: string, fold: boolean, lockName: string): boolean {
  const n = fold ? name.toLowerCase() : name;
  const b = fold ? base.toLowerCase() : base;
  const lock = fold ? lockName.toLowerCase() : lockName;
  if (SIDECARS.some((s) => n === b + s)) return true;
  if ([lock, `${lock}-journal`, `${lock}-wal`, `${lock}-shm`].includes(n)) return true;
  if (n === `${b}.backups` || n === `${b}.files`) return true;
  if (KEPT_PREFIXES.some((p) => n.startsWith(b + p))) return true;
  // The temporaries of a restore or a change of encryption under way (core/archive/atomic.ts).
  return n.startsWith(`.${b}.`) && /\.part(-journal|-wal|-shm)?$/.test(n);
}

function isLibraryError(target: string): ApiError {
  return new ApiError(
    'OUTPUT_IS_LIBRARY',
    `${target} is the library itself, or one of the files or folders Corroborate keeps beside it (its log, backups or original files). Nothing was written: choose a file somewhere else.`,
  );
}

const same = (a: string, b: string, fold: boolean) => (fold ? a.toLowerCase() === b.toLowerCase() : a === b);

/** Whether `path` is `folder` or inside it, comparing as the file system does. */
function within(path: string, folder: string, fold: boolean): boolean {
  const p = fold ? path.toLowerCase() : path;
  const f = fold ? folder.toLowerCase() : folder;
  return p === f || p.startsWith(f.endsWith(sep) ? f : f + sep);
}

/**
 * The absolute path to write, once it is known to be safe: never the library or anything of
 * it (through a symlink, a hard link, `..`, or another case where the file system ignores case),
 * and never an existing file unless `overwrite`. A folder means a new file named `fileName` in
 * it. Throws OUTPUT_IS_LIBRARY, OUTPUT_EXISTS, OUTPUT_IS_FOLDER or NOT_FOUND; writes nothing.
 */
export function resolveOutputTarget(path: string, options: OutputTargetOptions): string {
  if (!path || path.includes('\0')) throw new ApiError('BAD_INPUT', 'Name the file to write.');
  const lib = protectedSet(options.libraryPath);
  const backups = realish(backupsDir(join(lib.folder, lib.base)));
  const originals = realish(attachmentsDir(join(lib.folder, lib.base)));

  const ofLibrary = (where: string, stat: Stats | null, newBackup: boolean) => {
    if (within(where, originals, lib.fold)) return true;
    if (within(where, backups, lib.fold)) return !newBackup;
    if (same(dirname(where), lib.folder, lib.fold) && isLibraryName(basename(where), lib.base, lib.fold, libraryLockPath(lib.base))) return true;
    return stat !== null && !stat.isSymbolicLink() && lib.inodes.has(inode(stat));
  };

  let target = realish(path);
  let found = lstatOrNull(target);
  // A backup may be made in the backups folder (given as the folder, or as a new file in it).
  const backupHere = (where: string, stat: Stats | null) => options.purpose === 'backup' && (same(where, backups, lib.fold) || (!stat && same(dirname(where), backups, lib.fold)));
  if (ofLibrary(target, found, backupHere(target, found))) throw isLibraryError(path);
  if (found?.isDirectory()) {
    if (!options.fileName) throw new ApiError('OUTPUT_IS_FOLDER', `${path} is a folder. Name a file to write, e.g. ${join(path, 'case.zip')}.`);
    if (basename(options.fileName) !== options.fileName) throw new ApiError('BAD_INPUT', 'A file name cannot hold a folder.');
    target = realish(join(target, options.fileName));
    found = lstatOrNull(target);
  }
  const folder = dirname(target);
  const parent = lstatOrNull(folder);
  if (!parent?.isDirectory()) throw new ApiError('NOT_FOUND', `The folder ${folder} does not exist. Nothing was written.`);
  if (ofLibrary(target, found, backupHere(target, found))) throw isLibraryError(path);
  if (found) {
    // After realpath a link is left only when it dangles: a name that points nowhere is refused
    // rather than guessed at.
    if (found.isSymbolicLink()) throw new ApiError('OUTPUT_EXISTS', `${path} is a link to a file that does not exist. Nothing was written: choose another name.`);
    const s = statSync(target);
    if (!s.isFile()) throw new ApiError('OUTPUT_EXISTS', `${path} is not an ordinary file. Nothing was written: choose another name.`);
    if (!options.overwrite) {
      throw new ApiError('OUTPUT_EXISTS', `There is already a file at ${target}. Nothing was written: choose another name, or confirm that it should be replaced (--force, or overwrite: true).`);
    }
  }
  return target;
}
