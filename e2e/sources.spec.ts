import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

test('a confidential source’s contact details stay masked until revealed', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('2');
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /Rafael Entrena Solís/ }).click();
  const detail = page.getByRole('region', { name: 'Source details' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Rafael Entrena Solís');
  await expect(detail.locator('.detail-kicker')).toContainText('Confidential');
  await expect(detail).not.toContainText('r.entrena@example.org');
  await expect(detail).not.toContainText('+52 314 555 0142');
  await screenshot(page, 'source-contact-masked');

  const reveal = detail.getByRole('button', { name: 'Reveal' });
  await expect(reveal).toHaveAttribute('aria-expanded', 'false');
  await reveal.click();
  await expect(detail).toContainText('r.entrena@example.org');
  await expect(detail).toContainText('Signal preferred');
  await detail.getByRole('button', { name: 'Hide' }).click();
  await expect(detail).not.toContainText('r.entrena@example.org');

  // Another source and back: masked again.
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /David Trone/ }).click();
  await expect(detail).not.toContainText('press@trone-office.example.org');
});

test('a source is edited in every field, with its affiliation picked from the other sources', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('2');
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /Wang Wenbin/ }).click();
  const detail = page.getByRole('region', { name: 'Source details' });
  await detail.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit source' });
  await form.getByLabel('Role or title').fill('Spokesperson, Ministry of Foreign Affairs');
  await form.getByLabel('Also known as').fill('汪文斌, W. Wenbin');
  await form.getByRole('combobox', { name: 'Affiliation' }).fill('embasy china');
  await form.getByRole('option', { name: /Embassy of the People's Republic of China/ }).click();
  await form.getByLabel('About').fill('Gives the ministry’s line at the daily press conference.');
  await form.getByLabel('Email').fill('press@mfa.example.cn');
  await form.getByLabel('Phone').fill('+86 10 5555 0100');
  await form.getByLabel('Usual attribution').selectOption('on_record');
  await form.getByLabel('Reliability').selectOption('D');
  await expect(form.getByLabel('Reliability')).toHaveAccessibleDescription(/Not usually reliable/);
  await form.getByLabel('Confidential source').check();
  await form.getByLabel('Why anonymity was granted').fill('Not anonymous: testing that the fields are kept.');
  await form.getByLabel('Who knows their identity').fill('Everyone');
  await form.getByLabel('Confidential source').uncheck();
  await form.getByLabel('Tags').fill('official, china');
  await form.getByLabel('Notes').fill('Answers only written questions.');
  await screenshot(page, 'source-edit-form');
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Wang Wenbin');
  await expect(detail).toContainText('Spokesperson, Ministry of Foreign Affairs');
  await expect(detail).toContainText('汪文斌, W. Wenbin');
  await expect(detail).toContainText('Not usually reliable');
  await expect(detail).toContainText('Answers only written questions.');
  await expect(detail.locator('.tag')).toHaveText(['china', 'official']);
  await expect(detail).not.toContainText('press@mfa.example.cn');
  await detail.getByRole('button', { name: 'Reveal' }).click();
  await expect(detail).toContainText('press@mfa.example.cn');
  await detail.getByRole('button', { name: /Embassy of the People's Republic of China/ }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Embassy of the People');

  const saved = (await call(server, 'sources.list', {})).find((s) => s.name === 'Wang Wenbin')!;
  expect(saved.contact).toMatchObject({ email: 'press@mfa.example.cn', phone: '+86 10 5555 0100' });
  expect(saved.reliability).toBe('D');
});

test('two records of one person are merged: claims move, Undo splits them again', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const duplicate = await call(server, 'sources.create', { name: 'V. Felbab-Brown', role: 'Brookings' });
  await call(server, 'claims.create', { caseId: demo!.id, statement: 'Chinese regulators rarely inspect small chemical producers.', sourceIds: [duplicate.id] });

  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to' }).fill('Vanda Felbab');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Source details' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Vanda Felbab-Brown');
  const claims = detail.getByRole('region', { name: /^Claims/ });
  await expect(claims.getByRole('listitem')).toHaveCount(1);

  await detail.getByRole('button', { name: 'Merge a duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge a duplicate into Vanda Felbab-Brown' });
  await expect(dialog.getByRole('combobox', { name: 'Duplicate source' })).toBeFocused();
  await page.keyboard.type('V. Felbab');
  await dialog.getByRole('option', { name: /V\. Felbab-Brown/ }).click();
  await expect(dialog.getByRole('status')).toHaveText('1 claim of “V. Felbab-Brown” will move to “Vanda Felbab-Brown”. You can undo this.');
  await screenshot(page, 'source-merge');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Merged “V. Felbab-Brown” into “Vanda Felbab-Brown”: 1 claim moved.' })).toBeVisible();
  await expect(claims.getByRole('listitem')).toHaveCount(2);
  await expect(detail).toContainText('V. Felbab-Brown');
  await expect(page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /^V\. Felbab-Brown/ })).toHaveCount(0);

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(claims.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /^V\. Felbab-Brown/ })).toHaveCount(1);
});

test('a source moved to the trash comes back with Undo; S records a new one', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('2');
  const list = page.getByRole('listbox', { name: 'Sources' });
  await list.getByRole('option', { name: /Chuck Grassley/ }).click();
  await page.getByRole('region', { name: 'Source details' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByRole('status')).toContainText('Moved Chuck Grassley to the trash.');
  await expect(list.getByRole('option', { name: /Chuck Grassley/ })).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('option', { name: /Chuck Grassley/ })).toHaveCount(1);

  // The list filter finds sources by any of their names.
  await page.getByRole('searchbox', { name: /Filter sources/ }).fill('lancet');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByRole('searchbox', { name: /Filter sources/ }).fill('');

  await list.focus();
  await page.keyboard.press('s');
  const form = page.getByRole('form', { name: 'New source' });
  await expect(form.getByLabel('Kind')).toBeFocused();
  await form.getByLabel('Name').fill('Port of Manzanillo customs office');
  await form.getByLabel('Kind').selectOption('organisation');
  await form.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('region', { name: 'Source details' }).getByRole('heading', { level: 2 })).toHaveText('Port of Manzanillo customs office');
  await expect(list.getByRole('option', { selected: true })).toContainText('Port of Manzanillo customs office');
});
