import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
import { seriousViolations } from './reader-helpers.js';

test.use({ demo: true });
test.describe.configure({ timeout: 90_000 });

test('a typo is corrected and says so; filters narrow; the query language is one click away', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await expect(box).toBeFocused();
  await page.keyboard.type('fentanly');
  const suggestion = page.locator('.search-suggestion');
  await expect(suggestion).toHaveText('Showing results for fentanyl — nothing matched “fentanly”.');
  await expect(page.getByRole('region', { name: /^Claims/ }).locator('mark').first()).toHaveText(/fentanyl/i);
  await screenshot(page, 'search-suggestion');

  // status:disputed: only the disputed claims, nothing else.
  await box.fill('status:disputed');
  const disputed = await call(server, 'claims.list', { caseId: demo!.id, status: ['disputed'], limit: 1 });
  const claims = page.getByRole('region', { name: /^Claims/ });
  await expect(claims.getByRole('listitem')).toHaveCount(disputed.total);
  await expect(page.getByRole('region', { name: /^(Sources|Documents|Notes)/ })).toHaveCount(0);
  await expect(suggestion).toHaveCount(0);
  await box.fill('status:disputed china');
  await expect(claims.getByRole('listitem').first()).toContainText(/China/);

  // The help lists the language; an example can be tried.
  await page.getByRole('button', { name: 'How to search' }).click();
  const help = page.getByRole('region', { name: 'How to search' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('status:disputed');
  await expect(help).toContainText('-sinaloa');
  await expect(help.getByRole('button').first()).toBeFocused();
  expect(await seriousViolations(page), 'search with its help').toEqual([]);
  await screenshot(page, 'search-help');
  await help.getByRole('button', { name: 'Try precurs*' }).click();
  await expect(help).toBeHidden();
  await expect(box).toHaveValue('precurs*');
  await expect(box).toBeFocused();
  await expect(page.getByRole('region', { name: /^Claims/ }).getByRole('listitem').first()).toBeVisible();
  await page.getByRole('button', { name: 'How to search' }).click();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByRole('button', { name: 'How to search' })).toBeFocused();
});

test('searches are saved in the case, run again after a reload, and deleted', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('5');
  const box = page.getByRole('searchbox', { name: 'Search' });
  const saved = page.getByRole('complementary', { name: 'Saved searches' });
  await expect(saved).toContainText('None yet.');
  await expect(saved.getByRole('button', { name: 'Save this search…' })).toBeDisabled();
  await box.fill('status:disputed china');
  await saved.getByRole('button', { name: 'Save this search…' }).click();
  const form = saved.getByRole('form', { name: 'Save this search' });
  await expect(form.getByLabel('Name of the search')).toBeFocused();
  await page.keyboard.type('Disputed China claims');
  await page.keyboard.press('Enter');
  await expect(saved.getByRole('button', { name: 'Disputed China claims', exact: true })).toBeVisible();
  await expect(saved).toContainText('The search in the box is saved as “Disputed China claims”.');
  await expect(box).toBeFocused();
  expect((await call(server, 'searches.list', { caseId: demo!.id })).map((s) => [s.name, s.query])).toEqual([['Disputed China claims', 'status:disputed china']]);

  await page.reload();
  await page.keyboard.press('5');
  await box.fill('');
  await saved.getByRole('button', { name: 'Disputed China claims', exact: true }).click();
  await expect(box).toHaveValue('status:disputed china');
  await expect(page.getByRole('region', { name: /^Claims/ }).getByRole('listitem').first()).toContainText(/China/);
  await screenshot(page, 'search-saved');
  await saved.getByRole('button', { name: 'Delete the saved search “Disputed China claims”' }).click();
  await expect(saved).toContainText('None yet.');
  expect(await call(server, 'searches.list', { caseId: demo!.id })).toEqual([]);
});

test('opening a passage or a document from the results lands on the match, marked, in the reader', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the shipping ledger lists routine cargo: rice, cement and machine parts.`).join('\n\n');
  await call(server, 'documents.create', {
    caseId: demo!.id,
    title: 'Shipping ledger, Lázaro Cárdenas',
    text: `${filler}\n\nOne entry, near the end, records forty drums of zeolite catalyst consigned to a company with no address.`,
  });
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('manufacturers');
  const passages = page.getByRole('region', { name: /Passages in documents/ });
  const hit = passages.getByRole('button').filter({ hasText: 'regulators inspected just 15' });
  await expect(hit).toBeVisible();
  await hit.click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText("China's regulation of drug chemicals (RAND analysis, 2019)");
  const mark = detail.locator('mark.passage:focus');
  await expect(mark).toContainText('regulators inspected just 15 manufacturers');
  await expect(mark).toHaveClass(/flash/);
  await expect(mark).toBeInViewport();

  await page.keyboard.press('5');
  await page.getByRole('searchbox', { name: 'Search' }).fill('zeolite');
  await page.getByRole('region', { name: /^Documents/ }).getByRole('button', { name: /Shipping ledger/ }).click();
  const match = detail.locator('mark.search-match');
  await expect(match).toHaveText('zeolite');
  await expect(match).toBeFocused();
  await expect(match).toBeInViewport();
  await screenshot(page, 'search-open-match');
});

test('shows the best 50 as you type, more on asking, and always the results of the last words typed', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  for (let i = 0; i < 70; i++) await call(server, 'claims.create', { caseId: demo!.id, statement: `Ledger entry ${i + 1}: drums of tosylmethyl consigned to a broker` });
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search' });
  // Typed fast: whatever was answered in between, what stays is the answer to the whole query.
  await box.pressSequentially('tosylmethyl ledger', { delay: 10 });
  const claims = page.getByRole('region', { name: /^Claims/ });
  await expect(page.locator('.search-results')).toHaveAttribute('data-searched', 'tosylmethyl ledger');
  await expect(claims.getByRole('listitem')).toHaveCount(50);
  await expect(page.locator('.search-count')).toContainText('The best 50 matches in this case');
  await page.getByRole('button', { name: 'Show up to 500' }).click();
  await expect(claims.getByRole('listitem')).toHaveCount(70);
  await expect(page.locator('.search-count')).toContainText('70 matches in this case');
  // New words go back to the first 50.
  await box.fill('tosylmethyl broker');
  await expect(page.locator('.search-results')).toHaveAttribute('data-searched', 'tosylmethyl broker');
  await expect(claims.getByRole('listitem')).toHaveCount(50);
});

test('the word being typed matches the start of words; a typo in it is corrected; Enter searches it whole', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search' });
  const results = page.locator('.search-results');
  // Half a name, still being typed: its start matches.
  await box.pressSequentially('grassl', { delay: 20 });
  await expect(results).toHaveAttribute('data-searched', 'grassl');
  await expect(page.getByRole('region', { name: /^Sources/ }).getByRole('listitem').first()).toContainText('Chuck Grassley');
  await expect(page.locator('.search-suggestion')).toHaveCount(0);
  // Entered: the whole word "grassl", which nothing holds, so it is corrected and says so.
  await box.press('Enter');
  await expect(page.locator('.search-suggestion')).toContainText('Showing results for');
  // A typo in the word being typed: its start matches nothing, so it is corrected at once.
  await box.fill('');
  await box.pressSequentially('fentanly', { delay: 20 });
  await expect(results).toHaveAttribute('data-searched', 'fentanly');
  await expect(page.locator('.search-suggestion')).toContainText('Showing results for fentanyl');
  await screenshot(page, 'search-as-you-type');
});
