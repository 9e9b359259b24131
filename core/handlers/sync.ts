// A case shared with a desk (docs/sync.md): its state for the app, and the steps the sync
// client takes, each one write so that a change received is kept and applied together.

import * as Y from 'yjs';
import { z } from 'zod';
import { addSharedCase, appendSyncUpdate, deferForeignKeys, getRow, sharedCase, sharedCases, waitingCount } from '../../db/index.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id } from '../schemas.js';
import { acknowledge, applyDocToLibrary, captureLocalChanges, receiveUpdate, recordHistory } from '../desk/engine.js';
import { ROLES, ROOTS } from '../desk/schema.js';

const base64 = z.string().max(400_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

const connection = {
  serverUrl: z.string().url().max(2000).refine((u) => /^wss?:\/\//.test(u) || /^https?:\/\//.test(u), 'a ws://, wss://, http:// or https:// address'),
  docName: z.string().min(1).max(200),
  member: z.string().min(1).max(200),
  role: z.enum(ROLES),
  credential: z.string().min(20).max(200),
};

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

function stateOf(ctx: Context, caseId: string, waiting: number): SyncState {
  const live = ctx.sync?.get(caseId);
  if (!live || live === 'offline' || live === 'refused' || live === 'connecting') return live ?? 'offline';
  return waiting === 0 && live === 'synced' ? 'synced' : 'syncing';
}

export const syncMethods = {
  'sync.status': method({
    summary: 'Each shared case: its server, who you are on it, the connection, and how many local changes wait to go out.',
    input: z.strictObject({ caseId: id.optional() }).optional(),
    write: false,
    run: (ctx, input) =>
      sharedCases(ctx.db)
        .filter((c) => !input?.caseId || c.caseId === input.caseId)
        .map((c) => {
          const waiting = waitingCount(ctx.db, c.caseId);
          return { caseId: c.caseId, server: c.serverUrl, docName: c.docName, member: c.member, role: c.role, waiting, state: stateOf(ctx, c.caseId, waiting) };
        }),
  }),
  'sync.history': method({
    summary: 'Every value a shared record’s fields have had, with who set each and when: a value that lost a concurrent edit is here to restore.',
    input: z.strictObject({ caseId: id, recordId: id }),
    write: false,
    run: (ctx, { caseId, recordId }) => recordHistory(ctx.db, caseId, recordId),
  }),
  'sync.attach': method({
    summary: 'Shares a case of this library with a desk (used by `corroborate share` once the server let you in).',
    input: z.strictObject({ caseId: id, ...connection }),
    write: true,
    run: (ctx, { caseId, ...c }) => {
      const row = getRow(ctx.db, 'case', caseId);
      if (!row) throw new ApiError('NOT_FOUND', `No case has the id ${caseId}.`);
      if (row.deleted_at) throw new ApiError('IN_TRASH', 'That case is in the trash. Restore it before sharing it.');
      if (sharedCase(ctx.db, caseId)) throw new ApiError('CONFLICT', 'That case is shared already.');
      addSharedCase(ctx.db, { caseId, ...c });
      // Everything the case holds goes into its document now, as the first local change.
      captureLocalChanges(ctx.db);
      return { caseId, waiting: waitingCount(ctx.db, caseId) };
    },
  }),
  'sync.join': method({
    summary: 'Adds a case shared by a desk to this library, from the document the server sent (used by `corroborate join`).',
    input: z.strictObject({ ...connection, update: base64 }),
    write: true,
    run: (ctx, { update, ...c }) => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, bytes(update));
      } catch {
        throw new ApiError('BAD_INPUT', 'The case from the sync server could not be read: nothing was added.');
      }
      const caseId = doc.getMap(ROOTS.meta).get('caseId');
      if (typeof caseId !== 'string' || !id.safeParse(caseId).success) throw new ApiError('NOT_FOUND', 'Nobody has shared a case there yet: the reporter who holds it shares it first (`corroborate share`).');
      if (getRow(ctx.db, 'case', caseId)) throw new ApiError('CASE_EXISTS', 'This library has that case already.');
      deferForeignKeys(ctx.db);
      addSharedCase(ctx.db, { caseId, ...c });
      appendSyncUpdate(ctx.db, caseId, bytes(update), false);
      applyDocToLibrary(ctx.db, doc, caseId);
      doc.destroy();
      return { caseId };
    },
  }),
  'sync.receive': method({
    summary: 'Applies a change the desk sent to a shared case (used by the sync client).',
    input: z.strictObject({ caseId: id, update: base64 }),
    write: true,
    run: (ctx, { caseId, update }) => {
      receiveUpdate(ctx.db, caseId, bytes(update));
      return { caseId };
    },
  }),
  'sync.acknowledge': method({
    summary: 'Marks the local changes the server holds as delivered (used by the sync client).',
    input: z.strictObject({ caseId: id, snapshot: base64 }),
    write: true,
    run: (ctx, { caseId, snapshot }) => acknowledge(ctx.db, caseId, bytes(snapshot)),
  }),
};
