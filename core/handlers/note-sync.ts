// The co-edited notes of a shared case (docs/sync.md §1): what the running door needs to hold a
// note's document and relay it to the editors, and the one way its changes reach the library.

import { z } from 'zod';
import { latestNoteSeq, noteUpdatesAfter } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id } from '../schemas.js';
import { acknowledgeNote, applyNoteChange, caseOfSharedNote, noteDocState } from '../desk/note-engine.js';
import { NOTE_WRITERS } from '../desk/policy.js';
import type { Role } from '../desk/schema.js';

const base64 = z.string().max(64_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const bytesOf = (s: string | undefined) => (s === undefined ? undefined : new Uint8Array(Buffer.from(s, 'base64')));
const PAGE = 200;

export const noteSyncMethods = {
  'sync.noteMember': method({
    summary: 'Whether a note is co-edited with a desk (its case is shared), and if so who you are on it: your name, role, and whether you may write it. Null when it is written alone.',
    input: z.strictObject({ noteId: id }),
    write: false,
    run: (ctx, { noteId }) => {
      const shared = caseOfSharedNote(ctx.db, noteId);
      return shared ? { member: shared.member, role: shared.role, writable: NOTE_WRITERS.has(shared.role as Role) } : null;
    },
  }),
  'sync.noteOpen': method({
    summary: 'A note of a shared case, for co-editing: its Yjs document, its masked twin when the library holds confidential identities (what goes to the desk), and who you are on the desk (name, role, whether you may write it).',
    input: z.strictObject({ noteId: id }),
    write: false,
    run: (ctx, { noteId }) => {
      const { caseId, shared, state, twin } = noteDocState(ctx.db, noteId);
      return { noteId, caseId, member: shared.member, role: shared.role, writable: NOTE_WRITERS.has(shared.role as Role), state: b64(state), twin: twin && b64(twin) };
    },
  }),
  'sync.noteChange': method({
    summary: 'Keeps a change to a co-edited note’s document (typed here, or from the desk) and, with settle, brings the note’s text up to date from it (used by the running app).',
    input: z.strictObject({ noteId: id, update: base64.optional(), twin: base64.optional(), from: z.enum(['here', 'desk']), hub: z.string().max(100).optional(), settle: z.boolean() }),
    write: true,
    run: (ctx, { noteId, update, twin, from, hub, settle }) => {
      // Only the process's own link to the desk says what came from it (Context.deskHubKey).
      if (from === 'desk' && (ctx.deskHubKey === undefined || hub !== ctx.deskHubKey)) {
        throw new ApiError('FORBIDDEN', 'Not saved: only this app’s own link to the desk may report a change as coming from the desk.');
      }
      return applyNoteChange(ctx.db, { noteId, update: bytesOf(update), twin: bytesOf(twin), from, settle });
    },
  }),
  'sync.noteAcknowledge': method({
    summary: 'Marks the changes to a co-edited note that the sync server holds as delivered, from a snapshot of its copy (used by the running app); answers how many still wait.',
    input: z.strictObject({ noteId: id, snapshot: base64 }),
    write: true,
    run: (ctx, { noteId, snapshot }) => acknowledgeNote(ctx.db, noteId, new Uint8Array(Buffer.from(snapshot, 'base64'))),
  }),
  'sync.noteChanges': method({
    summary: 'Changes to co-edited notes’ documents kept after a point, oldest first (used by the running app to pick up what other processes wrote).',
    input: z.strictObject({ after: z.number().int().min(0) }),
    write: false,
    run: (ctx, { after }) => ({
      updates: noteUpdatesAfter(ctx.db, after, PAGE).map((u) => ({ seq: u.seq, noteId: u.noteId, update: b64(u.data), twin: u.twin })),
      latest: latestNoteSeq(ctx.db),
    }),
  }),
};
