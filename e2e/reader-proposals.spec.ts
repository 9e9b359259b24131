import { readFileSync } from 'node:fs';
import { call } from './api.js';
import { docsScreenshot, expect, screenshot, test } from './fixtures.js';
import { openEmptyCase, seriousViolations, textFile } from './reader-helpers.js';

const ARTICLE = `Port officials defend customs checks

MANZANILLO, Mexico — The port's director, Elena Ruiz, said on Tuesday that inspections had doubled since January.

“We open more containers now than at any time in the port's history,” Ruiz said.

Critics were not convinced. “The numbers are inspections on paper, not in the yard,” said Tomás Herrera, a customs broker who has worked at the port for 20 years.

Herrera added that brokers were rarely asked for documents. “Nobody has asked me for a manifest in months,” he said.
`;

test.describe.configure({ timeout: 90_000 });

test('claims proposed from an article’s quotations: two accepted, one with a new source, all verbatim', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const ruiz = await call(server, 'sources.create', { name: 'Elena Ruiz', kind: 'person', role: 'Port director' });
  await page.locator('input[type=file]').setInputFiles(textFile('port-article.txt', ARTICLE));
  const imports = page.getByRole('region', { name: /^Imports/ });
  // A .txt says nothing of where or when it was published: the import asks, and keeps it on the document.
  const published = imports.getByRole('form', { name: 'Where and when “Port officials defend customs checks” was published' });
  await published.getByLabel('Outlet').fill('Manzanillo Daily');
  await published.getByLabel('Published on').fill('2024-03-05');
  await published.getByRole('button', { name: 'Save' }).click();
  await expect(published).toBeHidden();
  await imports.getByRole('button', { name: 'Open “Port officials defend customs checks”' }).click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await detail.getByRole('button', { name: 'Propose claims from this document' }).click();

  const panel = detail.getByRole('region', { name: /Proposed claims/ });
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(3);
  // Each beside its sentence, the quotation marked in it, with the speaker and the source on file.
  await expect(items.nth(0).locator('.proposal-sentence mark')).toHaveText('We open more containers now than at any time in the port\'s history,');
  await expect(items.nth(0).locator('.proposal-sentence')).toContainText('Ruiz said.');
  await expect(items.nth(0)).toContainText('Elena Ruiz (on file)');
  await expect(items.nth(1)).toContainText('new source: Tomás Herrera');
  await expect(panel.getByRole('button', { name: 'Create 3 claims' })).toBeVisible();

  await panel.getByRole('button', { name: 'Select none' }).click();
  // Nothing kept, everything left out: the button rejects them all.
  await expect(panel.getByRole('button', { name: 'Reject 3' })).toBeEnabled();
  await items.nth(0).getByRole('checkbox').check();
  await items.nth(1).getByRole('checkbox').check();

  // The second one's statement in the reporter's words, and its speaker's name as the source should be filed.
  await items.nth(1).getByRole('button', { name: 'Edit' }).click();
  await items.nth(1).getByLabel('Statement').fill('Customs inspections at Manzanillo exist on paper only, a broker says.');
  await items.nth(1).getByLabel('Name of the new source').fill('Tomás Herrera Vidal');
  await expect(items.nth(1)).toContainText('new source: Tomás Herrera Vidal');
  // Switching to a source on file offers the picker over find.quick.
  await items.nth(1).getByRole('radio', { name: 'A source on file' }).check();
  await items.nth(1).getByRole('combobox', { name: 'Source on file' }).fill('ruiz');
  await expect(items.nth(1).getByRole('option', { name: /Elena Ruiz/ })).toBeVisible();
  await items.nth(1).getByRole('radio', { name: 'A new source' }).check();
  await items.nth(1).getByLabel('Name of the new source').fill('Tomás Herrera Vidal');
  expect(await seriousViolations(page), 'proposals').toEqual([]);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'proposals');

  await panel.getByRole('button', { name: 'Create 2 claims' }).click();
  await expect(panel.getByRole('status')).toContainText('Created 2 claims and 1 new source; 1 rejected.');
  // Already claimed now: marked, linked, and left out of the next round; the one left unticked is rejected, not ticked again.
  await expect(items.nth(0).getByText('Already a claim')).toBeVisible();
  await expect(items.nth(1).getByText('Already a claim')).toBeVisible();
  await expect(items.nth(2).getByText('Rejected')).toBeVisible();
  await expect(items.nth(2).getByRole('checkbox')).not.toBeChecked();
  await expect(panel.getByRole('button', { name: 'Create 0 claims' })).toBeDisabled();

  const { items: claims } = await call(server, 'claims.list', { caseId });
  expect(claims).toHaveLength(2);
  const byQuote = new Map(claims.map((c) => [c.quote, c]));
  const first = byQuote.get('We open more containers now than at any time in the port\'s history,')!;
  const second = byQuote.get('The numbers are inspections on paper, not in the yard,')!;
  expect(first).toMatchObject({ quoteKind: 'verbatim', sourceIds: [ruiz.id], saidOn: '2024-03-05' });
  expect(second).toMatchObject({ quoteKind: 'verbatim', statement: 'Customs inspections at Manzanillo exist on paper only, a broker says.' });
  const herrera = await call(server, 'sources.get', { id: second.sourceIds[0]! });
  expect(herrera.source.name).toBe('Tomás Herrera Vidal');
  for (const claim of [first, second]) {
    const origin = await call(server, 'excerpts.get', { id: claim.originExcerptId! });
    expect(ARTICLE.slice(origin.start, origin.end)).toBe(claim.quote);
  }

  // Back in the reader, the accepted quotations are marked.
  await panel.getByRole('button', { name: 'Back to the text' }).click();
  await expect(detail.locator('.reader mark.passage')).toHaveCount(2);

  // Reopened, the choices hold: two claims (each opens its claim), one rejected, until taken back.
  await detail.getByRole('button', { name: 'Propose claims from this document' }).click();
  await expect(items.nth(2).getByText('Rejected')).toBeVisible();
  await expect(items.nth(2).getByRole('checkbox')).not.toBeChecked();
  await expect(items.nth(0).getByRole('button', { name: 'Open the claim' })).toBeVisible();
  await items.nth(2).getByRole('button', { name: 'Take back the rejection' }).click();
  await expect(items.nth(2).getByText('Rejected')).toBeHidden();
  await items.nth(2).getByRole('checkbox').check();
  await expect(panel.getByRole('button', { name: 'Create 1 claim' })).toBeEnabled();
  await items.nth(0).getByRole('button', { name: 'Open the claim' }).click();
  await expect(page.getByRole('article', { name: /We open more containers now/ })).toBeVisible();
});

test('the seed article: speakers with role and organisation, a source on file offered with Use this source / Create anyway, a date asked for', async ({ page, server }) => {
  await openEmptyCase(page, server, 'Precursors');
  await call(server, 'sources.create', { name: 'the Chinese Embassy in Washington, D.C.', kind: 'organisation' });
  const felbab = await call(server, 'sources.create', { name: 'Vanda Felbab-Browne', kind: 'person' });
  const text = readFileSync(new URL('../test/fixtures/quotes/precursors.txt', import.meta.url), 'utf8');
  await page.locator('input[type=file]').setInputFiles(textFile('precursors.txt', text));
  const imports = page.getByRole('region', { name: /^Imports/ });
  await imports.getByRole('button', { name: /^Open “/ }).click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await detail.getByRole('button', { name: 'Propose claims from this document' }).click();
  const panel = detail.getByRole('region', { name: /Proposed claims/ });
  const item = (quote: string) => panel.getByRole('listitem').filter({ hasText: quote });

  const pardo = item('Suppliers flow like water');
  await expect(pardo.locator('.proposal-who')).toContainText('Bryce Pardo · person · drug policy researcher · RAND Corp. (new organisation)');
  await expect(item('China has never received').locator('.proposal-who')).toContainText('organisation');

  // The embassy is on file (written with "the"): used, with the choice to create one anyway.
  const embassy = item('China has never received').getByRole('group', { name: /Already on file/ });
  await expect(embassy).toContainText('the Chinese Embassy in Washington, D.C.');
  await expect(embassy.getByRole('button', { name: 'Use this source' })).toHaveAttribute('aria-pressed', 'true');
  await expect(embassy.getByRole('button', { name: 'Create anyway' })).toHaveAttribute('aria-pressed', 'false');
  // A close name is a likely duplicate: the reporter decides.
  const close = item('Companies were never asked').getByRole('group', { name: 'Possibly already on file: Vanda Felbab-Browne' });
  await close.getByRole('button', { name: 'Use this source' }).click();
  await expect(item('Companies were never asked')).toContainText('Vanda Felbab-Browne (on file)');

  // No date on a .txt: creating waits for one.
  const create = panel.getByRole('button', { name: /^Create \d+ claims$/ });
  await expect(create).toBeDisabled();
  await expect(panel.getByText(/no date: give the date it was published/)).toBeVisible();
  await panel.getByLabel('Outlet').fill('The Wire');
  await panel.getByLabel('Published on').fill('2021-12-10');
  await expect(create).toBeEnabled();
  expect(await seriousViolations(page), 'proposals of the seed article').toEqual([]);
  await item('China has never received').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'proposals-seed');
  await docsScreenshot(page, 'proposals');
  await create.click();
  await expect(panel.getByRole('status')).toContainText(/Created \d+ claims and \d+ new sources/);
  // Given while proposing, the outlet and date are the document's now: the import no longer asks.
  await expect(imports.getByRole('form')).toHaveCount(0);

  const sources = await call(server, 'sources.list', {});
  const rand = sources.find((s) => s.name === 'RAND Corp.')!;
  expect(rand).toMatchObject({ kind: 'organisation' });
  expect(sources.find((s) => s.name === 'Bryce Pardo')).toMatchObject({ kind: 'person', role: 'drug policy researcher', affiliationId: rand.id });
  expect(sources.filter((s) => /Chinese Embassy/.test(s.name))).toHaveLength(1);
  expect(sources.filter((s) => /Felbab/.test(s.name)).map((s) => s.id)).toEqual([felbab.id]);
});
