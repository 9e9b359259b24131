import { expect, screenshot, test } from './fixtures.js';

test('a case is renamed, moved to the trash whole, and brought back with Undo', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Start a case' }).click();
  await page.getByRole('dialog', { name: 'New case' }).getByLabel('Title').fill('Harbour dredging');
  await page.getByRole('dialog', { name: 'New case' }).getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour dredging' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit case' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit case' });
  await dialog.getByLabel('Title').fill('Harbour dredging contracts');
  await dialog.getByLabel('Description').fill('Who won the contracts, and how.');
  await screenshot(page, 'case-edit');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour dredging contracts' })).toBeVisible();
  await expect(page.getByText('Who won the contracts, and how.')).toBeVisible();

  await page.getByRole('button', { name: 'Edit case' }).click();
  await dialog.getByRole('button', { name: 'Move case to trash' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Your case file is empty' })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour dredging contracts' })).toBeVisible();
});
