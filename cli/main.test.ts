import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../db/driver.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, APPLICATION_ID } from '../db/index.js';
import { main } from './main.js';
import { captureConsole, tempDir } from '../test/helpers.js';

const { out, err } = captureConsole();
let library: string;

beforeEach(() => {
  library = join(tempDir(), 'lib.corroborate');
});

afterEach(() => {
  delete process.env.CORROBORATE_LIBRARY;
});

const run = (...args: string[]) => main(['--library', library, ...args]);
const json = () => JSON.parse(out.join('\n')) as Record<string, unknown>;
/** The value of a --json success envelope. */
const value = <T = Record<string, unknown>>() => {
  const envelope = json();
  expect(envelope.ok).toBe(true);
  return envelope.value as T;
};

describe('corroborate CLI', () => {
  it('init creates the library and says where', async () => {
    expect(await run('init')).toBe(0);
    expect(out.join('\n')).toContain(library);
    out.length = 0;
    expect(await run('init', '--json')).toBe(0);
    expect(json()).toEqual({ ok: true, value: { library, schemaVersion: LATEST_VERSION } });
  });

  it('demo loads once; a second run adds nothing', async () => {
    expect(await run('demo')).toBe(0);
    out.length = 0;
    expect(await run('stats', '--json')).toBe(0);
    const before = value<{ counts: Record<string, unknown> }>();
    out.length = 0;
    expect(await run('demo')).toBe(0);
    expect(out.join('\n')).toContain('already');
    out.length = 0;
    await run('stats', '--json');
    expect(value().counts).toEqual(before.counts);
  });

  it('stats and doctor report in JSON', async () => {
    await run('init');
    out.length = 0;
    await run('stats', '--json');
    expect(value().counts).toMatchObject({ case: { live: 0, trashed: 0 }, claim: { live: 0, trashed: 0 } });
    out.length = 0;
    expect(await run('doctor', '--json')).toBe(0);
    expect(value()).toMatchObject({
      ok: true,
      schemaVersion: LATEST_VERSION,
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      integrityCheck: 'ok',
      ftsIntegrity: 'ok',
    });
  });

  it('methods --json lists every method with a JSON Schema for its input', async () => {
    expect(await main(['methods', '--json'])).toBe(0);
    const list = value<{ name: string; input: { $schema?: string } }[]>();
    expect(list.length).toBeGreaterThan(40);
    expect(list.map((m) => m.name)).toContain('claims.setStatus');
    for (const m of list) expect(m.input.$schema).toContain('json-schema.org');
  });

  it('call runs any method and exits non-zero on an error envelope', async () => {
    await run('init');
    out.length = 0;
    expect(await run('call', 'cases.create', '{"title":"Pipeline"}')).toBe(0);
    expect(json()).toMatchObject({ ok: true, value: { title: 'Pipeline', revision: 1 } });
    out.length = 0;
    expect(await run('call', 'cases.create', '{"title":""}')).toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    out.length = 0;
    expect(await run('call', 'cases.create', '{oops')).toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'BAD_JSON' } });
    out.length = 0;
    expect(await run('call', 'nothing.here')).toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses bad arguments with a message and exit code 2', async () => {
    expect(await run('fly')).toBe(2);
    expect(err.join('\n')).toContain('Unknown command');
    expect(await run('stats', '--frobnicate')).toBe(2);
    expect(await run('stats', 'extra')).toBe(2);
    expect(await run('call')).toBe(2);
    expect(await run('search')).toBe(2);
    expect(await main([])).toBe(2);
    expect(await main(['--help'])).toBe(0);
  });

  it('takes the library from CORROBORATE_LIBRARY when --library is absent', async () => {
    process.env.CORROBORATE_LIBRARY = library;
    expect(await main(['init', '--json'])).toBe(0);
    expect(value().library).toBe(library);
  });

  it('explains a library path that is a folder, not SQLite, or from a newer version, and changes nothing', async () => {
    const dir = tempDir();
    expect(await main(['--library', dir, 'stats'])).toBe(1);
    expect(err.join('\n')).toMatch(/folder.*LIBRARY_IS_DIRECTORY/);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database');
    expect(await main(['--library', text, 'stats', '--json'])).toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'NOT_A_LIBRARY' } });

    const future = join(dir, 'future.corroborate');
    const db = new Database(future);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    err.length = 0;
    expect(await main(['--library', future, 'stats'])).toBe(1);
    expect(err.join('\n')).toMatch(/newer version of Corroborate.*LIBRARY_TOO_NEW/);
    const reopened = new Database(future, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(reopened.prepare("SELECT count(*) AS n FROM sqlite_schema").get()).toEqual({ n: 0 });
    reopened.close();
  });

  it('search finds demo records and highlights the matched words', async () => {
    await run('demo');
    out.length = 0;
    expect(await run('search', 'felbab-brown')).toBe(0);
    expect(out.join('\n')).toContain('Vanda Felbab-Brown');
    expect(out.join('\n')).toContain("[Felbab-Brown]");
  });
});

describe('corroborate import', () => {
  it('imports a file into the only case, recognises it again, and refuses what it cannot read', async () => {
    const dir = tempDir();
    const file = join(dir, 'statement.md');
    writeFileSync(file, '# Embassy statement\n\nNo scheduled chemicals were trafficked to Mexico.');
    await run('init');
    expect(await run("import", file)).toBe(1); // no case yet
    expect(err.join('\n')).toMatch(/no case yet/);
    await run('call', 'cases.create', '{"title":"Pipeline"}');
    out.length = 0;
    expect(await run('import', file)).toBe(0);
    expect(out.join('\n')).toMatch(/^Imported “Embassy statement” \(\d+ characters\) as \w+\.$/);
    out.length = 0;
    expect(await run('import', file, '--json')).toBe(0);
    expect(value()).toMatchObject({ created: false, document: { title: 'Embassy statement', fileName: 'statement.md' } });
    err.length = 0;
    expect(await run('import', join(dir, 'missing.pdf'))).toBe(1);
    expect(err.join('\n')).toMatch(/no file.*NOT_FOUND/);
    writeFileSync(join(dir, 'x.exe'), 'MZ');
    expect(await run('import', join(dir, 'x.exe'))).toBe(1);
    expect(err.join('\n')).toMatch(/UNSUPPORTED_FILE/);
    expect(await run('import')).toBe(2);
  });
});

describe('corroborate extract-quotes', () => {
  it('prints proposals whose offsets point into the text as imported, without a library', async () => {
    const dir = tempDir();
    const file = join(dir, 'story.txt');
    writeFileSync(file, '\uFEFFHeadline\r\n\r\n“China is the only source,” said Rep. David Trone. Analysts disagree.\r\n');
    expect(await main(['extract-quotes', file, '--json'])).toBe(0);
    // A bare array, not the envelope: the quote corpus's scorer reads exactly this
    // (an envelope scored 0 proposals on every article).
    const printed = JSON.parse(out.splice(0).join('\n')) as unknown;
    expect(Array.isArray(printed)).toBe(true);
    const proposals = printed as { quote: string; speaker: string; start: number; end: number; sentence: string }[];
    const text = 'Headline\n\n“China is the only source,” said Rep. David Trone. Analysts disagree.';
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ speaker: 'David Trone' });
    expect(text.slice(proposals[0]!.start, proposals[0]!.end)).toBe(proposals[0]!.quote);
    expect(Object.keys(proposals[0]!).sort()).toEqual(['end', 'quote', 'sentence', 'speaker', 'speakerDetail', 'start']);
    expect(proposals[0]).toMatchObject({ speakerDetail: { name: 'David Trone', kind: 'person', role: 'Rep.' } });
    expect(await main(['extract-quotes'])).toBe(2);
    expect(await main(['extract-quotes', join(dir, 'nope.txt')])).toBe(1);
  });
});
