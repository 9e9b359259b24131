// The library's attachment store: original files, named by their SHA-256, in a folder beside
// the library file. A file is written to a temporary name and renamed into place, so the store
// never holds half a file; the same content is stored once however often it is imported.
//
// In an encrypted library the originals are encrypted too, each file on its own with
// AES-256-GCM under the library's files key: 32 random bytes kept inside the encrypted library
// (its meta table), so changing the passphrase re-encrypts the library file only, never the
// originals. An encrypted file is named by HMAC-SHA256(files key, SHA-256) rather than by the
// SHA-256 itself, which would let anyone holding a copy of a document confirm that the library
// holds it too; its content is a magic number, a random 96-bit nonce, the ciphertext and the
// 128-bit tag, the SHA-256 bound to it as associated data (a file moved under another name fails).

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function attachmentsDir(libraryPath: string): string {
  return `${libraryPath}.files`;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where a plain library keeps an original: `<library>.files/ab/abcdef…`. */
export function attachmentPath(libraryPath: string, hash: string): string {
  return join(attachmentsDir(libraryPath), hash.slice(0, 2), hash);
}

/** The files key of each unlocked encrypted library, by its resolved path. */
const filesKeys = new Map<string, Buffer>();

/** Sets (or, with undefined, forgets and wipes) the files key of a library. */
export function useFilesKey(libraryPath: string, key: Buffer | undefined): void {
  const at = resolve(libraryPath);
  filesKeys.get(at)?.fill(0);
  if (key) filesKeys.set(at, Buffer.from(key));
  else filesKeys.delete(at);
}

function filesKey(libraryPath: string): Buffer | undefined {
  return filesKeys.get(resolve(libraryPath));
}

/** Whether the library's originals are stored encrypted (it is an unlocked encrypted library). */
export function attachmentsSealed(libraryPath: string): boolean {
  return filesKeys.has(resolve(libraryPath));
}

const MAGIC = Buffer.from('CORRENC1', 'latin1');
const NONCE = 12;
const TAG = 16;

function sealedName(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`attachment:${hash}`).digest('hex');
}

/** Where an encrypted library keeps an original, under its sealed name. */
function sealedPath(libraryPath: string, key: Buffer, hash: string): string {
  const name = sealedName(key, hash);
  return join(attachmentsDir(libraryPath), name.slice(0, 2), name);
}

export function seal(key: Buffer, hash: string, bytes: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(hash, 'latin1'));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]);
}

export function unseal(key: Buffer, hash: string, sealed: Buffer): Buffer {
  if (sealed.length < MAGIC.length + NONCE + TAG || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a sealed attachment');
  const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(hash, 'latin1'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + NONCE, sealed.length - TAG)), decipher.final()]);
}

/** Writes whole or not at all: a temporary name beside the target, then a rename. */
function writeWhole(target: string, bytes: Buffer): void {
  // 0700: a listing of the store says which documents the library holds (umask only narrows it).
  mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
  const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Stores the bytes (once) and returns their hash. */
export function storeAttachment(libraryPath: string, bytes: Buffer): string {
  const hash = sha256(bytes);
  const key = filesKey(libraryPath);
  const target = key ? sealedPath(libraryPath, key, hash) : attachmentPath(libraryPath, hash);
  if (existsSync(target)) return hash;
  writeWhole(target, key ? seal(key, hash, bytes) : bytes);
  return hash;
}

/** Stores a file staged elsewhere (an archive being unarchived); the staged file is used up. */
export function storeStagedAttachment(libraryPath: string, hash: string, staged: string): boolean {
  const key = filesKey(libraryPath);
  const target = key ? sealedPath(libraryPath, key, hash) : attachmentPath(libraryPath, hash);
  if (existsSync(target)) return false;
  if (key) {
    writeWhole(target, seal(key, hash, readFileSync(staged)));
    rmSync(staged, { force: true });
  } else {
    mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
    renameSync(staged, target);
  }
  return true;
}

/** Whether the store holds the original (without reading it). */
export function hasAttachment(libraryPath: string, hash: string): boolean {
  const key = filesKey(libraryPath);
  return (key !== undefined && existsSync(sealedPath(libraryPath, key, hash))) || existsSync(attachmentPath(libraryPath, hash));
}

/**
 * The original file's bytes, or undefined when the store lacks it. An encrypted library may still
 * hold a plain file that encrypting the library had not reached yet (sealAttachments finishes it).
 */
export function readAttachment(libraryPath: string, hash: string): Buffer | undefined {
  const key = filesKey(libraryPath);
  if (key) {
    const sealed = sealedPath(libraryPath, key, hash);
    if (existsSync(sealed)) return unseal(key, hash, readFileSync(sealed));
  }
  const plain = attachmentPath(libraryPath, hash);
  return existsSync(plain) ? readFileSync(plain) : undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Every file in the store, as [name, path] (temporary .part files left out). */
function storedFiles(libraryPath: string): [string, string][] {
  const dir = attachmentsDir(libraryPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((n) => HEX64.test(n)).map((n): [string, string] => [n, join(dir, d.name, n)]));
}

function isSealed(path: string): boolean {
  const head = readFileSync(path).subarray(0, MAGIC.length);
  return head.equals(MAGIC);
}

/**
 * Encrypts every plain original in the store under `key` (when a library is encrypted): each
 * file is written sealed, then its plain copy removed; run again after an interruption, it
 * carries on where it stopped. Returns how many files it sealed.
 */
export function sealAttachments(libraryPath: string, key: Buffer): number {
  let sealed = 0;
  for (const [name, path] of storedFiles(libraryPath)) {
    if (isSealed(path)) continue;
    // Sealed under its name even when its content no longer matches it (a damaged file): it is
    // kept, not in the clear, and whoever reads it finds the damage by its hash as before.
    const target = sealedPath(libraryPath, key, name);
    if (!existsSync(target)) writeWhole(target, seal(key, name, readFileSync(path)));
    rmSync(path, { force: true });
    sealed++;
  }
  return sealed;
}

/**
 * Decrypts the originals named by `hashes` back to plain files (when encryption is removed):
 * each plain file is written, then its sealed copy removed. Interrupted, it carries on when run
 * again. A sealed file of no listed hash (left by an import that failed) or that does not decrypt
 * is left as it is, and counted.
 */
export function unsealAttachments(libraryPath: string, key: Buffer, hashes: Iterable<string>): { unsealed: number; left: number } {
  let unsealed = 0;
  let left = 0;
  const wanted = new Map<string, string>();
  for (const hash of hashes) wanted.set(sealedName(key, hash), hash);
  for (const [name, path] of storedFiles(libraryPath)) {
    if (!isSealed(path)) continue;
    const hash = wanted.get(name);
    let bytes: Buffer | undefined;
    try {
      bytes = hash ? unseal(key, hash, readFileSync(path)) : undefined;
    } catch {
      bytes = undefined;
    }
    if (!hash || !bytes) {
      left++;
      continue;
    }
    const target = attachmentPath(libraryPath, hash);
    if (!existsSync(target)) writeWhole(target, bytes);
    rmSync(path, { force: true });
    unsealed++;
  }
  return { unsealed, left };
}
