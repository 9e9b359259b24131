// The app window's co-editing door (electron/coedit.ts) against the real relay and a real
// library, with the page's own provider (renderer/src/editor/coedit/relay.ts choosing the IPC
// socket because the preload's bridge is there). IPC is played by a stand-in that delivers
// asynchronously and copies what it carries, as Electron's structured clone does.

import { EventEmitter } from 'node:events';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Context } from '../../../../core/context.js';
import { noteUpdates } from '../../../../db/index.js';
import type { CoeditBridge } from './ipc-socket';
import { relayLink, relayReachable } from './relay';
import { stopNoteHub } from '../../../../sync/note-link.js';
import { call, tempLibrary } from '../../../../test/helpers.js';
import { typist } from '../../../../test/sync/typist.js';
import { bindCoedit, COEDIT_CHANNELS, MAX_SOCKETS_PER_WINDOW, type WindowRelay } from '../../../../electron/coedit.js';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain as far as the door uses it. */
class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Handler>();
  handle(channel: string, h: Handler) {
    this.handlers.set(channel, h);
  }
  on(channel: string, h: Handler) {
    this.listeners.set(channel, h);
    return this;
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  removeAllListeners(channel: string) {
    this.listeners.delete(channel);
    return this;
  }
}

const later = (fn: () => void) => void setImmediate(fn);
const cloned = (args: unknown[]) => args.map((a) => (a instanceof Uint8Array ? new Uint8Array(a) : a));

let ids = 0;

/** A window's web contents and the preload's bridge in it, showing `url`. */
function windowAt(ipc: FakeIpcMain, url = 'app://corroborate/index.html') {
  const heard = new Set<(...args: unknown[]) => void>();
  const contents = Object.assign(new EventEmitter(), {
    id: ++ids,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send(channel: string, ...args: unknown[]) {
      if (channel !== COEDIT_CHANNELS.down) throw new Error(`sent on ${channel}`);
      const copy = cloned(args);
      later(() => heard.forEach((h) => h(...copy)));
    },
  });
  const event = { senderFrame: { url }, sender: contents };
  const post = (channel: string, ...args: unknown[]) => {
    const copy = cloned(args);
    later(() => ipc.listeners.get(channel)?.(event, ...copy));
  };
  const bridge: CoeditBridge = {
    open: async () => (await ipc.handlers.get(COEDIT_CHANNELS.open)!(event)) as Awaited<ReturnType<CoeditBridge['open']>>,
    send: (id, data) => post(COEDIT_CHANNELS.send, id, data),
    close: (id) => post(COEDIT_CHANNELS.close, id),
    pong: (id) => post(COEDIT_CHANNELS.pong, id),
    listen: (receive) => {
      const h = (...args: unknown[]) => receive(...(args as Parameters<typeof receive>));
      heard.add(h);
      return () => void heard.delete(h);
    },
  };
  return { contents, bridge, post };
}

const PING_MS = 250;

let ctx: Context;
let ipc: FakeIpcMain;
let door: WindowRelay;
const cleanup: (() => void)[] = [];

beforeEach(() => {
  ctx = tempLibrary();
  ipc = new FakeIpcMain();
  // A short ping timeout, so a page that stopped answering is seen to go within the test.
  door = bindCoedit(ctx, ipc as never, { timeoutMs: PING_MS });
  vi.stubGlobal('sessionStorage', { getItem: () => null });
});

afterEach(async () => {
  for (const undo of cleanup.splice(0)) undo();
  await door.close();
  stopNoteHub(ctx);
  vi.unstubAllGlobals();
});

/** A case shared with a desk (no server needed: the relay serves this library's notes) and its draft. */
function sharedDraft(text = 'The harbour deal'): string {
  const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
  const noteId = call(ctx, 'notes.create', { caseId, title: 'Draft', text }).id;
  call(ctx, 'sync.attach', { caseId, serverUrl: 'ws://127.0.0.1:9', docName: 'harbour', member: 'Ana', role: 'reporter', credential: `mem_${'a'.repeat(40)}` });
  return noteId;
}

/** The page's editor on `noteId` in `win`, through the provider the page itself makes. */
function editorIn(win: ReturnType<typeof windowAt>, noteId: string) {
  vi.stubGlobal('window', { corroborate: { invoke: () => Promise.reject(new Error('not here')), coedit: win.bridge }, location: { protocol: 'app:', host: 'corroborate' } });
  expect(relayReachable()).toBe(true);
  const doc = new Y.Doc();
  const link = relayLink(noteId, doc);
  const provider = link.hocuspocus;
  const outcome = new Promise<'synced' | 'refused'>((resolve) => {
    provider.on('synced', () => resolve('synced'));
    provider.on('authenticationFailed', () => resolve('refused'));
  });
  link.provider.connect();
  cleanup.push(() => {
    provider.destroy();
    provider.configuration.websocketProvider.destroy();
  });
  return { doc, link, provider, outcome };
}

/** A Hocuspocus sync message carrying a Yjs update to the note's document, as a provider would send it. */
function forgedUpdate(noteId: string): Uint8Array {
  const forged = new Y.Doc();
  forged.get('root', Y.XmlText).insert(0, 'FORGED');
  const message = encoding.createEncoder();
  encoding.writeVarString(message, `note:${noteId}`);
  encoding.writeVarUint(message, 0); // Hocuspocus: Sync
  encoding.writeVarUint(message, 2); // y-protocols: update
  encoding.writeVarUint8Array(message, Y.encodeStateAsUpdate(forged));
  return encoding.toUint8Array(message);
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const textOf = (noteId: string) => call(ctx, 'notes.get', { id: noteId }).text.trim();
const saved = (p: HocuspocusProvider) => p.isSynced && !p.hasUnsyncedChanges;
/** The names on the carets a window's editor draws (Lexical's CollaborationPlugin reads awareness `name`). */
const caretNames = (p: HocuspocusProvider) =>
  [...p.awareness!.getStates().entries()].filter(([client]) => client !== p.awareness!.clientID).map(([, s]) => (s as { name?: string }).name);

describe('the app window’s co-editing door', () => {
  it('lets in only our own window, on the sockets it opened, and only to a note of a shared case', async () => {
    const noteId = sharedDraft();
    const elsewhere = windowAt(ipc, 'https://evil.example/');
    expect(await elsewhere.bridge.open()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const alone = call(ctx, 'notes.create', { caseId: call(ctx, 'cases.create', { title: 'Not shared' }).id, title: 'Private', text: 'mine' }).id;
    expect(await editorIn(windowAt(ipc), alone).outcome).toBe('refused');
    const ours = windowAt(ipc);

    const page = editorIn(ours, noteId);
    expect(await page.outcome).toBe('synced');
    const editor = typist(page.doc, 'page');
    cleanup.push(() => editor.close());
    expect(editor.text()).toBe('The harbour deal');

    // Another frame, or another window, cannot write on (or close) the socket our window opened.
    const [socketId] = door.sockets(ours.contents);
    expect(socketId).toBeDefined();
    const before = noteUpdates(ctx.db, noteId).length;
    const update = forgedUpdate(noteId);
    const intruder = windowAt(ipc);
    const foreignFrame = { senderFrame: { url: 'https://evil.example/' }, sender: ours.contents };
    for (const [event, channel, args] of [
      [{ senderFrame: { url: 'app://corroborate/index.html' }, sender: intruder.contents }, COEDIT_CHANNELS.send, [socketId, update]],
      [foreignFrame, COEDIT_CHANNELS.send, [socketId, update]],
      [foreignFrame, COEDIT_CHANNELS.close, [socketId]],
      [{ senderFrame: null, sender: ours.contents }, COEDIT_CHANNELS.close, [socketId]],
    ] as const) {
      ipc.listeners.get(channel)!(event, ...args);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(door.sockets(ours.contents)).toEqual([socketId]);
    expect(noteUpdates(ctx.db, noteId).length).toBe(before);
    // The same message from our window, on its socket, does reach the note: it was the sender that was refused.
    ours.post(COEDIT_CHANNELS.send, socketId, update);
    await until(() => noteUpdates(ctx.db, noteId).length > before, 'the window’s own message');
  });

  it('merges two windows typing in one note, with each one’s caret and name in the other, and keeps what each is told is saved', async () => {
    const noteId = sharedDraft();
    const [one, two] = [editorIn(windowAt(ipc), noteId), editorIn(windowAt(ipc), noteId)];
    expect(await one.outcome).toBe('synced');
    expect(await two.outcome).toBe('synced');
    const [left, right] = [typist(one.doc, 'page'), typist(two.doc, 'page')];
    cleanup.push(() => left.close(), () => right.close());
    one.provider.setAwarenessField('name', 'Ana');
    two.provider.setAwarenessField('name', 'Ben');
    const before = noteUpdates(ctx.db, noteId).length;
    left.type(0, 4, 'secret ');
    right.addLine('Second window.');
    await until(() => saved(one.provider) && saved(two.provider), 'both windows saved');
    expect(noteUpdates(ctx.db, noteId).length).toBeGreaterThanOrEqual(before + 2);
    await until(() => left.text() === right.text() && left.text().includes('Second window.'), 'both windows to show both');
    await until(() => textOf(noteId) === 'The secret harbour deal\nSecond window.', 'the library’s text');
    await until(() => caretNames(one.provider).includes('Ben') && caretNames(two.provider).includes('Ana'), 'each caret in the other window');
  });

  it('merges what a window typed while its link was down when the link comes back', async () => {
    const noteId = sharedDraft();
    const offline = windowAt(ipc);
    const [one, two] = [editorIn(offline, noteId), editorIn(windowAt(ipc), noteId)];
    expect(await one.outcome).toBe('synced');
    expect(await two.outcome).toBe('synced');
    const [left, right] = [typist(one.doc, 'page'), typist(two.doc, 'page')];
    cleanup.push(() => left.close(), () => right.close());
    one.link.provider.disconnect();
    await until(() => door.sockets(offline.contents).length === 0, 'the link to close');
    left.type(0, 0, 'Offline: ');
    right.addLine('Typed online.');
    await until(() => textOf(noteId).includes('Typed online.'), 'the online line saved');
    expect(textOf(noteId)).not.toContain('Offline');
    one.link.provider.connect();
    await until(() => left.text() === right.text() && left.text().startsWith('Offline: ') && left.text().includes('Typed online.'), 'both windows to merge');
    await until(() => textOf(noteId) === 'Offline: The harbour deal\nTyped online.', 'the library’s text');
  });

  it('closes a window’s links when it goes or reloads, and its caret leaves the other windows', async () => {
    const noteId = sharedDraft();
    const leaving = windowAt(ipc);
    const staying = editorIn(windowAt(ipc), noteId);
    const gone = editorIn(leaving, noteId);
    expect(await staying.outcome).toBe('synced');
    expect(await gone.outcome).toBe('synced');
    gone.provider.setAwarenessField('name', 'Ana');
    await until(() => caretNames(staying.provider).includes('Ana'), 'the caret to arrive');
    leaving.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(door.sockets(leaving.contents)).toEqual([]);
    await until(() => !caretNames(staying.provider).includes('Ana'), 'the caret to leave');
    // A link the page had not heard was closed is dead: nothing it sends reaches the note.
    const before = noteUpdates(ctx.db, noteId).length;
    const editor = typist(gone.doc, 'page');
    cleanup.push(() => editor.close());
    editor.addLine('After the reload.');
    await new Promise((r) => setTimeout(r, 300));
    expect(noteUpdates(ctx.db, noteId).length).toBe(before);
  });

  it('closes a link whose page stopped answering pings (a reload it was not told of), and keeps one that answers', async () => {
    const noteId = sharedDraft();
    const silent = windowAt(ipc);
    const answering = windowAt(ipc);
    silent.bridge.pong = () => {};
    const [quiet, alive] = [editorIn(silent, noteId), editorIn(answering, noteId)];
    expect(await quiet.outcome).toBe('synced');
    expect(await alive.outcome).toBe('synced');
    quiet.provider.setAwarenessField('name', 'Ana');
    await until(() => caretNames(alive.provider).includes('Ana'), 'the caret to arrive');
    const [kept] = door.sockets(answering.contents);
    const [dead] = door.sockets(silent.contents);
    await until(() => !caretNames(alive.provider).includes('Ana'), 'the silent page’s caret to leave', 5_000);
    // Its socket is gone too, not only its documents: nothing is left behind after a reload.
    await until(() => !door.sockets(silent.contents).includes(dead!), 'the silent page’s socket to close', 5_000);
    await new Promise((r) => setTimeout(r, PING_MS * 4));
    expect(door.sockets(answering.contents)).toEqual([kept]);
  });

  it('resets a link that carries something other than a co-editing message, and refuses more links than a window needs', async () => {
    const noteId = sharedDraft();
    const win = windowAt(ipc);
    const page = editorIn(win, noteId);
    expect(await page.outcome).toBe('synced');
    const [socketId] = door.sockets(win.contents);
    const closed = new Promise<number>((resolve) => page.link.hocuspocus.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) => resolve(event.code)));
    win.post(COEDIT_CHANNELS.send, socketId, 'not bytes');
    expect(await closed).toBe(1003);
    // The provider connects again by itself, on a new link.
    await until(() => door.sockets(win.contents).length === 1 && door.sockets(win.contents)[0] !== socketId, 'a new link');

    const greedy = windowAt(ipc);
    const answers = [];
    for (let i = 0; i <= MAX_SOCKETS_PER_WINDOW; i++) answers.push(await greedy.bridge.open());
    expect(answers.filter((a) => a.ok)).toHaveLength(MAX_SOCKETS_PER_WINDOW);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'BUSY' } });
  });

  it('leaves a window whose preload has no co-editing link to write notes whole', () => {
    vi.stubGlobal('window', { corroborate: { invoke: () => Promise.resolve({ ok: true, value: null }) } });
    expect(relayReachable()).toBe(false);
    vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:1' } });
    expect(relayReachable()).toBe(true);
  });
});
