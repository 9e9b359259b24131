// The door's relay for co-edited notes, on `serve`'s HTTP door: only our own page, signed in
// with the session token, reaches a note, and only a note of a shared case; a read-only member's
// typing is not applied; two windows on one note merge (co-editing replaces the rule that
// refuses the later save), and what an editor is told is saved is in the library.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ClientRequestArgs } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServer, type RunningServer } from '../cli/http-server.js';
import type { Context } from '../core/context.js';
import { noteUpdates } from '../db/index.js';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import { typist } from '../test/sync/typist.js';
import { stopNoteHub } from './note-link.js';

let server: RunningServer;
let ctx: Context;
const open: (() => void)[] = [];

beforeEach(async () => {
  ctx = tempLibrary();
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Corroborate</title>');
  server = await startServer({ ctx, port: 0, rendererDir: renderer, log: () => {} });
});

afterEach(async () => {
  for (const close of open.splice(0)) close();
  await server.close();
  stopNoteHub(ctx);
});

/** A case shared with a desk (no server needed: the relay serves this library's notes) and its draft. */
function sharedDraft(text = 'The harbour deal'): string {
  const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
  const noteId = call(ctx, 'notes.create', { caseId, title: 'Draft', text }).id;
  call(ctx, 'sync.attach', { caseId, serverUrl: 'ws://127.0.0.1:9', docName: 'harbour', member: 'Ana', role: 'reporter', credential: `mem_${'a'.repeat(40)}` });
  return noteId;
}

/** What a page's editor opens, from `origin`, signed in with `token`. */
function editorLink(noteId: string, opts: { token?: string; origin?: string } = {}) {
  const origin = opts.origin ?? `http://127.0.0.1:${server.port}`;
  class FromPage extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { origin } satisfies ClientRequestArgs & { origin: string });
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${server.port}/coedit`, WebSocketPolyfill: FromPage, });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `note:${noteId}`, document: doc, token: opts.token ?? server.token });
  provider.attach();
  const outcome = new Promise<'synced' | 'refused'>((resolve) => {
    provider.on('synced', () => resolve('synced'));
    provider.on('authenticationFailed', () => resolve('refused'));
  });
  open.push(() => {
    provider.destroy();
    socket.destroy();
  });
  return { doc, provider, outcome };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const textOf = (noteId: string) => call(ctx, 'notes.get', { id: noteId }).text.trim();

describe('the relay for co-edited notes', () => {
  it('refuses a page without printing Hocuspocus’s [onAuthenticate] lines on serve’s stderr', async () => {
    const noteId = sharedDraft();
    const printed: string[] = [];
    const keep = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'error').mockImplementation(keep), vi.spyOn(console, 'warn').mockImplementation(keep), vi.spyOn(console, 'log').mockImplementation(keep)];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    let reasons: string[];
    try {
      const links = [editorLink(noteId, { token: 'not-the-token' }), editorLink('nope')];
      const told = links.map((l) => new Promise<string>((resolve) => l.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason))));
      expect(await Promise.all(links.map((l) => l.outcome))).toEqual(['refused', 'refused']);
      reasons = await Promise.all(told);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      for (const s of spies) s.mockRestore();
      write.mockRestore();
    }
    expect(printed.filter((p) => p.includes('onAuthenticate') || p.includes('not signed in'))).toEqual([]);
    // The page is still told why.
    expect(reasons).toEqual(['This page is not signed in to the Corroborate server.', expect.stringMatching(/note/i)]);
  });

  it('lets in only our own page with the session token, and only to a note of a shared case', async () => {
    const noteId = sharedDraft();
    // A page elsewhere (a browser always says where it comes from) is refused at the handshake.
    for (const origin of ['http://evil.example', undefined]) {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/coedit`, origin ? { origin } : {});
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => {});
      });
      expect(status).toBe(403);
    }
    expect(await editorLink(noteId, { token: 'not-the-token' }).outcome).toBe('refused');
    const alone = call(ctx, 'notes.create', { caseId: call(ctx, 'cases.create', { title: 'Not shared' }).id, title: 'Private', text: 'mine' }).id;
    expect(await editorLink(alone).outcome).toBe('refused');
    const page = editorLink(noteId);
    expect(await page.outcome).toBe('synced');
    const editor = typist(page.doc, 'page');
    open.push(() => editor.close());
    expect(editor.text()).toBe('The harbour deal');
  });

  it('merges two windows typing in one note, and keeps in the library what each is told is saved', async () => {
    const noteId = sharedDraft();
    const [one, two] = [editorLink(noteId), editorLink(noteId)];
    expect(await one.outcome).toBe('synced');
    expect(await two.outcome).toBe('synced');
    const [left, right] = [typist(one.doc, 'page'), typist(two.doc, 'page')];
    open.push(() => left.close(), () => right.close());
    const before = noteUpdates(ctx.db, noteId).length;
    left.type(0, 4, 'secret ');
    right.addLine('Second window.');
    // "Saved": the door answered every change; each is in the library by then, not only in memory.
    await until(() => !one.provider.hasUnsyncedChanges && !two.provider.hasUnsyncedChanges && one.provider.isSynced, 'both windows saved');
    expect(noteUpdates(ctx.db, noteId).length).toBeGreaterThanOrEqual(before + 2);
    await until(() => left.text() === right.text() && left.text().includes('Second window.'), 'both windows to show both');
    await until(() => textOf(noteId) === 'The secret harbour deal\nSecond window.', 'the library’s text');
  });

  it('does not apply a read-only member’s typing', async () => {
    const noteId = sharedDraft();
    ctx.db.prepare("UPDATE sync_cases SET role = 'lawyer'").run();
    const page = editorLink(noteId);
    expect(await page.outcome).toBe('synced');
    const editor = typist(page.doc, 'page');
    open.push(() => editor.close());
    const before = noteUpdates(ctx.db, noteId).length;
    editor.type(0, 0, 'LEGAL ');
    await new Promise((r) => setTimeout(r, 700));
    expect(noteUpdates(ctx.db, noteId).length).toBe(before);
    expect(textOf(noteId)).toBe('The harbour deal');
  });
});
