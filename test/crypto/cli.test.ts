// The command line with an encrypted library: the passphrase from a file or the environment
// (never an argument), a clear refusal without it, and encrypt / change-passphrase / decrypt.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { captureConsole, tempDir } from '../helpers.js';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'tortoise wind turbine quay';

const { out, err } = captureConsole();
let dir: string;
let library: string;

beforeEach(() => {
  dir = tempDir();
  library = join(dir, 'lib.corroborate');
});

afterEach(() => {
  for (const v of ['CORROBORATE_PASSPHRASE', 'CORROBORATE_NEW_PASSPHRASE']) delete process.env[v];
});

const run = (...args: string[]) => main(['--library', library, ...args]);
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const said = () => [...out, ...err].join('\n');

describe('corroborate with an encrypted library', () => {
  it('init --encrypt creates it; without the passphrase every command is refused with the ways to give it', async () => {
    expect(await run('init', '--encrypt', '--new-passphrase-file', file('new', `${PASS}\n`))).toBe(0);
    expect(await run('demo')).toBe(1);
    expect(err.join('\n')).toMatch(/is encrypted: it opens only with its passphrase\. Give it with --passphrase-file PATH or \$CORROBORATE_PASSPHRASE.*\[PASSPHRASE_REQUIRED\]/);
    expect(await run('demo', '--passphrase-file', file('wrong', 'not it\n'))).toBe(1);
    expect(err.at(-1)).toContain('[WRONG_PASSPHRASE]');
    expect(await run('demo', '--passphrase-file', file('pass', `${PASS}\n`))).toBe(0);
    process.env.CORROBORATE_PASSPHRASE = PASS;
    expect(await run('cases', '--json')).toBe(0);
    expect((JSON.parse(out.at(-1)!) as { value: unknown[] }).value).toHaveLength(1);
    expect(said()).not.toContain(PASS);
  });

  it('encrypt, change-passphrase and decrypt, each with its passphrases from files or the environment', async () => {
    expect(await run('demo')).toBe(0);
    process.env.CORROBORATE_NEW_PASSPHRASE = PASS;
    expect(await run('encrypt')).toBe(0);
    expect(out.at(-1)).toContain('It opens only with its passphrase now');
    delete process.env.CORROBORATE_NEW_PASSPHRASE;
    expect(await run('stats')).toBe(1);

    const current = file('current', PASS);
    expect(await run('change-passphrase', '--passphrase-file', current, '--new-passphrase-file', file('next', NEW_PASS))).toBe(0);
    expect(await run('stats', '--passphrase-file', current)).toBe(1);
    const next = file('next2', NEW_PASS);
    expect(await run('stats', '--passphrase-file', next)).toBe(0);

    expect(await run('decrypt', '--passphrase-file', next)).toBe(1); // not without --force
    expect(err.at(-1)).toContain('--force');
    expect(await run('decrypt', '--force', '--passphrase-file', next)).toBe(0);
    expect(await run('stats')).toBe(0);
    expect(said()).not.toContain(PASS);
    expect(said()).not.toContain(NEW_PASS);
  });

  it('restores a damaged encrypted library from its backup, with the passphrase given (and leaves it alone without)', async () => {
    const pass = file('pass', `${PASS}\n`);
    expect(await run('init', '--encrypt', '--new-passphrase-file', file('new', `${PASS}\n`))).toBe(0);
    expect(await run('demo', '--passphrase-file', pass)).toBe(0);
    for (let i = 0; i < 40; i++) expect(await run('call', 'sources.create', JSON.stringify({ name: `Source ${i}`, description: `Source ${i} ${'x'.repeat(1500)}` }), '--passphrase-file', pass)).toBe(0);
    const backup = join(dir, 'before.corroborate');
    expect(await run('backup', backup, '--passphrase-file', pass)).toBe(0);
    // Damaged as after a crash: bytes flipped inside pages past the first, and the check due.
    const bytes = readFileSync(library);
    expect(bytes.length).toBeGreaterThan(20 * 4096);
    for (const page of [5, 9, 14]) bytes[page * 4096 + 1000]! ^= 0xa5;
    writeFileSync(library, bytes);
    rmSync(`${library}-clean`, { force: true });
    expect(await run('stats', '--passphrase-file', pass)).toBe(1);
    expect(err.at(-1)).toContain('[LIBRARY_DAMAGED]');

    expect(await run('restore', backup, '--force')).toBe(1); // the backup cannot be checked without it
    expect(err.at(-1)).toContain('[PASSPHRASE_REQUIRED]');
    expect(readFileSync(library).equals(bytes)).toBe(true);
    const restored = await run('restore', backup, '--force', '--passphrase-file', pass);
    expect(restored, said()).toBe(0);
    expect(await run('stats', '--json', '--passphrase-file', pass)).toBe(0);
    const { counts } = (JSON.parse(out.at(-1)!) as { value: { counts: { source: { live: number } } } }).value;
    expect(counts.source.live).toBeGreaterThanOrEqual(40);
    expect(readFileSync(library).includes('Source 1 xxxx')).toBe(false);
    expect(said()).not.toContain(PASS);
    // About 45 commands, each deriving the key (~0.3 s): 15 s on a quiet machine, twice that under load.
  }, 120_000);

  it('refuses an empty or missing passphrase file', async () => {
    expect(await run('init', '--encrypt', '--new-passphrase-file', file('empty', '\n'))).toBe(1);
    expect(err.at(-1)).toContain('is empty');
    expect(await run('init', '--encrypt', '--new-passphrase-file', join(dir, 'nope'))).toBe(1);
    expect(err.at(-1)).toContain('cannot be read');
  });
});
