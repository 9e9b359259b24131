// The library's attachment store: original files, named by their SHA-256, in a folder beside
// the library file. A file is written to a temporary name and renamed into place, so the store
// never holds half a file; the same content is stored once however often it is imported.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function attachmentsDir(libraryPath: string): string {
  return `${libraryPath}.files`;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function attachmentPath(libraryPath: string, hash: string): string {
  return join(attachmentsDir(libraryPath), hash.slice(0, 2), hash);
}

/** Stores the bytes (once) and returns their hash. */
export function storeAttachment(libraryPath: string, bytes: Buffer): string {
  const hash = sha256(bytes);
  const target = attachmentPath(libraryPath, hash);
  if (existsSync(target)) return hash;
  mkdirSync(join(attachmentsDir(libraryPath), hash.slice(0, 2)), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  return hash;
}
