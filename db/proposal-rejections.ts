// The quotations a reporter rejected among those proposed from a document (migration 009).

import { nowIso } from './ids.js';
import type { DB, WriteDB } from './open.js';

export interface ProposalRejection {
  start: number;
  end: number;
  quote: string;
  rejectedAt: string;
}

export function listRejections(db: DB, documentId: string): ProposalRejection[] {
  return db
    .prepare('SELECT start_offset AS start, end_offset AS end, quote, rejected_at AS rejectedAt FROM proposal_rejections WHERE document_id = ? ORDER BY start_offset')
    .all(documentId) as ProposalRejection[];
}

/** Rejects the passages (again rejecting one already rejected keeps its first date). */
export function rejectPassages(db: WriteDB, documentId: string, passages: readonly { start: number; end: number; quote: string }[]): void {
  const put = db.prepare('INSERT OR IGNORE INTO proposal_rejections (document_id, start_offset, end_offset, quote, rejected_at) VALUES (?, ?, ?, ?, ?)');
  const at = nowIso();
  for (const p of passages) put.run(documentId, p.start, p.end, p.quote, at);
}

/** Takes rejections back: by passage, or a rejection of the same words kept at another place. */
export function unrejectPassages(db: WriteDB, documentId: string, passages: readonly { start: number; end: number; quote: string }[]): number {
  const del = db.prepare('DELETE FROM proposal_rejections WHERE document_id = ? AND ((start_offset = ? AND end_offset = ?) OR quote = ?)');
  let n = 0;
  for (const p of passages) n += del.run(documentId, p.start, p.end, p.quote).changes;
  return n;
}
