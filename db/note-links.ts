// What each note cites or mentions, kept in step with its content by core on every save.

import type { DB, WriteDB } from './open.js';

export type NoteTarget = 'claim' | 'source' | 'document' | 'excerpt';

export function setNoteLinks(db: WriteDB, noteId: string, links: { type: NoteTarget; id: string }[]): void {
  db.prepare('DELETE FROM note_links WHERE note_id = ?').run(noteId);
  const add = db.prepare('INSERT OR IGNORE INTO note_links (note_id, target_type, target_id) VALUES (?, ?, ?)');
  for (const l of links) add.run(noteId, l.type, l.id);
}

/** The live notes that cite a record, most recently edited first. */
export function notesCiting(db: DB, type: NoteTarget, id: string): { noteId: string; title: string }[] {
  return db
    .prepare(
      `SELECT n.id AS noteId, n.title FROM note_links l JOIN notes n ON n.id = l.note_id
       WHERE l.target_type = ? AND l.target_id = ? AND n.deleted_at IS NULL ORDER BY n.updated_at DESC`,
    )
    .all(type, id) as { noteId: string; title: string }[];
}
