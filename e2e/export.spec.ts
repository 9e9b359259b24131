// File → Export packet…: the dialog previews each profile (what a lawyer's packet shows is not
// what a fact-checker's does), downloads the chosen format, and the downloaded HTML, opened in
// Chromium with JavaScript on, runs none of the script a record smuggled into it.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { call as apiCall } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

const CONFIDENTIAL = 'Rafael Entrena Solís';
const PAYLOAD = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

test.use({ demo: true });
test.describe.configure({ timeout: 90_000 });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the export dialog previews each profile and downloads the packet', async ({ page, server, consoleErrors }, testInfo) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Precursor pipeline' })).toBeVisible();
  const [theCase] = (await apiCall(server, 'cases.list', {})) as { id: string }[];
  await apiCall(server, 'claims.create', { caseId: theCase!.id, statement: `A claim with a payload ${PAYLOAD}` });
  await page.reload();

  await page.getByRole('button', { name: 'Export packet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export packet' });
  await expect(dialog).toBeVisible();
  // What the sandboxed frame shows is read from its srcdoc: driving a frame that may not run
  // scripts would make Chromium log each of the test's own probes as a blocked script.
  const frame = dialog.locator('iframe[title="Packet preview"]');
  const preview = {
    // Each choice builds the packet again on the server: on a busy machine that takes a while.
    shows: (text: string) => expect(frame).toHaveAttribute('srcdoc', new RegExp(escape(text)), { timeout: 15_000 }),
    hides: (text: string) => expect(frame).not.toHaveAttribute('srcdoc', new RegExp(escape(text)), { timeout: 15_000 }),
  };

  // Editor (the default): the confidential source only by its description.
  await preview.shows('<h1>Source packet: Precursor pipeline</h1>');
  await preview.shows('Confidential source (a customs broker at the port of Manzanillo)');
  await preview.hides(CONFIDENTIAL);
  await expect(dialog.getByText('1 confidential identity shown by description only')).toBeVisible();
  // The claim map, drawn from the redacted packet: the source by its description there too.
  await preview.shows('<h2>Claim map</h2><figure class="claim-map">');
  await preview.shows('. Confidential source (a customs broker at the port of Manzanillo)</title>');
  await screenshot(page, 'export-editor');
  const axe = await new AxeBuilder({ page }).include('dialog').exclude('iframe').options({ iframes: false }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await dialog.getByLabel('Include the claim map').uncheck();
  await preview.shows('Editor, without the claim map');
  await preview.hides('<h2>Claim map</h2>');
  await dialog.getByLabel('Include the claim map').check();
  await preview.shows('<h2>Claim map</h2>');

  await dialog.getByLabel('Lawyer').check();
  await preview.shows('Lawyer: Full claims and evidence');
  await preview.hides(CONFIDENTIAL);
  await preview.hides('r.entrena@example.org');
  await screenshot(page, 'export-lawyer');

  await dialog.getByLabel('Fact-checker').check();
  await preview.shows(CONFIDENTIAL);
  await preview.shows('r.entrena@example.org');
  await screenshot(page, 'export-fact-checker');

  await dialog.getByLabel('Custom…').check();
  await dialog.getByLabel('Off the record').check();
  await dialog.getByLabel('On the record').uncheck();
  await dialog.getByLabel('On background').uncheck();
  await dialog.getByLabel('Deep background').uncheck();
  await expect(dialog.getByText('Include at least one attribution level.')).toHaveCount(0);
  await preview.shows('<dt>Attribution levels included</dt><dd>off the record</dd>');
  await preview.shows(', 0 claims,');
  await screenshot(page, 'export-custom');

  // The payload is shown as text in the preview, and nothing in the frame ran.
  await dialog.getByLabel('Lawyer').check();
  await preview.shows('A claim with a payload &lt;img src=x onerror=&quot;');
  await preview.hides('<img');
  await preview.hides('<script');

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^packet-lawyer-\d{4}-\d{2}-\d{2}\.html$/);
  const file = testInfo.outputPath('packet.html');
  await download.saveAs(file);
  await expect(dialog).toBeHidden();
  const html = readFileSync(file, 'utf8');
  expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'");
  expect(html).not.toContain(CONFIDENTIAL);
  expect(html).not.toMatch(/<script/i);

  // Opened on its own with JavaScript enabled, the packet runs nothing.
  const page2 = await page.context().newPage();
  await page2.goto(pathToFileURL(file).href);
  await expect(page2.getByRole('heading', { level: 1 })).toHaveText('Source packet: Precursor pipeline');
  await expect(page2.getByRole('cell', { name: /^A claim with a payload <img src=x/ })).toBeVisible();
  expect(await page2.title()).toBe('Source packet: Precursor pipeline');
  expect(await page2.locator('script, img').count()).toBe(0);
  await expect(page2.getByRole('img', { name: 'Claim map: Precursor pipeline' })).toBeVisible();
  await screenshot(page2, 'export-downloaded-html');
  await page2.getByRole('heading', { name: 'Claim map' }).scrollIntoViewIfNeeded();
  await screenshot(page2, 'export-downloaded-html-map');
  const packetAxe = await new AxeBuilder({ page: page2 }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(packetAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page2.close();

  // Playwright sets up its own scripts in every frame; the preview's sandbox (no allow-scripts)
  // refuses them, and Chromium logs each refusal. That is the sandbox working: only those go.
  acceptOnlySandboxRefusals(consoleErrors);
});

/**
 * Playwright tries to run its own helper script in every frame, the preview's sandboxed srcdoc
 * frame too, and Chromium logs the refusal: the one console error an export test accepts (the
 * sandbox doing its work), and only after the rest of the test has passed.
 */
function acceptOnlySandboxRefusals(consoleErrors: string[]): void {
  const refused = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/;
  expect(consoleErrors.filter((e) => !refused.test(e))).toEqual([]);
  consoleErrors.splice(0, consoleErrors.length);
}

test('the File menu command opens the dialog; a PDF downloads', async ({ page, server, consoleErrors }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Precursor pipeline' })).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'export' })));
  const dialog = page.getByRole('dialog', { name: 'Export packet' });
  await dialog.getByLabel('Format').selectOption('pdf');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^packet-editor-.*\.pdf$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // A ZIP (it prints a PDF inside) can be cancelled while it is made: nothing is downloaded.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'export' })));
  await dialog.getByLabel('Format').selectOption('zip');
  let downloads = 0;
  page.on('download', () => downloads++);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Cancelled: no packet was made.', { timeout: 15_000 });
  await expect(dialog.getByRole('button', { name: 'Export' })).toBeEnabled();
  expect(downloads).toBe(0);
  acceptOnlySandboxRefusals(consoleErrors);
});

test('Ctrl+Shift+E opens the dialog in the browser too, and it opens again with the last profile and format', async ({ page, server, consoleErrors }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Precursor pipeline' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Export packet' });
  await page.keyboard.press('Control+Shift+E');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Editor' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Lawyer' }).check();
  await dialog.getByLabel('Format').selectOption('md');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Opened again, and after a reload: the same choice.
  await page.keyboard.press('Control+Shift+E');
  await expect(dialog.getByRole('radio', { name: 'Lawyer' })).toBeChecked();
  await expect(dialog.getByLabel('Format')).toHaveValue('md');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Precursor pipeline' })).toBeVisible();
  await page.keyboard.press('Control+Shift+E');
  await expect(dialog.getByRole('radio', { name: 'Lawyer' })).toBeChecked();
  await expect(dialog.getByLabel('Format')).toHaveValue('md');
  await screenshot(page, 'export-remembered');
  // Kept in the library, not the browser: any door, any origin reads it.
  expect((await apiCall(server, 'packets.profiles', {})).last).toEqual({ profile: 'lawyer', format: 'md' });
  acceptOnlySandboxRefusals(consoleErrors);
});
