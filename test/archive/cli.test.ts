import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { captureConsole, tempDir } from '../helpers.js';

const { out, err } = captureConsole();


const lastJson = <T>() => (JSON.parse(out.splice(0).join('\n')) as { value: T }).value;

describe('corroborate archive, unarchive, backup, backups, restore', () => {
  it('round-trips a case and backs up and restores a library from the command line', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.corroborate');
    const b = join(dir, 'b.corroborate');
    expect(await main(['--library', a, 'demo', '--json'])).toBe(0);
    const { caseId } = lastJson<{ caseId: string }>();

    const zip = join(dir, 'case.zip');
    expect(await main(['--library', a, 'archive', '--case', caseId, '--out', zip])).toBe(0);
    expect(out.splice(0).join('\n')).toMatch(/Archived “Precursor pipeline” to .*case\.zip .*16 claims/);
    // b does not exist: unarchive makes it only when asked to.
    expect(await main(['--library', b, 'unarchive', zip, '--json'])).toBe(1);
    expect(JSON.parse(out.splice(0).join('\n'))).toMatchObject({ ok: false, error: { code: 'LIBRARY_NOT_FOUND' } });
    expect(existsSync(b)).toBe(false);
    expect(await main(['--library', b, 'unarchive', zip, '--create', '--json'])).toBe(0);
    expect(lastJson<{ caseId: string }>().caseId).toBe(caseId);
    expect(await main(['--library', b, 'unarchive', zip])).toBe(1);
    expect(err.splice(0).join('\n')).toMatch(/already holds the case .*\[CASE_EXISTS\]/);
    expect(await main(['--library', b, 'unarchive', zip, '--replace'])).toBe(0);
    expect(out.splice(0).join('\n')).toMatch(/^Replaced the case/);

    const backupDir = join(dir, 'backups');
    expect(await main(['--library', b, 'backup', dir])).toBe(0);
    const made = out.splice(0).join('\n');
    expect(made).toMatch(/Backed up the library to .*manual-.*\.corroborate/);
    const backupFile = readdirSync(dir).find((n) => n.startsWith('manual-'))!;
    expect(await main(['--library', b, 'call', 'cases.create', '{"title": "After the backup"}'])).toBe(0);
    out.splice(0);

    expect(await main(['--library', b, 'restore', join(dir, backupFile)])).toBe(1);
    expect(err.splice(0).join('\n')).toContain('--force');
    expect(await main(['--library', b, 'restore', join(dir, backupFile), '--force'])).toBe(0);
    expect(out.splice(0).join('\n')).toMatch(/kept at .*b\.corroborate\.replaced-/);
    expect(await main(['--library', b, 'cases', '--json'])).toBe(0);
    expect(lastJson<{ title: string }[]>().map((c) => c.title)).toEqual(['Precursor pipeline']);

    expect(await main(['--library', b, 'backups'])).toBe(0);
    expect(out.splice(0).join('\n')).toContain('No backups');
    expect(existsSync(backupDir)).toBe(false);
  });

  it('restores over a library that cannot be opened', async () => {
    const dir = tempDir();
    const lib = join(dir, 'lib.corroborate');
    expect(await main(['--library', lib, 'init'])).toBe(0);
    expect(await main(['--library', lib, 'backup', join(dir, 'good.corroborate')])).toBe(0);
    writeFileSync(lib, 'SQLite format 3\0' + 'garbage'.repeat(1000));
    out.splice(0);
    expect(await main(['--library', lib, 'restore', join(dir, 'good.corroborate'), '--force'])).toBe(0);
    expect(out.splice(0).join('\n')).toContain('Restored');
    expect(await main(['--library', lib, 'doctor'])).toBe(0);
  });

  it('says what is wrong with the arguments, before touching a library', async () => {
    const lib = join(tempDir(), 'never.corroborate');
    expect(await main(['--library', lib, 'archive', '--case', 'X'])).toBe(2);
    expect(await main(['--library', lib, 'unarchive'])).toBe(2);
    expect(await main(['--library', lib, 'backup'])).toBe(2);
    expect(await main(['--library', lib, 'restore'])).toBe(2);
    expect(existsSync(lib)).toBe(false);
  });
});
