// Co-editing a draft (docs/sync.md §1): two libraries and one sync server on loopback, each with
// the process's copy of its notes (sync/note-link.ts) and an editor typing into it as the page's
// editor does through the door's relay. Concurrent typing in one draft merges character by
// character and lands in both libraries' notes; a line typed offline (and kept over a restart)
// merges on reconnect; a read-only member's change to a draft is refused, here and on the wire.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { sharedCase } from '../db/index.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { call, callError, tempDir, tempLibrary } from '../test/helpers.js';
import { CONFIDENTIAL, flagNotesWhole, joined, shared, testServer } from '../test/sync/desk.js';
import { describeHits, leaks, type Secret } from '../test/export/oracle.js';
import { typist, type Typist } from '../test/sync/typist.js';
import { shareCase, syncCase, type CaseSync } from './client.js';
import { FROM_EDITOR, noteHub, stopNoteHub } from './note-link.js';
import { noteDocName } from './protocol.js';
import { judgeUpdate } from './server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function until(check: () => boolean, what: string, ms = 15_000, debug?: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${debug ? `: ${debug()}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SECRETS: Secret[] = [
  { kind: 'person', value: CONFIDENTIAL.name },
  ...CONFIDENTIAL.aliases.map((value): Secret => ({ kind: 'phrase', value })),
  { kind: 'email', value: CONFIDENTIAL.contact.email, domain: true },
  { kind: 'phone', value: CONFIDENTIAL.contact.phone },
];

const NAME_PARTS = CONFIDENTIAL.name.toLowerCase().split(/[\s-]+/);

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesOf(p) : [p];
  });
}

/** The note's plain text as the library keeps it (for search): one line per paragraph. */
const textOf = (ctx: Context, noteId: string) => call(ctx, 'notes.get', { id: noteId }).text.trim();
/** An editor shows paragraphs apart by a blank line; the library's text, one per line. */
const asStored = (shown: string) => shown.replace(/\n\n/g, '\n');

function link(ctx: Context, caseId: string): CaseSync {
  const l = syncCase(ctx, caseId, { pollMs: 50 });
  cleanup.push(async () => {
    await l.stop();
    stopNoteHub(ctx);
  });
  return l;
}

function editorOn(ctx: Context, noteId: string): Typist {
  const t = typist(noteHub(ctx).open(noteId).doc, FROM_EDITOR);
  cleanup.push(() => t.close());
  return t;
}

/** Ana shares a case (no confidential source: its notes are live) with a draft in it; Bea (reporter) joins. */
async function desk() {
  const server = await testServer();
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
  const publicId = call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation' }).id;
  call(ctx, 'claims.create', { caseId, statement: 'The tender rules were followed.', sourceIds: [publicId] });
  await shareCase(ctx, caseId, server.url, server.store.invite('harbour', 'Ana', 'reporter').token, { timeoutMs: 10_000 });
  const a = { ctx, caseId };
  const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: 'The harbour deal' }).id;
  await syncCase(a.ctx, a.caseId, { once: true, timeoutMs: 10_000 }).done;
  const b = await joined(server, 'Bea', 'reporter');
  return { server, a, b, noteId };
}

describe('co-editing a draft', () => {
  it('merges two members typing in one draft at once, and both libraries’ notes hold the merged text', async () => {
    const { a, b, noteId } = await desk();
    link(a.ctx, a.caseId);
    link(b.ctx, b.caseId);
    // The draft's text reaches Bea from its own document (its record carries only the title).
    await until(() => textOf(b.ctx, noteId) === 'The harbour deal', 'the draft in Bea’s library');
    const ana = editorOn(a.ctx, noteId);
    const bea = editorOn(b.ctx, noteId);
    // Each types into the draft before seeing the other's keystrokes.
    ana.type(0, 4, 'secret ');
    bea.type(0, 16, ' was signed at night');
    bea.addLine('Sources: two port officials.');
    const merged = 'The secret harbour deal was signed at night\n\nSources: two port officials.';
    await until(() => ana.text() === merged && bea.text() === merged, 'both editors to show the merged text');
    await until(() => textOf(a.ctx, noteId) === asStored(merged) && textOf(b.ctx, noteId) === asStored(merged), 'both libraries to hold it', 5000, () => JSON.stringify([textOf(a.ctx, noteId), textOf(b.ctx, noteId)]));
    // The library is searchable by what the other member typed.
    expect(call(b.ctx, 'search.query', { query: 'secret' }).hits.map((h) => h.id)).toContain(noteId);
  });

  it('keeps a line typed offline over a restart, and merges it with the desk’s on reconnect', async () => {
    const { a, b, noteId } = await desk();
    link(a.ctx, a.caseId);
    const bLink = syncCase(b.ctx, b.caseId, { pollMs: 50 });
    await until(() => textOf(b.ctx, noteId) === 'The harbour deal', 'the draft in Bea’s library');
    await bLink.stop();
    // Offline: Bea types, and her app quits.
    const bea = typist(noteHub(b.ctx).open(noteId).doc, FROM_EDITOR);
    bea.addLine('Typed on the train.');
    bea.close();
    stopNoteHub(b.ctx);
    // Meanwhile Ana types too.
    const ana = editorOn(a.ctx, noteId);
    ana.type(0, 0, 'Draft: ');
    // Bea's app starts again.
    link(b.ctx, b.caseId);
    const merged = 'Draft: The harbour deal\n\nTyped on the train.';
    await until(() => textOf(a.ctx, noteId) === asStored(merged) && textOf(b.ctx, noteId) === asStored(merged), 'both libraries to hold both lines');
    expect(ana.text()).toBe(merged);
  });

  it('counts a line typed offline among the changes waiting until the server holds it', async () => {
    const { a, b, noteId } = await desk();
    link(a.ctx, a.caseId);
    const status = () => call(b.ctx, 'sync.status', { caseId: b.caseId })[0]!;
    const first = link(b.ctx, b.caseId);
    await until(() => textOf(b.ctx, noteId) === 'The harbour deal' && status().state === 'synced', 'Bea in step', 15_000, () => JSON.stringify(status()));
    expect(status().waiting).toBe(0);
    await first.stop();
    // Offline: only the draft changes, none of the case's records.
    const bea = typist(noteHub(b.ctx).open(noteId).doc, FROM_EDITOR);
    bea.addLine('Typed on the train.');
    bea.close();
    expect(status().waiting).toBeGreaterThan(0);
    // Over a restart too: the count is the library's, not the process's.
    stopNoteHub(b.ctx);
    expect(status().waiting).toBeGreaterThan(0);
    link(b.ctx, b.caseId);
    await until(() => status().waiting === 0 && status().state === 'synced', 'the line to be delivered', 15_000, () => JSON.stringify(status()));
    await until(() => textOf(a.ctx, noteId).includes('Typed on the train.'), 'Ana to have the line');
  });

  it('counts a holder’s line typed offline among the changes waiting until the server holds its masked twin', async () => {
    const server = await testServer();
    const a = await shared(server);
    const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: 'Met at the ferry.' }).id;
    const status = () => call(a.ctx, 'sync.status', { caseId: a.caseId })[0]!;
    const first = link(a.ctx, a.caseId);
    await until(() => status().state === 'synced' && status().waiting === 0, 'Ana in step', 15_000, () => JSON.stringify(status()));
    await first.stop();
    // Offline, the holder types the name: her own document and its masked twin both wait.
    const ana = typist(noteHub(a.ctx).open(noteId).doc, FROM_EDITOR);
    ana.addLine(`Called ${CONFIDENTIAL.name} again.`);
    ana.close();
    expect(status().waiting).toBeGreaterThan(0);
    stopNoteHub(a.ctx);
    expect(status().waiting).toBeGreaterThan(0);
    // What the server confirms is the twin: once it holds the masked line, nothing waits.
    link(a.ctx, a.caseId);
    await until(() => status().waiting === 0 && status().state === 'synced', 'the masked line to be delivered', 15_000, () => JSON.stringify(status()));
    const sent = Buffer.concat(server.store.fetch(noteDocName('harbour', noteId)).map((u) => Buffer.from(u))).toString('utf8');
    expect(sent).toContain('again.');
    expect(sent.toLowerCase()).not.toContain(NAME_PARTS[0]!);
  }, 60_000);

  it('refuses a lawyer’s change to a draft, in the library and on the wire', async () => {
    const { server, a, noteId } = await desk();
    link(a.ctx, a.caseId);
    const lawyer = await joined(server, 'Lou', 'lawyer');
    link(lawyer.ctx, lawyer.caseId);
    await until(() => textOf(lawyer.ctx, noteId) === 'The harbour deal', 'the draft in the lawyer’s library');

    // In the library: the lawyer's editor cannot save into the draft.
    const hubDoc = new Y.Doc();
    Y.applyUpdate(hubDoc, Y.encodeStateAsUpdate(noteHub(lawyer.ctx).open(noteId).doc));
    const edit = typist(hubDoc, 'lawyer');
    let update: Uint8Array | undefined;
    hubDoc.on('update', (u: Uint8Array) => (update = u));
    edit.type(0, 0, 'LEGAL: ');
    edit.close();
    expect(update).toBeDefined();
    const refused = callError(lawyer.ctx, 'sync.noteChange', { noteId, update: Buffer.from(update!).toString('base64'), from: 'here', settle: true });
    expect(refused.code).toBe('FORBIDDEN');

    // On the wire: a client with the lawyer's credential sends the same change; the server drops it.
    const credential = sharedCase(lawyer.ctx.db, lawyer.caseId)!.credential;
    const rogue = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: noteDocName('harbour', noteId), document: rogue, token: credential });
    provider.attach();
    cleanup.push(() => {
      provider.destroy();
      socket.destroy();
    });
    await until(() => provider.isSynced, 'the lawyer’s client to sync');
    Y.applyUpdate(rogue, update!);
    // Ana types after it: once her line arrives, the lawyer's would have too.
    editorOn(a.ctx, noteId).addLine('Checked.');
    await until(() => textOf(lawyer.ctx, noteId).includes('Checked.'), 'Ana’s line to reach the lawyer');
    expect(textOf(a.ctx, noteId)).not.toContain('LEGAL');
    expect(textOf(lawyer.ctx, noteId)).not.toContain('LEGAL');
  });

  it('judges a note’s update on the server: reporters and editors write its text, nothing else, and the others nothing', () => {
    const doc = new Y.Doc();
    const text = new Y.Doc();
    let textUpdate: Uint8Array | undefined;
    text.on('update', (u: Uint8Array) => (textUpdate = u));
    text.get('root', Y.XmlText).insert(0, 'words');
    const other = new Y.Doc();
    let otherUpdate: Uint8Array | undefined;
    other.on('update', (u: Uint8Array) => (otherUpdate = u));
    other.getMap('records').set('x', 1);
    expect(judgeUpdate(doc, textUpdate!, 'reporter', 'Ana', true)).toBeNull();
    expect(judgeUpdate(doc, textUpdate!, 'editor', 'Eve', true)).toBeNull();
    expect(judgeUpdate(doc, textUpdate!, 'fact-checker', 'Fay', true)).toMatch(/reads the drafts/);
    expect(judgeUpdate(doc, textUpdate!, 'lawyer', 'Lou', true)).toMatch(/reads the drafts/);
    expect(judgeUpdate(doc, otherUpdate!, 'reporter', 'Ana', true)).toMatch(/not part of a note/);
  });

  it('co-edits live a case citing a confidential source: the holder types her name letter by letter, the other member sees the typing live, masked, and neither the server nor the other library holds a trace of it', async () => {
    const dataDir = tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: 'Met at the ferry.' }).id;
    await syncCase(a.ctx, a.caseId, { once: true, timeoutMs: 10_000 }).done;
    const b = await joined(server, 'Bea', 'reporter');
    expect(call(a.ctx, 'sync.noteMember', { noteId })).not.toBeNull();
    link(a.ctx, a.caseId);
    link(b.ctx, b.caseId);
    await until(() => textOf(b.ctx, noteId) === 'Met at the ferry.', 'the draft in Bea’s library');
    const ana = editorOn(a.ctx, noteId);
    const bea = editorOn(b.ctx, noteId);
    const typed = ` ${CONFIDENTIAL.name}`;
    for (const [i, ch] of [...typed].entries()) {
      ana.type(0, 3 + i, ch);
      // Live: each keystroke reaches Bea's editor before the next is typed, a letter or a █, never the start of a name.
      await until(() => bea.text().length === 'Met at the ferry.'.length + i + 1, `keystroke ${i + 1} at Bea’s`, 5000, () => bea.text());
      const got = bea.text().slice(3, 4 + i);
      expect([...got].every((c, k) => c === '█' || c === typed[k]), got).toBe(true);
      for (const part of NAME_PARTS) expect(got.toLowerCase().includes(part.slice(0, 3)), got).toBe(false);
    }
    const masked = `Met ${'█'.repeat(CONFIDENTIAL.name.length)} at the ferry.`;
    await until(() => bea.text() === masked, 'the masked name at Bea’s', 5000, () => bea.text());
    bea.type(0, masked.length, ' She was nervous.');
    const mine = `Met ${CONFIDENTIAL.name} at the ferry. She was nervous.`;
    await until(() => ana.text() === mine, 'Bea’s words at Ana’s, around the name', 5000, () => ana.text());
    await until(() => textOf(a.ctx, noteId) === mine && textOf(b.ctx, noteId) === `${masked} She was nervous.`, 'both libraries to hold the draft', 5000, () => JSON.stringify([textOf(a.ctx, noteId), textOf(b.ctx, noteId)]));
    // What reached the server of this note: not the name, nor any beginning of a part of it.
    const sent = Buffer.concat(server.store.fetch(noteDocName('harbour', noteId)).map((u) => Buffer.from(u))).toString('utf8').toLowerCase();
    for (const part of NAME_PARTS) for (let n = 3; n <= part.length; n++) expect(sent.includes(part.slice(0, n)), part.slice(0, n)).toBe(false);
    for (const c of cleanup.splice(0).reverse()) await c();
    for (const file of [...filesOf(dataDir), ...filesOf(dirname(b.ctx.libraryPath))]) {
      expect(describeHits(await leaks(file, readFileSync(file), SECRETS)), file).toEqual([]);
    }
  }, 60_000);

  it('links a note through its masked twin once the library comes to hold a confidential identity: the text is not doubled, and a name typed after reaches the desk masked', async () => {
    const { server, a, b, noteId } = await desk();
    link(a.ctx, a.caseId);
    link(b.ctx, b.caseId);
    await until(() => textOf(b.ctx, noteId) === 'The harbour deal', 'the draft in Bea’s library');
    expect(noteHub(a.ctx).open(noteId).twin).toBeNull();
    // Ana records a confidential source for another story, while the draft is open.
    call(a.ctx, 'sources.create', { name: CONFIDENTIAL.name, kind: 'person', confidential: true });
    await until(() => noteHub(a.ctx).holds(noteId) && noteHub(a.ctx).open(noteId).twin !== null, 'the note linked again through its twin', 10_000);
    const ana = editorOn(a.ctx, noteId);
    const bea = editorOn(b.ctx, noteId);
    ana.type(0, 16, `, says ${CONFIDENTIAL.name}`);
    const masked = `The harbour deal, says ${'█'.repeat(CONFIDENTIAL.name.length)}`;
    await until(() => bea.text() === masked, 'the masked name at Bea’s', 10_000, () => bea.text());
    await until(() => textOf(a.ctx, noteId) === `The harbour deal, says ${CONFIDENTIAL.name}` && textOf(b.ctx, noteId) === masked, 'both libraries', 5000, () => JSON.stringify([textOf(a.ctx, noteId), textOf(b.ctx, noteId)]));
    const sent = Buffer.concat(server.store.fetch(noteDocName('harbour', noteId)).map((u) => Buffer.from(u))).toString('utf8').toLowerCase();
    for (const part of NAME_PARTS) for (let n = 3; n <= part.length; n++) expect(sent.includes(part.slice(0, n)), part.slice(0, n)).toBe(false);
  }, 60_000);

  it('keeps a case flagged before notes had masked twins out of live co-editing: its notes travel whole, the name masked, and no note document reaches the server', async () => {
    const server = await testServer();
    const a = await shared(server);
    flagNotesWhole(a.ctx, a.caseId, true);
    const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: `Met ${CONFIDENTIAL.name} at the ferry.` }).id;
    await syncCase(a.ctx, a.caseId, { once: true, timeoutMs: 10_000 }).done;
    const b = await joined(server, 'Bea', 'reporter');
    expect(call(a.ctx, 'sync.noteMember', { noteId })).toBeNull();
    expect(call(b.ctx, 'sync.noteMember', { noteId })).toBeNull();
    expect(textOf(b.ctx, noteId)).toMatch(/^Met █+ at the ferry\.$/);
    expect(server.store.fetch(noteDocName('harbour', noteId))).toEqual([]);
    // Asked for anyway (a modified client), the server opens no such document.
    const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: noteDocName('harbour', noteId), document: new Y.Doc(), token: sharedCase(a.ctx.db, a.caseId)!.credential });
    provider.attach();
    cleanup.push(() => {
      provider.destroy();
      socket.destroy();
    });
    const refused = await new Promise<boolean>((resolve) => {
      provider.on('authenticationFailed', () => resolve(true));
      provider.on('synced', () => resolve(false));
    });
    expect(refused).toBe(true);
  });
});
