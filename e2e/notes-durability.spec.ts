// A note is never lost: what the editor reported as saved is on disk, even when the server is
// killed without warning right after.

import { call } from './api.js';
import { expect, newNote, openNote, openNotesView, saved, test } from './notes-fixtures.js';

test('autosaved text survives the server being killed (SIGKILL) and served again', async ({ page, library, context }) => {
  const first = await library.serve();
  const theCase = await call(first, 'cases.create', { title: 'Harbour contracts' });
  await page.goto(first.url);
  await openNotesView(page);
  const text = await newNote(page, 'Before the crash');
  await text.pressSequentially('The contract was awarded on 3 March without a tender.');
  await page.keyboard.press('Enter');
  await text.pressSequentially('Typed just before the crash.');
  await saved(page);

  await library.kill(first);
  await page.close();

  const second = await library.serve();
  const after = await context.newPage();
  await after.goto(second.url);
  await openNotesView(after);
  const reopened = await openNote(after, /Before the crash/);
  await expect(reopened.locator('p')).toHaveText(['The contract was awarded on 3 March without a tender.', 'Typed just before the crash.']);
  const [note] = await call(second, 'notes.list', { caseId: theCase.id });
  expect(note).toMatchObject({ title: 'Before the crash', words: 15 });
});
