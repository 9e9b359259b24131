// The library's half of a co-edited note (docs/sync.md §1): each note of a shared case has its
// own Yjs document, kept in the library as the updates that built it. Those updates are the
// note's text; the note's content and plain text (what search, packets and the citation checks
// read) are derived from them here, inside the dispatcher, and checked as the editor's own saves
// are (checkedNoteContent).

import * as Y from 'yjs';
import {
  appendNoteUpdate,
  foldNoteUpdates,
  getRow,
  hasNoteUpdates,
  markNoteUpdatesAcked,
  noteChangesWaiting,
  noteUpdates,
  unackedNoteUpdates,
  setNoteLinks,
  sharedCase,
  lastSyncSeq,
  updateRecord,
  type DB,
  type SharedCase,
  type WriteDB,
} from '../../db/index.js';
import { ApiError } from '../errors.js';
import { citationsOf, plainText } from '../lexical-text.js';
import { checkedNoteContent, noteDocs } from '../note-content.js';
import { loadDoc } from './case-doc.js';
import { deskMask, libraryTypingMask, type TypingMask } from './mask.js';
import { applyAndCheck, NoteTwin, shapeOf, TwinOutOfStep, type TwinChange } from './note-twin.js';
import { NOTE_WRITERS, notesLive } from './policy.js';
import { NOTE_ROOT, type Role } from './schema.js';

/** Rows of one note folded into one past this many: loading stays quick. */
const FOLD_AFTER = 256;

/**
 * The shared case of a co-edited note, or undefined when the note is written alone here: its
 * case is not shared, or its notes travel whole (a case flagged so before notes had masked
 * twins: policy.ts notesLive). A library that holds confidential identities co-edits through a
 * masked twin (note-twin.ts).
 */
export function caseOfSharedNote(db: DB, noteId: string): SharedCase | undefined {
  const row = getRow(db, 'note', noteId);
  return row ? coEditedCase(db, String(row.case_id)) : undefined;
}

/** The shared case, when its notes are co-edited (not travelling whole). */
function coEditedCase(db: DB, caseId: string): SharedCase | undefined {
  const shared = sharedCase(db, caseId);
  if (!shared) return undefined;
  return notesWholeOnDesk(db, shared.caseId) ? undefined : shared;
}

/** The desk's word on a case's notes (policy.ts notesLive), per library, read again only when the case changed. */
const wholeSeen = new WeakMap<DB, Map<string, { seq: number; whole: boolean }>>();
function notesWholeOnDesk(db: DB, caseId: string): boolean {
  const seq = lastSyncSeq(db, caseId);
  let known = wholeSeen.get(db);
  if (!known) wholeSeen.set(db, (known = new Map()));
  const seen = known.get(caseId);
  if (seen && (seen.whole || seen.seq === seq)) return seen.whole;
  const doc = loadDoc(db, caseId);
  try {
    const whole = !notesLive(doc);
    known.set(caseId, { seq, whole });
    return whole;
  } finally {
    doc.destroy();
  }
}

export function requireSharedNote(db: DB, noteId: string): SharedCase {
  if (!getRow(db, 'note', noteId)) throw new ApiError('NOT_FOUND', `No note has the id ${noteId}.`);
  const shared = caseOfSharedNote(db, noteId);
  if (!shared) {
    throw new ApiError('NOT_FOUND', 'That note is not co-edited: its case is not shared with a desk, or it cites a confidential source (its notes then travel whole, with the names masked).');
  }
  return shared;
}

/** The note's document as this library holds it, or (`twin`) the masked one it shares. */
export function loadNoteDoc(db: DB, noteId: string, twin = false): Y.Doc {
  const doc = new Y.Doc();
  const updates = noteUpdates(db, noteId, twin).map((u) => u.data);
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

/**
 * Starts a note's document from the note as the library has it, once: when this library puts
 * the note on the desk (a new note, a case just shared, a note that travelled whole before).
 * The seed is the same in every library for the same text (core/note-doc.ts), so two reporters
 * who start it at once do not double it.
 */
export function seedNoteDoc(db: WriteDB, noteId: string, content: string): void {
  // A note with no content yet (one received from the desk) is started by whoever wrote it.
  if (!content || hasNoteUpdates(db, noteId)) return;
  const seed = noteDocs().seedUpdate(noteId, content);
  appendNoteUpdate(db, noteId, seed, true);
  // Its masked twin is seeded the same way from the masked content, which is what a member who
  // received the note whole seeds it from: the two seeds are one, and the text is not doubled.
  if (!libraryTypingMask(db) || hasNoteUpdates(db, noteId, true)) return;
  const twinSeed = noteDocs().seedUpdate(noteId, String(deskMask(db).mask('note', 'content', content)));
  const [mine, masked] = [seed, twinSeed].map((u) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, u);
    const shape = shapeOf(doc);
    doc.destroy();
    return shape;
  });
  // Otherwise the twin starts from the note's own items when first opened (note-twin.ts).
  if (mine === masked) appendNoteUpdate(db, noteId, twinSeed, true, true);
}

/** Only the text's own type: a change that writes anything else into a note's document is not a note. */
function onlyNoteText(doc: Y.Doc): boolean {
  for (const name of doc.share.keys()) if (name !== NOTE_ROOT) return false;
  return true;
}

/** The note's content and plain text, from its document, when they checked and changed. */
function deriveInto(db: WriteDB, noteId: string, doc: Y.Doc): boolean {
  const row = getRow(db, 'note', noteId);
  if (!row || row.deleted_at) return false;
  const state = noteDocs().noteStateOf(doc);
  if (state === null) return false;
  let content: string;
  try {
    content = checkedNoteContent(state);
  } catch {
    // Kept as it is in the document (nothing is lost), not written where the editor could not open it.
    return false;
  }
  if (content === row.content) return false;
  updateRecord(db, 'note', noteId, { content, text: plainText(content) });
  setNoteLinks(db, noteId, citationsOf(content));
  return true;
}

/**
 * Marks the note's own changes the server's copy contains (`snapshot`, Yjs's, of the server's
 * document) as delivered; returns how many of them still wait.
 */
export function acknowledgeNote(db: WriteDB, noteId: string, snapshot: Uint8Array): { waiting: number } {
  requireSharedNote(db, noteId);
  let held: Y.Snapshot;
  try {
    held = Y.decodeSnapshot(snapshot);
  } catch {
    throw new ApiError('BAD_INPUT', 'The server’s copy of the note could not be read: nothing was marked as delivered.');
  }
  // What went upstream: the masked twin's changes in a library that holds confidential identities.
  const rows = unackedNoteUpdates(db, noteId, libraryTypingMask(db) !== null);
  const delivered = rows.filter((r) => Y.snapshotContainsUpdate(held, r.data)).map((r) => r.seq);
  markNoteUpdatesAcked(db, delivered);
  return { waiting: rows.length - delivered.length };
}

/**
 * Changes to the case's co-edited notes that wait for the server. None when its notes are not
 * co-edited: they then travel whole, inside the case's own changes.
 */
export function notesWaiting(db: DB, caseId: string): number {
  return coEditedCase(db, caseId) ? noteChangesWaiting(db, caseId, libraryTypingMask(db) !== null) : 0;
}

function foldIfLong(db: WriteDB, noteId: string, doc: Y.Doc, twin = false): void {
  const rows = noteUpdates(db, noteId, twin);
  if (rows.length <= FOLD_AFTER) return;
  foldNoteUpdates(db, noteId, rows.at(-1)!.seq, Y.encodeStateAsUpdate(doc), rows.some((r) => r.local), twin);
}

/**
 * Keeps one update of a document, unless the library holds it already (sent again after a
 * reconnection). `apply`: how it is applied (the twin's is checked on the way).
 */
function keep(db: WriteDB, noteId: string, doc: Y.Doc, update: Uint8Array, local: boolean, twin: boolean, apply = (d: Y.Doc, u: Uint8Array) => Y.applyUpdate(d, u)): boolean {
  let saved: boolean;
  try {
    saved = !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
    apply(doc, update);
  } catch {
    throw new ApiError('BAD_INPUT', 'The change to the note could not be read: nothing was saved.');
  }
  if (!onlyNoteText(doc)) throw new ApiError('BAD_INPUT', 'The change writes something other than the note’s text: nothing was saved.');
  if (saved) appendNoteUpdate(db, noteId, update, local, twin);
  return saved;
}

/** Keeps what a twin reported (both documents' updates of one change), as typed here. */
function keepTwinChange(db: WriteDB, noteId: string, change: TwinChange): void {
  if (change.local) appendNoteUpdate(db, noteId, change.local, true);
  if (change.shared) appendNoteUpdate(db, noteId, change.shared, true, true);
}

export interface NoteChange {
  noteId: string;
  /** A Yjs update of the note's document; none to only bring the note's content up to date. */
  update?: Uint8Array;
  /** The same change to the note's masked twin (a library holding confidential identities). */
  twin?: Uint8Array;
  /** 'here': typed in this library's editor; 'desk': from another member, through the server. */
  from: 'here' | 'desk';
  /** Derive the note's content now (the door does it once typing pauses: it reads the whole note). */
  settle: boolean;
}

export function applyNoteChange(db: WriteDB, change: NoteChange): { saved: boolean; written: boolean } {
  const shared = requireSharedNote(db, change.noteId);
  if (change.from === 'here' && change.update && !NOTE_WRITERS.has(shared.role as Role)) {
    throw new ApiError('FORBIDDEN', `Not saved: this case is shared with you as ${shared.role}, who reads the drafts but does not change them.`);
  }
  const doc = loadNoteDoc(db, change.noteId);
  try {
    let saved = false;
    if (change.update) saved = keep(db, change.noteId, doc, change.update, change.from === 'here', false);
    if (change.twin) saved = keepTwin(db, change.noteId, change.twin, change.from) || saved;
    const written = change.settle ? deriveInto(db, change.noteId, doc) : false;
    foldIfLong(db, change.noteId, doc);
    return { saved, written };
  } finally {
    doc.destroy();
  }
}

/**
 * The masked twin's half of a change. What this library sends must hold nothing it withholds:
 * a change that would is refused, whole (the transaction takes the note's half back with it).
 */
function keepTwin(db: WriteDB, noteId: string, update: Uint8Array, from: 'here' | 'desk'): boolean {
  const mask = libraryTypingMask(db);
  if (!mask) throw new ApiError('BAD_INPUT', 'This library holds no confidential identity: its notes have no masked twin.');
  const twin = loadNoteDoc(db, noteId, true);
  try {
    let holds = false;
    const saved = keep(db, noteId, twin, update, from === 'here', true, (d, u) => (holds = applyAndCheck(d, u, mask)));
    // What the desk typed is theirs; what this library sends must be masked.
    if (from === 'here' && holds) throw new ApiError('FORBIDDEN', 'Not saved: the change would send a confidential identity to the desk.');
    foldIfLong(db, noteId, twin, true);
    return saved;
  } finally {
    twin.destroy();
  }
}

/** A note's two documents, linked, in a library that holds confidential identities; null in one that holds none. */
export function openTwin(db: DB, noteId: string, report: (change: TwinChange) => void): { local: Y.Doc; shared: Y.Doc; twin: NoteTwin } | null {
  const mask: TypingMask | null = libraryTypingMask(db);
  if (!mask) return null;
  const local = loadNoteDoc(db, noteId);
  const shared = loadNoteDoc(db, noteId, true);
  try {
    return { local, shared, twin: new NoteTwin(local, shared, mask, report) };
  } catch (err) {
    local.destroy();
    shared.destroy();
    if (err instanceof TwinOutOfStep) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}

/**
 * A whole new content for a co-edited note (notes.update from a script, the CLI, or an editor
 * not co-editing): written into its document as an edit, so it merges with others' typing
 * instead of replacing their document. `content` is checked already.
 */
export function editSharedNote(db: WriteDB, noteId: string, content: string, shared: SharedCase): void {
  if (!NOTE_WRITERS.has(shared.role as Role)) {
    throw new ApiError('FORBIDDEN', `Not saved: this case is shared with you as ${shared.role}, who reads the drafts but does not change them.`);
  }
  if (loadNoteDoc(db, noteId).get(NOTE_ROOT, Y.XmlText).length === 0) seedNoteDoc(db, noteId, content);
  // Holding confidential identities, the edit reaches the desk through the note's masked twin.
  const twin = openTwin(db, noteId, (change) => keepTwinChange(db, noteId, change));
  const doc = twin?.local ?? loadNoteDoc(db, noteId);
  try {
    const update = noteDocs().editFor(doc, content);
    if (update && twin) Y.applyUpdate(doc, update, 'edit');
    else if (update) appendNoteUpdate(db, noteId, update, true);
  } finally {
    twin?.twin.close();
    twin?.shared.destroy();
    doc.destroy();
  }
}

/** The note's document as one update, and what the door needs to relay it. */
export function noteDocState(db: DB, noteId: string): { caseId: string; shared: SharedCase; state: Uint8Array; twin: Uint8Array | null } {
  const shared = requireSharedNote(db, noteId);
  const doc = loadNoteDoc(db, noteId);
  const twin = libraryTypingMask(db) ? loadNoteDoc(db, noteId, true) : null;
  try {
    return { caseId: shared.caseId, shared, state: Y.encodeStateAsUpdate(doc), twin: twin && Y.encodeStateAsUpdate(twin) };
  } finally {
    doc.destroy();
    twin?.destroy();
  }
}
