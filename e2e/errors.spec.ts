import { expect, screenshot, test } from './fixtures.js';

test('a date the library cannot read is refused with the reason shown, and nothing is saved', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Start a case' }).click();
  await page.getByRole('dialog', { name: 'New case' }).getByLabel('Title').fill('Errors');
  await page.getByRole('button', { name: 'Create case' }).click();

  await page.getByRole('button', { name: 'New claim' }).click();
  await page.getByLabel('Statement').fill('The port handled 2 million containers.');
  await page.getByLabel('Said on').fill('2021-13');
  await page.getByRole('button', { name: 'Save claim' }).click();

  const form = page.getByRole('form', { name: 'New claim' });
  await expect(form.getByRole('alert')).toHaveText('Said on: a date as YYYY, YYYY-MM or YYYY-MM-DD');
  // The field itself says what is wrong, and says it to a screen reader too.
  const saidOn = form.getByLabel('Said on');
  await expect(saidOn).toHaveAttribute('aria-invalid', 'true');
  await expect(saidOn).toHaveAccessibleDescription(/a date as YYYY, YYYY-MM or YYYY-MM-DD/);
  await screenshot(page, 'bad-input');
  await expect(page.getByText('No claims yet — press N to record one, or load the demo case.')).toBeVisible();

  // Corrected, it saves, and the complaint is gone.
  await saidOn.fill('2021-12');
  await page.getByRole('button', { name: 'Save claim' }).click();
  await expect(page.getByRole('region', { name: 'Claim details' }).getByRole('heading', { name: 'The port handled 2 million containers.' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an empty statement and an empty case title are refused with a clear message', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Start a case' }).click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await expect(dialog.getByRole('alert')).toContainText('a title is required');
  await dialog.getByLabel('Title').fill('Errors');
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'New claim' }).click();
  await page.getByRole('button', { name: 'Save claim' }).click();
  await expect(page.getByRole('form', { name: 'New claim' }).getByRole('alert')).toContainText('a claim needs a statement');
});

test('a page opened without its token says how to get in', async ({ page, server }) => {
  await page.goto(server.url.replace(/#.*$/, ''));
  await expect(page.getByRole('alert')).toContainText('open Corroborate from the address that `corroborate serve` printed');
  await screenshot(page, 'no-token');
});
