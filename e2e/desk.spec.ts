// A desk in the app: two `serve`s on two libraries and one sync server, all on loopback. A shares
// the case from its page, B joins from its page, a claim edited in A shows in B with who changed
// it; A's indicator goes offline when the server stops and back to synced after its restart.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { CLI, expect, firstLine, screenshot, spawnServe, stop, test, type Server } from './fixtures.js';
import { openNote, openNotesView } from './notes-fixtures.js';

test.describe.configure({ timeout: 120_000 });

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

async function syncServer(data: string, port = 0): Promise<{ url: string; port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'sync-server', '--data', data, '--json', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = JSON.parse(await firstLine(child)) as { url: string; port: number };
  return { ...ready, child };
}

function invite(data: string, member: string, role: string): string {
  const out = execFileSync(process.execPath, [CLI, 'sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', member, '--role', role, '--json'], { encoding: 'utf8' });
  return (JSON.parse(out) as { value: { token: string } }).value.token;
}

const FIRST = 'The dredging contract was awarded without a tender.';
const EDITED = 'The dredging contract went to a firm that never tendered.';

test('share from one page, join from another, a change shows who made it; the indicator follows the server', async ({ page, server, browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-desk-'));
  const data = join(dir, 'server');
  let sync = await syncServer(data);
  let b: { info: Omit<Server, 'library'>; child: ChildProcess } | undefined;
  try {
    const caseId = (await call(server, 'cases.create', { title: 'Harbour contracts' })).id;
    const claimId = (await call(server, 'claims.create', { caseId, statement: FIRST })).id;

    // A shares the case from its page.
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Harbour contracts', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Share case…' }).click();
    const share = page.getByRole('dialog', { name: 'Share case with a desk' });
    // A mistyped invitation is refused in words, next to its field, and nothing goes out.
    await share.getByLabel('Sync server address').fill(sync.url);
    await share.getByLabel('Invitation').fill('inv 1234');
    await share.getByRole('button', { name: 'Share case' }).click();
    await expect(share.locator('.field-error')).toHaveText('An invitation starts with inv_ and has no spaces: paste it as it was given.');
    expect(await seriousViolations(page, 'dialog'), 'share dialog').toEqual([]);
    await screenshot(page, 'desk-share-dialog');
    await share.getByLabel('Invitation').fill(invite(data, 'Ana', 'reporter'));
    await share.getByRole('button', { name: 'Share case' }).click();
    await expect(share).toBeHidden();
    const stateA = page.getByRole('status').filter({ hasText: /Synced|Syncing|Connecting|Offline/ });
    await expect(stateA).toHaveText('Synced', { timeout: 15_000 });

    // B joins from its own page (its own library, its own serve).
    const libraryB = join(dir, 'b.corroborate');
    b = await spawnServe(libraryB, { ...process.env, XDG_DATA_HOME: dir, CORROBORATE_CHECKER: 'Lee' });
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    await pageB.goto(b.info.url);
    await pageB.getByRole('button', { name: 'Join case…' }).click();
    const joinDialog = pageB.getByRole('dialog', { name: 'Join a desk’s case' });
    await joinDialog.getByLabel('Sync server address').fill(sync.url);
    await joinDialog.getByLabel('Invitation').fill(invite(data, 'Lee', 'fact-checker'));
    expect(await seriousViolations(pageB, 'dialog'), 'join dialog').toEqual([]);
    await screenshot(pageB, 'desk-join-dialog');
    await joinDialog.getByRole('button', { name: 'Join case' }).click();
    await expect(joinDialog).toBeHidden({ timeout: 15_000 });
    await expect(pageB.getByRole('heading', { name: 'Harbour contracts', level: 1 })).toBeVisible();
    await expect(pageB.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: new RegExp(FIRST) })).toBeVisible();

    // Members, and who is here now, on both sides.
    await pageB.getByText(/2 members/).click();
    await expect(pageB.getByRole('list', { name: 'Members of the case' })).toContainText('Ana');
    await expect(pageB.getByRole('list', { name: 'Members of the case' })).toContainText('here now');
    expect(await seriousViolations(pageB, '.desk-bar'), 'members').toEqual([]);
    await screenshot(pageB, 'desk-members');

    // A opens a draft: B's list, pushed by the server (nothing polls), says which note A is in.
    await call(server, 'notes.create', { caseId, title: 'Harbour draft', text: 'Two port officials confirm it.' });
    await openNotesView(page);
    await openNote(page, /Harbour draft/);
    const membersB = pageB.getByRole('list', { name: 'Members of the case' });
    await expect(membersB.getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('here now in “Harbour draft”', { timeout: 10_000 });
    expect(await seriousViolations(pageB, '.desk-bar'), 'members in a note').toEqual([]);
    await screenshot(pageB, 'desk-members-in-note-light');
    await pageB.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(pageB, '.desk-bar'), 'members in a note, dark').toEqual([]);
    await screenshot(pageB, 'desk-members-in-note-dark');
    await pageB.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: /^Claims/ }).click();
    await expect(membersB.getByRole('listitem').filter({ hasText: 'Ana' })).not.toContainText('Harbour draft', { timeout: 10_000 });

    // A edits the claim in its page; B shows the new statement and who changed it.
    await page.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: new RegExp(FIRST) }).click();
    const detailA = page.getByRole('region', { name: 'Claim details' });
    await detailA.getByRole('button', { name: 'Edit' }).click();
    await detailA.getByLabel('Statement').fill(EDITED);
    await detailA.getByRole('button', { name: 'Save changes' }).click();
    await expect(detailA.getByRole('heading', { level: 2 })).toHaveText(EDITED);

    const claimB = pageB.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: new RegExp(EDITED) });
    await expect(claimB).toBeVisible({ timeout: 15_000 });
    await claimB.click();
    const detailB = pageB.getByRole('region', { name: 'Claim details' });
    await expect(detailB.getByText(/Changed by Ana \(reporter\), just now/)).toBeVisible();
    await detailB.getByText(/History/).click();
    await expect(detailB.locator('.desk-history-list')).toContainText(FIRST);
    expect(await seriousViolations(pageB, '.desk-changed'), 'history').toEqual([]);
    await screenshot(pageB, 'desk-changed-by');
    expect((await call({ ...b.info, library: libraryB }, 'claims.get', { id: claimId })).claim.statement).toBe(EDITED);

    // The server stops: A is offline and counts what waits; after a restart it is synced again.
    const port = sync.port;
    await stop(sync.child);
    await expect(stateA).toContainText('Offline', { timeout: 15_000 });
    await call(server, 'claims.update', { id: claimId, quote: 'No tender was ever published.' });
    await expect(stateA).toContainText('1 change waiting to go out');
    await screenshot(page, 'desk-offline');
    sync = await syncServer(data, port);
    await expect(stateA).toHaveText('Synced', { timeout: 20_000 });
    await expect
      .poll(async () => (await call({ ...b!.info, library: libraryB }, 'claims.get', { id: claimId })).claim.quote, { timeout: 15_000 })
      .toBe('No tender was ever published.');

    // An earlier value is restored from the history (a reporter may write): it is a change like any other.
    await detailA.getByText(/History/).click();
    const earlier = detailA.locator('.desk-history-list li', { hasText: FIRST });
    await earlier.getByRole('button', { name: 'Restore this statement' }).click();
    await expect(detailA.getByRole('heading', { level: 2 })).toHaveText(FIRST);
    await expect(pageB.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: new RegExp(FIRST) })).toBeVisible({ timeout: 15_000 });
    await contextB.close();
  } finally {
    if (b) await stop(b.child);
    await stop(sync.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
