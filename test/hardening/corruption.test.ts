// A damaged library is found at open, before anything writes to it, and left exactly as found.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../../db/driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, LibraryError, checkPragmas, cleanStampPath, closeLibrary, insertRecord, openLibrary, openReport, type DB } from '../../db/index.js';
import { tempDir } from '../helpers.js';

const opened: DB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function open(path: string, options?: Parameters<typeof openLibrary>[1]): DB {
  const db = openLibrary(path, options);
  opened.push(db);
  return db;
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A library with enough claims to fill many b-tree pages. */
function fill(db: DB, claims: number): string[] {
  const c = insertRecord(db, 'case', { title: 'Corruption', description: '' });
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < claims; i++) {
      const row = insertRecord(db, 'claim', { caseId: c.id, statement: `Claim number ${i} about the shipment of precursor chemicals through port ${i % 17}`, quote: '', quoteKind: 'paraphrase', saidOn: null, medium: 'interview', attribution: 'on_record', status: 'unverified' });
      ids.push(row.id as string);
    }
  })();
  return ids;
}

function refusal(path: string): LibraryError {
  try {
    open(path);
  } catch (err) {
    expect(err).toBeInstanceOf(LibraryError);
    return err as LibraryError;
  }
  throw new Error(`${path} opened although it is damaged`);
}

/** The pages (1-based) of the claims table's b-tree leaves. */
function claimLeaves(db: DB): number[] {
  return (db.prepare("SELECT pageno FROM dbstat WHERE name = 'claims' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
}

function overwrite(path: string, offset: number, data: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, data, 0, data.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged library', () => {
  it('with flipped bytes in its table pages is refused at open, unchanged, with the way to a backup', () => {
    const path = join(tempDir(), 'library.corroborate');
    const db = open(path);
    fill(db, 400);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const leaves = claimLeaves(db);
    db.close();
    expect(leaves.length).toBeGreaterThan(10);
    // Flip the first cell pointers of a few leaf pages: the rows they point at are lost.
    for (const p of leaves.slice(2, 5)) {
      const at = (p - 1) * 4096 + 8;
      const head = Buffer.alloc(8);
      const fd = openSync(path, 'r');
      readSync(fd, head, 0, 8, at);
      closeSync(fd);
      overwrite(path, at, Buffer.from(head.map((b) => b ^ 0xa5)));
    }
    const before = hash(path);
    const err = refusal(path);
    expect(err.code).toBe('LIBRARY_DAMAGED');
    expect(err.message).toMatch(/damaged/);
    expect(err.message).toMatch(/corroborate restore/);
    expect(hash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    // The same, asked for the full check.
    expect(() => open(path, { check: 'full' })).toThrow(/damaged/);
    expect(hash(path)).toBe(before);
  });

  it('whose first page is garbage after the header is refused, not taken for another program’s file', () => {
    const path = join(tempDir(), 'library.corroborate');
    fill(open(path), 50);
    opened[0]!.close();
    overwrite(path, 16, Buffer.alloc(84, 0xff));
    const before = hash(path);
    expect(refusal(path).code).toBe('LIBRARY_DAMAGED');
    expect(hash(path)).toBe(before);
  });

  it('copied while in use and then missing its -wal is refused: committed work would be lost', () => {
    const dir = tempDir();
    const path = join(dir, 'library.corroborate');
    const writer = open(path);
    writer.pragma('wal_autocheckpoint = 0'); // everything stays in the log, as between checkpoints
    const ids = fill(writer, 200);
    const copy = join(dir, 'copy.corroborate');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${path}${suffix}`, `${copy}${suffix}`);

    // With its log, the copy is a library whose last session did not close: fully checked, whole.
    const whole = join(dir, 'whole.corroborate');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${copy}${suffix}`, `${whole}${suffix}`);
    const reopened = open(whole);
    expect(openReport(reopened)).toMatchObject({ uncleanShutdown: true, checked: 'integrity_check' });
    expect((reopened.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n).toBe(ids.length);

    rmSync(`${copy}-wal`);
    const before = hash(copy);
    const err = refusal(copy);
    expect(err.code).toBe('LIBRARY_DAMAGED');
    expect(err.message).toMatch(/-wal/);
    expect(hash(copy)).toBe(before);
    expect(existsSync(`${copy}-wal`)).toBe(false);

    // A log cut short, or another library's log put in its place, is refused too.
    const cut = join(dir, 'cut.corroborate');
    for (const suffix of ['', '-shm']) copyFileSync(`${whole}${suffix}`, `${cut}${suffix}`);
    copyFileSync(`${path}-wal`, `${cut}-wal`);
    const wal = readFileSync(`${cut}-wal`);
    writeFileSync(`${cut}-wal`, wal.subarray(0, wal.length / 2));
    expect(refusal(cut).code).toBe('LIBRARY_DAMAGED');
  });

  it('after a clean close opens with the quick check and no unclean shutdown', () => {
    const path = join(tempDir(), 'library.corroborate');
    fill(open(path), 20);
    opened[0]!.close();
    expect(openReport(open(path))).toMatchObject({ uncleanShutdown: false, checked: 'quick_check' });
  });
});

describe('the pragmas the library relies on', () => {
  it('are read back: a library left in another journal mode or without foreign keys is refused', () => {
    const path = join(tempDir(), 'raw.db');
    const raw = new Database(path);
    opened.push(raw);
    expect(() => checkPragmas(raw, path)).toThrow(/journal_mode = wal \(it is delete\)/);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = OFF');
    expect(() => checkPragmas(raw, path)).toThrow(/foreign_keys = 1 \(it is 0\)/);
    raw.pragma('foreign_keys = ON');
    expect(() => checkPragmas(raw, path)).not.toThrow();
    try {
      raw.pragma('synchronous = NORMAL');
      checkPragmas(raw, path);
    } catch (err) {
      expect((err as LibraryError).code).toBe('LIBRARY_UNSAFE');
      return;
    }
    throw new Error('synchronous = NORMAL was accepted');
  });
});

describe('the check at open after a clean close', () => {
  function cleanlyClosed(): string {
    const path = join(tempDir(), 'library.corroborate');
    const db = open(path);
    fill(db, 50);
    closeLibrary(db);
    return path;
  }

  it('is skipped while the file is as the last clean close left it and was checked within a day', () => {
    const path = cleanlyClosed();
    expect(existsSync(cleanStampPath(path))).toBe(true);
    const db = open(path);
    expect(openReport(db)).toMatchObject({ checked: 'unchanged', uncleanShutdown: false });
    // Open for writing, the stamp is gone: a crash from here on leaves none.
    expect(existsSync(cleanStampPath(path))).toBe(false);
    closeLibrary(db);
    expect(openReport(open(path)).checked).toBe('unchanged');
  });

  it('runs when the file changed since, when the last close was not clean, or when the last check is a day old', () => {
    // Changed by something else after the clean close (same size: bytes flipped in a page).
    const changed = cleanlyClosed();
    const db = open(changed, { readonly: true, check: false });
    const leaves = claimLeaves(db);
    db.close();
    const at = (leaves[1]! - 1) * 4096 + 8;
    overwrite(changed, at, Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(existsSync(cleanStampPath(changed))).toBe(true);
    expect(refusal(changed).code).toBe('LIBRARY_DAMAGED');

    // Closed without the stamp (a kill after the checkpoint): checked again.
    const killed = cleanlyClosed();
    rmSync(cleanStampPath(killed));
    expect(openReport(open(killed)).checked).toBe('quick_check');

    // Checked more than a day ago.
    const old = cleanlyClosed();
    const stamp = JSON.parse(readFileSync(cleanStampPath(old), 'utf8')) as { checkedAt: string };
    stamp.checkedAt = new Date(Date.now() - CHECK_EVERY_MS - 1_000).toISOString();
    writeFileSync(cleanStampPath(old), JSON.stringify(stamp));
    const reopened = open(old);
    expect(openReport(reopened)).toMatchObject({ checked: 'quick_check' });
    // That check starts a new day: the next clean close carries its time.
    closeLibrary(reopened);
    expect(openReport(open(old)).checked).toBe('unchanged');
  });
});
