// Several libraries (issue 16): the chooser opens another from the recent list or by its path,
// the open library's name is always in sight, and nothing of one library is on screen while
// another is open. And serve keeps the case and view left open across launches.

import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, firstLine, screenshot, stop, test } from './fixtures.js';
import { newNote, openNotesView, saved } from './notes-fixtures.js';

const cli = fileURLToPath(new URL('../bin/corroborate.js', import.meta.url));

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-e2e-libraries-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI, with the recent list in the test's folder rather than the user's. */
function corroborate(...args: string[]): string {
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: dir } });
}

async function serve(library: string, ...flags: string[]): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [cli, '--library', library, 'serve', '--json', ...flags], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_DATA_HOME: dir } });
  const { url, port } = (JSON.parse(await firstLine(child)) as { value: { url: string; port: number } }).value;
  return { child, url, port };
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Case file' });

async function openChooser(page: Page) {
  await sidebar(page).getByRole('button', { name: /^Library: / }).click();
  const chooser = page.getByRole('dialog', { name: 'Libraries' });
  await expect(chooser).toBeVisible();
  return chooser;
}

async function expectOpen(page: Page, name: string) {
  await expect(sidebar(page).getByRole('button', { name: `Library: ${name}. Open another library…` })).toBeVisible();
  await expect(page).toHaveTitle(`${name} – Corroborate`);
}

test('the chooser: another library by path and from the recent list, its name in sight, nothing of the other on screen', async ({ page }) => {
  const alpha = join(dir, 'alpha.corroborate');
  const bravo = join(dir, 'bravo.corroborate');
  corroborate('--library', alpha, 'demo');
  corroborate('--library', bravo, 'init');
  corroborate('--library', bravo, 'call', 'cases.create', JSON.stringify({ title: 'Harbour dredging' }));
  writeFileSync(join(dir, 'memo.txt'), 'Not a library.');
  const server = await serve(alpha, '--port', '0');
  try {
    await page.goto(server.url);
    await expectOpen(page, 'alpha');
    await expect(sidebar(page).getByRole('button', { name: /Precursor pipeline/ })).toBeVisible();
    // In alpha the reporter searched, then read sources: alpha keeps that, bravo never sees it.
    await sidebar(page).getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#search-box').fill('fentanyl');
    await sidebar(page).getByRole('button', { name: 'Sources', exact: true }).click();
    await expect(page.getByText('Drug Enforcement Administration').first()).toBeVisible();

    // A path that is not a library: said, and alpha stays open.
    let chooser = await openChooser(page);
    await chooser.getByLabel('Path of the library file').fill(join(dir, 'memo.txt'));
    await chooser.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Libraries' }).getByRole('alert')).toContainText('not a Corroborate library');
    await expectOpen(page, 'alpha');
    await screenshot(page, 'library-chooser-refused');

    // Bravo by its path.
    chooser = page.getByRole('dialog', { name: 'Libraries' });
    await chooser.getByLabel('Path of the library file').fill(bravo);
    await chooser.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Libraries' })).toBeHidden();
    await expectOpen(page, 'bravo');
    await expect(sidebar(page).getByRole('button', { name: /Harbour dredging/ })).toBeVisible();
    await expect(sidebar(page).getByRole('button', { name: 'Claims', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('body')).not.toContainText('Precursor pipeline');
    await sidebar(page).getByRole('button', { name: 'Sources', exact: true }).click();
    await expect(page.locator('body')).not.toContainText('Drug Enforcement Administration');
    await sidebar(page).getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.locator('#search-box')).toHaveValue('');
    await sidebar(page).getByRole('button', { name: 'Sources', exact: true }).click();

    // Back to alpha from the recent list: its case and its view, as left.
    chooser = await openChooser(page);
    await expect(chooser.getByText('Open now:')).toContainText('bravo');
    await screenshot(page, 'library-chooser');
    await chooser.getByRole('button', { name: 'Open alpha' }).click();
    await expectOpen(page, 'alpha');
    await expect(sidebar(page).getByRole('button', { name: 'Sources', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Drug Enforcement Administration').first()).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Harbour dredging');

    // And bravo again, from the list.
    chooser = await openChooser(page);
    await chooser.getByRole('button', { name: 'Open bravo' }).click();
    await expectOpen(page, 'bravo');
    await expect(page.locator('body')).not.toContainText('Precursor pipeline');
    await expect(page.locator('body')).not.toContainText('Drug Enforcement Administration');
    await screenshot(page, 'library-bravo-open');

    // A new library, made from the chooser; then gone from the disk: missing, and removable.
    chooser = await openChooser(page);
    const charlie = join(dir, 'charlie.corroborate');
    await chooser.getByLabel('Path of the library file').fill(charlie);
    await chooser.getByRole('button', { name: 'Create new library' }).click();
    await expectOpen(page, 'charlie');
    await expect(page.getByRole('heading', { name: 'Your case file is empty' })).toBeVisible();
    chooser = await openChooser(page);
    await chooser.getByRole('button', { name: 'Open bravo' }).click();
    await expectOpen(page, 'bravo');
    rmSync(charlie);
    chooser = await openChooser(page);
    const gone = chooser.getByRole('listitem').filter({ hasText: 'charlie' });
    await expect(gone.getByText('missing')).toBeVisible();
    await expect(gone.getByRole('button', { name: 'charlie is not at its path any more' })).toBeDisabled();
    await screenshot(page, 'library-chooser-missing');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await gone.getByRole('button', { name: 'Remove charlie from the list' }).click();
    await expect(chooser.getByRole('listitem').filter({ hasText: 'charlie' })).toHaveCount(0);
    await expect(chooser.getByRole('button', { name: 'Open alpha' })).toBeVisible();
  } finally {
    await stop(server.child);
  }
});

test('the app menu’s Open Library… (the page command open-library) opens the chooser', async ({ page }) => {
  const alpha = join(dir, 'alpha.corroborate');
  corroborate('--library', alpha, 'init');
  const server = await serve(alpha, '--port', '0');
  try {
    await page.goto(server.url);
    await expectOpen(page, 'alpha');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'open-library' })));
    await expect(page.getByRole('dialog', { name: 'Libraries' })).toBeVisible();
  } finally {
    await stop(server.child);
  }
});

test('serve keeps the case and view left open across launches, on the library’s own port', async ({ page }) => {
  const library = join(dir, 'pipeline.corroborate');
  corroborate('--library', library, 'demo');
  corroborate('--library', library, 'call', 'cases.create', JSON.stringify({ title: 'Harbour dredging' }));
  const first = await serve(library);
  let port: number;
  try {
    port = first.port;
    await page.goto(first.url);
    await sidebar(page).getByRole('button', { name: /Precursor pipeline/ }).click();
    await sidebar(page).getByRole('button', { name: 'Timeline', exact: true }).click();
    await expect(sidebar(page).getByRole('button', { name: 'Timeline', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(sidebar(page).getByRole('button', { name: /Precursor pipeline/ })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  } finally {
    await stop(first.child);
  }
  // The browser window closed with serve; the next launch's window starts from nothing but what
  // the browser keeps for the origin (a bare change of the address's #token would not reload).
  await page.goto('about:blank');

  const second = await serve(library);
  try {
    expect(second.port).toBe(port);
    await page.goto(second.url);
    await expectOpen(page, 'pipeline');
    await expect(sidebar(page).getByRole('button', { name: /Precursor pipeline/ })).toHaveAttribute('aria-current', 'true');
    await expect(sidebar(page).getByRole('button', { name: 'Timeline', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'serve-remembered-view');
  } finally {
    await stop(second.child);
  }
});

test('a line typed just before a switch is saved, in its own library', async ({ page }) => {
  const alpha = join(dir, 'alpha.corroborate');
  const bravo = join(dir, 'bravo.corroborate');
  corroborate('--library', alpha, 'init');
  const theCase = JSON.parse(corroborate('--library', alpha, 'call', 'cases.create', JSON.stringify({ title: 'Harbour contracts' }))) as { value: { id: string } };
  corroborate('--library', bravo, 'init');
  const server = await serve(alpha, '--port', '0');
  try {
    await page.goto(server.url);
    // Bravo on the recent list: opened once, and back.
    let chooser = await openChooser(page);
    await chooser.getByLabel('Path of the library file').fill(bravo);
    await chooser.getByRole('button', { name: 'Open', exact: true }).click();
    await expectOpen(page, 'bravo');
    chooser = await openChooser(page);
    await chooser.getByRole('button', { name: 'Open alpha' }).click();
    await expectOpen(page, 'alpha');

    await openNotesView(page);
    const text = await newNote(page, 'Interview');
    await text.pressSequentially('The harbour master said the tender was skipped.');
    await saved(page);
    await page.keyboard.press('Enter');
    // Within the autosave's delay: the switch itself must see the line saved.
    await text.pressSequentially('Typed just before the switch.');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'open-library' })));
    await page.getByRole('dialog', { name: 'Libraries' }).getByRole('button', { name: 'Open bravo' }).click();
    await expectOpen(page, 'bravo');

    const notes = JSON.parse(corroborate('--library', alpha, 'call', 'notes.list', JSON.stringify({ caseId: theCase.value.id }))) as { value: { id: string }[] };
    expect(notes.value).toHaveLength(1);
    const note = JSON.parse(corroborate('--library', alpha, 'call', 'notes.get', JSON.stringify({ id: notes.value[0]!.id }))) as { value: { text: string } };
    expect(note.value.text).toContain('Typed just before the switch.');
    expect(JSON.parse(corroborate('--library', bravo, 'call', 'cases.list'))).toEqual({ ok: true, value: [] });
  } finally {
    await stop(server.child);
  }
});

test('an encrypted library opened from the chooser asks for its passphrase first', async ({ page }) => {
  const alpha = join(dir, 'alpha.corroborate');
  const sealed = join(dir, 'sealed.corroborate');
  corroborate('--library', alpha, 'init');
  corroborate('--library', sealed, 'init');
  corroborate('--library', sealed, 'call', 'cases.create', JSON.stringify({ title: 'Informant meetings' }));
  execFileSync(process.execPath, [cli, '--library', sealed, 'encrypt'], { env: { ...process.env, XDG_DATA_HOME: dir, CORROBORATE_NEW_PASSPHRASE: 'a long enough passphrase' } });
  const server = await serve(alpha, '--port', '0');
  try {
    await page.goto(server.url);
    const chooser = await openChooser(page);
    await chooser.getByLabel('Path of the library file').fill(sealed);
    await chooser.getByRole('button', { name: 'Open', exact: true }).click();
    const passphrase = page.getByLabel('Passphrase');
    await expect(passphrase).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Informant meetings');
    await screenshot(page, 'library-encrypted-locked');
    await passphrase.fill('a long enough passphrase');
    await passphrase.press('Enter');
    await expectOpen(page, 'sealed');
    await expect(sidebar(page).getByRole('button', { name: /Informant meetings/ })).toBeVisible();
  } finally {
    await stop(server.child);
  }
});

test('a second tab still showing the library another tab closed saves nothing into the one open now', async ({ page, context }) => {
  const alpha = join(dir, 'alpha.corroborate');
  const bravo = join(dir, 'bravo.corroborate');
  corroborate('--library', alpha, 'init');
  corroborate('--library', bravo, 'init');
  const server = await serve(alpha, '--port', '0');
  try {
    await page.goto(server.url);
    await expectOpen(page, 'alpha');
    // The token lives in the tab's sessionStorage: the second tab gets its own address.
    const other = await context.newPage();
    await other.goto(server.url);
    await expectOpen(other, 'alpha');

    const chooser = await openChooser(page);
    await chooser.getByLabel('Path of the library file').fill(bravo);
    await chooser.getByRole('button', { name: 'Open', exact: true }).click();
    await expectOpen(page, 'bravo');

    await other.getByRole('button', { name: 'Start a case' }).click();
    const form = other.getByRole('dialog', { name: 'New case' });
    await form.getByLabel('Title').fill('Meant for alpha');
    await form.getByRole('button', { name: 'Create case' }).click();
    await expect(form.getByRole('alert')).toContainText('Another library has been opened');
    await screenshot(other, 'library-changed-elsewhere');
    expect(JSON.parse(corroborate('--library', bravo, 'call', 'cases.list'))).toEqual({ ok: true, value: [] });
    expect(JSON.parse(corroborate('--library', alpha, 'call', 'cases.list'))).toEqual({ ok: true, value: [] });
    await other.close();
  } finally {
    await stop(server.child);
  }
});
