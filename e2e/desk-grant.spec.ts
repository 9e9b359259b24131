// A source on a desk, in the app: who changed a source, a document and a note last (and their
// history); the holder grants a confidential identity to one member from the source's page and
// that member's page shows the name; ticking Confidential on a source whose name already went
// to the desk says it cannot be recalled, and asks before saving.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { CLI, expect, firstLine, screenshot, spawnServe, stop, test, type Server } from './fixtures.js';

test.describe.configure({ timeout: 120_000 });

const SECRET = 'Margarethe Okonkwo-Lindqvist';

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

function invite(data: string, member: string, role: string): string {
  const out = execFileSync(process.execPath, [CLI, 'sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', member, '--role', role, '--json'], { encoding: 'utf8' });
  return (JSON.parse(out) as { value: { token: string } }).value.token;
}

async function openSource(page: Page, name: RegExp | string) {
  await page.keyboard.press('2');
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name }).click();
  return page.getByRole('region', { name: 'Source details' });
}

test('changed by on sources, documents and notes; a confidential identity granted from the source page; a shared source made confidential is warned about', async ({ page, server, browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-grant-'));
  const data = join(dir, 'server');
  const sync = spawn(process.execPath, [CLI, 'sync-server', '--data', data, '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let b: { info: Omit<Server, 'library'>; child: ChildProcess } | undefined;
  try {
    const { url } = JSON.parse(await firstLine(sync)) as { url: string };
    const caseId = (await call(server, 'cases.create', { title: 'Harbour contracts' })).id;
    const secretId = (await call(server, 'sources.create', { name: SECRET, confidential: true, description: 'Insider in the port’s finance office', aliases: ['Deep Harbour'] })).id;
    const publicId = (await call(server, 'sources.create', { name: 'Port Authority', kind: 'organisation' })).id;
    await call(server, 'claims.create', { caseId, statement: 'The dredging contract was awarded without a tender.', sourceIds: [secretId] });
    await call(server, 'claims.create', { caseId, statement: 'The tender rules were followed.', sourceIds: [publicId] });
    const documentId = (await call(server, 'documents.create', { caseId, title: 'Tender register', text: 'Lot 4: no bids received.' })).id;
    const noteId = (await call(server, 'notes.create', { caseId, title: 'Draft', text: 'The port says the rules were followed.' })).id;
    await call(server, 'sync.share', { caseId, server: url, invitation: invite(data, 'Ana', 'reporter') });

    const libraryB = join(dir, 'b.corroborate');
    b = await spawnServe(libraryB, { ...process.env, XDG_DATA_HOME: dir });
    const serverB = { ...b.info, library: libraryB };
    await call(serverB, 'sync.accept', { server: url, invitation: invite(data, 'Ben', 'reporter') });
    // Ben changes a source, the document and the note: Ana's pages say who did.
    await call(serverB, 'sources.update', { id: publicId, description: 'Owns and runs the port' });
    await call(serverB, 'documents.update', { id: documentId, title: 'Tender register, 2025' });
    // The draft is co-edited live (its text travels in its own document, masked by the holder's
    // twin): what the case's record of it carries, and shows as changed by Ben, is its title.
    await call(serverB, 'notes.update', { id: noteId, title: 'Draft, port', text: 'The port insists the rules were followed.' });
    await expect.poll(async () => (await call(server, 'notes.get', { id: noteId })).text, { timeout: 20_000 }).toContain('insists');
    await expect.poll(async () => (await call(server, 'sync.source', { sourceId: secretId }))[0]?.grantable, { timeout: 20_000 }).toEqual(['Ben']);

    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Harbour contracts', level: 1 })).toBeVisible();

    // A source Ben changed: who, when, and its history with the earlier value restorable.
    let detail = await openSource(page, /Port Authority/);
    await expect(detail.getByText(/Changed by Ben \(reporter\)/)).toBeVisible({ timeout: 10_000 });
    await detail.getByText(/History/).click();
    await expect(detail.locator('.desk-history-list li', { hasText: 'Owns and runs the port' })).toBeVisible();
    await expect(detail.locator('.desk-history-list li', { hasText: 'Owns and runs the port' }).getByRole('button', { name: /Restore/ })).toHaveCount(0);
    await expect(detail.locator('.desk-history-list li', { hasText: 'Description' }).getByRole('button', { name: 'Restore this description' })).toHaveCount(1);
    expect(await seriousViolations(page, '.desk-changed'), 'source history').toEqual([]);
    await screenshot(page, 'desk-source-changed-by');

    // The document and the note, likewise.
    await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Documents' }).click();
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Tender register, 2025/ }).click();
    const docDetail = page.getByRole('region', { name: 'Document details' });
    await expect(docDetail.getByText(/Changed by Ben \(reporter\)/)).toBeVisible();
    await docDetail.getByText(/History/).click();
    await expect(docDetail.locator('.desk-history-list li', { hasText: /^Title Tender register by/ })).toBeVisible();
    await screenshot(page, 'desk-document-changed-by');
    await docDetail.locator('.desk-history-list li', { hasText: /^Title Tender register by/ }).getByRole('button', { name: 'Restore this title' }).click();
    await expect(docDetail.getByRole('heading', { level: 2 })).toHaveText('Tender register');

    await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Notes' }).click();
    await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Draft, port/ }).click();
    await expect(page.getByRole('textbox', { name: 'Note text' })).toContainText('The port insists the rules were followed.');
    const changedNote = page.locator('.note-host .desk-changed');
    await expect(changedNote.getByText(/Changed by Ben \(reporter\)/)).toBeVisible();
    await changedNote.getByText(/History/).click();
    // The note's history reads as its fields' words, never the editor's JSON.
    await expect(changedNote.locator('.desk-history-list')).toContainText('Draft, port');
    await expect(changedNote.locator('.desk-history-list')).not.toContainText('"root"');
    await screenshot(page, 'desk-note-changed-by');

    // Ana holds the confidential identity and grants it to Ben from the source's page.
    detail = await openSource(page, new RegExp(SECRET));
    await expect(detail.getByText(/You hold this source’s identity on the desk “harbour”/)).toBeVisible();
    await detail.getByRole('button', { name: 'Grant identity to…' }).click();
    const grantForm = detail.getByRole('form', { name: 'Grant identity' });
    await expect(grantForm.getByLabel('Grant identity to')).toHaveValue('Ben');
    const benKey = (await call(serverB, 'sync.source', { sourceId: secretId }))[0]!.yourFingerprint!;
    await expect(grantForm.locator('.desk-fingerprint')).toHaveText(benKey);
    expect(await seriousViolations(page, '.desk-identity'), 'grant form').toEqual([]);
    await screenshot(page, 'desk-grant-identity');
    await grantForm.getByRole('button', { name: 'Grant' }).click();
    await expect(detail.getByRole('list', { name: 'Identity granted to' })).toContainText('Ben (reporter)');
    await screenshot(page, 'desk-granted');

    // Ben's page shows the name, and says who granted it.
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    await pageB.goto(b.info.url);
    await expect(pageB.getByRole('heading', { name: 'Harbour contracts', level: 1 })).toBeVisible();
    await pageB.keyboard.press('2');
    await expect(pageB.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: new RegExp(SECRET) })).toBeVisible({ timeout: 20_000 });
    await pageB.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: new RegExp(SECRET) }).click();
    const detailB = pageB.getByRole('region', { name: 'Source details' });
    await expect(detailB.getByRole('heading', { level: 2 })).toHaveText(SECRET);
    await expect(detailB.getByText(/granted you this identity, sealed to your key/)).toBeVisible();
    await expect(detailB.locator('.desk-fingerprint')).toHaveText(benKey);
    await screenshot(pageB, 'desk-granted-member');
    await contextB.close();

    // Ana ticks Confidential on the Port Authority, whose name went to the desk: the page says it cannot be recalled, and asks.
    detail = await openSource(page, /Port Authority/);
    await detail.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit source' });
    await form.getByLabel('Confidential source').check();
    await expect(form.getByRole('alert')).toContainText('cannot be recalled');
    await screenshot(page, 'desk-confidential-warning');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const ask = page.getByRole('dialog', { name: 'Make a shared source confidential?' });
    await expect(ask).toContainText('members who received it keep it');
    expect(await seriousViolations(page, 'dialog'), 'confirm').toEqual([]);
    await screenshot(page, 'desk-confidential-confirm');
    expect((await call(server, 'sources.get', { id: publicId })).source.confidential).toBe(false);
    await ask.getByRole('button', { name: 'Make it confidential from now on' }).click();
    await expect(detail.locator('.detail-kicker')).toContainText('Confidential');
    expect((await call(server, 'sources.get', { id: publicId })).source.confidential).toBe(true);
  } finally {
    if (b) await stop(b.child);
    await stop(sync);
    rmSync(dir, { recursive: true, force: true });
  }
});
