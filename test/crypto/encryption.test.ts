// Encryption at rest: what an encrypted library leaves on disk (nothing readable), the passphrase
// (wrong, missing, changed), encrypting and decrypting an existing library without losing a
// record, backups and original files encrypted alike, and the panic lock closing the library.

import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAttachment, sha256 } from '../../core/attachments.js';
import type { Context } from '../../core/context.js';
import { dispatch } from '../../core/dispatcher.js';
import { closeSession, isLocked, openSession } from '../../core/session.js';
import Database from '../../db/driver.js';
import { call, callAsync, callError, tempDir } from '../helpers.js';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'a different horse, same staple';
/** Typed into a claim, a source, a note and an imported file: must appear in no file on disk. */
const SECRET = 'Zanzibar-Quokka-7731';
const FILE_SECRET = 'Marmalade-Okapi-4410';

/** Every file under `dir` (recursively) whose raw bytes hold `needle` (as UTF-8 or UTF-16). */
function filesHolding(dir: string, needle: string): string[] {
  const patterns = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (patterns.some((n) => readFileSync(p).includes(n))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** A library with the secret in records of several kinds and an imported original file. */
async function fill(ctx: Context): Promise<{ caseId: string; documentId: string; fileHash: string }> {
  const caseId = call(ctx, 'cases.create', { title: `Case ${SECRET}` }).id;
  const sourceId = call(ctx, 'sources.create', { name: `Informant ${SECRET}`, confidential: true }).id;
  for (let i = 0; i < 30; i++) call(ctx, 'claims.create', { caseId, statement: `Claim ${i}: the shipment left on Tuesday, said ${SECRET}.`, sourceIds: [sourceId] });
  call(ctx, 'notes.create', { caseId, title: 'Draft', text: `The informant ${SECRET} confirmed it.` });
  const bytes = Buffer.from(`Minutes of the meeting.\n${FILE_SECRET} was present and said the shipment left on Tuesday.\n`, 'utf8');
  const { document } = await callAsync(ctx, 'documents.import', { caseId, fileName: 'minutes.txt', data: bytes.toString('base64') });
  return { caseId, documentId: document.id, fileHash: sha256(bytes) };
}

function counts(db: Context['db']): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name <> 'meta'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

function openError(path: string, passphrase?: string): { code?: string; message: string } {
  try {
    closeSession(openSession(path, { automaticBackups: false, ...(passphrase !== undefined ? { passphrase } : {}) }));
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('the library opened');
}

describe('an encrypted library', () => {
  it('leaves nothing readable on disk: library, -wal, -shm, backups and original files, while open and after closing', async () => {
    const dir = tempDir();
    const path = join(dir, 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    const { fileHash } = await fill(ctx);
    await callAsync(ctx, 'backups.create', { path: join(dir, 'library.corroborate.backups') });
    expect(ctx.db.pragma('temp_store', { simple: true })).toBe(2); // sorts in memory: no temporary files
    // Open, with the last writes still in the write-ahead log.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect(existsSync(`${path}-shm`)).toBe(true);
    const files = allFiles(dir);
    expect(files.some((f) => f.includes('.backups'))).toBe(true);
    expect(files.some((f) => f.includes('.files'))).toBe(true);
    expect(filesHolding(dir, SECRET)).toEqual([]);
    expect(filesHolding(dir, FILE_SECRET)).toEqual([]);
    // Nor is the original named by its SHA-256, which would let a copy of the document be matched.
    expect(files.some((f) => f.includes(fileHash))).toBe(false);
    expect(readAttachment(path, fileHash)?.toString('utf8')).toContain(FILE_SECRET);

    closeSession(ctx);
    expect(filesHolding(dir, SECRET)).toEqual([]);
    expect(filesHolding(dir, FILE_SECRET)).toEqual([]);
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    // The same search must find it once unlocked, so the scan above could have failed.
    const again = openSession(path, { passphrase: PASS, automaticBackups: false });
    expect(call(again, 'search.query', { query: SECRET }).hits.length).toBeGreaterThan(0);
    closeSession(again);
  });

  it('is SQLCipher 4: a bare connection with cipher=sqlcipher, legacy=4 and the key reads it', () => {
    const path = join(tempDir(), 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    call(ctx, 'cases.create', { title: SECRET });
    closeSession(ctx);
    const raw = new Database(path, { readonly: true });
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.pragma(`key = '${PASS}'`);
    expect(raw.prepare('SELECT title FROM cases').pluck().all()).toEqual([SECRET]);
    expect(Number(raw.pragma('kdf_iter', { simple: true }))).toBe(256000);
    raw.close();
  });

  it('refuses a wrong passphrase and a missing one with their own codes, and changes nothing', () => {
    const path = join(tempDir(), 'library.corroborate');
    closeSession(openSession(path, { passphrase: PASS, automaticBackups: false }));
    const before = readFileSync(path);
    const wrong = openError(path, 'not the passphrase');
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(wrong.message).toBe('The passphrase does not unlock this library. Check it and try again.');
    const missing = openError(path);
    expect(missing.code).toBe('PASSPHRASE_REQUIRED');
    expect(missing.message).not.toContain(PASS);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('changes its passphrase, its backups’ too: the old one no longer opens either, the new one does', async () => {
    const dir = tempDir();
    const path = join(dir, 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    await fill(ctx);
    const backup = await callAsync(ctx, 'backups.create', { path: join(dir, 'library.corroborate.backups') });
    const before = counts(ctx.db);
    expect(callError(ctx, 'library.changePassphrase', { current: 'not it at all', next: NEW_PASS }).code).toBe('WRONG_PASSPHRASE');
    const result = call(ctx, 'library.changePassphrase', { current: PASS, next: NEW_PASS });
    expect(result).toMatchObject({ encrypted: true, backups: 1, backupsLeft: [] });
    expect(counts(ctx.db)).toEqual(before);
    closeSession(ctx);

    expect(openError(path, PASS).code).toBe('WRONG_PASSPHRASE');
    expect(openError(backup.path, PASS).code).toBe('WRONG_PASSPHRASE');
    const reopened = openSession(path, { passphrase: NEW_PASS, automaticBackups: false });
    expect(counts(reopened.db)).toEqual(before);
    closeSession(reopened);
    closeSession(openSession(backup.path, { passphrase: NEW_PASS, automaticBackups: false, readonly: true }));
    // Nothing of the old file is left beside the library.
    expect(readdirSync(dir).filter((n) => n.includes('before-'))).toEqual([]);
    expect(filesHolding(dir, SECRET)).toEqual([]);
  });

  it('restores its backup, encrypted as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    const { caseId } = await fill(ctx);
    const backup = await callAsync(ctx, 'backups.create', { path: join(dir, 'library.corroborate.backups') });
    call(ctx, 'claims.create', { caseId, statement: 'Made after the backup.' });
    call(ctx, 'backups.restore', { path: backup.path, confirm: true });
    expect(call(ctx, 'claims.list', { caseId }).items.map((c) => c.statement)).not.toContain('Made after the backup.');
    closeSession(ctx);
    expect(openError(path).code).toBe('PASSPHRASE_REQUIRED');
  });
});

describe('encrypting and decrypting an existing library', () => {
  it('keeps the key of the original files in every backup, so a backup restored (converted or made before) still opens them', async () => {
    for (const before of [false, true]) {
      const dir = tempDir();
      const path = join(dir, 'library.corroborate');
      const ctx = openSession(path, { automaticBackups: false });
      const { fileHash } = await fill(ctx);
      // A backup beside the library (converted when the library is encrypted), or one kept elsewhere.
      const backup = await callAsync(ctx, 'backups.create', { path: before ? join(tempDir(), 'elsewhere.corroborate') : join(dir, 'library.corroborate.backups') });
      call(ctx, 'library.encrypt', { passphrase: PASS, confirm: true });
      call(ctx, 'backups.restore', { path: backup.path, confirm: true });
      expect(readAttachment(path, fileHash)?.toString('utf8'), `backup ${before ? 'made before, kept elsewhere' : 'beside the library'}`).toContain(FILE_SECRET);
      closeSession(ctx);
      // And after the library is opened afresh, which is when a missing key would be made anew.
      const reopened = openSession(path, { passphrase: PASS, automaticBackups: false });
      expect(readAttachment(path, fileHash)?.toString('utf8')).toContain(FILE_SECRET);
      closeSession(reopened);
    }
  });

  it('keeps every record and original file, and leaves no plain copy behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'library.corroborate');
    const ctx = openSession(path, { automaticBackups: false });
    const { documentId, fileHash } = await fill(ctx);
    await callAsync(ctx, 'backups.create', { path: join(dir, 'library.corroborate.backups') });
    const before = counts(ctx.db);
    const claims = call(ctx, 'claims.list', { caseId: call(ctx, 'cases.list', {})[0]!.id, limit: 100 }).items.map((c) => c.statement).sort();
    // Plain, the secret is on disk: the scans below can find it.
    expect(filesHolding(dir, SECRET).length).toBeGreaterThan(0);
    expect(filesHolding(dir, FILE_SECRET).length).toBeGreaterThan(0);

    expect(callError(ctx, 'library.encrypt', { passphrase: 'short' }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'library.encrypt', { passphrase: PASS }).code).toBe('BAD_INPUT'); // not confirmed
    const result = call(ctx, 'library.encrypt', { passphrase: PASS, confirm: true });
    expect(result).toMatchObject({ encrypted: true, files: 1, backups: 1, backupsLeft: [] });
    expect(call(ctx, 'library.lockState', {})).toEqual({ locked: false, encrypted: true });
    expect(counts(ctx.db)).toEqual(before);
    expect(call(ctx, 'documents.get', { id: documentId }).document.text).toContain(FILE_SECRET);
    expect(readAttachment(path, fileHash)?.toString('utf8')).toContain(FILE_SECRET);
    expect(filesHolding(dir, SECRET)).toEqual([]);
    expect(filesHolding(dir, FILE_SECRET)).toEqual([]);
    expect(callError(ctx, 'library.encrypt', { passphrase: PASS, confirm: true }).code).toBe('CONFLICT');
    closeSession(ctx);
    expect(openError(path).code).toBe('PASSPHRASE_REQUIRED');

    const enc = openSession(path, { passphrase: PASS, automaticBackups: false });
    expect(counts(enc.db)).toEqual(before);
    expect(callError(enc, 'library.decrypt', { passphrase: NEW_PASS, confirm: true }).code).toBe('WRONG_PASSPHRASE');
    expect(callError(enc, 'library.decrypt', { passphrase: PASS }).code).toBe('BAD_INPUT');
    expect(call(enc, 'library.decrypt', { passphrase: PASS, confirm: true })).toMatchObject({ encrypted: false, files: 1, filesLeft: 0, backups: 1 });
    expect(call(enc, 'claims.list', { caseId: call(enc, 'cases.list', {})[0]!.id, limit: 100 }).items.map((c) => c.statement).sort()).toEqual(claims);
    closeSession(enc);

    const plain = openSession(path, { automaticBackups: false });
    expect(counts(plain.db)).toEqual(before);
    expect(readFileSync(join(dir, 'library.corroborate.files', fileHash.slice(0, 2), fileHash)).toString('utf8')).toContain(FILE_SECRET);
    // The files key does not outlive the encryption.
    expect(plain.db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'crypto.%'").pluck().get()).toBe(0);
    closeSession(plain);
    expect(readdirSync(dir).filter((n) => n.includes('before-'))).toEqual([]);
  });
});

describe('the panic lock', () => {
  it('closes an encrypted library: every call but unlocking answers LIBRARY_LOCKED until the passphrase opens it again', async () => {
    const path = join(tempDir(), 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    const { fileHash } = await fill(ctx);
    const db = ctx.db;
    expect(call(ctx, 'library.lock', {})).toEqual({ locked: true, encrypted: true });
    expect(db.open).toBe(false);
    expect(ctx.db.open).toBe(false);
    expect(isLocked(ctx)).toBe(true);
    expect(readAttachment(path, fileHash)).toBeUndefined(); // the files key is gone too
    for (const [name, input] of [['cases.list', {}], ['search.query', { query: SECRET }], ['library.info', {}], ['backups.list', {}], ['library.changePassphrase', { current: PASS, next: NEW_PASS }]] as const) {
      expect(callError(ctx, name, input).code, name).toBe('LIBRARY_LOCKED');
    }
    expect(call(ctx, 'library.lockState', {})).toEqual({ locked: true, encrypted: true });

    expect(callError(ctx, 'library.unlock', { passphrase: 'wrong one' }).code).toBe('WRONG_PASSPHRASE');
    expect(callError(ctx, 'library.unlock', { passphrase: 'wrong two' }).code).toBe('WRONG_PASSPHRASE');
    expect(callError(ctx, 'library.unlock', { passphrase: 'wrong three' }).code).toBe('WRONG_PASSPHRASE');
    // The fourth try must wait, even with the right passphrase.
    const waited = callError(ctx, 'library.unlock', { passphrase: PASS });
    expect(waited.code).toBe('TOO_MANY_ATTEMPTS');
    expect(waited.message).toMatch(/Try again in 1 second/);
    await new Promise((r) => setTimeout(r, 1100));
    expect(call(ctx, 'library.unlock', { passphrase: PASS })).toEqual({ locked: false, encrypted: true });
    expect(call(ctx, 'search.query', { query: SECRET }).hits.length).toBeGreaterThan(0);
    expect(readAttachment(path, fileHash)?.toString('utf8')).toContain(FILE_SECRET);
    closeSession(ctx);
  });

  it('leaves a plain library open (the window’s lock is all there is to it)', () => {
    const path = join(tempDir(), 'library.corroborate');
    const ctx = openSession(path, { automaticBackups: false });
    expect(call(ctx, 'library.lock', {})).toEqual({ locked: false, encrypted: false });
    expect(dispatch(ctx, 'cases.list', {}).ok).toBe(true);
    closeSession(ctx);
  });
});

describe('a damaged encrypted library', () => {
  it('with flipped bytes inside is refused at open as damaged (its pages fail their HMAC), not as a wrong passphrase, and left unchanged', async () => {
    const path = join(tempDir(), 'library.corroborate');
    const ctx = openSession(path, { passphrase: PASS, automaticBackups: false });
    await fill(ctx);
    for (let i = 0; i < 300; i++) call(ctx, 'sources.create', { name: `Source ${i} ${'x'.repeat(200)}` });
    closeSession(ctx);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(20 * 4096);
    const bytes = readFileSync(path);
    // A few bytes in the middle of pages past the first (which holds the salt and the schema).
    for (const page of [5, 9, 14]) bytes[page * 4096 + 1000] ^= 0xa5;
    writeFileSync(path, bytes);
    rmSync(`${path}-clean`, { force: true }); // as after a crash: the check runs
    const err = openError(path, PASS);
    expect(err.code).toBe('LIBRARY_DAMAGED');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
