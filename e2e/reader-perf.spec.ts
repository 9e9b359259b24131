// How the reader copes with a long document: a 2 MB transcript with 300 marked passages opens,
// is read at its last passage, and a selection at its end is offered the choices. The times are
// printed (and kept as annotations); the bounds only catch a reader that has become unusable.

import { call } from './api.js';
import { expect, test } from './fixtures.js';
import { selectInReader } from './reader-helpers.js';

test.use({ trace: 'off' });
test.describe.configure({ timeout: 120_000 });

const SENTENCES = [
  'The witness said the containers were moved at night, when the scanners were switched off.',
  'Counsel asked who had signed the release forms for the chemical cargo.',
  'The broker answered that the consignee field was often left blank by the shipping lines.',
  'The judge asked for the customs register of March to be entered into the record.',
];

test('a 2 MB document with 300 passages opens, shows its last passage and takes a selection', async ({ page, server }) => {
  const { id: caseId } = await call(server, 'cases.create', { title: 'Long transcript' });
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join('\n\n').length < 2_000_000; i++) paragraphs.push(`${i + 1}. ${SENTENCES[i % 4]} ${SENTENCES[(i + 1) % 4]}`);
  const text = paragraphs.join('\n\n');
  const doc = await call(server, 'documents.create', { caseId, title: 'Hearing transcript, day 3', kind: 'transcript', text });
  const step = Math.floor(paragraphs.length / 300);
  let last = '';
  for (let n = 0; n < 300; n++) {
    const p = paragraphs[n * step]!;
    last = (await call(server, 'excerpts.create', { documentId: doc.id, exact: p.slice(0, 60) })).id;
  }

  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Documents', exact: true }).click();
  const began = Date.now();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail.locator('.reader mark.passage').first()).toBeVisible({ timeout: 30_000 });
  const opened = Date.now() - began;

  const jump = Date.now();
  await detail.getByRole('button', { name: /^“/ }).last().click();
  await expect(page.locator(`#excerpt-${last}`)).toBeInViewport();
  const shown = Date.now() - jump;

  const select = Date.now();
  await selectInReader(page, paragraphs[paragraphs.length - 1]!);
  await expect(page.getByRole('group', { name: 'Selected passage' })).toBeVisible();
  const offered = Date.now() - select;

  const figures = `2 MB text (${text.length.toLocaleString('en')} characters, ${paragraphs.length.toLocaleString('en')} paragraphs, 300 passages): opened in ${opened} ms, last passage shown in ${shown} ms, selection to choices in ${offered} ms`;
  console.log(figures);
  test.info().annotations.push({ type: 'timing', description: figures });
  expect(opened).toBeLessThan(15_000);
});
