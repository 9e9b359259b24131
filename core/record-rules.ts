// Rules every handler of records shares: a record is created only in a live case, references
// never cross from one case into another, and a deletion goes to the trash (undoably).

import { z } from 'zod';
import { getRecord, nounOf, recordUndo, trashRecord, type Entity } from '../db/index.js';
import type { ReadContext } from './context.js';
import { ApiError } from './errors.js';
import { method } from './method.js';
import { id } from './schemas.js';

/** `X.delete`: every deletion goes to the trash, from where `trash.restore` brings it back. */
export function trashMethod(entity: Entity, summary: string) {
  return method({
    summary,
    input: z.strictObject({ id }),
    write: true,
    run: (ctx, { id }) => {
      const label = trashRecord(ctx.db, entity, id);
      recordUndo(ctx.db, 'trash', `Moved the ${nounOf(entity)} “${label}” to the trash`, { entity, id });
      return { trashed: id };
    },
  });
}

/** The case, which must exist and not be in the trash, for anything created inside it. */
export function liveCase(ctx: ReadContext, caseId: string): void {
  const c = getRecord(ctx.db, 'case', caseId, { includeTrashed: true });
  if (c.deletedAt) throw new ApiError('IN_TRASH', 'That case is in the trash. Restore it before adding to it.');
}

/** A record that must live in `caseId`: references never cross from one case into another. */
export function inCase<T extends { caseId: string }>(record: T, caseId: string, what: string): T {
  if (record.caseId !== caseId) throw new ApiError('BAD_REFERENCE', `That ${what} belongs to another case.`);
  return record;
}
