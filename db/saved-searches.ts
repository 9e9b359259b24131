// Searches a reporter saved in a case, by name.

import type { DB, WriteDB } from './open.js';
import { newId, nowIso } from './ids.js';

export interface SavedSearch {
  id: string;
  caseId: string;
  name: string;
  query: string;
  createdAt: string;
}

export function listSavedSearches(db: DB, caseId: string): SavedSearch[] {
  return db
    .prepare('SELECT id, case_id AS caseId, name, query, created_at AS createdAt FROM saved_searches WHERE case_id = ? ORDER BY name COLLATE NOCASE')
    .all(caseId) as SavedSearch[];
}

/** Saves under `name`, replacing a search of that name in the case. */
export function saveSearch(db: WriteDB, s: { caseId: string; name: string; query: string }): SavedSearch {
  db.prepare('DELETE FROM saved_searches WHERE case_id = ? AND name = ? COLLATE NOCASE').run(s.caseId, s.name);
  const now = nowIso();
  const id = newId();
  db.prepare('INSERT INTO saved_searches (id, created_at, updated_at, case_id, name, query) VALUES (?, ?, ?, ?, ?, ?)').run(id, now, now, s.caseId, s.name, s.query);
  return { id, caseId: s.caseId, name: s.name, query: s.query, createdAt: now };
}

export function deleteSavedSearch(db: WriteDB, id: string): boolean {
  return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
}
