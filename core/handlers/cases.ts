import { z } from 'zod';
import { getRecord, insertRecord, listCases, updateRecord } from '../../db/index.js';
import { trashMethod } from '../record-rules.js';
import { demoCaseId } from '../demo-id.js';
import { method } from '../method.js';
import { byId, longText, patchOf, title } from '../schemas.js';

const fields = { title, description: longText };

export const caseMethods = {
  'cases.list': method({
    summary: 'Every case (investigation) in the library, most recently changed first, with counts.',
    input: z.strictObject({ includeTrashed: z.boolean().optional() }).optional(),
    write: false,
    run: (ctx, input) => {
      const demo = demoCaseId(ctx);
      return listCases(ctx.db, input?.includeTrashed ?? false).map((c) => ({ ...c, demo: c.id === demo }));
    },
  }),
  'cases.get': method({
    summary: 'One case.',
    input: byId,
    write: false,
    run: (ctx, { id }) => getRecord(ctx.db, 'case', id, { includeTrashed: true }),
  }),
  'cases.create': method({
    summary: 'Opens a new case.',
    input: z.strictObject({ title, description: longText.optional() }),
    write: true,
    run: (ctx, input) => insertRecord(ctx.db, 'case', input),
  }),
  'cases.update': method({
    summary: 'Renames or re-describes a case.',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, ...patch }) => updateRecord(ctx.db, 'case', id, patch, revision),
  }),
  'cases.delete': trashMethod('case', 'Moves a case, with everything in it, to the trash.'),
};
