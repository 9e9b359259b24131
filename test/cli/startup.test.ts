// Starting is quick: a command loads only the modules it needs. `stats` must not load the
// readers and writers of other commands (jsdom, pdf.js, mammoth, cytoscape, pdf-lib, Playwright,
// the ZIP libraries). Checked in a plain Node child running the project's transpiled code, with
// a module-resolution hook that records every module loaded, so nothing vitest preloads counts.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { removeTree, transpileTree } from '../hardening/transpile.js';

// Lexical checks notes: a command that touches none (stats, search) starts without it.
const ONE_COMMAND_ONLY = ['lexical', '@lexical/headless', '@lexical/list', '@lexical/link', 'jsdom', 'pdfjs-dist', 'mammoth', 'cytoscape', 'cytoscape-fcose', '@cantoo/pdf-lib', 'playwright-core', 'yazl', 'yauzl', '@mozilla/readability', 'dompurify'];

let root: string;
beforeAll(() => {
  root = transpileTree(['db', 'core', 'shared', 'cli'], `corroborate-startup-${process.pid}`, ['assets']);
  // The hook runs on the loader thread: it appends each resolved URL to the file it is given.
  // What `require` loads (Lexical's part of the note check, core/note-content.ts) bypasses it,
  // so Module._load is watched too.
  writeFileSync(join(root, 'record-hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.LOADED_LOG, r.url + '\\n'); return r; }\n");
  writeFileSync(
    join(root, 'run-cli.mjs'),
    "import Module, { register } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregister('./record-hooks.mjs', import.meta.url);\n" +
      "const load = Module._load;\nModule._load = function (request, parent, isMain) { appendFileSync(process.env.LOADED_LOG, 'require:' + request + '\\n'); return load.apply(this, arguments); };\nconst { main } = await import('./cli/main.js');\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
}, 120_000);
afterAll(() => removeTree(root));

/** The packages (of ONE_COMMAND_ONLY) a CLI run loaded, and its exit code. */
function loadedBy(...args: string[]): { packages: string[]; code: number | null; stdout: string; stderr: string; lexicalPart: boolean } {
  const log = join(tempDir(), 'loaded.txt');
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, [join(root, 'run-cli.mjs'), ...args], { env: { ...process.env, LOADED_LOG: log }, encoding: 'utf8' });
  const urls = readFileSync(log, 'utf8').split('\n');
  const packages = ONE_COMMAND_ONLY.filter((p) => urls.some((u) => u.includes(`/node_modules/${p}/`)));
  return { packages, code: r.status, stdout: r.stdout, stderr: r.stderr, lexicalPart: urls.some((u) => u.includes('note-lexical')) };
}

describe('starting is quick', () => {
  it('stats loads none of the modules only other commands need', () => {
    const library = join(tempDir(), 'lib.corroborate');
    const init = loadedBy('--library', library, 'init');
    expect(init.code, init.stderr).toBe(0);
    const stats = loadedBy('--library', library, 'stats', '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ ok: true, value: { counts: expect.any(Object) } });
    expect(stats.packages).toEqual([]);
    expect(stats.lexicalPart).toBe(false);
    const search = loadedBy('--library', library, 'search', 'fentanyl', '--json');
    expect(search.code, search.stderr).toBe(0);
    expect(search.packages).toEqual([]);
    expect(search.lexicalPart).toBe(false);
  }, 60_000);

  it('a note command loads Lexical when it checks the note, and the check still refuses what the editor cannot open', () => {
    const library = join(tempDir(), 'lib.corroborate');
    loadedBy('--library', library, 'init');
    const made = loadedBy('--library', library, 'call', 'cases.create', '{"title": "Port"}');
    const caseId = (JSON.parse(made.stdout) as { value: { id: string } }).value.id;
    const note = (content: unknown) => loadedBy('--library', library, 'call', 'notes.create', JSON.stringify({ caseId, title: 'Port', content: JSON.stringify(content) }));
    const paragraph = { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: 'Checked.', detail: 0, format: 0, mode: 'normal', style: '' }] };
    const saved = note({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [paragraph] } });
    expect(saved.code, saved.stderr + saved.stdout).toBe(0);
    expect(saved.lexicalPart).toBe(true);
    const refused = note({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ ...paragraph, type: 'image' }] } });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('“image”') } });
  }, 60_000);

  it('the hook does see them when a command needs one (importing a web page loads jsdom)', () => {
    const dir = tempDir();
    const library = join(dir, 'lib.corroborate');
    loadedBy('--library', library, 'init');
    loadedBy('--library', library, 'call', 'cases.create', '{"title": "Port"}');
    writeFileSync(join(dir, 'page.html'), '<html><head><title>Port</title></head><body><article><p>The port authority said nothing.</p></article></body></html>');
    const imported = loadedBy('--library', library, 'import', join(dir, 'page.html'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.packages).toContain('jsdom');
    expect(imported.packages).not.toContain('mammoth');
  }, 60_000);
});
