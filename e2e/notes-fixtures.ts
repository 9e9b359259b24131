// For the notes specs: a library that outlives its server (killed with SIGKILL and served again,
// to prove a note survives), and helpers to reach and read the editor.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test as base, type Server } from './fixtures.js';

const cli = fileURLToPath(new URL('../bin/corroborate.js', import.meta.url));

export interface Running extends Server {
  process: ChildProcess;
}

export class Library {
  private readonly running = new Set<ChildProcess>();
  constructor(readonly path: string) {}

  loadDemo(): void {
    execFileSync(process.execPath, [cli, '--library', this.path, 'demo'], { stdio: 'pipe' });
  }

  /** Serves the library on a free port; resolves once the server prints its address. */
  serve(): Promise<Running> {
    const child = spawn(process.execPath, [cli, '--library', this.path, 'serve', '--create', '--json', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: dirname(this.path) },
    });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve({ ...(JSON.parse(line) as { value: Omit<Server, 'library'> }).value, library: this.path, process: child });
      });
      child.once('exit', (code) => reject(new Error(`corroborate serve exited with ${code}: ${err}`)));
    });
  }

  /** Kills a server the way a crash or a power cut would: no chance to finish anything. */
  async kill(server: Running): Promise<void> {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.running].map(async (child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
  }
}

/**
 * What Chromium logs when the page's CSP blocks an inline handler or style in HTML it merely
 * parses (pasted HTML is parsed, inertly, before it is sanitized): the policy doing its job.
 */
const CSP_BLOCKED_IN_PARSED_HTML = /^(Applying inline style|Executing inline event handler) violates the following Content Security Policy/;

export const test = base.extend<{ library: Library; hostileHtml: boolean }>({
  /** The test pastes hostile HTML: the CSP's reports of what it blocked are expected. */
  hostileHtml: [false, { option: true }],

  // A plain override keeps the base fixture's { auto: true }.
  consoleErrors: async ({ page, hostileHtml }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() !== 'error' || text.startsWith('Failed to load resource')) return;
      if (hostileHtml && CSP_BLOCKED_IN_PARSED_HTML.test(text)) return;
      errors.push(text);
    });
    await use(errors);
    expect(errors, 'the page logged errors').toEqual([]);
  },

  // Playwright reads a fixture's dependencies from its destructured first argument: none here.
  // eslint-disable-next-line no-empty-pattern
  library: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-notes-'));
    const library = new Library(join(dir, 'lib.corroborate'));
    try {
      await use(library);
    } finally {
      await library.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** The Notes view of the open case. */
export async function openNotesView(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: /^Notes/ }).click();
  await expect(page.getByRole('heading', { name: /^Notes/ })).toBeVisible();
}

/** Starts a new note and gives back its text area, focused. */
export async function newNote(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'New note' }).click();
  const titleBox = page.getByRole('textbox', { name: 'Title' });
  await titleBox.fill(title);
  await titleBox.press('Enter');
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeFocused();
  return text;
}

export async function openNote(page: Page, title: string | RegExp): Promise<Locator> {
  await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: title }).click();
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeVisible();
  return text;
}

/** A second member's browser: a fresh context on `url` (their own `serve`), the note `title` open in its Notes view. */
export async function noteInNewContext(browser: Browser, url: string, title: string | RegExp): Promise<{ context: BrowserContext; page: Page; text: Locator }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await openNotesView(page);
  return { context, page, text: await openNote(page, title) };
}

/** Waits until the editor says the library has everything typed so far. */
export async function saved(page: Page): Promise<void> {
  await expect(page.locator('.ed-save')).toHaveText('Saved', { timeout: 5_000 });
}
