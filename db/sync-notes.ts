// The Yjs documents of the notes of shared cases (docs/sync.md §1): each note's updates, kept
// so a co-edited note survives restarts and offline edits, and folded into one row now and then
// so loading a note stays quick.

import type { DB, WriteDB } from './open.js';
import type { Row } from './records.js';

export interface NoteUpdate {
  seq: number;
  noteId: string;
  data: Uint8Array;
  local: boolean;
  /** The note's shared twin (a library holding confidential identities: core/desk/note-twin.ts). */
  twin: boolean;
}

const toUpdate = (r: Row): NoteUpdate => ({ seq: r.seq as number, noteId: r.note_id as string, data: new Uint8Array(r.data as Buffer), local: r.local === 1, twin: r.twin === 1 });

export function appendNoteUpdate(db: WriteDB, noteId: string, data: Uint8Array, local: boolean, twin = false): number {
  return (db.prepare('INSERT INTO sync_note_updates (note_id, data, local, twin) VALUES (?, ?, ?, ?) RETURNING seq').get(noteId, data, local ? 1 : 0, twin ? 1 : 0) as { seq: number }).seq;
}

export function noteUpdates(db: DB, noteId: string, twin = false): NoteUpdate[] {
  return (db.prepare('SELECT seq, note_id, data, local, twin FROM sync_note_updates WHERE note_id = ? AND twin = ? ORDER BY seq').all(noteId, twin ? 1 : 0) as Row[]).map(toUpdate);
}

export function hasNoteUpdates(db: DB, noteId: string, twin = false): boolean {
  return db.prepare('SELECT 1 FROM sync_note_updates WHERE note_id = ? AND twin = ? LIMIT 1').get(noteId, twin ? 1 : 0) !== undefined;
}

/** Updates of every note written after `afterSeq`, oldest first, at most `limit`. */
export function noteUpdatesAfter(db: DB, afterSeq: number, limit: number): NoteUpdate[] {
  return (db.prepare('SELECT seq, note_id, data, local, twin FROM sync_note_updates WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Row[]).map(toUpdate);
}

export function latestNoteSeq(db: DB): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_note_updates').get() as { n: number }).n;
}

/**
 * Replaces a note's rows up to `upTo` by one that holds them all (the engine merged them). The
 * row waits for the server unless every local change folded into it had reached it.
 */
export function foldNoteUpdates(db: WriteDB, noteId: string, upTo: number, merged: Uint8Array, local: boolean, twin = false): void {
  const t = twin ? 1 : 0;
  const waiting = db.prepare('SELECT 1 FROM sync_note_updates WHERE note_id = ? AND seq <= ? AND twin = ? AND local = 1 AND acked = 0 LIMIT 1').get(noteId, upTo, t) !== undefined;
  db.prepare('DELETE FROM sync_note_updates WHERE note_id = ? AND seq <= ? AND twin = ?').run(noteId, upTo, t);
  const seq = appendNoteUpdate(db, noteId, merged, local, twin);
  if (local && !waiting) markNoteUpdatesAcked(db, [seq]);
}

/**
 * The note's own changes the sync server has not confirmed holding yet, oldest first: of the
 * document that goes upstream (`twin`: the masked twin, in a library that holds confidential
 * identities; otherwise the note's own).
 */
export function unackedNoteUpdates(db: DB, noteId: string, twin = false): NoteUpdate[] {
  return (db.prepare('SELECT seq, note_id, data, local, twin FROM sync_note_updates WHERE note_id = ? AND twin = ? AND local = 1 AND acked = 0 ORDER BY seq').all(noteId, twin ? 1 : 0) as Row[]).map(toUpdate);
}

export function markNoteUpdatesAcked(db: WriteDB, seqs: number[]): void {
  const mark = db.prepare('UPDATE sync_note_updates SET acked = 1 WHERE seq = ?');
  for (const seq of seqs) mark.run(seq);
}

/** Local changes to the case's notes (not in the trash) the sync server has not confirmed holding, of the document that goes upstream (`twin`). */
export function noteChangesWaiting(db: DB, caseId: string, twin = false): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM sync_note_updates u JOIN notes n ON n.id = u.note_id WHERE n.case_id = ? AND n.deleted_at IS NULL AND u.twin = ? AND u.local = 1 AND u.acked = 0')
      .get(caseId, twin ? 1 : 0) as { n: number }
  ).n;
}
