// scripts/electronegativity.mjs (npm run lint:electron) must fail on a dangerous window and on a
// file it cannot parse, and pass a clean folder: run on fixtures written here.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
interface Lint {
  parseCsv(text: string): string[][];
  readFindings(csv: string): Finding[] | Error;
  blocking(f: Finding): boolean;
  reviewed(f: Finding): unknown;
}

const script = fileURLToPath(new URL('../../scripts/electronegativity.mjs', import.meta.url));
const lint = (await import(script)) as Lint;
const dir = mkdtempSync(join(tmpdir(), 'corroborate-eneg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

function runOn(folder: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, folder], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr });
    });
  });
}

describe('npm run lint:electron', () => {
  // The three runs at once: each waits for the same offline downloads (about 8 s).
  const runs = Promise.all([
    runOn(
      fixture('bad', {
        'main.ts': [
          "import { BrowserWindow } from 'electron';",
          "export const win = new BrowserWindow({ webPreferences: { nodeIntegration: true } });",
        ].join('\n'),
      }),
    ),
    runOn(fixture('unparsable', { 'main.ts': 'export const x = ;\nfunction (\n' })),
    runOn(
      fixture('clean', {
        'main.ts': [
          "import { app, BrowserWindow, session } from 'electron';",
          'session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));',
          "app.on('web-contents-created', (_event, contents) => {",
          "  contents.on('will-navigate', (event) => event.preventDefault());",
          "  contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
          '});',
          'export const win = new BrowserWindow({',
          "  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },",
          '});',
        ].join('\n'),
      }),
    ),
  ]);

  it('fails on a window with Node integration and no navigation limits, naming the checks', { timeout: 90_000 }, async () => {
    const [bad] = await runs;
    expect(bad.code).toBe(1);
    // Electronegativity rates nodeIntegration: true itself as INFORMATIONAL for Electron ≥ 20
    // (sandboxed by default); the same window fails on its isolation and sandbox checks.
    expect(bad.out).toMatch(/NODE_INTEGRATION_JS_CHECK main\.ts/);
    expect(bad.out).toMatch(/✗ HIGH\/\w+ CONTEXT_ISOLATION_JS_CHECK main\.ts/);
    expect(bad.out).toMatch(/✗ MEDIUM\/\w+ SANDBOX_JS_CHECK main\.ts/);
    expect(bad.out).toMatch(/✗ HIGH\/\w+ LIMIT_NAVIGATION_GLOBAL_CHECK/);
    expect(bad.out).toMatch(/FAILED/);
  });

  it('fails on a file it cannot parse', { timeout: 90_000 }, async () => {
    const [, unparsable] = await runs;
    expect(unparsable.code).toBe(1);
    expect(unparsable.out).toMatch(/could not parse main\.ts/);
  });

  it('passes a locked-down window, with nothing to report but the reviewed CSP false positive', { timeout: 90_000 }, async () => {
    const [, , clean] = await runs;
    expect(clean.out).toMatch(/CSP_GLOBAL_CHECK[^\n]*\n\s+reviewed, a false positive/);
    expect(clean.out).toMatch(/passed in/);
    expect(clean.code).toBe(0);
  });
});

describe('reading its CSV', () => {
  const header = 'issue, severity, confidence, filename, location, sample, description, url\n';
  it('reads quoted fields with commas, quotes and line breaks', () => {
    const csv = `${header}X_CHECK,"HIGH","FIRM","a.ts","1:2","f(""a"", b)\nnext line","Say, it",https://x\n`;
    const findings = lint.readFindings(csv);
    expect(findings).toEqual([
      { check: 'X_CHECK', severity: 'HIGH', confidence: 'FIRM', file: 'a.ts', location: '1:2', sample: 'f("a", b)\nnext line', description: 'Say, it' },
    ]);
  });
  it('refuses a file without its header, with a short line or cut inside a quote', () => {
    expect(lint.readFindings('X_CHECK,"HIGH","FIRM","a.ts","1:2",N/A,"d",u\n')).toBeInstanceOf(Error);
    expect(lint.readFindings(`${header}X_CHECK,"HIGH"\n`)).toBeInstanceOf(Error);
    expect(lint.readFindings(`${header}X_CHECK,"HIGH","FIRM","a.ts","1:2","cut`)).toBeInstanceOf(Error);
    expect(lint.readFindings('')).toBeInstanceOf(Error);
  });
  it('blocks MEDIUM and above, and any severity it does not know', () => {
    const f = (severity: string): Finding => ({ check: 'X', severity, confidence: 'FIRM', file: 'a.ts', location: '1:1', sample: '', description: '' });
    expect(['INFORMATIONAL', 'LOW'].map((s) => lint.blocking(f(s)))).toEqual([false, false]);
    expect(['MEDIUM', 'HIGH', 'CRITICAL', ''].map((s) => lint.blocking(f(s)))).toEqual([true, true, true, true]);
  });
  it('lets a reviewed check pass only in its file and at its code', () => {
    const f = (file: string, sample: string): Finding => ({ check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', confidence: 'TENTATIVE', file, location: '1:1', sample, description: '' });
    expect(lint.reviewed(f('main.ts', 'if (link) void shell.openExternal(link);'))).toBeTruthy();
    expect(lint.reviewed(f('main.ts', 'shell.openExternal(url)'))).toBeFalsy();
    expect(lint.reviewed(f('other.ts', 'shell.openExternal(link)'))).toBeFalsy();
  });
});
