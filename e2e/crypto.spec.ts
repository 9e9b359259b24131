// Encryption at rest in the app: a library is encrypted from Preferences; locking then closes it
// (the API answers LIBRARY_LOCKED) and only its passphrase opens it again; an encrypted library
// served afresh starts at the unlock screen, and a wrong passphrase is refused beside the field.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

const PASS = 'correct horse battery staple';
const cli = fileURLToPath(new URL('../bin/corroborate.js', import.meta.url));

/** Serious and critical WCAG 2.x A/AA violations, as e2e/accessibility.spec.ts counts them. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Calls the API as the page does, with the server's token. */
async function api(page: Page, server: { token: string }, method: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(
    async ({ method, input, token }) => {
      const r = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    { method, input, token: server.token },
  );
}

test.describe('a library encrypted from Preferences', () => {
  test.use({ demo: true });

  test('Encrypt this library…, then the panic lock closes it and only the passphrase opens it', async ({ page, server }) => {
    await page.goto(server.url);
    const claims = page.getByRole('listbox', { name: 'Claims' });
    await expect(claims).toBeVisible();
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Preferences' }).getByRole('button', { name: 'Encryption…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Encryption' });
    await expect(dialog).toContainText('not encrypted');
    await screenshot(page, 'encryption-plain');
    await dialog.getByRole('button', { name: 'Encrypt this library…' }).click();

    const form = page.getByRole('dialog', { name: 'Encrypt this library' });
    await form.getByLabel('New passphrase', { exact: true }).fill(PASS);
    await form.getByLabel('New passphrase again').fill(`${PASS}!`);
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Encrypt this library' }).click();
    await expect(form.getByRole('alert')).toHaveText('The two new passphrases differ.');
    // The fields are emptied after each try: retype both.
    await form.getByLabel('New passphrase', { exact: true }).fill(PASS);
    await form.getByLabel('New passphrase again').fill(PASS);
    await screenshot(page, 'encryption-encrypt');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Encrypt this library' }).click();
    const done = page.getByRole('dialog', { name: 'Encryption' });
    await expect(done.getByRole('status')).toContainText('are encrypted');
    await expect(done).toContainText('This library is encrypted');
    await expect(done.getByRole('button', { name: 'Change passphrase…' })).toBeVisible();
    await screenshot(page, 'encryption-encrypted');
    expect(await api(page, server, 'library.lockState')).toEqual({ ok: true, value: { locked: false, encrypted: true } });
    await done.getByRole('button', { name: 'Close' }).click();

    // The panic lock: the page locks, then closes the library.
    await page.keyboard.press('Control+Shift+L');
    const field = page.getByLabel('Passphrase');
    await expect(field).toBeVisible();
    await expect(claims).toHaveCount(0);
    await expect.poll(async () => (await api(page, server, 'library.lockState')).value).toEqual({ locked: true, encrypted: true });
    expect((await api(page, server, 'cases.list')).error?.code).toBe('LIBRARY_LOCKED');
    await screenshot(page, 'encryption-locked');
    expect(await seriousViolations(page)).toEqual([]);

    await field.fill(PASS);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(claims).toBeVisible();
    expect((await api(page, server, 'cases.list')).ok).toBe(true);
  });
});

test.describe('an encrypted library served afresh', () => {
  let dir: string;
  let child: ChildProcess;
  let served: { url: string; token: string };

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corroborate-e2e-crypto-'));
    const library = join(dir, 'lib.corroborate');
    execFileSync(process.execPath, [cli, '--library', library, 'demo'], { stdio: 'pipe' });
    // The passphrase by environment, never by argument.
    execFileSync(process.execPath, [cli, '--library', library, 'encrypt'], { stdio: 'pipe', env: { ...process.env, CORROBORATE_NEW_PASSPHRASE: PASS } });
    child = spawn(process.execPath, [cli, '--library', library, 'serve', '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CORROBORATE_PASSPHRASE: '', XDG_DATA_HOME: dir } });
    served = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve((JSON.parse(out.slice(0, out.indexOf('\n'))) as { value: { url: string; token: string } }).value);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
  });

  test.afterAll(() => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('starts at the unlock screen; a wrong passphrase is refused, the right one opens the workspace', async ({ page }) => {
    await page.goto(served.url);
    const field = page.getByLabel('Passphrase');
    await expect(field).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Corroborate is locked' })).toBeVisible();
    await expect(page).toHaveTitle('Corroborate');
    expect((await api(page, served, 'cases.list')).error?.code).toBe('LIBRARY_LOCKED');

    await field.fill('not the passphrase');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('The passphrase does not unlock this library. Check it and try again.');
    await expect(field).toHaveValue('');
    await screenshot(page, 'encryption-unlock-wrong');
    expect(await seriousViolations(page)).toEqual([]);

    await field.fill(PASS);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  });
});
