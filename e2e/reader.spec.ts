import type { Page } from '@playwright/test';
import { makePdf } from '../test/make-files.js';
import { call } from './api.js';
import { docsScreenshot, expect, screenshot, test } from './fixtures.js';
import { openEmptyCase, selectInReader, seriousViolations, textFile } from './reader-helpers.js';

test.describe.configure({ timeout: 90_000 });

const MINUTES = `Minutes of the port board, 12 March 2024

The board approved the dredging contract for the inner harbour without a public tender, citing urgency after the January storms.

Board member Lucia Ortega voted against and asked that her objection be minuted: the urgency, she said, was manufactured.

The harbour master reported that 1,204 containers had left the port without inspection since January.`;

const reader = (page: Page) => page.getByRole('region', { name: 'Document details' }).locator('.reader');

async function importAndOpen(page: Page, file: ReturnType<typeof textFile>, title: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  const item = page.getByRole('region', { name: /^Imports/ }).getByRole('listitem').filter({ hasText: file.name });
  await expect(item).toContainText('Imported as');
  await item.getByRole('button', { name: `Open “${title}”` }).click();
  await expect(reader(page)).toBeVisible();
}

test('a selected passage becomes a claim, whose origin it stays, highlighted after a reload', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const ortega = await call(server, 'sources.create', { name: 'Lucia Ortega', kind: 'person', role: 'Port board member' });
  await importAndOpen(page, textFile('minutes.txt', MINUTES), 'Minutes of the port board, 12 March 2024');

  const passage = 'the urgency, she said, was manufactured';
  await selectInReader(page, passage);
  const popover = page.getByRole('group', { name: 'Selected passage' });
  await expect(popover).toBeVisible();
  await screenshot(page, 'reader-selection');
  await popover.getByRole('button', { name: /New claim from selection/ }).click();

  const form = page.getByRole('form', { name: 'New claim from the passage' });
  await expect(form.getByLabel('Quote', { exact: true })).toHaveValue(passage);
  await expect(form.getByLabel('The quote is')).toHaveValue('verbatim');
  await expect(form.getByLabel('Statement')).toBeFocused();
  expect(await seriousViolations(page), 'claim from a passage').toEqual([]);
  await screenshot(page, 'reader-claim-form');
  await form.getByRole('button', { name: 'Save claim' }).click();
  await expect(form.getByLabel('Statement')).toHaveAccessibleDescription(/in your own words/);
  await form.getByLabel('Statement').fill('The urgency cited for the no-tender dredging contract was manufactured.');
  await form.getByRole('checkbox', { name: /Lucia Ortega/ }).check();
  await form.getByRole('button', { name: 'Save claim' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator('.toast')).toContainText('Claim saved');
  await expect(reader(page).locator('mark.passage')).toHaveText(passage);

  await page.reload();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Minutes of the port board/ }).click();
  await expect(reader(page).locator('mark.passage')).toHaveText(passage);
  await expect(reader(page).locator('mark.passage')).toBeVisible();

  const [claim] = (await call(server, 'claims.list', { caseId })).items;
  expect(claim).toMatchObject({ quote: passage, quoteKind: 'verbatim', sourceIds: [ortega.id] });
  const origin = await call(server, 'excerpts.get', { id: claim!.originExcerptId! });
  expect(origin.exact).toBe(passage);
  expect(MINUTES.slice(origin.start, origin.end)).toBe(passage);

  // The toast's Open claim leads to the claim, whose quote is the passage.
  await selectInReader(page, 'without a public tender');
  await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: /Comment/ }).click();
  await page.getByRole('form', { name: 'Comment on the passage' }).getByLabel('Comment', { exact: true }).fill('No tender: check the procurement law exemption.');
  await page.getByRole('form', { name: 'Comment on the passage' }).getByRole('button', { name: 'Save comment' }).click();
  await expect(reader(page).locator('mark.passage-comment')).toHaveAttribute('title', 'No tender: check the procurement law exemption.');
  expect(await seriousViolations(page), 'reader').toEqual([]);
  await screenshot(page, 'reader');
});

test('from the keyboard: Shift+arrows select, Enter reaches the choices; selections over paragraphs and highlights map to the text', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const claim = await call(server, 'claims.create', { caseId, statement: 'Containers leave the port without inspection.' });
  await importAndOpen(page, textFile('minutes.txt', MINUTES), 'Minutes of the port board, 12 March 2024');

  // A first passage, marked with a comment, from the keyboard alone.
  await reader(page).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  const popover = page.getByRole('group', { name: 'Selected passage' });
  await expect(popover).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(popover.getByRole('button', { name: /New claim from selection/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(popover.getByRole('button', { name: /Comment/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const comment = page.getByRole('form', { name: 'Comment on the passage' });
  await expect(comment.locator('blockquote')).toHaveText('Minutes of the');
  await expect(comment.getByLabel('Comment', { exact: true })).toBeFocused();
  await page.keyboard.type('Dated the day after the storm report.');
  await comment.getByRole('button', { name: 'Save comment' }).click();
  await expect(reader(page).locator('mark.passage')).toHaveText('Minutes of the');
  // The focus is back in the text, where the reporter was.
  await expect(reader(page)).toBeFocused();

  // The shortcut E, after Shift+Down from where the caret is.
  await selectInReader(page, 'The harbour master');
  await reader(page).focus();
  await page.keyboard.press('Shift+End');
  await expect(popover).toBeVisible();
  await page.keyboard.press('e');
  const evidence = page.getByRole('form', { name: 'Add the passage as evidence' });
  await expect(evidence.locator('blockquote')).toHaveText(/^The harbour master reported that 1,204 containers/);
  await evidence.getByRole('combobox', { name: 'Claim' }).fill('without inspection');
  await evidence.getByRole('option', { name: /Containers leave the port/ }).click();
  await evidence.getByLabel('The passage').selectOption('supports');
  await evidence.getByRole('button', { name: 'Add evidence' }).click();
  await expect(evidence).toHaveCount(0);
  const [link] = await call(server, 'evidence.list', { claimId: claim.id });
  const linked = await call(server, 'excerpts.get', { id: link!.excerptId! });
  // Shift+End selects to the end of the line on screen.
  expect(linked.exact).toMatch(/^The harbour master reported that 1,204 containers/);
  expect(MINUTES.slice(linked.start, linked.end)).toBe(linked.exact);

  // The new passage is drawn first: a selection made while the reader redraws would be torn.
  await expect(reader(page).locator('mark.passage').filter({ hasText: /^The harbour master/ })).toBeVisible();
  // Over two paragraphs and across the first highlight: the offsets are those of the text.
  const across = 'of the port board, 12 March 2024\n\nThe board approved';
  await selectInReader(page, across);
  await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: /Comment/ }).click();
  await expect(page.getByRole('form', { name: 'Comment on the passage' }).locator('blockquote')).toHaveText(across);
  await page.getByRole('form', { name: 'Comment on the passage' }).getByLabel('Comment', { exact: true }).fill('Across the heading.');
  await page.getByRole('button', { name: 'Save comment' }).click();
  const excerpts = await call(server, 'excerpts.list', { documentId: linked.documentId });
  const made = excerpts.find((x) => x.comment === 'Across the heading.')!;
  expect(MINUTES.slice(made.start, made.end)).toBe(across);
  await expect(reader(page).locator('mark.passage-overlap')).toHaveText('of the');
});

test('a passage marked elsewhere while the reporter is selecting does not tear the selection', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  await importAndOpen(page, textFile('minutes.txt', MINUTES), 'Minutes of the port board, 12 March 2024');
  const [doc] = await call(server, 'documents.list', { caseId });
  const selected = 'approved the dredging contract for the inner harbour';
  await selectInReader(page, selected);
  await expect(page.getByRole('group', { name: 'Selected passage' })).toBeVisible();
  // Marked from another door (a colleague, the CLI) inside the selection; the page learns of it
  // when the next change it makes reloads what it shows: an Undo, here (of a claim moved to the trash).
  const at = MINUTES.indexOf('dredging contract');
  await call(server, 'excerpts.create', { documentId: doc!.id, exact: 'dredging contract', start: at, end: at + 'dredging contract'.length });
  const claim = await call(server, 'claims.create', { caseId, statement: 'The contract was not tendered.' });
  await call(server, 'claims.delete', { id: claim.id });
  await page.keyboard.press('Control+z');
  await expect(reader(page).locator('mark.passage')).toHaveText('dredging contract');
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(selected);
  await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: /Comment/ }).click();
  await expect(page.getByRole('form', { name: 'Comment on the passage' }).locator('blockquote')).toHaveText(selected);
});

test('PDF pages are marked in the reader; a new version of the text re-finds passages and lists the orphans apart', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const pdf = makePdf(
    [
      ['Audit of the inner harbour, 2023', 'Containers inspected: 412.', 'The dredging contract was awarded without a tender.'],
      ['Findings', 'The consignee field was left empty on most forms.', 'Seals were reused on at least 40 containers.'],
    ],
    { title: 'Harbour audit 2023' },
  );
  await page.locator('input[type=file]').setInputFiles({ name: 'audit.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('region', { name: /^Imports/ }).getByRole('button', { name: 'Open “Harbour audit 2023”' }).click();
  await expect(reader(page).getByRole('separator')).toHaveCount(2);
  await expect(reader(page).getByRole('separator').nth(1)).toHaveAccessibleName('Page 2');

  const [doc] = await call(server, 'documents.list', { caseId });
  const { document } = await call(server, 'documents.get', { id: doc!.id });
  // Passages made through the API land where the reader draws them; a passage on page 2 knows its page.
  await selectInReader(page, 'Seals were reused on at least 40 containers.');
  await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: /Comment/ }).click();
  await page.getByLabel('Comment', { exact: true }).fill('Ask the auditors for the list.');
  await page.getByRole('button', { name: 'Save comment' }).click();
  await expect(reader(page).locator('mark.passage')).toHaveText('Seals were reused on at least 40 containers.');
  const seals = (await call(server, 'excerpts.list', { documentId: document.id }))[0]!;
  expect(seals.page).toBe(2);
  for (const exact of ['Containers inspected: 412.', 'The dredging contract was awarded without a tender.']) {
    await call(server, 'excerpts.create', { documentId: document.id, exact });
  }
  await page.reload();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
  await expect(reader(page).locator('mark.passage')).toHaveCount(3);

  const detail = page.getByRole('region', { name: 'Document details' });
  await detail.getByRole('button', { name: 'New version of the text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New version of the text' });
  const revised = document.text
    .replace('Audit of the inner harbour, 2023', 'Audit of the inner harbour, 2023 (corrected edition, with the port authority’s reply)')
    .replace('The dredging contract was awarded without a tender.', 'The dredging contract was awarded without any tender.')
    .replace('Seals were reused on at least 40 containers.', '');
  await dialog.getByLabel('New text').fill(revised);
  await dialog.getByRole('button', { name: 'Replace the text' }).click();
  await expect(dialog.getByRole('heading', { name: 'The text is replaced' })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 're-found exactly' })).toContainText('1');
  await expect(dialog.getByRole('listitem').filter({ hasText: 're-found in edited form' })).toContainText('1');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'orphaned' })).toContainText('1');
  await expect(dialog).toContainText('“Seals were reused on at least 40 containers.”');
  await screenshot(page, 'reader-new-version');
  await dialog.getByRole('button', { name: 'Done' }).click();

  const orphans = detail.getByRole('region', { name: /Passages not in the current text/ });
  await expect(orphans).toContainText('Seals were reused on at least 40 containers.');
  await expect(reader(page).locator('mark.passage')).toHaveCount(2);
  await expect(reader(page)).not.toContainText('Seals were reused');
  await expect(reader(page).getByRole('separator')).toHaveCount(0);
});

const AUDIT_PAGES = [
  [
    'Audit of customs controls at the Port of Manzanillo',
    'Office of the Auditor General, report 2023-14',
    '',
    'Between January and June 2023 the port handled 1.4 million containers. Customs',
    'inspected 412 of the 9,600 containers flagged by the risk system as high risk,',
    'or 4.3 per cent. The remaining flagged containers left the port on the strength',
    'of their paperwork alone.',
    '',
    'The audit found that the consignee field was left empty on 61 per cent of the',
    'declarations for chemical cargo, which makes it impossible to trace who received',
    'the goods once they left the port.',
  ],
  [
    'Findings on precursor chemicals',
    '',
    'Shipments declared as industrial solvents from Shanghai and Tianjin arrived in',
    'lots just under the quantity that triggers a permit check. Seals were reused on',
    'at least 40 containers, according to the customs register.',
    '',
    'The port authority told the auditors that it had no staff to weigh the drums and',
    'relied on the shipping lines for their declared weight.',
  ],
  ['Recommendations', '', 'Inspect every flagged container of chemical cargo, and record the consignee', 'before release.'],
];

test('the README’s picture of the reader: PDF pages, marked passages, a comment and a selection', async ({ page, server }) => {
  await page.setViewportSize({ width: 1360, height: 860 });
  const caseId = await openEmptyCase(page, server, 'Precursor pipeline');
  const pdf = makePdf(AUDIT_PAGES, { title: 'Audit of customs controls at the Port of Manzanillo', author: 'Office of the Auditor General' });
  await page.locator('input[type=file]').setInputFiles({ name: 'asf-audit-2023-14.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByRole('region', { name: /^Imports/ }).getByRole('listitem')).toContainText('Imported as');
  const [doc] = await call(server, 'documents.list', { caseId });
  await call(server, 'excerpts.create', { documentId: doc!.id, exact: 'or 4.3 per cent', comment: 'Ask the auditors how the 412 were chosen.' });
  await call(server, 'excerpts.create', { documentId: doc!.id, exact: 'the consignee field was left empty on 61 per cent' });
  await page.getByRole('region', { name: /^Imports/ }).getByRole('button', { name: 'Clear finished' }).click();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
  await expect(reader(page).locator('mark.passage')).toHaveCount(2);
  await selectInReader(page, 'inspected 412 of the 9,600 containers flagged by the risk system as high risk');
  await expect(page.getByRole('group', { name: 'Selected passage' })).toBeVisible();
  await docsScreenshot(page, 'reader');
  await screenshot(page, 'reader-pdf');
});
