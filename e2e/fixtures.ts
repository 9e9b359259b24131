// Each test gets its own library in a temporary folder and its own `corroborate serve` on a
// free port; the page is opened at the address the server prints (with its token).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'bin', 'corroborate.js');
const screenshots = join(repo, 'e2e', 'screenshots');
const docs = join(repo, 'docs', 'screenshots');

/**
 * Every library these tests serve is a named reporter's, so the first-run name prompt does not
 * stand in front of each test; first-run.spec.ts serves one without (reporterName: '').
 */
const E2E_REPORTER = 'E2E Reporter';
process.env.CORROBORATE_CHECKER ??= E2E_REPORTER;

export interface Server {
  url: string;
  port: number;
  token: string;
  library: string;
}

/** Resolves with the server's first stdout line, or rejects with what it said on stderr. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`corroborate serve printed nothing within 10 s. stderr: ${err}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`corroborate serve exited with ${code} before listening. stderr: ${err}`));
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timeout);
}

/** `corroborate serve` on `library` (made if missing), until `stop`; resolves once it listens. */
export async function spawnServe(library: string, env: NodeJS.ProcessEnv): Promise<{ info: Omit<Server, 'library'>; child: ChildProcess }> {
  // --create: serve makes no library it is pointed at without it.
  const child = spawn(process.execPath, [cli, '--library', library, 'serve', '--create', '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  try {
    return { info: (JSON.parse(await firstLine(child)) as { value: Omit<Server, 'library'> }).value, child };
  } catch (err) {
    await stop(child);
    throw err;
  }
}

/** The command line, for a spec that needs another of its commands (a sync server). */
export const CLI = cli;

export const test = base.extend<{ demo: boolean; libraryFrom: string | undefined; reporterName: string; passphrase: string | undefined; server: Server; consoleErrors: string[] }>({
  /** Load the demo case into the library before serving it. */
  demo: [false, { option: true }],
  /** Serve a copy of this library file (a benchmark's) instead of a new one. */
  libraryFrom: [undefined, { option: true }],
  /** The name the serve is started with (CORROBORATE_CHECKER); '' for a reporter not named yet. */
  reporterName: [E2E_REPORTER, { option: true }],
  /** Encrypt the library with this passphrase before serving it: the page starts at the unlock screen. */
  passphrase: [undefined, { option: true }],

  server: async ({ demo, libraryFrom, reporterName, passphrase }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-e2e-'));
    const library = join(dir, 'lib.corroborate');
    try {
      if (libraryFrom) copyFileSync(libraryFrom, library);
      if (demo) execFileSync(process.execPath, [cli, '--library', library, 'demo'], { stdio: 'pipe' });
      // The passphrase by environment, never by argument; serve then starts locked.
      if (passphrase) execFileSync(process.execPath, [cli, '--library', library, 'encrypt'], { stdio: 'pipe', env: { ...process.env, CORROBORATE_NEW_PASSPHRASE: passphrase } });
      // The recent list goes in the test's folder (XDG_DATA_HOME), not in the user's own.
      const env = { ...process.env, XDG_DATA_HOME: dir, CORROBORATE_CHECKER: reporterName, ...(passphrase ? { CORROBORATE_PASSPHRASE: '' } : {}) };
      const { info, child } = await spawnServe(library, env);
      try {
        await use({ ...info, library });
      } finally {
        await stop(child);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  /** Errors the page logs (a CSP violation, an uncaught exception) fail the test. */
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      page.on('console', (m) => {
        // A refused API call (4xx) is logged by Chromium itself; the app shows it in an alert.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      });
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Saves the page as e2e/screenshots/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/**
 * Saves the page as docs/screenshots/<name>.png, the picture the README shows: only when asked
 * (`UPDATE_DOCS_SCREENSHOTS=1 npx playwright test`), so a test run leaves tracked files alone.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_DOCS_SCREENSHOTS) return;
  mkdirSync(docs, { recursive: true });
  // No focus ring or hover in a picture meant to show the page at rest.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(docs, `${name}.png`) });
}
