import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from './driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { LibraryError, type LibraryErrorCode } from './errors.js';
import { LATEST_VERSION } from './migrations/index.js';
import { APPLICATION_ID, checkHealth, openLibrary, type DB } from './open.js';

const opened: DB[] = [];

/** Opens and remembers the connection so a failing assertion does not leak it. */
function open(path: string, options?: Parameters<typeof openLibrary>[1]): DB {
  const db = openLibrary(path, options);
  opened.push(db);
  return db;
}

function closeAll() {
  for (const db of opened.splice(0)) if (db.open) db.close();
}
afterEach(closeAll);

function hash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function openError(path: string, options?: Parameters<typeof openLibrary>[1]): LibraryError {
  try {
    open(path, options);
  } catch (err) {
    expect(err).toBeInstanceOf(LibraryError);
    return err as LibraryError;
  }
  throw new Error(`opening ${path} was expected to fail`);
}

function expectRefused(path: string, code: LibraryErrorCode, options?: Parameters<typeof openLibrary>[1]) {
  const err = openError(path, options);
  expect(err.code).toBe(code);
  expect(err.message.length).toBeGreaterThan(20);
  return err;
}

/** A closed library on disk with its WAL checkpointed away. */
function closedLibrary(): string {
  const path = join(tempDir(), 'library.corroborate');
  const db = open(path);
  db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
  db.close();
  return path;
}

describe('openLibrary', () => {
  it('sets the durability pragmas and the application id', () => {
    const db = open(join(tempDir(), 'lib.corroborate'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('creates missing folders for a new library, and reopens it', () => {
    const path = join(tempDir(), 'a', 'b', 'lib.corroborate');
    open(path).prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    const again = open(path);
    expect(again.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: 'v' });
  });

  it('refuses a missing file when told not to create one, and in read-only mode', () => {
    const path = join(tempDir(), 'missing.corroborate');
    expectRefused(path, 'LIBRARY_NOT_FOUND', { create: false });
    expectRefused(path, 'LIBRARY_NOT_FOUND', { readonly: true });
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a folder with LIBRARY_IS_DIRECTORY', () => {
    const dir = join(tempDir(), 'folder.corroborate');
    mkdirSync(dir);
    expect(expectRefused(dir, 'LIBRARY_IS_DIRECTORY').message).toContain(dir);
  });

  it('refuses a text file with NOT_A_LIBRARY and leaves it alone', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'Dear diary, today I interviewed a source.\n'.repeat(100));
    const before = hash(path);
    expect(expectRefused(path, 'NOT_A_LIBRARY').message).toContain(path);
    expect(hash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file shorter than a SQLite header', () => {
    const path = join(tempDir(), 'tiny');
    writeFileSync(path, 'SQLite');
    expectRefused(path, 'NOT_A_LIBRARY');
  });

  it("refuses another program's SQLite database (tables, application_id 0) and leaves it alone", () => {
    const path = join(tempDir(), 'other.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    other.close();
    const before = hash(path);
    const err = expectRefused(path, 'NOT_A_LIBRARY');
    expect(err.message).toMatch(/another program/);
    expect(hash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a SQLite file carrying another application id, even without tables', () => {
    const path = join(tempDir(), 'other-id.sqlite');
    const other = new Database(path);
    other.pragma('application_id = 1234');
    other.close();
    expectRefused(path, 'NOT_A_LIBRARY');
  });

  it('refuses a library from a newer version (rollback journal on disk) without changing a byte', () => {
    const path = join(tempDir(), 'newer.corroborate');
    const newer = new Database(path);
    newer.pragma(`application_id = ${APPLICATION_ID}`);
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY)');
    newer.close();
    const before = hash(path);
    const err = expectRefused(path, 'LIBRARY_TOO_NEW');
    expect(err.message).toMatch(/newer version/);
    expect(err.message).toContain(String(LATEST_VERSION + 1));
    expect(hash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
  });

  it('refuses a WAL library from a newer version without changing a byte or leaving a -wal file', () => {
    const path = closedLibrary();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const before = hash(path);
    expectRefused(path, 'LIBRARY_TOO_NEW');
    expect(hash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    // Still refused the second time: nothing was migrated or downgraded.
    expectRefused(path, 'LIBRARY_TOO_NEW');
  });

  it('opens an empty (0-byte) file as a new library', () => {
    const path = join(tempDir(), 'empty.corroborate');
    writeFileSync(path, '');
    const db = open(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'claims'").get()).toEqual({ n: 1 });
  });

  it('opens read-only without writing anything', () => {
    const path = closedLibrary();
    const before = hash(path);
    const db = open(path, { readonly: true });
    expect(db.readonly).toBe(true);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'x' });
    expect(() => db.prepare("INSERT INTO meta (key, value) VALUES ('w', 'w')").run()).toThrow(/readonly/i);
    db.close();
    expect(hash(path)).toBe(before);
    // SQLite itself leaves an empty -wal (and its -shm index) after a read-only reader of a WAL
    // file; what matters is that not one page was written.
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
  });

  it('read-only does not migrate an older library', () => {
    const path = join(tempDir(), 'old.corroborate');
    const old = new Database(path);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.exec('CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)');
    old.close();
    const before = hash(path);
    const db = open(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
    expect(hash(path)).toBe(before);
  });

  it('reports a healthy library through checkHealth', () => {
    const db = open(join(tempDir(), 'lib.corroborate'));
    expect(checkHealth(db)).toEqual({
      schemaVersion: LATEST_VERSION,
      latestVersion: LATEST_VERSION,
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      secureDelete: true,
      integrityCheck: 'ok',
      ftsIntegrity: 'ok',
    });
  });

  it('checkHealth notices a full-text index out of step with its table', () => {
    const db = open(join(tempDir(), 'lib.corroborate'));
    const now = new Date().toISOString();
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C1', now, now, 'A case');
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K1', now, now, 'C1', 'ships left the port');
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
    // Change the text behind the index's back, as a bug in a trigger would.
    db.exec('DROP TRIGGER claims_index_au');
    db.prepare("UPDATE claims SET statement = 'nothing at all' WHERE id = 'K1'").run();
    expect(checkHealth(db).ftsIntegrity).toMatch(/claims_fts/);
  });
});
