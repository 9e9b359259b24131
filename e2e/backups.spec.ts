import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
import { seriousViolations } from './reader-helpers.js';

test.use({ demo: true });
// The automatic backup comes a few seconds after serve opens the library; the rest needs the usual time.
test.setTimeout(60_000);

test('serve keeps an automatic backup; a backup made by hand is restored from Preferences, and the page shows the library as it was', async ({ page, server }) => {
  // The automatic backup is made in the background a few seconds after the library opens.
  await expect.poll(async () => (await call(server, 'backups.list', {})).backups.filter((b) => b.kind === 'automatic').length, { timeout: 30_000 }).toBe(1);

  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Preferences' }).getByRole('button', { name: 'Backups…' })).toBeVisible();
  await screenshot(page, 'preferences-backups');
  await page.getByRole('dialog', { name: 'Preferences' }).getByRole('button', { name: 'Backups…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  const rows = dialog.getByRole('row');
  await expect(rows.filter({ hasText: 'Automatic' })).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(rows.filter({ hasText: 'By hand' })).toHaveCount(1);
  await expect(dialog.getByText(/\d+(\.\d)? (KB|MB)/).first()).toBeVisible();
  await screenshot(page, 'backups');
  expect(await seriousViolations(page), 'backups dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A change after the backup…
  await call(server, 'cases.create', { title: 'Opened after the backup' });
  expect((await call(server, 'cases.list', {})).map((c) => c.title)).toContain('Opened after the backup');

  // …is gone once the backup is restored; the replaced library is kept aside.
  await page.keyboard.press('Control+,');
  await page.getByRole('dialog', { name: 'Preferences' }).getByRole('button', { name: 'Backups…' }).click();
  await rows.filter({ hasText: 'By hand' }).getByRole('button', { name: /Restore the backup made/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('set aside beside it');
  await screenshot(page, 'backups-restore-confirm');
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await call(server, 'cases.list', {})).map((c) => c.title)).toEqual(['Precursor pipeline']);
  expect((await call(server, 'library.doctor', {})).ok).toBe(true);
});
