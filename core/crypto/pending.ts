// What a change of encryption leaves to finish after the new library file is in place: the
// original files to encrypt or decrypt, and the old library file to remove. Recorded inside the
// new file before it is put in place, so a crash at any point after the swap is finished by the
// next open (core/session.ts), whichever door opens it.

import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { attachmentHashes, deleteMeta, getMeta, setMeta, type DB, type WriteDB } from '../../db/index.js';
import { sealAttachments, unsealAttachments } from '../attachments.js';
import type { Context } from '../context.js';

/** The key of an encrypted library's original files (hex), in its meta table. */
export const FILES_KEY = 'crypto.filesKey';
/** The unfinished part of a change of encryption, as JSON (Pending). */
export const PENDING = 'crypto.pending';

export type Change = 'encrypt' | 'rekey' | 'decrypt';

export interface Pending {
  change: Change;
  /** The old library file's name (beside the library), removed once the change is finished. */
  keep: string;
}

export function setPending(db: WriteDB, pending: Pending): void {
  setMeta(db, PENDING, JSON.stringify(pending));
}

function readPending(db: DB): Pending | undefined {
  const raw = getMeta(db, PENDING);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Partial<Pending>;
    if ((p.change === 'encrypt' || p.change === 'rekey' || p.change === 'decrypt') && typeof p.keep === 'string' && !/[\\/]/.test(p.keep)) return p as Pending;
  } catch {
    // Unreadable: nothing to finish but the flag itself.
  }
  return { change: 'rekey', keep: '' };
}

/** What finishing did, for the caller that made the change. */
export interface Finished {
  change: Change;
  /** Original files encrypted (encrypt) or decrypted (decrypt). */
  files: number;
  /** Encrypted originals that could not be decrypted (decrypt), left as they are. */
  filesLeft: number;
}

/**
 * Finishes a change of encryption recorded in the library, if any: encrypts the plain originals
 * (encrypt) or decrypts the sealed ones (decrypt), then removes the old library file and the record.
 */
export function finishPending(ctx: Context): Finished | undefined {
  const { db, libraryPath } = ctx;
  const pending = readPending(db);
  if (!pending) return undefined;
  let files = 0;
  let filesLeft = 0;
  const key = getMeta(db, FILES_KEY);
  if (pending.change === 'encrypt' && key) files = sealAttachments(libraryPath, Buffer.from(key, 'hex'));
  if (pending.change === 'decrypt' && key) {
    ({ unsealed: files, left: filesLeft } = unsealAttachments(libraryPath, Buffer.from(key, 'hex'), attachmentHashes(db)));
  }
  if (pending.keep) {
    const old = join(dirname(libraryPath), pending.keep);
    for (const f of [old, `${old}-wal`, `${old}-shm`]) if (existsSync(f)) rmSync(f, { force: true });
  }
  db.transaction(() => {
    if (pending.change === 'decrypt') deleteMeta(db, FILES_KEY);
    deleteMeta(db, PENDING);
  }).immediate();
  return { change: pending.change, files, filesLeft };
}

/**
 * Removes the new library files a change of encryption was writing when it was interrupted
 * (`.<library>.<random>.part`, with its journal): never put in place, and, while it was being
 * made, in the clear. Run at every open for writing: a change in progress holds the library
 * open, so no other session opens it for writing meanwhile… except another process; whose
 * change then fails before its swap, leaving the library as it was.
 */
export function removeUnfinishedCopies(libraryPath: string): void {
  const prefix = `.${basename(libraryPath)}.`;
  const dir = dirname(libraryPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^[0-9a-f]{12}\.part(-journal|-wal|-shm)?$/.test(name.slice(prefix.length))) rmSync(join(dir, name), { force: true });
  }
}
