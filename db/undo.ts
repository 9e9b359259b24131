// The undo journal: destructive actions a reporter may want back, newest first.

import type { DB, WriteDB } from './open.js';
import { newId, nowIso } from './ids.js';

export type UndoAction = 'trash' | 'merge' | 'import';

export interface UndoEntry {
  id: string;
  createdAt: string;
  action: UndoAction;
  label: string;
  payload: unknown;
}

export function recordUndo(db: WriteDB, action: UndoAction, label: string, payload: unknown): void {
  db.prepare('INSERT INTO undo_log (id, created_at, action, label, payload) VALUES (?, ?, ?, ?, ?)').run(
    newId(),
    nowIso(),
    action,
    label.slice(0, 200),
    JSON.stringify(payload),
  );
}

/** The newest entries not yet undone, newest first. */
export function pendingUndo(db: DB, limit = 20): UndoEntry[] {
  const rows = db
    .prepare('SELECT * FROM undo_log WHERE undone_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(limit) as { id: string; created_at: string; action: UndoAction; label: string; payload: string }[];
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, action: r.action, label: r.label, payload: JSON.parse(r.payload) as unknown }));
}

/** Marks an entry done with: undone, or moot because its record changed or went for good. */
export function closeUndo(db: WriteDB, id: string): void {
  db.prepare('UPDATE undo_log SET undone_at = ? WHERE id = ?').run(nowIso(), id);
}

/**
 * Connections whose write purged something. A purge's words are gone from the library's pages
 * (secure_delete), but older frames of the write-ahead log still hold them until the log is
 * checkpointed into the file and truncated: done as soon as the purge commits.
 */
const purgedIn = new WeakSet<DB>();

export function notePurge(db: WriteDB): void {
  purgedIn.add(db);
}

/**
 * After a commit: empties the log if the write purged something. A reader in the middle of a
 * snapshot (another process) keeps the log from being truncated: then it is tried again after
 * the next write.
 */
export function checkpointAfterPurge(db: WriteDB): void {
  if (!purgedIn.has(db)) return;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result?.busy === 0) purgedIn.delete(db);
}

