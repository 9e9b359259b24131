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
}

const toUpdate = (r: Row): NoteUpdate => ({ seq: r.seq as number, noteId: r.note_id as string, data: new Uint8Array(r.data as Buffer), local: r.local === 1 });

export function appendNoteUpdate(db: WriteDB, noteId: string, data: Uint8Array, local: boolean): number {
  return (db.prepare('INSERT INTO sync_note_updates (note_id, data, local) VALUES (?, ?, ?) RETURNING seq').get(noteId, data, local ? 1 : 0) as { seq: number }).seq;
}

export function noteUpdates(db: DB, noteId: string): NoteUpdate[] {
  return (db.prepare('SELECT seq, note_id, data, local FROM sync_note_updates WHERE note_id = ? ORDER BY seq').all(noteId) as Row[]).map(toUpdate);
}

export function hasNoteUpdates(db: DB, noteId: string): boolean {
  return db.prepare('SELECT 1 FROM sync_note_updates WHERE note_id = ? LIMIT 1').get(noteId) !== undefined;
}

/** Updates of every note written after `afterSeq`, oldest first, at most `limit`. */
export function noteUpdatesAfter(db: DB, afterSeq: number, limit: number): NoteUpdate[] {
  return (db.prepare('SELECT seq, note_id, data, local FROM sync_note_updates WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Row[]).map(toUpdate);
}

export function latestNoteSeq(db: DB): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_note_updates').get() as { n: number }).n;
}

/** Replaces a note's rows up to `upTo` by one that holds them all (the engine merged them). */
export function foldNoteUpdates(db: WriteDB, noteId: string, upTo: number, merged: Uint8Array, local: boolean): void {
  db.prepare('DELETE FROM sync_note_updates WHERE note_id = ? AND seq <= ?').run(noteId, upTo);
  appendNoteUpdate(db, noteId, merged, local);
}

/**
 * Whether a claim of the case (in the trash or not) cites a confidential source: the library's
 * reading of the case's rule for live notes (core/desk/policy.ts notesLive reads the document;
 * the library holds the same records).
 */
export function caseCitesConfidential(db: DB, caseId: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id JOIN sources s ON s.id = cs.source_id WHERE c.case_id = ? AND s.confidential = 1 LIMIT 1')
      .get(caseId) !== undefined
  );
}

/** Whether the library holds any confidential source (in the trash too): a name its reporter could type. */
export function libraryHoldsConfidential(db: DB): boolean {
  return db.prepare('SELECT 1 FROM sources WHERE confidential = 1 LIMIT 1').get() !== undefined;
}
