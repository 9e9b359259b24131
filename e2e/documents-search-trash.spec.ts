import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

const PASTED = `Minutes of the port board, 12 March 2024.

The board approved the dredging contract for the inner harbour without a public tender, citing urgency after the January storms.

Board member Lucia Ortega voted against and asked that her objection be minuted: <script>alert("not code")</script> the urgency, she said, was manufactured.`;

test('a document is added by pasting its text, and read with its details', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('3');
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(6);
  await page.keyboard.press('d');
  const form = page.getByRole('form', { name: 'New document' });
  await form.getByLabel('Title').fill('Port board minutes, March 2024');
  await form.getByLabel('Kind').selectOption('transcript');
  await form.getByLabel('Published on').fill('2024-03-12');
  await form.getByLabel('Publisher').fill('Port Authority of Manzanillo');
  await form.getByLabel('Web address').fill('https://port.example.org/minutes/2024-03');
  await form.getByLabel('Text').fill(PASTED);
  await expect(form.getByLabel('Text')).toHaveAccessibleDescription(/characters/);
  await screenshot(page, 'document-paste');
  await form.getByRole('button', { name: 'Save document' }).click();

  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Port board minutes, March 2024');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail).toContainText('Transcript');
  await expect(detail).toContainText('12 Mar 2024');
  await expect(detail.locator('.document-text')).toContainText('without a public tender');
  // Pasted markup is text.
  await expect(detail.locator('.document-text')).toContainText('<script>alert("not code")</script>');
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { selected: true })).toContainText('Port board minutes');

  // A bad address is refused next to its field.
  await page.keyboard.press('d');
  await form.getByLabel('Title').fill('Broken link');
  await form.getByLabel('Web address').fill('port.example.org');
  await form.getByRole('button', { name: 'Save document' }).click();
  await expect(form.getByLabel('Web address')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Web address')).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
});

test('search marks the matching words, and a passage opens inside its document', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  await call(server, 'documents.create', {
    caseId: demo!.id,
    title: 'Hostile snippet',
    text: 'A manifest note reads <img src=x onerror="document.title=1"> near the Manzanillo customs shed.',
  });
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('manzanillo');
  const results = page.locator('.search-results');
  const claimsGroup = page.getByRole('region', { name: /^Claims/ });
  await expect(claimsGroup.getByRole('button').first()).toBeVisible();
  await expect(claimsGroup.locator('mark').first()).toHaveText(/manzanillo/i);
  const passages = page.getByRole('region', { name: /Passages in documents/ });
  await expect(passages.getByRole('button').first()).toBeVisible();
  // The document text is only ever text: no element came out of it.
  const hostile = page.getByRole('region', { name: /^Documents/ }).getByRole('button', { name: /Hostile snippet/ });
  await expect(hostile).toContainText('<img src=x');
  await expect(results.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('1');
  await screenshot(page, 'search');

  const passage = passages.getByRole('button').first();
  const title = (await passage.locator('.hit-title').textContent()) ?? '';
  await passage.click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title);
  const mark = detail.locator('mark.passage:focus');
  await expect(mark).toBeVisible();
  await expect(mark).toHaveClass(/flash/);
  await screenshot(page, 'document-excerpt');

  // The search is as it was on return, scoped to this case or not.
  await page.keyboard.press('5');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('manzanillo');
  await page.getByRole('checkbox', { name: /Only in/ }).uncheck();
  await expect(page.getByText(/in all cases/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('zeppelin');
  await expect(page.getByText('Nothing matches “zeppelin”.')).toBeVisible();
});

test('the trash restores, purges after a warning, and empties', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const claimDetail = page.getByRole('region', { name: 'Claim details' });
  for (const words of ['Selling precursors can keep', 'Going after the supply of drugs']) {
    await claims.getByRole('option', { name: new RegExp(words) }).click();
    await claimDetail.getByRole('button', { name: 'Move to trash' }).click();
    await expect(claims.getByRole('option', { name: new RegExp(words) })).toHaveCount(0);
  }
  await page.keyboard.press('3');
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /White House declaration/ }).click();
  await page.getByRole('region', { name: 'Document details' }).getByRole('button', { name: 'Move to trash' }).click();

  await page.keyboard.press('6');
  const trash = page.getByRole('listbox', { name: 'Trash' });
  await expect(trash.getByRole('option')).toHaveCount(3);
  await trash.getByRole('option', { name: /Selling precursors/ }).click();
  const item = page.getByRole('region', { name: 'Trash item' });
  await expect(item).toContainText('Claim');
  await expect(item).toContainText('Precursor pipeline');
  await screenshot(page, 'trash');
  await item.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status')).toContainText('Restored');
  await expect(trash.getByRole('option')).toHaveCount(2);
  await page.getByRole('status').getByRole('button', { name: 'Open' }).click();
  await expect(claimDetail.getByRole('heading', { level: 2 })).toContainText('Selling precursors can keep');

  await page.keyboard.press('6');
  await trash.getByRole('option', { name: /White House declaration/ }).click();
  await item.getByRole('button', { name: 'Delete for good…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this for good?' });
  await expect(confirm).toContainText('This cannot be undone.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'trash-purge');
  await confirm.getByRole('button', { name: 'Delete for good' }).click();
  await expect(trash.getByRole('option')).toHaveCount(1);
  expect((await call(server, 'documents.list', { caseId: (await call(server, 'cases.list', {}))[0]!.id })).map((d) => d.title)).not.toContain(
    'White House declaration of a national emergency on fentanyl',
  );

  await page.getByRole('button', { name: 'Empty trash…' }).click();
  const empty = page.getByRole('dialog', { name: 'Empty the trash?' });
  await expect(empty).toContainText('1 item');
  await expect(empty).toContainText('cannot be undone');
  await empty.getByRole('button', { name: 'Delete all for good' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  expect(await call(server, 'trash.list', {})).toEqual([]);
});
