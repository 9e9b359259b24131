// The masked twin of a live draft (note-twin.ts), tested as an adversary would type: the name
// letter by letter, pasted whole, inside a word, with its case and accents changed, across a
// change of formatting, deleted and typed again, undone and redone. After every keystroke the
// shared document's whole state and every update it sent are searched for the name, each of its
// parts' beginnings of three letters or more, and the forms the leak oracle knows.

import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../db/index.js';
import { describeHits, leaks, type Secret } from '../../test/export/oracle.js';
import { call, callError } from '../../test/helpers.js';
import { CONFIDENTIAL, deskCase } from '../../test/sync/desk.js';
import { typist, type Typist } from '../../test/sync/typist.js';
import { withheldValues } from '../export/redaction.js';
import { BUILT_IN_PROFILES } from '../export/profiles.js';
import { fold } from '../redaction/fold.js';
import { MASK, typingMask } from './mask.js';
import { NoteTwin, sharedHolds, type TwinChange } from './note-twin.js';
import { NOTE_ROOT } from './schema.js';

const SOURCE = { id: 's1', kind: 'person', confidential: true, name: CONFIDENTIAL.name, aliases: CONFIDENTIAL.aliases, contact: CONFIDENTIAL.contact } as unknown as Source;
const MASKER = typingMask(withheldValues([SOURCE], BUILT_IN_PROFILES.lawyer.fields));
const SECRETS: Secret[] = [
  { kind: 'person', value: CONFIDENTIAL.name },
  ...CONFIDENTIAL.aliases.map((value): Secret => ({ kind: 'phrase', value })),
  { kind: 'email', value: CONFIDENTIAL.contact.email, domain: true },
  { kind: 'phone', value: CONFIDENTIAL.contact.phone },
];
/** Every beginning of three letters or more of each part of the name ("mar", "marg"… "okon"… "lin"…). */
const PREFIXES = CONFIDENTIAL.name
  .toLowerCase()
  .split(/[\s-]+/)
  .flatMap((part) => Array.from({ length: part.length - 2 }, (_, i) => part.slice(0, i + 3)));

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

const textOf = (doc: Y.Doc) => {
  const walk = (t: Y.XmlText): string =>
    (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : op.insert instanceof Y.XmlText ? `${walk(op.insert)}\n` : '')).join('');
  return walk(doc.get(NOTE_ROOT, Y.XmlText));
};

/** A holder's L and S, S linked to a remote member's document as the server would link them. */
function twinDesk(initial = 'The harbour deal') {
  const local = new Y.Doc();
  const shared = new Y.Doc();
  const remote = new Y.Doc();
  const sent: Uint8Array[] = [];
  const changes: TwinChange[] = [];
  const seed = typist(local, 'seed');
  seed.addLine(initial);
  seed.close();
  const twin = new NoteTwin(local, shared, MASKER, (c) => changes.push(c));
  shared.on('update', (u: Uint8Array, origin: unknown) => {
    sent.push(u);
    if (origin !== 'remote') Y.applyUpdate(remote, u, 'shared');
  });
  remote.on('update', (u: Uint8Array, origin: unknown) => origin !== 'shared' && Y.applyUpdate(shared, u, 'remote'));
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(shared), 'shared');
  const holder = typist(local, 'holder');
  open.push(() => {
    holder.close();
    twin.close();
  });
  return { local, shared, remote, sent, changes, holder, twin };
}

/** Nothing of the name in S's state nor in any update it sent; what L's editor shows, S shows masked at the same places. */
async function expectNoLeak(desk: ReturnType<typeof twinDesk>, step: string): Promise<void> {
  const blobs = [Y.encodeStateAsUpdate(desk.shared), ...desk.sent, ...desk.changes.flatMap((c) => (c.shared ? [c.shared] : []))];
  for (const [i, blob] of blobs.entries()) {
    const bytes = Buffer.from(blob);
    const readable = fold(bytes.toString('utf8')).text.replace(/[^\p{L}\p{N}]+/gu, ' ');
    const hits = PREFIXES.filter((p) => readable.includes(p));
    expect(hits, `${step}: update ${i} holds ${hits.join(', ')} (${readable.slice(0, 200)})`).toEqual([]);
    expect(describeHits(await leaks(`${step}-${i}.bin`, bytes, SECRETS)), step).toEqual([]);
  }
  expect(sharedHolds(desk.shared, MASKER), step).toBe(false);
  const l = textOf(desk.local);
  const s = textOf(desk.shared);
  expect(s.length, step).toBe(l.length);
  for (let i = 0; i < l.length; i++) if (s[i] !== l[i]) expect(s[i], `${step}: at ${i} of ${l}`).toBe(MASK);
}

const NAME = CONFIDENTIAL.name;

describe('a live draft’s masked twin', () => {
  it('never sends the name typed letter by letter, nor any beginning of it, and the holder keeps it', async () => {
    const desk = twinDesk();
    for (const [i, ch] of [...` with ${NAME} at noon`].entries()) {
      desk.holder.type(0, 16 + i, ch);
      await expectNoLeak(desk, `typed ${i + 1} letters`);
    }
    expect(desk.holder.text()).toBe(`The harbour deal with ${NAME} at noon`);
    expect(textOf(desk.remote)).toBe(`The harbour deal with ${MASK.repeat(NAME.length)} at noon\n`);
  });

  it('covers a word only while it could be the name: "Mar" leaves as ███ and becomes "Mark"', async () => {
    const desk = twinDesk();
    for (const [i, ch] of [...' Mar'].entries()) desk.holder.type(0, 16 + i, ch);
    expect(textOf(desk.remote)).toBe(`The harbour deal ${MASK.repeat(3)}\n`);
    await expectNoLeak(desk, 'Mar');
    desk.holder.type(0, 20, 'k');
    expect(textOf(desk.remote)).toBe('The harbour deal Mark\n');
  });

  it('masks the name pasted whole, inside a word, with its case and accents changed, and with separators inside it', async () => {
    const desk = twinDesk();
    desk.holder.type(0, 0, `${NAME} said: `);
    await expectNoLeak(desk, 'pasted');
    desk.holder.type(0, 0, 'xxMARGARÉTHEyy ');
    await expectNoLeak(desk, 'inside a word, upper case, accent');
    for (const [i, ch] of [...'zzÓkonkwo'].entries()) desk.holder.type(0, i, ch);
    await expectNoLeak(desk, 'inside a word letter by letter');
    desk.holder.type(0, 0, 'Lind-qvist ');
    await expectNoLeak(desk, 'separator inside');
    desk.holder.type(0, 0, `${CONFIDENTIAL.contact.email} ${CONFIDENTIAL.contact.phone} `);
    await expectNoLeak(desk, 'contact details');
  });

  it('masks a name typed across a change of formatting, deleted and typed again, undone and redone', async () => {
    const desk = twinDesk('');
    // As Lexical writes a bold run and a plain one: a text node's properties, then its letters.
    const paragraph = () => (desk.local.get(NOTE_ROOT, Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0]!.insert;
    const undo = new Y.UndoManager(desk.local.get(NOTE_ROOT, Y.XmlText), { trackedOrigins: new Set(['raw']), captureTimeout: 0 });
    const at = () => paragraph().length;
    desk.local.transact(() => paragraph().insertEmbed(at(), new Y.Map(Object.entries({ __type: 'text', __format: 1, __style: '', __mode: 0, __detail: 0 }))), 'raw');
    for (const ch of 'Marg') desk.local.transact(() => paragraph().insert(at(), ch), 'raw');
    desk.local.transact(() => paragraph().insertEmbed(at(), new Y.Map(Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 }))), 'raw');
    for (const ch of 'arethe') {
      desk.local.transact(() => paragraph().insert(at(), ch), 'raw');
      await expectNoLeak(desk, `across formatting: ${ch}`);
    }
    for (let i = 0; i < 6; i++) desk.local.transact(() => paragraph().delete(at() - 1, 1), 'raw');
    await expectNoLeak(desk, 'deleted back');
    for (const ch of 'ARETHE') desk.local.transact(() => paragraph().insert(at(), ch), 'raw');
    await expectNoLeak(desk, 'typed again');
    while (undo.canUndo()) {
      undo.undo();
      await expectNoLeak(desk, 'undone');
    }
    while (undo.canRedo()) {
      undo.redo();
      await expectNoLeak(desk, 'redone');
    }
    expect(textOf(desk.local)).toContain('MargARETHE');
  });

  it('converges with a member typing at the same time: the same text on both sides, the holder still reads the name', async () => {
    const local = new Y.Doc();
    const shared = new Y.Doc();
    const remote = new Y.Doc();
    const seed = typist(local, 'seed');
    seed.addLine('The harbour deal');
    seed.close();
    const twin = new NoteTwin(local, shared, MASKER, () => {});
    open.push(() => twin.close());
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(shared));
    const holder = typist(local, 'holder');
    const bea: Typist = typist(remote, 'bea');
    open.push(() => {
      holder.close();
      bea.close();
    });
    // Offline from each other: each types, then they exchange what they did.
    const sBefore = Y.encodeStateVector(shared);
    const rBefore = Y.encodeStateVector(remote);
    holder.type(0, 4, `${NAME} said: `);
    bea.type(0, 16, ' was signed at night');
    holder.addLine(`Call ${NAME.split(' ')[0]} again.`);
    bea.type(0, 0, 'Draft: ');
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(remote, sBefore), 'desk');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(shared, rBefore), 'desk');
    const mine = textOf(local);
    const theirs = textOf(remote);
    expect(mine).toBe(`Draft: The ${NAME} said: harbour deal was signed at night\nCall Margarethe again.\n`);
    expect(theirs).toBe(textOf(shared));
    expect(theirs).toBe(mine.replaceAll(NAME, MASK.repeat(NAME.length)).replace('Margarethe', MASK.repeat(10)));
    // Bea edits around the masked name: her words arrive, the name stays the holder's.
    const before = Y.encodeStateVector(shared);
    // (Straight into her document: right after the first text node's properties.)
    remote.transact(() => (remote.get(NOTE_ROOT, Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0]!.insert.insert(1, 'NEW '), 'bea');
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(remote, before), 'desk');
    expect(textOf(local)).toBe(`NEW ${mine}`);
  });

  it('is checked by the library: a change to the twin that would send the name is refused, whole; a masked one is kept', () => {
    const { ctx, caseId } = deskCase();
    // Shared with a server never reached: the twin is the library's own.
    call(ctx, 'sync.attach', { caseId, serverUrl: 'ws://127.0.0.1:9', docName: 'harbour', member: 'Ana', role: 'reporter', credential: 'mem_'.padEnd(40, 'x') });
    const noteId = call(ctx, 'notes.create', { caseId, title: 'Draft', text: 'Met at the ferry.' }).id;
    const opened = call(ctx, 'sync.noteOpen', { noteId });
    const local = new Y.Doc();
    Y.applyUpdate(local, Buffer.from(opened.state, 'base64'));
    const shared = new Y.Doc();
    const updates: Uint8Array[] = [];
    shared.on('update', (u: Uint8Array) => updates.push(u));
    new NoteTwin(local, shared, MASKER, () => {}).close();
    const startup = Buffer.from(Y.mergeUpdates(updates)).toString('base64');
    call(ctx, 'sync.noteChange', { noteId, twin: startup, from: 'here', settle: false });
    const paragraph = () => (shared.get(NOTE_ROOT, Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0]!.insert;
    const change = (text: string) => {
      updates.length = 0;
      shared.transact(() => paragraph().insert(4, text));
      return Buffer.from(updates[0]!).toString('base64');
    };
    // A modified door, or a bug: the name in the twin.
    expect(callError(ctx, 'sync.noteChange', { noteId, twin: change(`${NAME} `), from: 'here', settle: false }).code).toBe('FORBIDDEN');
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Buffer.from(call(ctx, 'sync.noteOpen', { noteId }).twin!, 'base64'));
    expect(textOf(scratch)).toBe('Met at the ferry.\n');
    expect(call(ctx, 'sync.noteChange', { noteId, twin: change(`${MASK.repeat(NAME.length)} `), from: 'here', settle: false }).saved).toBe(true);
    // …and the page cannot pass the name off as the desk's: only the process's own link to the desk may say so.
    const forged = change(`${NAME} `);
    expect(callError(ctx, 'sync.noteChange', { noteId, twin: forged, from: 'desk', settle: false }).code).toBe('FORBIDDEN');
    expect(callError(ctx, 'sync.noteChange', { noteId, twin: forged, from: 'desk', hub: 'a guess', settle: false }).code).toBe('FORBIDDEN');
    const kept = new Y.Doc();
    Y.applyUpdate(kept, Buffer.from(call(ctx, 'sync.noteOpen', { noteId }).twin!, 'base64'));
    expect(textOf(kept)).not.toContain(NAME);
  });

  it('moves a cursor between the two documents to the same place: they have the same places, not the same items', () => {
    const desk = twinDesk();
    desk.holder.type(0, 16, ` with ${NAME}`);
    const paragraphOf = (doc: Y.Doc) => (doc.get(NOTE_ROOT, Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0]!.insert;
    // Inside the name: in L, a place among the holder's own items, which S has not got.
    const at = 1 + 'The harbour deal with Marg'.length;
    const state = { name: 'Ana', anchorPos: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(paragraphOf(desk.local), at)), focusPos: null };
    const { twin } = desk;
    const onDesk = twin.cursor(state, true);
    expect(onDesk.name).toBe('Ana');
    expect(onDesk.focusPos).toBeNull();
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(onDesk.anchorPos), desk.shared)!;
    expect(abs.type).toBe(paragraphOf(desk.shared));
    expect(abs.index).toBe(at);
    const back = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(twin.cursor(onDesk, false).anchorPos), desk.local)!;
    expect([back.type, back.index]).toEqual([paragraphOf(desk.local), at]);
    // As it is, L's position means nothing in S.
    expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(state.anchorPos), desk.shared)?.index ?? null).not.toBe(at);
  });
});
