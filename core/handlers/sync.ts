// A case shared with a desk (docs/sync.md): its state for the app, and the steps the sync
// client takes, each one write so that a change received is kept and applied together.

import * as Y from 'yjs';
import { z } from 'zod';
import { addSharedCase, appendSyncUpdate, deferForeignKeys, getRow, latestRemoteSeq, setPeerKey, sharedCase, sharedCases, waitingCount } from '../../db/index.js';
import type { Context, DeskMembership, DeskRemote, ReadContext } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { lockedError, lockState } from '../session.js';
import { id } from '../schemas.js';
import { acknowledge, applyDocToLibrary, captureLocalChanges, receiveUpdate, requireShared } from '../desk/engine.js';
import { ensureMemberKeys } from '../desk/grants.js';
import { deskChange, deskVersion } from '../desk/desk-watch.js';
import { notesWaiting } from '../desk/note-engine.js';
import { deskHistory } from '../desk/restorable.js';
import { isPublicKey } from '../desk/seal.js';
import { grantIdentity, revokeIdentity, sourceOnDesk } from '../desk/source-desk.js';
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

// What a reporter pastes into the Share / Join dialogs, checked before anything goes out.
const serverAddress = z
  .string()
  .trim()
  .min(1, 'Type the sync server’s address, as the desk gave it (ws://… or wss://…).')
  .max(2000)
  .refine((u) => /^(wss?|https?):\/\/[^\s/?#]+(:\d+)?\/?$/.test(u), 'An address looks like wss://sync.example.org or ws://127.0.0.1:7070.');
const invitation = z
  .string()
  .trim()
  .min(1, 'Paste the invitation the desk gave you.')
  .max(200, 'That is longer than any invitation: paste the invitation alone.')
  .regex(/^inv_[A-Za-z0-9_-]{20,}$/, 'An invitation starts with inv_ and has no spaces: paste it as it was given.');

const memberName = z.string().trim().min(1, 'a member’s name').max(100, 'at most 100 characters');

type Connection = { serverUrl: string; docName: string; member: string; role: (typeof ROLES)[number]; credential: string };

function remote(ctx: Context): DeskRemote {
  if (!ctx.deskRemote) throw new ApiError('NO_SYNC_LINK', 'Sharing needs the app or `corroborate serve` running: from a terminal, use `corroborate share` or `corroborate join`.');
  return ctx.deskRemote;
}

/** The server's answer, checked like any outside input before it goes into the library. */
function membership(m: DeskMembership): Connection {
  const parsed = z.object(connection).safeParse(m);
  if (!parsed.success) throw new ApiError('INTERNAL', 'The sync server gave an answer this version does not understand: nothing was changed.');
  return parsed.data;
}

function attach(ctx: Context, caseId: string, c: Connection) {
  shareable(ctx, caseId);
  addSharedCase(ctx.db, { caseId, ...c });
  ensureMemberKeys(ctx.db, caseId);
  // Everything the case holds goes into its document now, as the first local change.
  captureLocalChanges(ctx.db);
  return { caseId, waiting: waitingCount(ctx.db, caseId) };
}

/** Checked before an invitation is spent on it, and again in the write. */
function shareable(ctx: Context, caseId: string): void {
  const row = getRow(ctx.db, 'case', caseId);
  if (!row) throw new ApiError('NOT_FOUND', `No case has the id ${caseId}.`);
  if (row.deleted_at) throw new ApiError('IN_TRASH', 'That case is in the trash. Restore it before sharing it.');
  if (sharedCase(ctx.db, caseId)) throw new ApiError('CONFLICT', 'That case is shared already.');
}

function join(ctx: Context, c: Connection, update: Uint8Array) {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch {
    throw new ApiError('BAD_INPUT', 'The case from the sync server could not be read: nothing was added.');
  }
  const caseId = doc.getMap(ROOTS.meta).get('caseId');
  if (typeof caseId !== 'string' || !id.safeParse(caseId).success) throw new ApiError('NOT_FOUND', 'Nobody has shared a case there yet: the reporter who holds it shares it first (`corroborate share`).');
  if (getRow(ctx.db, 'case', caseId)) throw new ApiError('CASE_EXISTS', 'This library has that case already.');
  deferForeignKeys(ctx.db);
  addSharedCase(ctx.db, { caseId, ...c });
  ensureMemberKeys(ctx.db, caseId);
  appendSyncUpdate(ctx.db, caseId, update, false);
  applyDocToLibrary(ctx.db, doc, caseId);
  doc.destroy();
  return { caseId };
}

function stateOf(ctx: ReadContext, caseId: string, waiting: number): SyncState {
  const live = ctx.sync?.get(caseId);
  if (!live || live === 'offline' || live === 'refused' || live === 'connecting') return live ?? 'offline';
  return waiting === 0 && live === 'synced' ? 'synced' : 'syncing';
}

function deskStatus(ctx: ReadContext, caseId?: string) {
  return sharedCases(ctx.db)
    .filter((c) => !caseId || c.caseId === caseId)
    .map((c) => {
      // The case's records and its co-edited notes: a line typed offline waits like any change.
      const waiting = waitingCount(ctx.db, c.caseId) + notesWaiting(ctx.db, c.caseId);
      // The note a member is in, by its title in this library (notes travel with the case).
      const members = (ctx.deskMembers?.get(c.caseId) ?? []).map((m) => ({ ...m, noteTitle: m.note ? ((getRow(ctx.db, 'note', m.note)?.title as string | undefined) ?? null) : null }));
      return { caseId: c.caseId, server: c.serverUrl, docName: c.docName, member: c.member, role: c.role, waiting, state: stateOf(ctx, c.caseId, waiting), members, received: latestRemoteSeq(ctx.db, c.caseId) };
    });
}

export const syncMethods = {
  'sync.status': method({
    summary: 'Each shared case: its server, who you are on it, the connection, how many local changes (records and co-edited notes) wait to go out, and its members with who is in the case now.',
    input: z.strictObject({ caseId: id.optional() }).optional(),
    write: false,
    run: (ctx, input) => deskStatus(ctx, input?.caseId),
  }),
  'sync.watch': method({
    summary: 'Answers what sync.status answers, with its version, once the version differs from `after` (a link connects or drops, a member arrives, leaves or opens a note, the server confirms changes) or after waitMs: the app follows the desk without polling. `after: 0` answers at once.',
    input: z.strictObject({ after: z.number().int().min(0), waitMs: z.number().int().min(0).max(60_000).optional() }),
    write: false,
    prepare: async (ctx, { after, waitMs }, job) => {
      // A wait, not a task: it must not hold up a library switch (which refuses while a task runs),
      // and it answers about whichever library is open when it wakes.
      ctx.jobs?.delete(job.id);
      await deskChange(ctx, after, waitMs ?? 25_000, job.signal);
    },
    run: (ctx) => {
      // Locked while it waited: the page is told so, as any call then would be.
      if (lockState(ctx).locked) throw lockedError();
      return { version: deskVersion(ctx), cases: deskStatus(ctx) };
    },
  }),
  'sync.history': method({
    summary: 'Every value a shared record’s fields have had, with who set each and when, each marked restorable when you may put it back (with `restoreWith`): a value that lost a concurrent edit is here to restore.',
    input: z.strictObject({ caseId: id, recordId: id }),
    write: false,
    run: (ctx, { caseId, recordId }) => deskHistory(ctx.db, caseId, recordId),
  }),
  'sync.source': method({
    summary: 'The shared cases a source travels in: who holds its identity, whether it already went out to the desk (making it confidential now cannot recall it), and who it is granted to.',
    input: z.strictObject({ sourceId: id }),
    write: false,
    run: (ctx, { sourceId }) => sourceOnDesk(ctx.db, sourceId),
  }),
  'sync.grant': method({
    summary: 'Grants a named member of the desk a confidential source’s identity you hold, sealed end to end to their key: nobody else, the server included, can read it.',
    input: z.strictObject({ caseId: id, sourceId: id, member: memberName }),
    write: true,
    run: (ctx, { caseId, sourceId, member }) => grantIdentity(ctx.db, caseId, sourceId, member),
  }),
  'sync.revoke': method({
    summary: 'Takes back a grant: the member’s sealed copy leaves the case and their library drops the identity at its next sync (what they saw cannot be unseen).',
    input: z.strictObject({ caseId: id, sourceId: id, member: memberName }),
    write: true,
    run: (ctx, { caseId, sourceId, member }) => revokeIdentity(ctx.db, caseId, sourceId, member),
  }),
  'sync.memberKey': method({
    summary: 'This library’s public key on a shared case, made if it has none yet (the sync client publishes it; the private key never leaves the library).',
    input: z.strictObject({ caseId: id }),
    write: true,
    run: (ctx, { caseId }) => {
      requireShared(ctx.db, caseId);
      return { publicKey: ensureMemberKeys(ctx.db, caseId).publicKey };
    },
  }),
  'sync.peers': method({
    summary: 'Keeps the other members’ public keys as the sync server lists them (used by the sync client).',
    input: z.strictObject({ caseId: id, members: z.array(z.strictObject({ name: memberName, publicKey: z.string().refine(isPublicKey, 'an X25519 public key') })).max(500) }),
    write: true,
    run: (ctx, { caseId, members }) => {
      const shared = requireShared(ctx.db, caseId);
      for (const m of members) if (m.name !== shared.member) setPeerKey(ctx.db, caseId, m.name, m.publicKey);
      return { caseId, known: members.length };
    },
  }),
  'sync.attach': method({
    summary: 'Shares a case of this library with a desk (used by `corroborate share` once the server let you in).',
    input: z.strictObject({ caseId: id, ...connection }),
    write: true,
    run: (ctx, { caseId, ...c }) => attach(ctx, caseId, c),
  }),
  'sync.share': method({
    summary: 'Shares a case with a desk: the invitation is traded with the sync server for your membership, and the running app keeps the case in step from then on.',
    input: z.strictObject({ caseId: id, server: serverAddress, invitation, jobId: z.string().min(8).max(64).optional() }),
    write: true,
    prepare: async (ctx, { caseId, server, invitation: token }) => {
      shareable(ctx, caseId);
      return membership(await remote(ctx).redeem(server, token, caseId));
    },
    run: (ctx, { caseId }, joined) => ({ ...attach(ctx, caseId, joined), docName: joined.docName, member: joined.member, role: joined.role }),
  }),
  'sync.accept': method({
    summary: 'Joins a case a desk shares, with the invitation you were given: the case comes into this library and the running app keeps it in step.',
    input: z.strictObject({ server: serverAddress, invitation, jobId: z.string().min(8).max(64).optional() }),
    write: true,
    prepare: async (ctx, { server, invitation: token }) => {
      const door = remote(ctx);
      const joined = membership(await door.redeem(server, token));
      return { joined, update: await door.fetchDocument(joined) };
    },
    run: (ctx, _input, { joined, update }) => ({ ...join(ctx, joined, update), docName: joined.docName, member: joined.member, role: joined.role }),
  }),
  'sync.join': method({
    summary: 'Adds a case shared by a desk to this library, from the document the server sent (used by `corroborate join`).',
    input: z.strictObject({ ...connection, update: base64 }),
    write: true,
    run: (ctx, { update, ...c }) => join(ctx, c, bytes(update)),
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
  'sync.check': method({
    summary:
      'Compares every record of the shared cases with their documents and sends what differs: a change the library’s change journal missed. `corroborate sync --once` runs it first; it normally finds nothing. Answers the cases it corrected.',
    input: z.strictObject({}).optional(),
    write: true,
    run: (ctx) => ({ corrected: captureLocalChanges(ctx.db, { whole: true }) }),
  }),
  'sync.acknowledge': method({
    summary: 'Marks the local changes the server holds as delivered (used by the sync client).',
    input: z.strictObject({ caseId: id, snapshot: base64 }),
    write: true,
    run: (ctx, { caseId, snapshot }) => acknowledge(ctx.db, caseId, bytes(snapshot)),
  }),
};
