// `corroborate export` end to end: the demo library, every format written to disk, the usage
// errors, and a clear NO_PDF_ENGINE when there is no Chromium to print with.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { chromiumPath } from '../../core/export/pdf.js';
import { tempDir } from '../helpers.js';
import { unzip } from './read.js';

/** Runs the CLI in this process and hands back its exit code and what it printed. */
async function cli(library: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(['--library', library, ...args]), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.unstubAllEnvs());

describe('corroborate export', () => {
  it('writes each format, the only case taken when --case is left out', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    expect((await cli(library, 'demo')).code).toBe(0);
    const dir = tempDir();
    for (const format of ['html', 'md', 'json', 'csv', 'csl', 'zip']) {
      const last = await cli(library, 'export', '--profile', 'lawyer', '--format', format, '--out', dir);
      expect(last.code, last.err).toBe(0);
      if (format === 'html') expect(last.out).toMatch(/^Wrote .*packet-lawyer-.*\.html \([\d,]+ bytes\)\.\nRedacted: .*1 confidential identity shown by description only/);
    }
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(6);
    for (const ext of ['html', 'md', 'jsonld', 'csv', 'csl.json', 'zip']) expect(files.filter((f) => /^packet-lawyer-\d{4}-\d{2}-\d{2}\./.test(f) && f.endsWith(`.${ext}`)), ext).toHaveLength(1);
    const html = readFileSync(join(dir, files.find((f) => f.endsWith('.html'))!), 'utf8');
    expect(html).toContain('Source packet: Precursor pipeline');
    expect(html).not.toContain('Entrena');
    const zip = await unzip(readFileSync(join(dir, files.find((f) => f.endsWith('.zip'))!)));
    expect(zip.some((e) => e.name.endsWith('/bagit.txt'))).toBe(true);
  });

  it('takes --case, --note, a custom profile as JSON, and answers --json', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    const { caseId } = (JSON.parse((await cli(library, 'demo', '--json')).out) as { value: { caseId: string } }).value;
    const noteId = (JSON.parse((await cli(library, 'call', 'notes.list', JSON.stringify({ caseId }))).out) as { value: { id: string }[] }).value[0]!.id;
    const file = join(tempDir(), 'draft.md');
    const custom = JSON.stringify({ base: 'editor', fields: { replies: false } });
    const res = await cli(library, 'export', '--case', caseId, '--note', noteId, '--profile', custom, '--format', 'md', '--out', file, '--json');
    expect(res.code).toBe(0);
    const r = (JSON.parse(res.out) as { ok: true; value: { out: string; size: number; redactions: string[] } }).value;
    expect(r.out).toBe(file);
    expect(readFileSync(file).length).toBe(r.size);
    expect(readFileSync(file, 'utf8')).toContain('One note: Story draft');
    expect(r.redactions.some((x) => /right-of-reply entries left out/.test(x))).toBe(true);
  });

  it('bad arguments get the usage and exit 2; an unknown case exits 1 and writes nothing', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    await cli(library, 'demo');
    const file = join(tempDir(), 'x.html');
    const noFormat = await cli(library, 'export', '--profile', 'lawyer', '--out', file);
    expect([noFormat.code, noFormat.err]).toEqual([2, expect.stringContaining('--format')]);
    expect((await cli(library, 'export', '--profile', 'lawyer', '--format', 'docx', '--out', file)).code).toBe(2);
    expect((await cli(library, 'export', '--format', 'html', '--out', file)).code).toBe(2);
    expect(await cli(library, 'export', '--profile', 'intern', '--format', 'html', '--out', file)).toMatchObject({ code: 2, err: expect.stringMatching(/no profile called “intern”: use fact-checker, editor, lawyer.*\[USAGE\]/) });
    expect(await cli(library, 'export', '--case', '01HZZZZZZZZZZZZZZZZZZZZZZZ', '--profile', 'lawyer', '--format', 'html', '--out', file)).toMatchObject({
      code: 1,
      err: expect.stringContaining('[NOT_FOUND]'),
    });
    expect(existsSync(file)).toBe(false);
  });

  it('says clearly when there is no Chromium to print a PDF with, and writes nothing', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    await cli(library, 'demo');
    vi.stubEnv('PLAYWRIGHT_CHROMIUM_PATH', join(tempDir(), 'no-chromium-here'));
    expect(chromiumPath()).toBeUndefined();
    const file = join(tempDir(), 'packet.pdf');
    const res = await cli(library, 'export', '--profile', 'editor', '--format', 'pdf', '--out', file);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/PDF export needs Chromium, and none is installed here\. Install it .*PLAYWRIGHT_CHROMIUM_PATH.*\[NO_PDF_ENGINE\]/);
    expect(existsSync(file)).toBe(false);
  });
});
