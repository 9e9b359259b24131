// The lock on screen: a Lock button in the sidebar's header, and an encrypted library that locks
// itself after the idle time chosen in Preferences. Both go the way of the panic lock: the open
// note's last words are saved, then the library is closed until its passphrase is typed.
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { expect, test, type Server } from './fixtures.js';
import { newNote, openNotesView } from './notes-fixtures.js';

const PASS = 'correct horse battery staple';

test.use({ demo: true, passphrase: PASS });

async function unlock(page: Page): Promise<void> {
  await page.getByLabel('Passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Case file' })).toBeVisible();
}

const locked = (page: Page) => page.getByRole('main', { name: 'Corroborate is locked' });

/** The library answers LIBRARY_LOCKED: closed, not only hidden. */
async function expectLibraryClosed(server: Server): Promise<void> {
  await expect.poll(() => call(server, 'cases.list', {}).then(() => 'open', (e: Error) => e.message)).toMatch(/locked/i);
}

/** The text of the note titled `title`, read from the library. */
async function noteText(server: Server, title: string): Promise<string> {
  const cases = await call(server, 'cases.list', {});
  for (const c of cases) {
    const note = (await call(server, 'notes.list', { caseId: c.id })).find((n) => n.title === title);
    if (note) return (await call(server, 'notes.get', { id: note.id })).text;
  }
  throw new Error(`no note ${title}`);
}

test('the Lock button saves the note being typed and closes the library', async ({ page, server }) => {
  await page.goto(server.url);
  await unlock(page);
  await openNotesView(page);
  const text = await newNote(page, 'Lock button');
  // The last words are typed just before the click: no time for the editor's own save.
  await text.pressSequentially('Typed a moment before locking.');
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Lock' }).click();
  await expect(locked(page)).toBeVisible();
  await expectLibraryClosed(server);

  await unlock(page);
  expect(await noteText(server, 'Lock button')).toBe('Typed a moment before locking.');
});

test('after the idle time chosen in Preferences, with no input, the library locks itself', async ({ page, server }) => {
  await page.clock.install();
  await page.goto(server.url);
  await unlock(page);

  await page.keyboard.press('Control+,');
  const prefs = page.getByRole('dialog', { name: 'Preferences' });
  await expect(prefs.getByLabel('Lock when idle')).toHaveValue('10');
  await prefs.getByLabel('Lock when idle').selectOption({ label: 'After 2 minutes' });
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();
  expect((await call(server, 'preferences.get', {})).idleLockMinutes).toBe(2);

  await openNotesView(page);
  const text = await newNote(page, 'Idle');
  await text.pressSequentially('Left on screen.');

  // Input keeps it open: 90 s idle, a key, 90 s again — never 2 minutes in a row.
  await page.clock.fastForward('01:30');
  await expect(locked(page)).toBeHidden();
  await text.press('End');
  await page.clock.fastForward('01:30');
  await expect(locked(page)).toBeHidden();

  await page.clock.fastForward('00:45');
  await expect(locked(page)).toBeVisible();
  await expectLibraryClosed(server);
  await unlock(page);
  expect(await noteText(server, 'Idle')).toBe('Left on screen.');
});

test('“Never” does not lock, however long the window is left', async ({ page, server }) => {
  await page.clock.install();
  await page.goto(server.url);
  await unlock(page);
  await call(server, 'preferences.set', { idleLockMinutes: 0 });
  // A reload reads the preference afresh; the library itself stays open across it.
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  await page.clock.fastForward('08:00:00');
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await expect(locked(page)).toBeHidden();
  expect(await call(server, 'cases.list', {})).not.toHaveLength(0);
});
