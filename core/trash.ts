// Bringing a record back from the trash, shared by trash.restore and undo: never while what it
// hangs from is still in the trash, where restoring it would only hide it again.

import { getRow, restoreRecord, type Entity } from '../db/index.js';
import type { Context } from './context.js';
import { ApiError } from './errors.js';

/** What a record hangs from: restoring it while its parent is in the trash would hide it again. */
const PARENTS: Partial<Record<Entity, [Entity, string][]>> = {
  claim: [['case', 'case_id']],
  document: [['case', 'case_id']],
  note: [['case', 'case_id']],
  reply: [['case', 'case_id']],
  event: [['case', 'case_id']],
  excerpt: [['document', 'document_id']],
  evidence: [['claim', 'claim_id'], ['document', 'document_id'], ['excerpt', 'excerpt_id']],
  claimLink: [['claim', 'from_claim_id'], ['claim', 'to_claim_id']],
};

/** Brings a record back, unless what it hangs from is in the trash too (restore that first). */
export function restoreFromTrash(ctx: Context, entity: Entity, id: string) {
  const row = getRow(ctx.db, entity, id);
  for (const [parent, column] of PARENTS[entity] ?? []) {
    const parentRow = row && getRow(ctx.db, parent, row[column] as string);
    if (parentRow?.deleted_at) throw new ApiError('IN_TRASH', `Restore its ${parent} “${String(parentRow.title ?? parentRow.statement ?? parentRow.exact ?? '')}” first: it is in the trash too.`);
  }
  return restoreRecord(ctx.db, entity, id);
}
