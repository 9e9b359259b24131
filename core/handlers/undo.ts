// Undo for the last destructive action: a move to the trash, a merge of sources, or a bulk import
// (whose records go to the trash, from where each can be brought back).

import { z } from 'zod';
import { closeUndo, getRow, importedToTrash, importStillLive, pendingUndo, trashRecord, type Entity, type ImportUndo, type UndoEntry } from '../../db/index.js';
import type { ReadContext } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { unmergeSources, type MergePayload } from '../source-merge.js';
import { restoreFromTrash } from '../trash.js';

/** Whether an entry can still be undone: its record is still in the trash, as it left it. */
function stillUndoable(ctx: ReadContext, entry: UndoEntry): boolean {
  if (entry.action === 'trash') {
    const { entity, id } = entry.payload as { entity: Entity; id: string };
    return Boolean(getRow(ctx.db, entity, id)?.deleted_at);
  }
  if (entry.action === 'import') return importStillLive(ctx.db, entry.payload as ImportUndo);
  const { mergeId } = entry.payload as MergePayload;
  return Boolean(getRow(ctx.db, 'source', mergeId)?.deleted_at);
}

/** The newest entry that can still be undone; moot ones (restored or purged since) are skipped. */
function latest(ctx: ReadContext): UndoEntry | undefined {
  return pendingUndo(ctx.db, 50).find((e) => stillUndoable(ctx, e));
}

export const undoMethods = {
  'undo.peek': method({
    summary: 'What undo.last would undo, or null when there is nothing.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => {
      const e = latest(ctx);
      return e ? { action: e.action, label: e.label, at: e.createdAt } : null;
    },
  }),
  'undo.last': method({
    summary: 'Undoes the last destructive action: brings back what was moved to the trash, splits merged sources, or moves what a bulk import added to the trash.',
    input: z.strictObject({}).optional(),
    write: true,
    run: (ctx) => {
      const e = latest(ctx);
      if (!e) throw new ApiError('NOTHING_TO_UNDO', 'There is nothing to undo.');
      if (e.action === 'trash') {
        const { entity, id } = e.payload as { entity: Entity; id: string };
        restoreFromTrash(ctx, entity, id);
      } else if (e.action === 'import') {
        for (const r of importedToTrash(ctx.db, e.payload as ImportUndo)) trashRecord(ctx.db, r.entity, r.id);
      } else {
        unmergeSources(ctx, e.payload as MergePayload);
      }
      closeUndo(ctx.db, e.id);
      return { undone: `Undone: ${e.label.charAt(0).toLowerCase()}${e.label.slice(1)}.` };
    },
  }),
};
