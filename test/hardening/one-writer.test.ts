// One library, several processes. A script writing beside the app waits its turn instead of
// losing writes to SQLITE_BUSY; and while the app or `serve` has the library open (holding its
// lock), nothing replaces the file under it: restore, encrypt, change-passphrase, decrypt and a
// second serve are refused, the library is left as it was, and the holder's writes land. A lock
// left by a process that was killed is no lock at all.
//
// The children run the project's code, transpiled for plain Node (test/hardening/transpile.ts).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openLibrary } from '../../db/index.js';
import { closeSession, openSession } from '../../core/session.js';
import { captureConsole, call, callError, tempDir } from '../helpers.js';
import { removeTree, transpileTree } from './transpile.js';

const CHILD = fileURLToPath(new URL('./library-child.mjs', import.meta.url));
const WRITES = Number(process.env.ONE_WRITER_WRITES ?? 150);
let root: string;

beforeAll(() => {
  root = transpileTree(['db', 'core', 'shared', 'cli'], `corroborate-one-writer-${process.pid}`, ['assets']);
}, 60_000);
afterAll(() => removeTree(root));

const { out, err } = captureConsole();
afterEach(() => {
  for (const v of ['CORROBORATE_PASSPHRASE', 'CORROBORATE_NEW_PASSPHRASE']) delete process.env[v];
});

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function child(library: string, ...args: string[]): ChildProcessWithoutNullStreams {
  // No automatic backup during a test: it would add a folder beside the library.
  const proc = spawn(process.execPath, [CHILD, root, library, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, CORROBORATE_BACKUP_DELAY_MS: '600000' } });
  children.push(proc);
  return proc;
}

/** The child's output up to (and including) the first line that matches. */
function lineFrom(proc: ChildProcessWithoutNullStreams, match: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${match} (stdout: ${text}; stderr: ${stderr})`)), timeoutMs);
    const onErr = (d: Buffer) => (stderr += d.toString());
    const onData = (d: Buffer) => {
      text += d.toString();
      const line = text.split('\n').find((l) => match.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        proc.stdout.off('data', onData);
        proc.stderr.off('data', onErr);
        resolve(line);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onErr);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      if (!text.split('\n').some((l) => match.test(l))) reject(new Error(`the child exited (${code}) without a line matching ${match} (stdout: ${text}; stderr: ${stderr})`));
    });
  });
}

const exited = (proc: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve(proc.exitCode) : proc.once('exit', resolve)));

/** A library with one case; returns its path and the case id. */
function library(): { path: string; caseId: string } {
  const path = join(tempDir(), 'library.corroborate');
  const ctx = openSession(path, { automaticBackups: false });
  const { id } = call(ctx, 'cases.create', { title: 'Two writers' });
  closeSession(ctx);
  return { path, caseId: id };
}

function titles(path: string): string[] {
  const db = openLibrary(path, { check: false });
  try {
    return db.prepare('SELECT title FROM cases ORDER BY title').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('two processes writing to one library', () => {
  it(`each makes ${WRITES} claims at the same time: all ${2 * WRITES} land, none lost to BUSY`, async () => {
    const { path, caseId } = library();
    const writers = ['A', 'B'].map((tag) => child(path, 'writer', String(WRITES), caseId, tag));
    const results = (await Promise.all(writers.map((w) => lineFrom(w, /^\{/, 120_000)))).map((l) => JSON.parse(l) as { ok: number; failed: Record<string, number> });
    await Promise.all(writers.map(exited));
    expect(results).toEqual([
      { ok: WRITES, failed: {} },
      { ok: WRITES, failed: {} },
    ]);
    const db = openLibrary(path, { check: false });
    try {
      expect(db.prepare('SELECT count(*) FROM claims WHERE case_id = ?').pluck().get(caseId)).toBe(2 * WRITES);
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('while serve holds the library', () => {
  it('restore, encrypt, change-passphrase, decrypt and a second serve are refused; the library is unchanged; serve’s writes land; scripts still work', async () => {
    const { path } = library();
    const backup = join(tempDir(), 'backup.corroborate');
    expect(await main(['--library', path, 'backup', backup])).toBe(0);
    const serve = child(path, 'serve');
    await lineFrom(serve, /^ready$/);
    const before = hash(path);
    // (A command that opened and closed the library may leave the stamp of a clean close.)
    const beside = () => readdirSync(join(path, '..')).filter((f) => !f.endsWith('-clean')).sort();
    const files = beside();

    const refused = async (...args: string[]) => {
      err.splice(0);
      expect(await main(['--library', path, ...args]), args.join(' ')).toBe(1);
      expect(err.join('\n'), args.join(' ')).toMatch(/The library is open in corroborate serve \(process \d+, since \d\d:\d\d\)\. Close it there first.*\[LIBRARY_IN_USE\]/);
    };
    await refused('restore', backup, '--force');
    process.env.CORROBORATE_NEW_PASSPHRASE = 'a new passphrase of some length';
    await refused('encrypt');
    await refused('serve');
    // Through the API as a script would call it: the same refusal.
    out.splice(0);
    expect(await main(['--library', path, 'call', 'backups.restore', JSON.stringify({ path: backup, confirm: true })])).toBe(1);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: false, error: { code: 'LIBRARY_IN_USE' } });
    out.splice(0);
    expect(await main(['--library', path, 'call', 'library.encrypt', JSON.stringify({ passphrase: 'a new passphrase of some length', confirm: true })])).toBe(1);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: false, error: { code: 'LIBRARY_IN_USE' } });
    // A second serve in another process too.
    const second = child(path, 'serve');
    expect(await lineFrom(second, /^refused/)).toBe('refused LIBRARY_IN_USE');

    expect(hash(path)).toBe(before);
    expect(beside()).toEqual(files);

    // The holder goes on saving, and a script beside it too.
    serve.stdin.write('Saved by serve after the refusals\n');
    expect(await lineFrom(serve, /^(created|failed)/)).toMatch(/^created /);
    expect(await main(['--library', path, 'call', 'cases.create', JSON.stringify({ title: 'Saved by a script beside serve' })])).toBe(0);
    serve.stdin.write('close\n');
    await lineFrom(serve, /^closed$/);
    await exited(serve);
    expect(titles(path)).toEqual(['Saved by a script beside serve', 'Saved by serve after the refusals', 'Two writers']);
  }, 120_000);

  it('change-passphrase and decrypt of an encrypted library are refused while serve holds it', async () => {
    const path = join(tempDir(), 'library.corroborate');
    const passFile = join(tempDir(), 'pass');
    writeFileSync(passFile, 'the first long passphrase\n');
    expect(await main(['--library', path, 'init', '--encrypt', '--new-passphrase-file', passFile])).toBe(0);
    const serve = child(path, 'serve');
    await lineFrom(serve, /^ready$/); // locked, waiting for its passphrase: it holds the library all the same
    const before = hash(path);
    // Refused before any passphrase is asked for (none is given here).
    for (const command of [['change-passphrase'], ['decrypt', '--force'], ['encrypt']]) {
      err.splice(0);
      expect(await main(['--library', path, ...command]), command[0]).toBe(1);
      expect(err.join('\n')).toContain('[LIBRARY_IN_USE]');
    }
    process.env.CORROBORATE_PASSPHRASE = 'the first long passphrase';
    process.env.CORROBORATE_NEW_PASSPHRASE = 'the second long passphrase';
    expect(hash(path)).toBe(before);
    serve.stdin.write('close\n');
    await exited(serve);
    expect(await main(['--library', path, 'change-passphrase'])).toBe(0);
  }, 120_000);

  it('a lock left by a killed serve is taken over: restore goes ahead', async () => {
    const { path } = library();
    const backup = join(tempDir(), 'backup.corroborate');
    expect(await main(['--library', path, 'backup', backup])).toBe(0);
    const serve = child(path, 'serve');
    await lineFrom(serve, /^ready$/);
    serve.kill('SIGKILL');
    await exited(serve);
    // Its record (a pid that is gone) is still in the lock file: it holds nothing.
    expect(readdirSync(join(path, '..'))).toContain('library.corroborate.lock');
    out.splice(0);
    expect(await main(['--library', path, 'restore', backup, '--force']), err.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/^Restored /);
    expect(await main(['--library', path, 'serve', '--port', 'not-a-port'])).toBe(2);
  }, 60_000);
});

describe('inside the process that holds the library', () => {
  it('backups.restore and library.encrypt over the API keep working', async () => {
    const { path } = library();
    const ctx = openSession(path, { automaticBackups: false, hold: 'corroborate serve' });
    try {
      const backup = join(tempDir(), 'backup.corroborate');
      expect(await main(['--library', path, 'backup', backup])).toBe(0);
      call(ctx, 'cases.create', { title: 'After the backup' });
      expect(call(ctx, 'backups.restore', { path: backup, confirm: true }).restored).toBe(backup);
      expect(call(ctx, 'cases.list', {}).map((c) => c.title)).toEqual(['Two writers']);
      expect(call(ctx, 'library.encrypt', { passphrase: 'a passphrase long enough', confirm: true }).encrypted).toBe(true);
      call(ctx, 'cases.create', { title: 'Encrypted now' });
      // Another process still may not.
      process.env.CORROBORATE_PASSPHRASE = 'a passphrase long enough';
      err.splice(0);
      expect(await main(['--library', path, 'restore', backup, '--force'])).toBe(1);
      expect(err.join('\n')).toContain('[LIBRARY_IN_USE]');
    } finally {
      closeSession(ctx);
    }
  });
});

describe('the holder restoring while a script has the library open', () => {
  it('is refused, so the script’s connection is never left writing into the file set aside', async () => {
    const { path } = library();
    const ctx = openSession(path, { automaticBackups: false, hold: 'corroborate serve' });
    const script = openLibrary(path, { check: false });
    try {
      const backup = join(tempDir(), 'backup.corroborate');
      expect(await main(['--library', path, 'backup', backup])).toBe(0);
      const error = callError(ctx, 'backups.restore', { path: backup, confirm: true });
      expect(error.code).toBe('LIBRARY_IN_USE');
      expect(readdirSync(join(path, '..')).filter((f) => f.includes('.replaced-'))).toEqual([]);
      // Both go on writing into the one library.
      call(ctx, 'cases.create', { title: 'By the app' });
      script.prepare("INSERT INTO meta (key, value) VALUES ('script', 'was here')").run();
    } finally {
      script.close();
      closeSession(ctx);
    }
    expect(titles(path)).toEqual(['By the app', 'Two writers']);
    const db = openLibrary(path, { check: false });
    try {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'script'").pluck().get()).toBe('was here');
    } finally {
      db.close();
    }
  });
});
