// The app's window co-edits a draft as serve's page does (docs/sync.md §8). Electron itself
// cannot run here, so this test plays its part and nothing else: the built renderer is served
// to Chromium as app:// serves it (same files, same CSP), and `window.corroborate` is the
// preload's bridge, each call carried to this process, where the real desktop door runs on a
// real library: the dispatcher for `invoke`, electron/coedit.ts (with the relay and the desk
// link main.ts starts) for `coedit`. The other member is a plain `serve` page on a second
// library; both libraries meet through a real sync server on loopback.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { CLI, expect, firstLine, spawnServe, stop, test, type Server } from './fixtures.js';
import { noteInNewContext, openNote, openNotesView } from './notes-fixtures.js';

test.describe.configure({ timeout: 120_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
/** The built modules (`npm run build`), as the app runs them; typed from their sources. */
const built = <T>(path: string): Promise<T> => import(pathToFileURL(join(repo, 'dist', path)).href) as Promise<T>;

/** Where the page is shown: a trustworthy origin as app:// is (its COOP header applies); every request to it is answered here. */
const APP = 'http://localhost:51234';
const FIRST = 'The dredging contract was awarded without a tender.';

async function syncServer(data: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'sync-server', '--data', data, '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = JSON.parse(await firstLine(child)) as { url: string };
  return { url: ready.url, child };
}

function invite(data: string, member: string): string {
  const out = execFileSync(process.execPath, [CLI, 'sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', member, '--role', 'reporter', '--json'], { encoding: 'utf8' });
  return (JSON.parse(out) as { value: { token: string } }).value.token;
}

const caretOf = (page: Page, name: string) => page.locator('.ed-cursors .ed-cursor-name', { hasText: name });

/** What the preload puts on the page: its two objects, each call handed to a binding of this process. */
function preloadBridge(): void {
  const heard = new Set<(id: string, kind: string, data?: unknown, reason?: unknown) => void>();
  const b64 = (u: Uint8Array) => btoa(Array.from(u, (c) => String.fromCharCode(c)).join(''));
  const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const host = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  (window as unknown as { corroborate: unknown }).corroborate = {
    invoke: (method: string, input?: unknown) => host.__appInvoke!(String(method), input ?? {}),
    coedit: {
      open: () => host.__coeditOpen!(),
      send: (id: string, data: Uint8Array) => void host.__coeditSend!(String(id), b64(data)),
      close: (id: string) => void host.__coeditClose!(String(id)),
      pong: (id: string) => void host.__coeditPong!(String(id)),
      listen: (receive: (id: string, kind: string, data?: unknown, reason?: unknown) => void) => {
        heard.add(receive);
        return () => void heard.delete(receive);
      },
    },
  };
  (window as unknown as { __coeditDown: unknown }).__coeditDown = (id: string, kind: string, data?: unknown, reason?: unknown) => {
    for (const receive of heard) receive(id, kind, kind === 'message' ? bytes(String(data)) : data, reason);
  };
}

test('the app’s window co-edits a draft with a member on another library: both see the other’s words and caret', async ({ page, browser }) => {
  const { openSession, closeSession } = await built<typeof import('../core/session.js')>('core/session.js');
  const { dispatchAsync } = await built<typeof import('../core/dispatcher.js')>('core/dispatcher.js');
  const { keepDeskInStep } = await built<typeof import('../sync/desk-link.js')>('sync/desk-link.js');
  const { bindCoedit, COEDIT_CHANNELS } = await built<typeof import('../electron/coedit.js')>('electron/coedit.js');
  const { resolveRendererFile, rendererFileHeaders } = await built<typeof import('../core/renderer-files.js')>('core/renderer-files.js');
  // Lexical's part, imported rather than required (as test/setup-lexical.ts does): under the test
  // runner's require hook it would load a second Yjs, and a note's document would read as empty.
  const { provideLexical } = await built<typeof import('../core/note-content.js')>('core/note-content.js');
  provideLexical(await built<typeof import('../core/note-lexical.js')>('core/note-lexical.js'));

  const dir = mkdtempSync(join(tmpdir(), 'corroborate-window-'));
  const data = join(dir, 'server');
  const sync = await syncServer(data);
  const ctx = openSession(join(dir, 'a.corroborate'), { automaticBackups: false });
  const api = async (name: string, input: unknown) => {
    const answer = await dispatchAsync(ctx, name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value as { id: string; text: string };
  };
  // What main.ts starts: the desk link, then the relay's IPC door.
  const desk = keepDeskInStep(ctx, { log: () => {} });
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipc = {
    handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => void listeners.set(channel, h),
    on: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => void listeners.set(channel, h),
    removeHandler: (channel: string) => void listeners.delete(channel),
    removeAllListeners: (channel: string) => void listeners.delete(channel),
  };
  const door = bindCoedit(ctx, ipc as never, { log: (m) => console.error(m) });
  let b: { info: Omit<Server, 'library'>; child: ChildProcess } | undefined;
  try {
    const caseId = (await api('cases.create', { title: 'Harbour contracts' })).id;
    const noteId = (await api('notes.create', { caseId, title: 'Harbour draft', text: FIRST })).id;
    await api('sync.share', { caseId, server: sync.url, invitation: invite(data, 'Ana Reyes') });

    const libraryB = join(dir, 'b.corroborate');
    b = await spawnServe(libraryB, { ...process.env, XDG_DATA_HOME: dir, CORROBORATE_CHECKER: 'Ben' });
    const serverB = { ...b.info, library: libraryB };
    await call(serverB, 'sync.accept', { server: sync.url, invitation: invite(data, 'Ben Okafor') });
    await expect.poll(async () => (await call(serverB, 'notes.get', { id: noteId })).text, { timeout: 20_000 }).toBe(FIRST);

    // The window: the renderer's files as app:// gives them, and the preload's bridge to this door.
    const rendererDir = join(repo, 'dist', 'renderer');
    await page.route(`${APP}/**`, async (route) => {
      const file = await resolveRendererFile(rendererDir, new URL(route.request().url()).pathname);
      if (!file) return route.fulfill({ status: 404, body: 'Not found' });
      return route.fulfill({ status: 200, headers: rendererFileHeaders(file), body: readFileSync(file) });
    });
    let delivered = Promise.resolve();
    const contents = {
      id: 1,
      destroyed: false,
      isDestroyed: () => contents.destroyed,
      once: () => {},
      on: () => {},
      // In order, as Electron's IPC delivers them.
      send: (_channel: string, id: string, kind: string, arg?: unknown, reason?: unknown) => {
        const payload = kind === 'message' ? Buffer.from(arg as Uint8Array).toString('base64') : arg;
        delivered = delivered.then(() => page.evaluate(([i, k, d, r]) => (window as unknown as { __coeditDown: (...a: unknown[]) => void }).__coeditDown(i, k, d, r), [id, kind, payload, reason] as const).catch(() => {}));
      },
    };
    const fromWindow = { senderFrame: { url: 'app://corroborate/index.html' }, sender: contents };
    await page.exposeFunction('__appInvoke', (name: string, input: unknown) => dispatchAsync(ctx, name, input));
    await page.exposeFunction('__coeditOpen', () => listeners.get(COEDIT_CHANNELS.open)?.(fromWindow));
    await page.exposeFunction('__coeditSend', (id: string, b64: string) => void listeners.get(COEDIT_CHANNELS.send)?.(fromWindow, id, new Uint8Array(Buffer.from(b64, 'base64'))));
    await page.exposeFunction('__coeditClose', (id: string) => void listeners.get(COEDIT_CHANNELS.close)?.(fromWindow, id));
    await page.exposeFunction('__coeditPong', (id: string) => void listeners.get(COEDIT_CHANNELS.pong)?.(fromWindow, id));
    await page.addInitScript(preloadBridge);
    await page.goto(`${APP}/index.html`);
    await openNotesView(page);
    const textA = await openNote(page, /Harbour draft/);

    const { context: contextB, page: pageB, text: textB } = await noteInNewContext(browser, b.info.url, /Harbour draft/);
    await expect(textA).toContainText(FIRST);
    await expect(textB).toContainText(FIRST);
    // Co-edited through the door's relay, not written whole: the window holds a link to it.
    expect(door.sockets(contents)).toHaveLength(1);

    await textA.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Two port officials confirm it.');
    await textB.locator('p').first().click({ position: { x: 1, y: 4 } });
    await pageB.keyboard.press('Home');
    await pageB.keyboard.type('Exclusive: ');

    await expect(textB).toContainText('Two port officials confirm it.', { timeout: 15_000 });
    await expect(textA).toContainText(`Exclusive: ${FIRST}`, { timeout: 15_000 });
    await expect(caretOf(page, 'Ben Okafor')).toBeVisible({ timeout: 15_000 });
    await expect(caretOf(pageB, 'Ana Reyes')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.ed-save')).toHaveText('Saved', { timeout: 10_000 });
    // No "changed in another window": nothing was written whole over the other's words.
    await expect(page.getByText(/changed in another window/i)).toHaveCount(0);

    const both = `Exclusive: ${FIRST}\nTwo port officials confirm it.`;
    await expect.poll(async () => (await api('notes.get', { id: noteId })).text, { timeout: 15_000 }).toBe(both);
    await expect.poll(async () => (await call(serverB, 'notes.get', { id: noteId })).text, { timeout: 15_000 }).toBe(both);

    await contextB.close();
    await expect(caretOf(page, 'Ben Okafor')).toHaveCount(0, { timeout: 15_000 });
    // The window goes (its page first, so its provider does not try again into a closed door).
    await page.goto('about:blank');
    contents.destroyed = true;
  } finally {
    await door.close();
    await desk.stop();
    closeSession(ctx);
    if (b) await stop(b.child);
    await stop(sync.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
