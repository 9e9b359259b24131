import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automaticBackup, backupLibrary, backupsDir, listBackups } from '../../core/backup/backup.js';
import { openLibrary } from '../../db/index.js';
import { call, callAsync, callAsyncError, callError, tempDir, tempLibrary } from '../helpers.js';

const claimsIn = (path: string) => {
  const db = openLibrary(path, { readonly: true, create: false });
  try {
    return {
      claims: (db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n,
      check: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
};

describe('backup', () => {
  it('copies a consistent library while another connection writes to it', async () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Busy' }).id;
    const filler = 'word '.repeat(400);
    ctx.db.transaction(() => {
      for (let i = 0; i < 1500; i++) call(ctx, 'claims.create', { caseId, statement: `Claim ${i}: ${filler}` });
    })();
    const other = openLibrary(ctx.libraryPath);
    let written = 0;
    let writing = true;
    const write = () => {
      if (!writing) return;
      other.prepare("INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, '2021', '2021', ?, 'Written meanwhile.')").run(`W${String(written++).padStart(25, '0')}`, caseId);
      setImmediate(write);
    };
    setImmediate(write);
    const progress: number[] = [];
    const dest = join(tempDir(), 'copy.corroborate');
    const made = await backupLibrary(ctx, dest, { signal: new AbortController().signal, progress: (done) => progress.push(done) });
    writing = false;
    other.close();
    expect(written).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(made.size).toBeGreaterThan(1_000_000);
    const copy = claimsIn(dest);
    expect(copy.check).toBe('ok');
    // One state of the library: all 1500, plus some prefix of what was written meanwhile.
    expect(copy.claims).toBeGreaterThanOrEqual(1500);
    expect(copy.claims).toBeLessThanOrEqual(1500 + written);
    expect(readdirSync(join(dest, '..')).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('never overwrites a file, and writes into a folder under a dated name', async () => {
    const ctx = tempLibrary();
    const dir = tempDir();
    const taken = join(dir, 'taken.corroborate');
    writeFileSync(taken, 'mine');
    expect((await callAsyncError(ctx, 'backups.create', { path: taken })).code).toBe('OUTPUT_EXISTS');
    expect((await callAsyncError(ctx, 'backups.create', { path: ctx.libraryPath })).code).toBe('OUTPUT_IS_LIBRARY');
    const made = await callAsync(ctx, 'backups.create', { path: dir });
    expect(made.name).toMatch(/^manual-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.corroborate$/);
    expect(claimsIn(made.path).check).toBe('ok');
    expect(statSync(made.path).mode & 0o777).toBe(0o600);
  });

  it('keeps one automatic backup a day, the last seven, and never deletes one made by hand', async () => {
    const ctx = tempLibrary();
    await callAsync(ctx, 'backups.create', { path: backupsDir(ctx.libraryPath) });
    const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 0, n, hour));
    for (let n = 1; n <= 10; n++) {
      expect(await automaticBackup(ctx, { now: day(n) })).toBeDefined();
      expect(await automaticBackup(ctx, { now: day(n, 18) })).toBeUndefined();
    }
    const list = call(ctx, 'backups.list', {});
    const autos = list.backups.filter((b) => b.kind === 'automatic');
    expect(autos.map((b) => b.createdAt.slice(0, 10))).toEqual(['2026-01-10', '2026-01-09', '2026-01-08', '2026-01-07', '2026-01-06', '2026-01-05', '2026-01-04']);
    expect(list.backups.filter((b) => b.kind === 'manual')).toHaveLength(1);
    expect(readdirSync(backupsDir(ctx.libraryPath))).toHaveLength(8);
  });

  it('restores a backup: the library as it was, the replaced one kept aside, the session reopened', async () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Before' }).id;
    const backup = await callAsync(ctx, 'backups.create', { path: backupsDir(ctx.libraryPath) });
    call(ctx, 'cases.update', { id: caseId, title: 'After' });
    call(ctx, 'cases.create', { title: 'Added later' });

    expect(callError(ctx, 'backups.restore', { name: backup.name }).code).toBe('BAD_INPUT');
    expect(call(ctx, 'cases.list', {})).toHaveLength(2);

    const res = call(ctx, 'backups.restore', { name: backup.name, confirm: true });
    try {
      expect(call(ctx, 'cases.list', {}).map((c) => c.title)).toEqual(['Before']);
      expect(call(ctx, 'library.doctor', {}).ok).toBe(true);
      const previous = openLibrary(res.previousLibrary, { readonly: true, create: false });
      expect((previous.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2);
      previous.close();
      // Writing works on the reopened library.
      call(ctx, 'cases.create', { title: 'After the restore' });
      expect(listBackups(ctx.libraryPath)).toHaveLength(1);
    } finally {
      ctx.db.close();
    }
  });

  it('refuses to restore what is not a library, or one from a newer version, changing nothing', async () => {
    const ctx = tempLibrary();
    call(ctx, 'cases.create', { title: 'Mine' });
    const dir = tempDir();
    const notLibrary = join(dir, 'notes.txt');
    writeFileSync(notLibrary, 'not a database');
    expect(callError(ctx, 'backups.restore', { path: notLibrary, confirm: true }).code).toBe('NOT_A_LIBRARY');
    const newer = join(dir, 'newer.corroborate');
    const db = openLibrary(newer);
    db.pragma('user_version = 999');
    db.close();
    expect(callError(ctx, 'backups.restore', { path: newer, confirm: true }).code).toBe('LIBRARY_TOO_NEW');
    expect(callError(ctx, 'backups.restore', { path: ctx.libraryPath, confirm: true }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'backups.restore', { name: 'auto-2020-01-01T00-00-00Z.corroborate', confirm: true }).code).toBe('NOT_FOUND');
    expect(call(ctx, 'cases.list', {}).map((c) => c.title)).toEqual(['Mine']);
    expect(existsSync(`${ctx.libraryPath}.backups`)).toBe(false);
  });
});
