// A fresh library asks for the reporter's name on start: the verification log and every packet
// cover record it, never the OS account the app runs under.
import { call } from './api.js';
import { expect, screenshot, test, type Server } from './fixtures.js';
import type { Page } from '@playwright/test';

test.use({ reporterName: '' });

async function claimIn(server: Server): Promise<void> {
  const caseId = (await call(server, 'cases.create', { title: 'Port permits' })).id;
  await call(server, 'claims.create', { caseId, statement: 'The port authority never filed the permit.' });
}

/** Sets the claim's status in the page and returns the newest entry of its verification history. */
async function verifyClaim(page: Page) {
  await page.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: /never filed the permit/ }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await detail.getByRole('button', { name: 'Change status' }).click();
  const change = detail.getByRole('form', { name: 'Change status' });
  await change.getByLabel('New status').selectOption('verified');
  await change.getByRole('button', { name: 'Set status' }).click();
  await expect(change).toBeHidden();
  return detail.getByRole('region', { name: /Verification history/ }).getByRole('listitem').first();
}

test('a fresh library asks for my name, saves it, and the verification log shows it', async ({ page, server }) => {
  await claimIn(server);
  await page.goto(server.url);
  const ask = page.getByRole('dialog', { name: 'Your name' });
  await expect(ask).toBeVisible();
  // Nothing guessed: not the OS account, not a placeholder name.
  await expect(ask.getByRole('textbox', { name: 'Your name' })).toHaveValue('');
  await expect(ask.getByRole('textbox', { name: 'Your name' })).toBeFocused();
  await screenshot(page, 'first-run-name');

  // An empty name is refused, and the dialog stays.
  await ask.getByRole('button', { name: 'Save' }).click();
  await expect(ask.getByRole('alert').first()).toBeVisible();
  await ask.getByRole('textbox', { name: 'Your name' }).fill('Marta Quispe');
  await ask.getByRole('button', { name: 'Save' }).click();
  await expect(ask).toBeHidden();

  const newest = await verifyClaim(page);
  await expect(newest).toContainText('Marta Quispe');
  expect((await call(server, 'preferences.get', {})).checkerName).toBe('Marta Quispe');

  // Named once, never asked again.
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Your name' })).toHaveCount(0);
});

test('“Not now” logs “Unnamed reporter” and asks again at the next start', async ({ page, server }) => {
  await claimIn(server);
  await page.goto(server.url);
  const ask = page.getByRole('dialog', { name: 'Your name' });
  await ask.getByRole('button', { name: 'Not now' }).click();
  await expect(ask).toBeHidden();

  const newest = await verifyClaim(page);
  await expect(newest).toContainText('Unnamed reporter');
  await expect(newest).not.toContainText('root');

  await page.reload();
  await expect(page.getByRole('dialog', { name: 'Your name' })).toBeVisible();
});
