import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
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
  await page.getByRole('region', { name: /^Imports/ }).getByRole('button', { name: 'Open “Port officials defend customs checks”' }).click();
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
  await expect(panel.getByRole('button', { name: 'Create 0 claims' })).toBeDisabled();
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
  await expect(panel.getByRole('status')).toContainText('Created 2 claims and 1 new source');
  // Already claimed now: marked, and left out of the next round.
  await expect(items.nth(0).getByText('Already a claim')).toBeVisible();
  await expect(items.nth(1).getByText('Already a claim')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Create 1 claim' })).toBeVisible();

  const { items: claims } = await call(server, 'claims.list', { caseId });
  expect(claims).toHaveLength(2);
  const byQuote = new Map(claims.map((c) => [c.quote, c]));
  const first = byQuote.get('We open more containers now than at any time in the port\'s history,')!;
  const second = byQuote.get('The numbers are inspections on paper, not in the yard,')!;
  expect(first).toMatchObject({ quoteKind: 'verbatim', sourceIds: [ruiz.id] });
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
});
