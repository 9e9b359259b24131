// The rows a merge of two sources moves: the claims, right-of-reply entries and affiliations of
// the merged source pass to the kept one, and undo puts each back where it was.

import type { DB, WriteDB } from './open.js';

/** What moved, so an undo can move exactly that back. */
export interface MovedLinks {
  /** Claims whose source was changed from the merged one to the kept one. */
  movedClaims: string[];
  /** Claims that had both: the merged one's row was dropped (at this position). */
  droppedClaims: { claimId: string; position: number }[];
  movedReplies: string[];
  movedAffiliations: string[];
}

const ids = (db: DB, sql: string, ...params: unknown[]): string[] => (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);

/** Moves every claim, reply and affiliation of `mergeId` to `keepId`; a claim both had keeps one row. */
export function moveSourceLinks(db: WriteDB, keepId: string, mergeId: string): MovedLinks {
  const droppedClaims = db
    .prepare('SELECT m.claim_id AS claimId, m.position FROM claim_sources m JOIN claim_sources k ON k.claim_id = m.claim_id AND k.source_id = ? WHERE m.source_id = ?')
    .all(keepId, mergeId) as { claimId: string; position: number }[];
  db.prepare('DELETE FROM claim_sources WHERE source_id = ? AND claim_id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)').run(mergeId, keepId);
  const movedClaims = ids(db, 'SELECT claim_id AS id FROM claim_sources WHERE source_id = ?', mergeId);
  db.prepare('UPDATE claim_sources SET source_id = ? WHERE source_id = ?').run(keepId, mergeId);
  const movedReplies = ids(db, 'SELECT id FROM replies WHERE source_id = ?', mergeId);
  db.prepare('UPDATE replies SET source_id = ? WHERE source_id = ?').run(keepId, mergeId);
  const movedAffiliations = ids(db, 'SELECT id FROM sources WHERE affiliation_id = ? AND id <> ?', mergeId, keepId);
  db.prepare('UPDATE sources SET affiliation_id = ? WHERE affiliation_id = ? AND id <> ?').run(keepId, mergeId, keepId);
  return { movedClaims, droppedClaims, movedReplies, movedAffiliations };
}

/** Moves back what moveSourceLinks moved from `mergeId` to `keepId`. */
export function restoreSourceLinks(db: WriteDB, keepId: string, mergeId: string, moved: MovedLinks): void {
  const move = db.prepare('UPDATE claim_sources SET source_id = ? WHERE claim_id = ? AND source_id = ?');
  for (const claimId of moved.movedClaims) move.run(mergeId, claimId, keepId);
  const add = db.prepare('INSERT OR IGNORE INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, ?)');
  for (const d of moved.droppedClaims) add.run(d.claimId, mergeId, d.position);
  const reply = db.prepare('UPDATE replies SET source_id = ? WHERE id = ?');
  for (const r of moved.movedReplies) reply.run(mergeId, r);
  const affiliation = db.prepare('UPDATE sources SET affiliation_id = ? WHERE id = ?');
  for (const s of moved.movedAffiliations) affiliation.run(mergeId, s);
}
