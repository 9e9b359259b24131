// The library chooser's core: the recent list (kept per user, outside every library), the checks
// a path from outside must pass, and the switch itself, through the dispatcher as every door calls it.

import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from '../db/driver.js';
import { acquireLibraryLock, closeLibrary, libraryLockHolder, openLibrary } from '../db/index.js';
import { call, callError, tempDir } from '../test/helpers.js';
import type { Context } from './context.js';
import { listBackups } from './backup/backup.js';
import { existingLibraryPath, forgetLibrary, MAX_RECENT, newLibraryPath, recentLibraries, rememberLibrary } from './libraries.js';
import { closeSession, lockState, openSession, openSessionOrLocked } from './session.js';

const sessions: Context[] = [];
afterEach(() => {
  for (const ctx of sessions.splice(0)) closeSession(ctx);
});

/** A library file made and closed, as one the reporter made last month. */
function library(dir: string, name: string, options: { passphrase?: string; caseTitle?: string } = {}): string {
  const path = join(dir, name);
  const db = openLibrary(path, options.passphrase ? { passphrase: options.passphrase } : {});
  if (options.caseTitle) {
    const ctx = { db, libraryPath: path, checker: 'test' };
    call(ctx, 'cases.create', { title: options.caseTitle });
  }
  closeLibrary(db);
  return path;
}

/** The session the app or serve opens: holding the lock, keeping the recent list. */
function session(path: string, recentFile: string): Context {
  const ctx = openSessionOrLocked(path, { hold: 'corroborate serve', recentFile, automaticBackups: false });
  sessions.push(ctx);
  return ctx;
}

const titles = (ctx: Context) => call(ctx, 'cases.list', {}).map((c) => c.title);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('the recent list', () => {
  it('puts the last opened on top once, keeps at most a dozen, marks a missing file, and forgets on request', () => {
    const dir = tempDir();
    const file = join(dir, 'data', 'recent-libraries.json');
    const a = library(dir, 'a.corroborate');
    const b = library(dir, 'b.corroborate');
    rememberLibrary(file, a, new Date('2026-12-01T09:00:00Z'));
    rememberLibrary(file, b, new Date('2026-12-02T09:00:00Z'));
    rememberLibrary(file, a, new Date('2026-12-03T09:00:00Z'));
    expect(recentLibraries(file)).toEqual([
      { path: a, name: 'a', openedAt: '2026-12-03T09:00:00.000Z', missing: false },
      { path: b, name: 'b', openedAt: '2026-12-02T09:00:00.000Z', missing: false },
    ]);
    // The paths name investigations: the list is the reporter's alone.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);

    // However it is reached: from another folder, through a link.
    symlinkSync(a, join(dir, 'link-to-a.corroborate'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      rememberLibrary(file, 'link-to-a.corroborate', new Date('2026-12-04T09:00:00Z'));
    } finally {
      process.chdir(cwd);
    }
    expect(recentLibraries(file).map((l) => [l.path, l.openedAt])).toEqual([
      [a, '2026-12-04T09:00:00.000Z'],
      [b, '2026-12-02T09:00:00.000Z'],
    ]);

    rememberLibrary(file, join(dir, 'gone.corroborate'));
    expect(recentLibraries(file)[0]).toMatchObject({ name: 'gone', missing: true });

    for (let i = 0; i < MAX_RECENT + 5; i++) rememberLibrary(file, join(dir, `old-${i}.corroborate`));
    expect(recentLibraries(file)).toHaveLength(MAX_RECENT);

    expect(forgetLibrary(file, join(dir, `old-${MAX_RECENT + 4}.corroborate`))).toBe(true);
    expect(forgetLibrary(file, join(dir, 'never-there.corroborate'))).toBe(false);
    expect(recentLibraries(file).map((l) => l.name)).not.toContain(`old-${MAX_RECENT + 4}`);
  });

  it('a list that is damaged or not ours reads as empty, entries that are not paths are dropped', () => {
    const dir = tempDir();
    const file = join(dir, 'recent-libraries.json');
    writeFileSync(file, '{"libraries": [ {"path": "/a.corr');
    expect(recentLibraries(file)).toEqual([]);
    writeFileSync(file, JSON.stringify({ libraries: [{ path: 'relative.corroborate', openedAt: 'x' }, { path: '/x\u0000y', openedAt: 'x' }, 'junk', { path: '/ok.corroborate', openedAt: '2026-12-01T00:00:00Z' }] }));
    expect(recentLibraries(file).map((l) => l.path)).toEqual(['/ok.corroborate']);
    rememberLibrary(file, '/new.corroborate');
    expect(recentLibraries(file).map((l) => l.path)).toEqual(['/new.corroborate', '/ok.corroborate']);
  });
});

describe('a path from outside', () => {
  it('to open: an existing Corroborate library, plain or encrypted; ~/ is the home folder', () => {
    const dir = tempDir();
    const plain = library(dir, 'plain.corroborate');
    const sealed = library(dir, 'sealed.corroborate', { passphrase: 'a long enough passphrase' });
    expect(existingLibraryPath(plain)).toBe(plain);
    expect(existingLibraryPath(`  ${plain}  `)).toBe(plain);
    expect(existingLibraryPath(sealed)).toBe(sealed);
    // A link is followed: the recent list and the switch see the file itself.
    symlinkSync(plain, join(dir, 'link.corroborate'));
    expect(existingLibraryPath(join(dir, 'link.corroborate'))).toBe(plain);
    expect(code(() => existingLibraryPath('~/no-such-library-here.corroborate'))).toBe('LIBRARY_NOT_FOUND');
    expect(() => existingLibraryPath('~/no-such-library-here.corroborate')).toThrow(join(homedir(), 'no-such-library-here.corroborate'));
  });

  it('to open: refuses, with a code, whatever is not a library, before writing a byte', () => {
    const dir = tempDir();
    const plain = library(dir, 'plain.corroborate');
    const other = join(dir, 'other.sqlite');
    new Database(other).exec('CREATE TABLE t (x)').close();
    const emptySqlite = join(dir, 'empty.sqlite');
    new Database(emptySqlite).pragma('user_version = 1');
    writeFileSync(join(dir, 'empty.corroborate'), '');
    writeFileSync(join(dir, 'notes.txt'), 'Not a database at all.');
    mkdirSync(join(dir, 'plain.corroborate.backups'));
    const backup = join(dir, 'plain.corroborate.backups', 'auto-2026-12-01T09-00-00Z.corroborate');
    copyFileSync(plain, backup);
    acquireLibraryLock(plain, { what: 'test' }).release();
    const before = [other, emptySqlite, backup].map((f) => readFileSync(f));

    const refusals: [string, string][] = [
      ['relative.corroborate', 'BAD_INPUT'],
      ['', 'BAD_INPUT'],
      [`${dir}/bell\u0007.corroborate`, 'BAD_INPUT'],
      [join(dir, 'libary.corroborate'), 'LIBRARY_NOT_FOUND'],
      [dir, 'LIBRARY_IS_DIRECTORY'],
      [other, 'NOT_A_LIBRARY'],
      [emptySqlite, 'NOT_A_LIBRARY'],
      [join(dir, 'empty.corroborate'), 'NOT_A_LIBRARY'],
      [backup, 'NOT_A_LIBRARY'],
      [`${plain}.lock`, 'NOT_A_LIBRARY'],
    ];
    for (const [path, expected] of refusals) expect(code(() => existingLibraryPath(path)), path).toBe(expected);
    expect(() => existingLibraryPath(backup)).toThrow(/backups folder/);
    expect([other, emptySqlite, backup].map((f) => readFileSync(f))).toEqual(before);
  });

  it('to create: a new file name ending in .corroborate, in a folder that exists; never over a file', () => {
    const dir = tempDir();
    const plain = library(dir, 'plain.corroborate');
    writeFileSync(join(dir, 'taken.corroborate'), 'someone’s file');
    mkdirSync(join(dir, 'plain.corroborate.backups'));
    symlinkSync(join(dir, 'elsewhere.corroborate'), join(dir, 'dangling.corroborate'));
    expect(newLibraryPath(join(dir, 'new.corroborate'))).toBe(join(dir, 'new.corroborate'));
    const refusals: [string, string][] = [
      [plain, 'OUTPUT_EXISTS'],
      [join(dir, 'taken.corroborate'), 'OUTPUT_EXISTS'],
      [join(dir, 'dangling.corroborate'), 'OUTPUT_EXISTS'],
      [join(dir, 'new.sqlite'), 'BAD_INPUT'],
      [join(dir, 'new'), 'BAD_INPUT'],
      [join(dir, '.corroborate'), 'BAD_INPUT'],
      [join(dir, 'no', 'such', 'folder', 'new.corroborate'), 'NOT_FOUND'],
      [join(dir, 'plain.corroborate.backups', 'new.corroborate'), 'BAD_INPUT'],
      ['new.corroborate', 'BAD_INPUT'],
    ];
    for (const [path, expected] of refusals) expect(code(() => newLibraryPath(path)), path).toBe(expected);
    expect(readFileSync(join(dir, 'taken.corroborate'), 'utf8')).toBe('someone’s file');
  });
});

describe('switching libraries (libraries.open / libraries.create)', () => {
  it('closes the open library (its lock released) and opens the next in the same context; back again', () => {
    const dir = tempDir();
    const recent = join(dir, 'user', 'recent-libraries.json');
    const a = library(dir, 'a.corroborate', { caseTitle: 'Case of library A' });
    const ctx = session(a, recent);
    expect(libraryLockHolder(a)).toMatchObject({ what: 'corroborate serve' });
    const idA = call(ctx, 'libraries.current', {}).id;

    const b = join(dir, 'b.corroborate');
    expect(call(ctx, 'libraries.create', { path: b })).toMatchObject({ path: b, name: 'b', encrypted: false, locked: false });
    expect(ctx.libraryPath).toBe(b);
    expect(libraryLockHolder(a)).toBeNull();
    expect(libraryLockHolder(b)).toMatchObject({ what: 'corroborate serve', pid: process.pid });
    expect(titles(ctx)).toEqual([]);
    call(ctx, 'cases.create', { title: 'Case of library B' });
    const idB = call(ctx, 'libraries.current', {}).id;
    expect(idB).not.toBe(idA);
    expect(call(ctx, 'libraries.recent', {}).map((l) => [l.name, l.current])).toEqual([
      ['b', true],
      ['a', false],
    ]);

    expect(call(ctx, 'libraries.open', { path: a })).toMatchObject({ path: a, name: 'a', id: idA });
    expect(titles(ctx)).toEqual(['Case of library A']);
    expect(libraryLockHolder(b)).toBeNull();
    // B's case was saved in B, and only there.
    const checkB = openSession(b);
    expect(titles(checkB)).toEqual(['Case of library B']);
    closeSession(checkB);
    // The same library again is no switch at all.
    const db = ctx.db;
    call(ctx, 'libraries.open', { path: a });
    expect(ctx.db).toBe(db);
  });

  it('an encrypted library opens locked: nothing of it answers until its passphrase unlocks it', () => {
    const dir = tempDir();
    const ctx = session(library(dir, 'a.corroborate', { caseTitle: 'Plain case' }), join(dir, 'recent.json'));
    const sealed = library(dir, 'sealed.corroborate', { passphrase: 'a long enough passphrase', caseTitle: 'Sealed case' });
    expect(call(ctx, 'libraries.open', { path: sealed })).toMatchObject({ name: 'sealed', id: null, encrypted: true, locked: true });
    expect(callError(ctx, 'cases.list', {}).code).toBe('LIBRARY_LOCKED');
    expect(callError(ctx, 'libraries.recent', {}).code).toBe('LIBRARY_LOCKED');
    call(ctx, 'library.unlock', { passphrase: 'a long enough passphrase' });
    expect(titles(ctx)).toEqual(['Sealed case']);
    expect(lockState(ctx)).toEqual({ encrypted: true, locked: false });
  });

  it('when the next library cannot be opened, the open one stays open and in use', () => {
    const dir = tempDir();
    const a = library(dir, 'a.corroborate', { caseTitle: 'Still here' });
    const ctx = session(a, join(dir, 'recent.json'));
    const b = library(dir, 'b.corroborate');
    const elsewhere = acquireLibraryLock(b, { what: 'the Corroborate app' });
    try {
      expect(callError(ctx, 'libraries.open', { path: b }).code).toBe('LIBRARY_IN_USE');
    } finally {
      elsewhere.release();
    }
    expect(callError(ctx, 'libraries.open', { path: join(dir, 'nope.corroborate') }).code).toBe('LIBRARY_NOT_FOUND');
    expect(callError(ctx, 'libraries.create', { path: a }).code).toBe('OUTPUT_EXISTS');
    expect(ctx.libraryPath).toBe(a);
    expect(libraryLockHolder(a)).toMatchObject({ pid: process.pid });
    call(ctx, 'cases.create', { title: 'Saved after the refusals' });
    expect(titles(ctx).sort()).toEqual(['Saved after the refusals', 'Still here']);
  });

  it('waits for a long task under way: its work was prepared for this library', () => {
    const dir = tempDir();
    const ctx = session(library(dir, 'a.corroborate'), join(dir, 'recent.json'));
    const b = library(dir, 'b.corroborate');
    ctx.jobs = new Map([['import-1', { done: 1, total: 3, stage: 'reading', controller: new AbortController() }]]);
    expect(callError(ctx, 'libraries.open', { path: b }).code).toBe('BUSY');
    ctx.jobs.clear();
    expect(call(ctx, 'libraries.open', { path: b }).name).toBe('b');
  });

  it('the automatic backups go on for the library open now, and stop for the one closed', async () => {
    const dir = tempDir();
    const a = library(dir, 'a.corroborate');
    const b = library(dir, 'b.corroborate');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const ctx = openSessionOrLocked(a, { hold: 'corroborate serve', recentFile: join(dir, 'recent.json') });
      sessions.push(ctx);
      call(ctx, 'libraries.open', { path: b });
      // Past the first backup's delay (core/backup/schedule.ts): only the open library's is made.
      vi.advanceTimersByTime(60_000);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(listBackups(b)).toHaveLength(1), { timeout: 10_000 });
    expect(listBackups(a)).toEqual([]);
  });

  it('a recent list that cannot be written does not keep the library shut', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const warned = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ctx = session(library(dir, 'a.corroborate'), join(dir, 'not-a-folder', 'recent.json'));
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/recent libraries could not be saved/));
    expect(call(ctx, 'libraries.open', { path: library(dir, 'b.corroborate') }).name).toBe('b');
    vi.restoreAllMocks();
  });
});
