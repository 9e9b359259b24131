import { z } from 'zod';
import { ENTITY_NAMES, getRow, listTrash, purgeRecord, type Entity } from '../../db/index.js';
import { method } from '../method.js';
import { id } from '../schemas.js';
import { restoreFromTrash } from '../trash.js';

const entity = z.enum(ENTITY_NAMES as [Entity, ...Entity[]]);

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
    run: (ctx, { entity, id }) => restoreFromTrash(ctx, entity, id),
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
  'trash.empty': method({
    summary: 'Deletes for good everything in the trash (with caseId, that case’s records only). This cannot be undone.',
    input: z.strictObject({ caseId: id.optional() }).optional(),
    write: true,
    run: (ctx, input) => {
      let purged = 0;
      // Parents first: a purged case or document takes its children with it.
      for (const item of listTrash(ctx.db, input?.caseId).filter((t) => !input?.caseId || t.caseId === input.caseId).sort((a, b) => PURGE_ORDER.indexOf(a.entity) - PURGE_ORDER.indexOf(b.entity))) {
        if (!getRow(ctx.db, item.entity as Entity, item.entityId)) continue;
        purgeRecord(ctx.db, item.entity as Entity, item.entityId);
        purged++;
      }
      return { purged };
    },
  }),
};

const PURGE_ORDER = ['case', 'document', 'claim', 'note', 'event', 'source', 'excerpt', 'evidence', 'claimLink', 'reply'];
