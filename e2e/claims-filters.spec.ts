import type { Input } from '../core/api.js';
import { call } from './api.js';
import { expect, screenshot, test, type Server } from './fixtures.js';

test.use({ demo: true });

/** How many claims of the demo case the library itself counts for a filter. */
async function total(server: Server, filter: Omit<Input<'claims.list'>, 'caseId'>): Promise<number> {
  const [demo] = await call(server, 'cases.list', {});
  return (await call(server, 'claims.list', { caseId: demo!.id, limit: 1, ...filter })).total;
}

test('the claims list filters by status, dispute, corroboration, source, attribution, tag, dates and words, and remembers them', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const count = page.getByRole('heading', { name: /^Claims/ }).locator('.count');
  await expect(count).toHaveText('16');

  const chip = (name: string) => page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name, exact: true });
  await chip('Unverified').click();
  await expect(chip('Unverified')).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('5 of 16');
  await expect(claims.getByRole('option').first()).toContainText('Unverified');
  await chip('Unverified').click();

  await chip('Disputed').click();
  await expect(count).toHaveText(`${await total(server, { disputed: true })} of 16`);
  await chip('Disputed').click();

  await chip('Only one source').click();
  const single = await total(server, { onlyOneSource: true });
  expect(single).toBeGreaterThan(0);
  await expect(count).toHaveText(`${single} of 16`);
  await chip('Only one source').click();
  await expect(count).toHaveText('16');

  // The rest live in a panel.
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByLabel('Attribution', { exact: true }).selectOption('background');
  await expect(count).toHaveText('1 of 16');
  await expect(claims.getByRole('option')).toContainText('Manzanillo');
  await page.getByLabel('Attribution', { exact: true }).selectOption('');

  await page.getByLabel('Source', { exact: true }).selectOption({ label: "Embassy of the People's Republic of China in the United States" });
  await expect(count).toHaveText(`${await total(server, { sourceId: (await call(server, 'sources.list', {})).find((s) => s.name.startsWith('Embassy'))!.id })} of 16`);
  await page.getByLabel('Source', { exact: true }).selectOption('');

  await page.getByLabel('Tag', { exact: true }).selectOption('denial');
  await expect(count).toHaveText('1 of 16');
  await page.getByLabel('Tag', { exact: true }).selectOption('');

  // A date is applied once it is whole; one the library cannot read is refused under its field.
  const from = page.getByLabel('Said from');
  await from.fill('2021-1');
  await expect(from).toHaveAccessibleDescription(/Not applied yet/);
  await expect(count).toHaveText('16');
  await from.fill('2021-11');
  await page.getByLabel('Said until').fill('2021-12');
  await expect(count).toHaveText(`${await total(server, { saidFrom: '2021-11', saidTo: '2021-12' })} of 16`);
  await page.getByLabel('Said until').fill('2021-13');
  await expect(page.getByLabel('Said until')).toHaveAccessibleDescription(/a date as YYYY, YYYY-MM or YYYY-MM-DD/);
  await expect(page.getByLabel('Said until')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'claims-filters');
  await page.getByLabel('Said until').fill('');
  await from.fill('');

  // Words go to the full-text index (stemmed: "precursor" finds "precursors").
  await page.getByRole('searchbox', { name: 'Filter claims by their words' }).fill('precursor');
  await expect(count).toHaveText(`${await total(server, { query: 'precursor' })} of 16`);

  // The filter survives a visit to another view.
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Claims', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: 'Filter claims by their words' })).toHaveValue('precursor');
  await expect(count).toHaveText(`${await total(server, { query: 'precursor' })} of 16`);

  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(count).toHaveText('16');

  // Order: newest first puts the last claim recorded at the top.
  await page.getByRole('combobox', { name: 'Order' }).selectOption('newest');
  const [demo] = await call(server, 'cases.list', {});
  const newest = (await call(server, 'claims.list', { caseId: demo!.id, sort: 'created', descending: true, limit: 1 })).items[0]!;
  await expect(claims.getByRole('option').first()).toContainText(newest.statement.slice(0, 40));

  // No match: the empty list says how to get back.
  await page.getByRole('searchbox', { name: 'Filter claims by their words' }).fill('zeppelin');
  await expect(page.getByText('No claims match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(count).toHaveText('16');
});
