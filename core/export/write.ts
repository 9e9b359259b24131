// Writing a packet to disk so that an interrupted export leaves nothing under the final name:
// the bytes go to a temporary file in the same folder, are flushed (fsync), and only then is
// the file renamed into place and the folder flushed too.

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type Chunks = Uint8Array | string | Iterable<Uint8Array | string>;

function* chunksOf(data: Chunks): Iterable<Uint8Array | string> {
  if (typeof data === 'string' || data instanceof Uint8Array) yield data;
  else yield* data;
}

/** Writes `data` to `path` atomically: all of it, or (on any failure) nothing there at all. */
export function writeFileAtomic(path: string, data: Chunks): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  let fd: number | undefined = openSync(temp, 'wx', 0o600);
  try {
    for (const chunk of chunksOf(data)) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  syncDir(dir);
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems (Windows) cannot open a folder to flush it; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
