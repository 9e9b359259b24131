// Two reporters co-edit one draft (docs/sync.md §1): two `serve`s on two libraries and one sync
// server, all on loopback. Each page's editor talks to its own serve (the credential never
// reaches the page); both type into the draft, each sees the other's words and the other's caret
// with the other's name, in the light and the dark theme; both libraries end with both lines.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { CLI, expect, firstLine, screenshot, spawnServe, stop, test, type Server } from './fixtures.js';
import { noteInNewContext, openNote, openNotesView } from './notes-fixtures.js';

test.describe.configure({ timeout: 120_000 });

async function syncServer(data: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'sync-server', '--data', data, '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = JSON.parse(await firstLine(child)) as { url: string };
  return { url: ready.url, child };
}

function invite(data: string, member: string): string {
  const out = execFileSync(process.execPath, [CLI, 'sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', member, '--role', 'reporter', '--json'], { encoding: 'utf8' });
  return (JSON.parse(out) as { value: { token: string } }).value.token;
}

const FIRST = 'The dredging contract was awarded without a tender.';

/** The caret another member has in this page's editor, by the name on it. */
const caretOf = (page: Page, name: string) => page.locator('.ed-cursors .ed-cursor-name', { hasText: name });

async function noteText(server: Server, noteId: string): Promise<string> {
  return (await call(server, 'notes.get', { id: noteId })).text;
}

test('two pages on two libraries co-edit one draft and see each other’s caret and name', async ({ page, server, browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-coedit-'));
  const data = join(dir, 'server');
  const sync = await syncServer(data);
  let b: { info: Omit<Server, 'library'>; child: ChildProcess } | undefined;
  try {
    const caseId = (await call(server, 'cases.create', { title: 'Harbour contracts' })).id;
    const noteId = (await call(server, 'notes.create', { caseId, title: 'Harbour draft', text: FIRST })).id;
    await call(server, 'sync.share', { caseId, server: sync.url, invitation: invite(data, 'Ana Reyes') });

    const libraryB = join(dir, 'b.corroborate');
    b = await spawnServe(libraryB, { ...process.env, XDG_DATA_HOME: dir, CORROBORATE_CHECKER: 'Ben' });
    const serverB = { ...b.info, library: libraryB };
    await call(serverB, 'sync.accept', { server: sync.url, invitation: invite(data, 'Ben Okafor') });
    // The draft's text reaches B through its own document.
    await expect.poll(() => noteText(serverB, noteId), { timeout: 20_000 }).toBe(FIRST);

    await page.goto(server.url);
    await openNotesView(page);
    const textA = await openNote(page, /Harbour draft/);
    const { context: contextB, page: pageB, text: textB } = await noteInNewContext(browser, b.info.url, /Harbour draft/);
    await expect(textA).toContainText(FIRST);
    await expect(textB).toContainText(FIRST);

    // A types a second paragraph; B puts a word in the first, both while the other has the note open.
    await textA.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Two port officials confirm it.');
    // Clicked at the very start of the first line (the box's middle is below the text).
    await textB.locator('p').first().click({ position: { x: 1, y: 4 } });
    await pageB.keyboard.press('Home');
    await pageB.keyboard.type('Exclusive: ');

    await expect(textB).toContainText('Two port officials confirm it.', { timeout: 15_000 });
    await expect(textA).toContainText(`Exclusive: ${FIRST}`, { timeout: 15_000 });
    await expect(textA).toContainText('Two port officials confirm it.');
    await expect(textB).toContainText(`Exclusive: ${FIRST}`);

    // Each sees where the other is, with the other's name on the caret.
    await expect(caretOf(page, 'Ben Okafor')).toBeVisible({ timeout: 15_000 });
    await expect(caretOf(pageB, 'Ana Reyes')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.ed-save')).toHaveText('Saved', { timeout: 10_000 });
    await screenshot(page, 'coedit-light-a');
    await screenshot(pageB, 'coedit-light-b');
    await page.emulateMedia({ colorScheme: 'dark' });
    await pageB.emulateMedia({ colorScheme: 'dark' });
    await expect(caretOf(page, 'Ben Okafor')).toBeVisible();
    await screenshot(page, 'coedit-dark-a');
    await screenshot(pageB, 'coedit-dark-b');

    // Both libraries hold both lines: searchable, exportable, as any note.
    const both = `Exclusive: ${FIRST}\nTwo port officials confirm it.`;
    await expect.poll(() => noteText(server, noteId), { timeout: 15_000 }).toBe(both);
    await expect.poll(() => noteText(serverB, noteId), { timeout: 15_000 }).toBe(both);

    // B leaves the note: its caret goes from A's editor.
    await contextB.close();
    await expect(caretOf(page, 'Ben Okafor')).toHaveCount(0, { timeout: 15_000 });
    // A's page lets go of its door before the door stops (its socket would otherwise retry, and log).
    await page.goto('about:blank');
  } finally {
    if (b) await stop(b.child);
    await stop(sync.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
