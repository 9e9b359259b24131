// A note whose stored content the editor cannot open (the API now refuses such content, so it
// is written into the library file directly, as another version or a damaged row would leave
// it) shows an error panel with the note's words; the rest of the app keeps working.

import { Database } from '../db/driver.js';
import { call } from './api.js';
import { screenshot } from './fixtures.js';
import { expect, openNote, openNotesView, test } from './notes-fixtures.js';

test('a note the editor cannot open shows its words in an error panel, and the app goes on', async ({ page, library }) => {
  const first = await library.serve();
  const theCase = await call(first, 'cases.create', { title: 'Harbour contracts' });
  const broken = await call(first, 'notes.create', { caseId: theCase.id, title: 'Damaged draft', text: 'The contract was awarded without a tender.' });
  await call(first, 'notes.create', { caseId: theCase.id, title: 'Healthy note', text: 'Healthy words.' });
  await library.stopAll();

  const db = new Database(library.path);
  db.prepare('UPDATE notes SET content = ? WHERE id = ?').run(JSON.stringify({ root: { type: 'root', version: 1, children: [{ type: 'image', version: 1, src: 'x' }] } }), broken.id);
  db.close();

  const server = await library.serve();
  await page.goto(server.url);
  await openNotesView(page);
  await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Damaged draft/ }).click();
  await expect(page.getByRole('alert')).toContainText('“Damaged draft” cannot be opened in the editor');
  await expect(page.getByLabel('The note’s text')).toHaveText('The contract was awarded without a tender.');
  await expect(page.getByRole('navigation', { name: 'Case file' })).toBeVisible();
  await screenshot(page, 'note-cannot-open');

  // Another note opens and saves as usual; the broken one was not overwritten.
  const text = await openNote(page, /Healthy note/);
  await expect(text).toHaveText('Healthy words.');
  await text.press('End');
  await text.pressSequentially(' More.');
  await expect(page.locator('.ed-save')).toHaveText('Saved');
  expect((await call(server, 'notes.get', { id: broken.id })).content).toContain('"image"');

  // Try again reads the note once more: still unopenable, still shown as text.
  await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Damaged draft/ }).click();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByLabel('The note’s text')).toHaveText('The contract was awarded without a tender.');
});
