import { makeDocx, makePdf } from '../test/make-files.js';
import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
import { dropFiles, openEmptyCase, seriousViolations, textFile } from './reader-helpers.js';

const ARTICLE_HTML = `<!doctype html><html><head><title>Port of Manzanillo doubles inspections | The Coast Ledger</title>
<meta name="author" content="Ana Beltrán"><meta property="og:site_name" content="The Coast Ledger">
<meta property="article:published_time" content="2024-03-12T09:00:00Z"><link rel="canonical" href="https://ledger.example.com/port-inspections">
</head><body><nav>Home · World · Business</nav><article><h1>Port of Manzanillo doubles inspections</h1>
<p>The port's director said on Tuesday that container inspections had doubled since January, after complaints from Washington.</p>
<p>Customs brokers said the new checks were mostly on paper. <script>alert("never run")</script></p>
<p>The navy, which runs the port, declined to comment on the figures, which could not be independently verified.</p></article>
<footer>© The Coast Ledger · Subscribe</footer></body></html>`;

test.describe.configure({ timeout: 90_000 });

test('files are imported by picker and by drop, with their metadata; repeats, empty and foreign files are told apart', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const input = page.locator('input[type=file]');
  const imports = page.getByRole('region', { name: /^Imports/ });
  const list = page.getByRole('listbox', { name: 'Documents' });

  // Four formats at once through the picker.
  const pdf = makePdf([['Customs register, March 2024', 'Containers inspected: 412'], ['Containers released without inspection: 1,204']], {
    title: 'Customs register March 2024',
    author: 'Aduana Manzanillo',
  });
  await input.setInputFiles([
    textFile('minutes.txt', 'Minutes of the port board\n\nThe board approved the dredging contract without a public tender.'),
    textFile('article.html', ARTICLE_HTML, 'text/html'),
    { name: 'register.pdf', mimeType: 'application/pdf', buffer: pdf },
    {
      name: 'memo.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: makeDocx(['Memo on the inspection backlog', 'The backlog stands at 3,000 containers.'], { title: 'Inspection backlog memo', creator: 'J. Ortiz' }),
    },
  ]);
  await expect(imports.getByRole('listitem')).toHaveCount(4);
  for (const [file, title] of [
    ['minutes.txt', 'Minutes of the port board'],
    ['article.html', 'Port of Manzanillo doubles inspections'],
    ['register.pdf', 'Customs register March 2024'],
    ['memo.docx', 'Memo on the inspection backlog'],
  ] as const) {
    await expect(imports.getByRole('listitem').filter({ hasText: file })).toContainText(`Imported as “${title}”`);
  }
  await expect(list.getByRole('option')).toHaveCount(4);
  // The web page says where and when it was published; the text file does not, and is asked.
  const asked = (title: string) => imports.getByRole('form', { name: `Where and when “${title}” was published` });
  await expect(asked('Port of Manzanillo doubles inspections')).toHaveCount(0);
  await expect(asked('Minutes of the port board')).toBeVisible();
  await asked('Minutes of the port board').getByLabel('Published on').fill('2024-13');
  await expect(asked('Minutes of the port board').getByRole('button', { name: 'Save' })).toBeDisabled();
  await asked('Minutes of the port board').getByLabel('Outlet').fill('Port board of Manzanillo');
  await asked('Minutes of the port board').getByLabel('Published on').fill('2024-03');
  await asked('Minutes of the port board').getByRole('button', { name: 'Save' }).click();
  await expect(asked('Minutes of the port board')).toHaveCount(0);

  // Dropped on the view: several at once, one of them a file already imported.
  await dropFiles(page, page.locator('.documents-view'), [
    textFile('notes.md', '# Notes from the harbour\n\nTwo cranes were idle all week.', 'text/markdown'),
    textFile('minutes.txt', 'Minutes of the port board\n\nThe board approved the dredging contract without a public tender.'),
  ]);
  await expect(imports.getByRole('listitem').filter({ hasText: 'notes.md' })).toContainText('Imported as “Notes from the harbour”');
  await expect(imports.getByRole('listitem').filter({ hasText: 'minutes.txt' }).first()).toContainText('Already imported, as “Minutes of the port board”');
  await expect(list.getByRole('option')).toHaveCount(5);

  // Files the library cannot take say why, next to their name.
  await input.setInputFiles([textFile('blank.txt', ''), { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00binary') }]);
  await expect(imports.getByRole('listitem').filter({ hasText: 'blank.txt' })).toContainText('is empty (0 bytes)');
  await expect(imports.getByRole('listitem').filter({ hasText: 'setup.exe' })).toContainText('Corroborate cannot import “.exe” files');
  await expect(list.getByRole('option')).toHaveCount(5);
  await list.getByRole('option', { name: /Port of Manzanillo doubles inspections/ }).click();
  await expect(page.getByRole('region', { name: 'Document details' }).locator('.reader')).toContainText('declined to comment');
  await expect(page.locator('.reader')).not.toContainText('never run');
  expect(await seriousViolations(page), 'import screen').toEqual([]);
  await screenshot(page, 'import');

  // The web page's metadata was read; the reporter corrects what the file got wrong.
  const docs = await call(server, 'documents.list', { caseId });
  expect(docs.find((d) => d.fileName === 'minutes.txt')).toMatchObject({ publisher: 'Port board of Manzanillo', publishedOn: '2024-03' });
  const article = docs.find((d) => d.fileName === 'article.html')!;
  expect(article).toMatchObject({ author: 'Ana Beltrán', publisher: 'The Coast Ledger', publishedOn: '2024-03-12', url: 'https://ledger.example.com/port-inspections' });
  const register = docs.find((d) => d.fileName === 'register.pdf')!;
  expect(register).toMatchObject({ author: 'Aduana Manzanillo', kind: 'report' });
  await imports.getByRole('button', { name: 'Edit the details of “Customs register March 2024”' }).click();
  const form = page.getByRole('form', { name: 'Edit document details' });
  await expect(form.getByLabel('Title')).toHaveValue('Customs register March 2024');
  await form.getByLabel('Publisher').fill('Mexican Customs Agency (ANAM)');
  await form.getByLabel('Published on').fill('2024-04');
  await form.getByRole('button', { name: 'Save changes' }).click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail).toContainText('Mexican Customs Agency (ANAM)');
  await expect(detail).toContainText('Apr 2024');
  await expect(detail).toContainText('register.pdf');
  await expect(detail.locator('.page-break')).toHaveText(['Page 1', 'Page 2']);

  // Clearing the finished imports empties the list.
  await imports.getByRole('button', { name: 'Clear finished' }).click();
  await expect(imports).toHaveCount(0);
});

test('a long PDF shows its progress and can be cancelled, leaving nothing behind; the menu’s Import opens the picker', async ({ page, server }) => {
  const caseId = await openEmptyCase(page, server);
  const pages = Array.from({ length: 400 }, (_, i) => [
    `Annex ${i + 1}: consignments recorded at the inner harbour.`,
    'Shipments of precursor chemicals were declared as industrial solvents.',
    'The consignee field was left empty on most of the forms.',
  ]);
  const long = { name: 'annexes.pdf', mimeType: 'application/pdf', buffer: makePdf(pages, { title: 'Annexes to the customs audit' }) };
  const imports = page.getByRole('region', { name: /^Imports/ });
  const item = imports.getByRole('listitem').filter({ hasText: 'annexes.pdf' });

  // Cancelled on a file five times as long, so the import cannot finish between seeing its
  // progress and the click arriving (400 pages take about a second, and once they finished first).
  const longer = { ...long, buffer: makePdf([...pages, ...pages, ...pages, ...pages, ...pages], { title: 'Annexes to the customs audit' }) };
  await page.locator('input[type=file]').setInputFiles(longer);
  await expect(item).toContainText(/Reading page \d+ of 2000/);
  // Cancel is pressed at once, not after Playwright's wait for a still button.
  await item.getByRole('button', { name: 'Cancel importing annexes.pdf' }).dispatchEvent('click');
  await expect(item).toContainText('Cancelled: nothing was saved.');
  expect(await call(server, 'documents.list', { caseId })).toEqual([]);

  // The same file again, to the end: how long 400 pages take, from the page's side.
  await imports.getByRole('button', { name: 'Clear finished' }).click();
  const began = Date.now();
  await page.locator('input[type=file]').setInputFiles(long);
  await expect(item.getByRole('progressbar')).toBeVisible();
  await screenshot(page, 'import-progress');
  await expect(item).toContainText('Imported as “Annexes to the customs audit”', { timeout: 60_000 });
  const took = Date.now() - began;
  test.info().annotations.push({ type: 'timing', description: `400-page PDF imported in ${took} ms` });
  console.log(`400-page PDF imported in the app in ${took} ms`);
  await item.getByRole('button', { name: 'Open “Annexes to the customs audit”' }).click();
  const detail = page.getByRole('region', { name: 'Document details' });
  await expect(detail.getByText('400 pages')).toBeVisible();
  await expect(detail.locator('.page-break')).toHaveCount(400);

  // Electron's menu item sends 'import': the picker opens on the Documents view.
  await page.keyboard.press('1');
  const chooser = page.waitForEvent('filechooser');
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'import' })));
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  await expect(page.getByRole('button', { name: 'Import files…' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New document' })).toHaveCount(0);
  await picker.setFiles([textFile('from-menu.txt', 'Chosen through the menu.')]);
  await expect(imports.getByRole('listitem').filter({ hasText: 'from-menu.txt' })).toContainText('Imported as');
});
