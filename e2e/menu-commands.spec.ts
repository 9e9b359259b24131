// The desktop app's menu sends the page fixed commands ('corroborate:command' events, exactly as
// electron/main.ts does with executeJavaScript). Its Edit › Undo and Redo take Ctrl/⌘+Z before
// the page could see the keys, so the command must reach the undo the reporter means: the notes
// editor's, a field's, or the app's last move to the trash.
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { expect, test } from './fixtures.js';
import { newNote, openNotesView, saved } from './notes-fixtures.js';

test.use({ demo: true });

/** What a click on a menu item does in the page. */
async function menu(page: Page, name: string): Promise<void> {
  await page.evaluate((detail) => window.dispatchEvent(new CustomEvent('corroborate:command', { detail })), name);
}

test('Edit › Undo and Redo in the notes editor undo and redo its typing, and the saved note follows', async ({ page, server }) => {
  await page.goto(server.url);
  await openNotesView(page);
  const text = await newNote(page, 'Undo from the menu');
  await text.pressSequentially('Kept line.');
  await saved(page);
  await text.press('Enter');
  await text.pressSequentially('Line to take back.');
  await saved(page);

  await menu(page, 'undo');
  await expect(text).not.toContainText('Line to take back.');
  await expect(text).toContainText('Kept line.');
  await saved(page);
  const caseId = (await call(server, 'cases.list', {}))[0]!.id;
  const note = (await call(server, 'notes.list', { caseId })).find((n) => n.title === 'Undo from the menu')!;
  expect((await call(server, 'notes.get', { id: note.id })).text).not.toContain('Line to take back.');

  await menu(page, 'redo');
  await expect(text).toContainText('Line to take back.');
  await saved(page);
  expect((await call(server, 'notes.get', { id: note.id })).text).toContain('Line to take back.');
});

test('Edit › Undo in a text field undoes the typing there, not a record', async ({ page, server }) => {
  await page.goto(server.url);
  const filter = page.getByPlaceholder('Filter claims…');
  await filter.click();
  await filter.pressSequentially('China');
  await menu(page, 'undo');
  await expect(filter).toHaveValue('');
  await menu(page, 'redo');
  await expect(filter).toHaveValue('China');
  expect(await call(server, 'trash.list', {})).toEqual([]);
});

test('Edit › Undo elsewhere brings back the claim just moved to the trash', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option').first().click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  const statement = (await detail.getByRole('heading', { level: 2 }).innerText()).trim();
  await detail.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByText('No claim open.')).toBeVisible();
  await claims.focus();
  await menu(page, 'undo');
  await expect(claims.getByRole('option', { name: statement.slice(0, 40) })).toBeVisible();
  expect(await call(server, 'trash.list', {})).toEqual([]);
});

test('Preferences and Help › Keyboard Shortcuts open their dialogs', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await menu(page, 'preferences');
  await expect(page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
  await page.keyboard.press('Escape');
  await menu(page, 'shortcuts');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});
