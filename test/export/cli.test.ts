// `corroborate export` end to end: the demo library, every format written to disk, the usage
// errors, and a clear NO_PDF_ENGINE when there is no Chromium to print with.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { chromiumPath } from '../../core/export/pdf.js';
import { tempDir } from '../helpers.js';
import { unzip } from './read.js';

let out: string[];
let err: string[];
let library: string;

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  library = join(tempDir(), 'lib.corroborate');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const run = (...args: string[]) => main(['--library', library, ...args]);

describe('corroborate export', () => {
  it('writes each format, the only case taken when --case is left out', async () => {
    expect(await run('demo')).toBe(0);
    const dir = tempDir();
    for (const format of ['html', 'md', 'json', 'csv', 'csl', 'zip']) {
      expect(await run('export', '--profile', 'lawyer', '--format', format, '--out', dir), err.join('\n')).toBe(0);
    }
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(6);
    for (const ext of ['html', 'md', 'jsonld', 'csv', 'csl.json', 'zip']) expect(files.filter((f) => /^packet-lawyer-\d{4}-\d{2}-\d{2}\./.test(f) && f.endsWith(`.${ext}`)), ext).toHaveLength(1);
    const html = readFileSync(join(dir, files.find((f) => f.endsWith('.html'))!), 'utf8');
    expect(html).toContain('Source packet: Precursor pipeline');
    expect(html).not.toContain('Entrena');
    expect(out.join('\n')).toMatch(/Wrote .*packet-lawyer-.*\.html \([\d,]+ bytes\)\.\nRedacted: .*1 confidential identity shown by description only/);
    const zip = await unzip(readFileSync(join(dir, files.find((f) => f.endsWith('.zip'))!)));
    expect(zip.some((e) => e.name.endsWith('/bagit.txt'))).toBe(true);
  });

  it('takes --case, --note, a custom profile as JSON, and answers --json', async () => {
    await run('demo', '--json');
    const caseId = (JSON.parse(out.join('\n')) as { caseId: string }).caseId;
    out = [];
    await run('call', 'notes.list', JSON.stringify({ caseId }));
    const noteId = (JSON.parse(out.join('\n')) as { value: { id: string }[] }).value[0]!.id;
    out = [];
    const file = join(tempDir(), 'draft.md');
    const custom = JSON.stringify({ base: 'editor', fields: { replies: false } });
    expect(await run('export', '--case', caseId, '--note', noteId, '--profile', custom, '--format', 'md', '--out', file, '--json')).toBe(0);
    const r = JSON.parse(out.join('\n')) as { out: string; size: number; redactions: string[] };
    expect(r.out).toBe(file);
    expect(readFileSync(file).length).toBe(r.size);
    expect(readFileSync(file, 'utf8')).toContain('One note: Story draft');
    expect(r.redactions.some((x) => /right-of-reply entries left out/.test(x))).toBe(true);
  });

  it('bad arguments get the usage and exit 2; an unknown case exits 1 and writes nothing', async () => {
    await run('demo');
    const file = join(tempDir(), 'x.html');
    expect(await run('export', '--profile', 'lawyer', '--out', file)).toBe(2);
    expect(err.join('\n')).toContain('--format');
    expect(await run('export', '--profile', 'lawyer', '--format', 'docx', '--out', file)).toBe(2);
    expect(await run('export', '--format', 'html', '--out', file)).toBe(2);
    expect(await run('export', '--profile', 'intern', '--format', 'html', '--out', file)).toBe(1);
    expect(err.join('\n')).toContain('[BAD_INPUT]');
    expect(await run('export', '--case', '01HZZZZZZZZZZZZZZZZZZZZZZZ', '--profile', 'lawyer', '--format', 'html', '--out', file)).toBe(1);
    expect(err.join('\n')).toContain('[NOT_FOUND]');
    expect(existsSync(file)).toBe(false);
  });

  it('says clearly when there is no Chromium to print a PDF with, and writes nothing', async () => {
    await run('demo');
    vi.stubEnv('PLAYWRIGHT_CHROMIUM_PATH', join(tempDir(), 'no-chromium-here'));
    expect(chromiumPath()).toBeUndefined();
    const file = join(tempDir(), 'packet.pdf');
    expect(await run('export', '--profile', 'editor', '--format', 'pdf', '--out', file)).toBe(1);
    expect(err.join('\n')).toMatch(/PDF export needs Chromium, and none is installed here\. Install it .*PLAYWRIGHT_CHROMIUM_PATH.*\[NO_PDF_ENGINE\]/);
    expect(existsSync(file)).toBe(false);
  });
});
