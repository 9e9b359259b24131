// Files that appear whole or not at all: written under a temporary name beside the target,
// flushed to disk, then renamed over it. An interrupted write leaves no partial file under
// the final name (at most a `.part` file, removed when the writer fails). Backups, case
// archives and exported packets all write through here, to a target core/output-target.ts has
// allowed; unless told to replace a file, the last step cannot replace one that appeared since
// (a hard link, which fails when the name is taken, instead of a rename, which would not).

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/** Flushes a file or folder to disk, where the system allows it. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync, and Windows cannot open a folder at all: the rename is
    // still atomic there, and the file written is whole.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface PublishOptions {
  /** Replace a file already at the target. Default true; false fails with EEXIST instead. */
  overwrite?: boolean;
}

/** Puts the finished temporary file under its name. */
function publish(temp: string, target: string, overwrite: boolean): void {
  if (overwrite) return renameSync(temp, target);
  try {
    linkSync(temp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links: a rename, the name
    // having been found free a moment before.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    return renameSync(temp, target);
  }
  rmSync(temp, { force: true });
}

/** Runs `write` against a temporary path, then puts the finished file in place. */
export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T>, { overwrite = true }: PublishOptions = {}): Promise<T> {
  const temp = tempPathFor(target);
  try {
    const result = await write(temp);
    fsyncPath(temp);
    publish(temp, target, overwrite);
    fsyncPath(dirname(target));
    return result;
  } finally {
    rmSync(temp, { force: true });
  }
}

export type Chunks = Uint8Array | string | Iterable<Uint8Array | string>;

function* chunksOf(data: Chunks): Iterable<Uint8Array | string> {
  if (typeof data === 'string' || data instanceof Uint8Array) yield data;
  else yield* data;
}

/**
 * Writes `data` to `target` in one synchronous step: all of it, or (on any failure, the data's
 * own included) nothing there at all. Readable by the owner only: packets and archives can hold
 * confidential sources.
 */
export function writeFileAtomic(target: string, data: Chunks, { overwrite = true }: PublishOptions = {}): void {
  const temp = tempPathFor(target);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      for (const chunk of chunksOf(data)) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        let written = 0;
        while (written < buffer.length) written += writeSync(fd, buffer, written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    publish(temp, target, overwrite);
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncPath(dirname(target));
}
