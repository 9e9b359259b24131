// Encryption at rest: SQLCipher's format (version 4: AES-256 in CBC mode per page, HMAC-SHA512
// per page, the key derived from the passphrase with PBKDF2-HMAC-SHA512 at 256,000 iterations and
// a random salt in the file's first 16 bytes), written by SQLite3 Multiple Ciphers inside the
// driver. A library encrypted here opens in SQLCipher 4 and DB Browser for SQLite with the same
// passphrase, and the other way round. Its -wal holds encrypted pages too; its -shm holds page
// numbers only.
//
// A passphrase reaches SQLite through sqlite3_key_v2 (the driver's db.key()), never inside SQL
// text, so it cannot show in an error message that quotes a statement.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database, { writableConnection, type DB, type DatabaseOptions, type WriteDB } from './driver.js';
import { LibraryError } from './errors.js';

/** A passphrase as typed (a string) or as bytes. Strings are taken in Unicode NFC, as UTF-8. */
export type Passphrase = string | Buffer;

/** SQLCipher 4's page size: an encrypted library is always a whole number of these. */
export const CIPHER_PAGE_SIZE = 4096;

const SQLITE_HEADER = 'SQLite format 3\0';

/** Connections opened with a key, so the rest of the code can tell without asking SQLite. */
const encrypted = new WeakSet<DB>();

export function isEncrypted(db: DB): boolean {
  return encrypted.has(db);
}

export function passphraseBytes(p: Passphrase): Buffer {
  return Buffer.isBuffer(p) ? Buffer.from(p) : Buffer.from(p.normalize('NFC'), 'utf8');
}

/** Sets SQLCipher 4's settings and the key on a connection that has not read anything yet. */
export function applyKey(db: DB, passphrase: Passphrase): void {
  applyCipher(db);
  const key = passphraseBytes(passphrase);
  try {
    db.key(key);
  } finally {
    key.fill(0);
  }
  encrypted.add(db);
}

/** SQLCipher settings only (no key): what `rekey` needs on a plain connection it encrypts. */
function applyCipher(db: DB): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/**
 * What the file's first bytes say: an ordinary SQLite database, or something that may be an
 * encrypted one (no SQLite header, and a whole number of SQLCipher pages: an encrypted file is
 * indistinguishable from random bytes), or neither.
 */
export function fileKind(path: string): 'plain' | 'maybe-encrypted' | 'other' | 'empty' {
  const size = statSync(path).size;
  if (size === 0) return 'empty';
  const fd = openSync(path, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(16);
    head = head.subarray(0, readSync(fd, head, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === SQLITE_HEADER) return 'plain';
  return size % CIPHER_PAGE_SIZE === 0 ? 'maybe-encrypted' : 'other';
}

export function wrongPassphrase(): LibraryError {
  return new LibraryError('WRONG_PASSPHRASE', 'The passphrase does not unlock this library. Check it and try again.');
}

export function passphraseRequired(path: string): LibraryError {
  return new LibraryError('PASSPHRASE_REQUIRED', `The library at ${path} is encrypted: it opens only with its passphrase.`);
}

function isNotADatabase(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_NOTADB';
}

/**
 * Reads the first page through the key: SQLCipher checks each page's HMAC, so a wrong key fails
 * here (as "file is not a database") before anything else reads or writes the file.
 */
export function proveKey(db: DB): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    if (isNotADatabase(err)) throw wrongPassphrase();
    throw err;
  }
}

/** Opens a connection, keyed when a passphrase is given, and proves the key. */
export function openConnection(path: string, options: DatabaseOptions, passphrase?: Passphrase): DB {
  const db = new Database(path, options);
  if (passphrase === undefined) return db;
  try {
    applyKey(db, passphrase);
    proveKey(db);
    keys.set(db, passphraseBytes(passphrase));
    // Sorts and temporary indexes stay in memory: SQLite's temporary files are not encrypted.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Copies a library file into `dest` (which must not exist) as one consistent snapshot, then gives
 * the copy the encryption asked for: `to` a passphrase, or null for none. The copy is made by
 * SQLite's VACUUM INTO, which writes it with the source's own key (or none); a change of key is
 * then made on the copy alone, in rollback-journal mode (SQLite3 Multiple Ciphers cannot rekey a
 * database in WAL mode), so the source is never written. `source` may be an open connection
 * (the session's own) or a path with its passphrase.
 */
export function copyLibrary(source: DB | { path: string; passphrase?: Passphrase }, dest: string, to: Passphrase | null, prepare?: (copy: WriteDB) => void): void {
  const from = 'path' in source ? openConnection(source.path, { readonly: true, fileMustExist: true }, source.passphrase) : source;
  const fromEncrypted = isEncrypted(from);
  // The copy is written with the source's key: kept to open it.
  const sourceKey = fromEncrypted ? keyOf(from) : undefined;
  try {
    from.prepare('VACUUM INTO ?').run(dest);
  } finally {
    if (from !== source) from.close();
  }
  const copy = new Database(dest, { fileMustExist: true });
  try {
    if (sourceKey) {
      applyKey(copy, sourceKey);
      sourceKey.fill(0);
      proveKey(copy);
    }
    copy.pragma('journal_mode = DELETE');
    copy.pragma('temp_store = MEMORY');
    prepare?.(writableConnection(copy));
    if (to !== null) {
      if (!fromEncrypted) applyCipher(copy);
      const key = passphraseBytes(to);
      try {
        copy.rekey(key);
      } finally {
        key.fill(0);
      }
    } else if (fromEncrypted) {
      copy.rekey(Buffer.alloc(0));
    }
    copy.pragma('journal_mode = WAL');
  } finally {
    copy.close();
  }
}

/**
 * The passphrase of each open encrypted connection, for the other connections its session opens
 * on the same library (checks, copies, backups). Wiped when the connection is closed through
 * closeConnection; a WeakMap, so a connection dropped otherwise takes it along.
 */
const keys = new WeakMap<DB, Buffer>();

/** A copy of the connection's passphrase (the caller wipes it), or undefined for a plain one. */
export function keyOf(db: DB): Buffer | undefined {
  const key = keys.get(db);
  return key ? Buffer.from(key) : undefined;
}

/** Closes a connection and wipes the passphrase kept for it. */
export function closeConnection(db: DB): void {
  if (db.open) db.close();
  keys.get(db)?.fill(0);
  keys.delete(db);
}
