// The CLI's manners (issue 16): --version, help for every command, usage errors that say what
// is wrong and exit 2, no library made by a command that should not make one, one --json shape
// for every command, nothing on the terminal a record could use to act on it, profile names as
// people type them, and text files in the encodings Windows saves.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES } from '../../cli/commands.js';
import { main } from '../../cli/main.js';
import { captureConsole, tempDir } from '../helpers.js';

const { out, err } = captureConsole();

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Runs the CLI and hands back the exit code and what it printed, clearing the buffers. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const code = await main(args);
  return { code, out: out.splice(0).join('\n'), err: err.splice(0).join('\n') };
}

/** Every file and folder under dir, with sizes, so that a new or grown file shows. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => `${name} ${statSync(join(dir, name)).isDirectory() ? 'dir' : statSync(join(dir, name)).size}`)
    .sort();
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('--version and help', () => {
  it('--version and -v print the package version and exit 0; --json wraps it in the envelope', async () => {
    expect(await cli('--version')).toMatchObject({ code: 0, out: VERSION });
    expect(await cli('-v')).toMatchObject({ code: 0, out: VERSION });
    const json = await cli('--version', '--json');
    expect(JSON.parse(json.out)).toEqual({ ok: true, value: { version: VERSION } });
  });

  it('help lists every command, with the exit codes', async () => {
    const general = await cli('help');
    expect(general.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(general.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(general.out).toContain('Exit codes: 0 done; 1 the work failed');
    expect((await cli('--help')).out).toBe(general.out);
  });

  it.each(COMMAND_NAMES)('help %s, %s --help and %s -h show the same usage paragraph, with an example', async (name) => {
    const page = await cli('help', name);
    expect(page.code).toBe(0);
    expect(page.out).toMatch(new RegExp(`^Usage: corroborate ${name}\\b`));
    expect(page.out).toMatch(/\n\nExamples:\n {2}corroborate /);
    expect(page.out).toContain('Exit codes:');
    expect(page.out.split('\n')[2]!.length).toBeGreaterThan(30); // a paragraph, not a bare usage line
    expect(await cli(name, '--help')).toEqual(page);
    expect(await cli(name, '-h')).toEqual(page);
  });

  it('export help names every packet format and profile', async () => {
    const { out: page } = await cli('help', 'export');
    for (const word of ['html', 'pdf', 'md', 'json', 'csv', 'csl', 'zip', 'Fact-checker', 'Editor', 'Lawyer']) expect(page).toContain(word);
  });
});

describe('usage errors', () => {
  it.each([
    [['fly'], /Unknown command “fly”\. See `corroborate help`\./],
    [['stats', '--frobnicate'], /Unknown option '--frobnicate'\. See `corroborate help`\./],
    [['stats', '--port', '8000'], /stats does not take --port\. See `corroborate help stats`\./],
    [['stats', 'extra'], /stats takes no arguments \(got “extra”\)/],
    [['search'], /search takes QUERY/],
    [['help', 'fly'], /Unknown command “fly”/],
    [[], /Name a command/],
  ])('%j: one line naming it, exit 2, nothing on stdout', async (args, message) => {
    const library = join(tempDir(), 'lib.corroborate');
    const r = await cli('--library', library, ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/\[USAGE\]$/);
  });

  it('with --json, a usage error is the error envelope on stdout', async () => {
    const r = await cli('fly', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ ok: false, error: { code: 'USAGE', message: expect.stringContaining('fly') } });
  });
});

describe('no command but init and demo makes a library (serve only the default one)', () => {
  // Files the commands are pointed at, outside the folder of the mistyped library.
  const outside = mkdtempSync(join(tmpdir(), 'corroborate-manners-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));
  const text = join(outside, 'memo.txt');
  writeFileSync(text, 'A memo.');
  const commands: string[][] = [
    ['stats'],
    ['search', 'fentanyl'],
    ['cases'],
    ['doctor'],
    ['backups'],
    ['call', 'cases.list'],
    ['export', '--profile', 'lawyer', '--format', 'md', '--out', join(outside, 'p.md')],
    ['archive', '--case', '01HZZZZZZZZZZZZZZZZZZZZZZZ', '--out', join(outside, 'a.zip')],
    ['import', text],
    ['unarchive', join(outside, 'a.zip')],
    ['backup', join(outside, 'b.corroborate')],
    ['encrypt'],
    ['change-passphrase'],
    ['decrypt', '--force'],
    ['restore', join(outside, 'none.corroborate'), '--force'],
    ['serve'],
    ['fly'],
  ];

  it.each(commands)('%s on a mistyped --library says so, exits non-zero and leaves nothing behind', async (...args) => {
    vi.stubEnv('CORROBORATE_NEW_PASSPHRASE', 'a long enough passphrase');
    vi.stubEnv('CORROBORATE_PASSPHRASE', 'a long enough passphrase');
    const dir = tempDir();
    const before = listing(dir);
    const outsideBefore = listing(outside);
    for (const library of [join(dir, 'libary.corroborate'), join(dir, 'no', 'such', 'folder', 'lib.corroborate')]) {
      const r = await cli('--library', library, ...args);
      expect(r.code, r.err).toBeGreaterThan(0);
      if (args[0] !== 'fly') expect(r.err).toBe(`corroborate: No library at ${library}. Create one with corroborate init --library ${JSON.stringify(library)}${['import', 'unarchive', 'serve'].includes(args[0]!) ? ` (or run ${args[0]} again with --create)` : ''}, or check the path. [LIBRARY_NOT_FOUND]`);
      expect(listing(dir)).toEqual(before);
      expect(listing(outside)).toEqual(outsideBefore);
    }
  });

  it('nor does the library named by $CORROBORATE_LIBRARY; --json says LIBRARY_NOT_FOUND in the envelope', async () => {
    const dir = tempDir();
    vi.stubEnv('CORROBORATE_LIBRARY', join(dir, 'lib.corroborate'));
    const r = await cli('stats', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'LIBRARY_NOT_FOUND', message: expect.stringContaining('Create one with corroborate init') } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('init and demo make one; import and unarchive only with --create', async () => {
    const dir = tempDir();
    expect((await cli('--library', join(dir, 'a.corroborate'), 'init')).code).toBe(0);
    expect((await cli('--library', join(dir, 'b.corroborate'), 'demo')).code).toBe(0);
    expect((await cli('--library', join(dir, 'c.corroborate'), 'import', text, '--create')).err).toMatch(/no case yet/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.corroborate')).sort()).toEqual(['a.corroborate', 'b.corroborate', 'c.corroborate']);
  });
});

/** The parsed stdout of a --json run: exactly one envelope. */
function envelope(printed: string): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  const parsed = JSON.parse(printed) as Record<string, unknown>;
  if (parsed.ok === true) expect(Object.keys(parsed).sort()).toEqual(['ok', 'value']);
  else expect(parsed).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
  return parsed as ReturnType<typeof envelope>;
}

describe('one --json shape for every command', () => {
  it('every command answers with the API envelope, success or failure (but extract-quotes, whose array is a scorer’s format)', async () => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    const run = async (ok: boolean, ...args: string[]) => {
      const r = await cli('--library', library, ...args, '--json');
      expect(r.code === 0, `${args.join(' ')}: ${r.out}${r.err}`).toBe(ok);
      const e = envelope(r.out);
      expect(e.ok, args.join(' ')).toBe(ok);
      return e;
    };
    await run(false, 'stats');
    await run(true, 'init');
    const { caseId } = (await run(true, 'demo')).value as { caseId: string };
    for (const args of [['cases'], ['search', 'fentanyl'], ['stats'], ['doctor'], ['methods'], ['backups'], ['call', 'cases.list'], ['help'], ['help', 'stats']]) await run(true, ...args);
    const packet = join(dir, 'packet.md');
    await run(true, 'export', '--case', caseId, '--profile', 'editor', '--format', 'md', '--out', packet);
    await run(false, 'export', '--case', caseId, '--profile', 'editor', '--format', 'md', '--out', packet);
    await run(false, 'export', '--case', caseId, '--profile', 'intern', '--format', 'md', '--out', join(dir, 'other.md'));
    await run(true, 'archive', '--case', caseId, '--out', join(dir, 'case.zip'));
    await run(true, 'backup', join(dir, 'copy.corroborate'));
    writeFileSync(join(dir, 'memo.txt'), '“We never shipped it,” said Ana Ruiz.');
    await run(true, 'import', join(dir, 'memo.txt'), '--case', caseId);
    await run(false, 'extract-quotes', join(dir, 'missing.txt'));
    await run(false, 'restore', 'nothing-by-that-name');
    await run(false, 'decrypt');
    const other = join(dir, 'other.corroborate');
    expect(envelope((await cli('--library', other, 'unarchive', join(dir, 'case.zip'), '--create', '--json')).out).ok).toBe(true);
  });
});

describe('no control characters reach the terminal', () => {
  // An ESC sequence that clears the screen and retitles the window, a bell, a C1 CSI, and a
  // right-to-left override that would show "exe.txt" for "txt.exe".
  const HOSTILE = 'Port \u001b[2J\u001b]0;pwned\u0007 of \u009b31m Lázaro \u202eexe.txt\u202c fentanyl';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('in human output (cases, search) and in --json, while the value stays the same', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    await cli('--library', library, 'init');
    const created = await cli('--library', library, 'call', 'cases.create', JSON.stringify({ title: HOSTILE }));
    expect(created.out).not.toMatch(UNSAFE);
    const caseId = (JSON.parse(created.out) as { value: { id: string } }).value.id;
    await cli('--library', library, 'call', 'claims.create', JSON.stringify({ caseId, statement: HOSTILE }));
    for (const args of [['cases'], ['search', 'fentanyl'], ['search', 'lazaro']]) {
      const human = await cli('--library', library, ...args);
      expect(human.code).toBe(0);
      expect(human.out).toContain('Lázaro');
      expect(human.out, args.join(' ')).not.toMatch(UNSAFE);
      const json = await cli('--library', library, ...args, '--json');
      expect(json.out, args.join(' ')).not.toMatch(UNSAFE);
      // A record's value comes back as stored (escaped); a search hit's title and snippet are
      // display text, from which the search drops every control character but its own match
      // marks (\u0002, \u0003).
      if (args[0] === 'cases') expect(json.out).toContain('\\u001b[2J');
      else expect(json.out).not.toMatch(/\\u(000[014-9a-f]|001[0-9a-f]|007f|00[89][0-9a-f]|202[a-e])/);
    }
    const listed = await cli('--library', library, 'cases', '--json');
    expect((JSON.parse(listed.out) as { value: { title: string }[] }).value[0]!.title).toBe(HOSTILE);
  });
});

describe('profile names as people type them', () => {
  it.each([
    ['fact-checker', 'factChecker'],
    ['factChecker', 'factChecker'],
    ['Fact checker', 'factChecker'],
    ['FACT_CHECKER', 'factChecker'],
    ['lawyer', 'lawyer'],
    ['LAWYER', 'lawyer'],
    ['Editor', 'editor'],
  ])('%s is the %s profile', async (typed, name) => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    await cli('--library', library, 'demo');
    const r = await cli('--library', library, 'export', '--profile', typed, '--format', 'md', '--out', dir, '--json');
    expect(r.code, r.out).toBe(0);
    expect((JSON.parse(r.out) as { value: { fileName: string } }).value.fileName).toMatch(new RegExp(`^packet-${name}-`));
  });

  it('an unknown one lists the ones there are', async () => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    await cli('--library', library, 'demo');
    const r = await cli('--library', library, 'export', '--profile', 'intern', '--format', 'md', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('There is no profile called “intern”: use fact-checker, editor, lawyer, or a custom profile as JSON.');
    expect(readdirSync(dir).filter((f) => !f.startsWith('lib.corroborate'))).toEqual([]);
  });
});

describe('text files in the encodings Windows saves', () => {
  const ORIGINAL = 'Statement of the port authority\n\n“We did not inspect the containers,” the director’s café-side note says — 50 € paid.';
  const cp1252 = Buffer.from(
    [...ORIGINAL].map((c) => ({ '“': 0x93, '”': 0x94, '’': 0x92, '—': 0x97, '€': 0x80 })[c] ?? c.charCodeAt(0)),
  );

  it.each([
    ['Windows-1252', cp1252],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ORIGINAL, 'utf16le')])],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ORIGINAL, 'utf16le').swap16()])],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORIGINAL, 'utf8')])],
  ])('corroborate import stores a %s file as its original text', async (_name, bytes) => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    await cli('--library', library, 'init');
    await cli('--library', library, 'call', 'cases.create', '{"title": "Port"}');
    const file = join(dir, 'statement.txt');
    writeFileSync(file, bytes);
    const r = await cli('--library', library, 'import', file, '--json');
    expect(r.code, r.out).toBe(0);
    const { document } = (JSON.parse(r.out) as { value: { document: { id: string; title: string } } }).value;
    expect(document.title).toBe('Statement of the port authority');
    const got = await cli('--library', library, 'call', 'documents.get', JSON.stringify({ id: document.id }));
    expect((JSON.parse(got.out) as { value: { document: { text: string } } }).value.document.text).toBe(ORIGINAL);
  });
});
