// `corroborate serve --open` starts a browser with a one-time code in its address, never the
// API token (a command line is readable by every local user). The browser here is a stand-in
// that writes down its command line; the page then opens the address it was given.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, firstLine, screenshot, stop, test } from './fixtures.js';

const cli = fileURLToPath(new URL('../bin/corroborate.js', import.meta.url));

test('the window serve opens signs in with a one-time code; the link then no longer works', async ({ page, context }) => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-e2e-open-'));
  const argvFile = join(dir, 'browser-argv');
  const browser = join(dir, 'browser');
  writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > '${argvFile}'\n`);
  chmodSync(browser, 0o700);
  const child = spawn(process.execPath, [cli, '--library', join(dir, 'lib.corroborate'), 'serve', '--create', '--open', '--json', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CORROBORATE_BROWSER: browser, DISPLAY: process.env.DISPLAY ?? ':0', XDG_DATA_HOME: dir },
  });
  try {
    const { token } = (JSON.parse(await firstLine(child)) as { value: { token: string } }).value;
    await expect.poll(() => existsSync(argvFile) && readFileSync(argvFile, 'utf8').includes('--app=')).toBe(true);
    const argv = readFileSync(argvFile, 'utf8');
    expect(argv).not.toContain(token);
    const url = /--app=(\S+)/.exec(argv)![1]!;
    expect(url).toMatch(/#code=[\w-]+$/);

    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Your case file is empty' })).toBeVisible();
    // The code is gone from the address bar and its history entry; a reload stays signed in.
    expect(page.url()).not.toContain('code=');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your case file is empty' })).toBeVisible();

    const second = await context.newPage();
    await second.goto(url);
    await expect(second.getByRole('alert')).toHaveText(/^This link has been used\. Run `corroborate serve --open` again/);
    await expect(second.getByRole('heading', { name: 'This window is not signed in' })).toBeVisible();
    await screenshot(second, 'sign-in-link-used');
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
