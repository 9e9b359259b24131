// One mistyped path must never erase the library: every door's output (archive.create over the
// API, so HTTP and IPC too; `archive`, `export` and `backup` on the command line; backups.create)
// is refused when it names the library or anything Corroborate keeps beside it, however it is
// spelt (a symlink, a hard link, `..`, a symlinked folder), and an existing file is replaced only
// when the caller says so. Each refusal writes nothing, leaves no temporary file, and the session
// goes on saving into the library it has open.

import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openLibrary } from '../../db/index.js';
import type { Context } from '../../core/context.js';
import { captureConsole, call, callAsync, callAsyncError, tempDir, tempLibrary } from '../helpers.js';

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Everything in a folder, recursively: a refused write must leave no `.part` file anywhere. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${e.name}/`, ...listAll(join(dir, e.name)).map((n) => `${e.name}/${n}`)] : [e.name]));
}

interface Scene {
  ctx: Context;
  caseId: string;
  library: string;
  folder: string;
  elsewhere: string;
}

/** A library holding the demo case, with its backups and originals folders, and a folder elsewhere. */
async function scene(): Promise<Scene> {
  const ctx = tempLibrary();
  const { caseId } = call(ctx, 'demo.load', {});
  const folder = dirname(ctx.libraryPath);
  await callAsync(ctx, 'backups.create', { path: `${ctx.libraryPath}.backups` });
  mkdirSync(`${ctx.libraryPath}.files/ab`, { recursive: true });
  writeFileSync(`${ctx.libraryPath}.files/ab/abcdef`, 'an original');
  writeFileSync(`${ctx.libraryPath}.replaced-2026-12-01T09-30-00Z`, 'a replaced library');
  return { ctx, caseId, library: ctx.libraryPath, folder, elsewhere: tempDir() };
}

/** The library as it stands: the file's bytes, and a write made now lands in it (checked by reopening). */
function expectLibraryIntact(s: Scene, before: string, label: string): void {
  expect(hash(s.library), label).toBe(before);
  const { id } = call(s.ctx, 'cases.create', { title: `Written after ${label}` });
  const reopened = openLibrary(s.library, { check: false });
  try {
    expect(reopened.prepare('SELECT title FROM cases WHERE id = ?').pluck().get(id), label).toBe(`Written after ${label}`);
  } finally {
    reopened.close();
  }
}

/** The library's own files and folders, named every way a path can name them. */
function refusedTargets(s: Scene): [string, string][] {
  const viaLink = join(s.elsewhere, 'link-to-library.zip');
  symlinkSync(s.library, viaLink);
  const hardLink = join(s.elsewhere, 'hard-link.zip');
  linkSync(s.library, hardLink);
  const linkedFolder = join(s.elsewhere, 'linked-folder');
  symlinkSync(s.folder, linkedFolder);
  const base = basename(s.library);
  return [
    ['the library', s.library],
    ['its -wal', `${s.library}-wal`],
    ['its -shm', `${s.library}-shm`],
    ['its -journal (not there now)', `${s.library}-journal`],
    ['its lock file', `${s.library}.lock`],
    ['a new file in its backups folder', join(`${s.library}.backups`, 'case.zip')],
    ['an existing backup', join(`${s.library}.backups`, readdirSync(`${s.library}.backups`)[0]!)],
    ['its originals folder', `${s.library}.files`],
    ['a new file in its originals folder', join(`${s.library}.files`, 'ab', 'new.zip')],
    ['an original', join(`${s.library}.files`, 'ab', 'abcdef')],
    ['a replaced library kept aside', `${s.library}.replaced-2026-12-01T09-30-00Z`],
    ['a temporary file of a restore', join(s.folder, `.${base}.0123456789ab.part`)],
    ['a symlink to the library', viaLink],
    ['a hard link to the library', hardLink],
    ['the library through ..', join(s.elsewhere, '..', basename(s.folder), base)],
    ['the library through a symlinked folder', join(linkedFolder, base)],
    ['the -wal through a symlinked folder', join(linkedFolder, `${base}-wal`)],
  ];
}

describe('output targets through the API (archive.create, backups.create)', () => {
  it('refuses the library and everything of it, however it is named; writes nothing; the library goes on saving', async () => {
    const s = await scene();
    const before = hash(s.library);
    const files = listAll(s.folder);
    for (const [label, out] of refusedTargets(s)) {
      for (const overwrite of [false, true]) {
        const error = await callAsyncError(s.ctx, 'archive.create', { caseId: s.caseId, out, overwrite });
        expect(error.code, `${label} (overwrite ${overwrite})`).toBe('OUTPUT_IS_LIBRARY');
        expect(error.message).toMatch(/Nothing was written/);
        // (A backup may be a new file in the backups folder: the next test.)
        if (label === 'a new file in its backups folder') continue;
        const backup = await callAsyncError(s.ctx, 'backups.create', { path: out, overwrite });
        expect(backup.code, `backup to ${label}`).toBe('OUTPUT_IS_LIBRARY');
      }
      expectLibraryIntact(s, before, label);
    }
    // Nothing new beside the library: no archive, no `.part` file.
    expect(listAll(s.folder).filter((f) => !files.includes(f) && !/-(wal|shm)$/.test(f))).toEqual([]);
  });

  it('an existing file is replaced only with overwrite: true; a folder is refused for an archive', async () => {
    const s = await scene();
    const out = join(s.elsewhere, 'case.zip');
    writeFileSync(out, 'an earlier file the reporter keeps');
    const refused = await callAsyncError(s.ctx, 'archive.create', { caseId: s.caseId, out });
    expect(refused.code).toBe('OUTPUT_EXISTS');
    expect(refused.message).toContain(out);
    expect(readFileSync(out, 'utf8')).toBe('an earlier file the reporter keeps');
    expect(readdirSync(s.elsewhere)).toEqual(['case.zip']);

    const made = await callAsync(s.ctx, 'archive.create', { caseId: s.caseId, out, overwrite: true });
    expect(made.out).toBe(out);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(statSync(out).mode & 0o777).toBe(0o600);

    expect((await callAsyncError(s.ctx, 'archive.create', { caseId: s.caseId, out: s.elsewhere })).code).toBe('OUTPUT_IS_FOLDER');
    expect((await callAsyncError(s.ctx, 'archive.create', { caseId: s.caseId, out: join(s.elsewhere, 'missing', 'case.zip') })).code).toBe('NOT_FOUND');
    expect(readdirSync(s.elsewhere)).toEqual(['case.zip']);
  });

  it('a backup goes into the backups folder as a new file, or into any folder; an existing file needs overwrite', async () => {
    const s = await scene();
    const backups = `${s.library}.backups`;
    const count = readdirSync(backups).length;
    await new Promise((r) => setTimeout(r, 1100)); // a new dated name
    const made = await callAsync(s.ctx, 'backups.create', { path: backups });
    expect(dirname(made.path)).toBe(backups);
    expect(readdirSync(backups)).toHaveLength(count + 1);
    expect(statSync(backups).mode & 0o777).toBe(0o700);

    const target = join(s.elsewhere, 'copy.corroborate');
    writeFileSync(target, 'not a backup');
    expect((await callAsyncError(s.ctx, 'backups.create', { path: target })).code).toBe('OUTPUT_EXISTS');
    expect(readFileSync(target, 'utf8')).toBe('not a backup');
    await callAsync(s.ctx, 'backups.create', { path: target, overwrite: true });
    expect(readFileSync(target).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});

describe('output targets on the command line (archive, export, backup)', () => {
  const { out, err } = captureConsole();

  it('archive --out, export --out and backup refuse the library and its files; the library is unchanged and still opens', async () => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    expect(await main(['--library', library, 'demo', '--json'])).toBe(0);
    const { caseId } = (JSON.parse(out.splice(0).join('\n')) as { value: { caseId: string } }).value;
    const link = join(tempDir(), 'packet.html');
    symlinkSync(library, link);
    const before = hash(library);
    for (const target of [library, `${library}-wal`, `${library}-shm`, link, join(dir, '..', basename(dir), 'lib.corroborate')]) {
      for (const force of [[], ['--force']]) {
        expect(await main(['--library', library, 'archive', '--case', caseId, '--out', target, ...force]), target).toBe(1);
        expect(await main(['--library', library, 'export', '--case', caseId, '--profile', 'lawyer', '--format', 'html', '--out', target, ...force]), target).toBe(1);
        expect(await main(['--library', library, 'backup', target, ...force]), target).toBe(1);
        const said = err.splice(0);
        expect(said, target).toHaveLength(3);
        for (const line of said) expect(line).toMatch(/\[OUTPUT_IS_LIBRARY\]$/);
      }
    }
    expect(hash(library)).toBe(before);
    expect(readdirSync(dir).filter((f) => !/^lib\.corroborate(-clean|\.lock)?$/.test(f))).toEqual([]);
    expect(await main(['--library', library, 'cases', '--json'])).toBe(0);
    expect((JSON.parse(out.splice(0).join('\n')) as { value: unknown[] }).value).toHaveLength(1);
  });

  it('export into a folder refuses to replace the packet already there unless --force', async () => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    expect(await main(['--library', library, 'demo', '--json'])).toBe(0);
    out.splice(0);
    const folder = tempDir();
    const exportTo = (...extra: string[]) => main(['--library', library, 'export', '--profile', 'editor', '--format', 'md', '--out', folder, '--json', ...extra]);
    expect(await exportTo(), err.join('\n')).toBe(0);
    const first = (JSON.parse(out.splice(0).join('\n')) as { value: { out: string } }).value;
    writeFileSync(first.out, 'the reporter edited this copy');
    expect(await exportTo()).toBe(1);
    expect(JSON.parse(out.splice(0).join('\n'))).toMatchObject({ ok: false, error: { code: 'OUTPUT_EXISTS' } });
    expect(readFileSync(first.out, 'utf8')).toBe('the reporter edited this copy');
    expect(await exportTo('--force')).toBe(0);
    expect(readFileSync((JSON.parse(out.splice(0).join('\n')) as { value: { out: string } }).value.out, 'utf8')).toMatch(/^#/);
    expect(readdirSync(folder)).toHaveLength(1);
  });
});
