import { z } from 'zod';
import { ENTITY_NAMES, getRow, listTrash, purgeRecord, restoreRecord, type Entity } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id } from '../schemas.js';

const entity = z.enum(ENTITY_NAMES as [Entity, ...Entity[]]);

/** What a record hangs from: restoring it while its parent is in the trash would hide it again. */
const PARENTS: Partial<Record<Entity, [Entity, string][]>> = {
  claim: [['case', 'case_id']],
  document: [['case', 'case_id']],
  note: [['case', 'case_id']],
  reply: [['case', 'case_id']],
  excerpt: [['document', 'document_id']],
  evidence: [['claim', 'claim_id'], ['document', 'document_id'], ['excerpt', 'excerpt_id']],
  claimLink: [['claim', 'from_claim_id'], ['claim', 'to_claim_id']],
};

export const trashMethods = {
  'trash.list': method({
    summary: 'What is in the trash, newest first; with caseId, that case’s records and library-wide ones.',
    input: z.strictObject({ caseId: id.optional() }).optional(),
    write: false,
    run: (ctx, input) => listTrash(ctx.db, input?.caseId),
  }),
  'trash.restore': method({
    summary: 'Brings a record back from the trash.',
    input: z.strictObject({ entity, id }),
    write: true,
    run: (ctx, { entity, id }) => {
      const row = getRow(ctx.db, entity, id);
      for (const [parent, column] of PARENTS[entity] ?? []) {
        const parentRow = row && getRow(ctx.db, parent, row[column] as string);
        if (parentRow?.deleted_at) throw new ApiError('IN_TRASH', `Restore its ${parent} “${String(parentRow.title ?? parentRow.statement ?? parentRow.exact ?? '')}” first: it is in the trash too.`);
      }
      return restoreRecord(ctx.db, entity, id);
    },
  }),
  'trash.purge': method({
    summary: 'Deletes a record in the trash for good, with everything that hangs from it. This cannot be undone.',
    input: z.strictObject({ entity, id }),
    write: true,
    run: (ctx, { entity, id }) => {
      purgeRecord(ctx.db, entity, id);
      return { purged: id };
    },
  }),
};
