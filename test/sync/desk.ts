// Shared set-up for the sync tests: a server on loopback (closed after each test) and a desk case.

import { afterEach } from 'vitest';
import { call, tempDir, tempLibrary } from '../helpers.js';
import type { Context } from '../../core/context.js';
import { startSyncServer, type RunningSyncServer } from '../../sync/server.js';
import { joinCase, shareCase } from '../../sync/client.js';
import * as Y from 'yjs';
import { NOTES_WHOLE, ROOTS, type Role } from '../../core/desk/schema.js';
import { loadDoc } from '../../core/desk/case-doc.js';
import { appendSyncUpdate } from '../../db/index.js';

const running: RunningSyncServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export async function testServer(options: { dataDir?: string; port?: number; redis?: string } = {}): Promise<RunningSyncServer> {
  const server = await startSyncServer({ dataDir: options.dataDir ?? tempDir(), watchMs: 100, debounceMs: 200, ...options });
  running.push(server);
  return server;
}

export const CONFIDENTIAL = {
  name: 'Margarethe Okonkwo-Lindqvist',
  aliases: ['Deep Harbour', 'the harbourmaster'],
  contact: { email: 'm.okonkwo@lindqvist-family.se', phone: '+46 70 555 12 34', address: 'Sjögatan 14, Malmö' },
};

/** A library holding a case with a confidential source, a public one and two claims. */
export function deskCase(): { ctx: Context; caseId: string; secretId: string; publicId: string; claimId: string; otherClaimId: string } {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
  const secretId = call(ctx, 'sources.create', {
    ...CONFIDENTIAL,
    kind: 'person',
    confidential: true,
    role: 'Port authority finance officer',
    anonymityReason: 'Would lose her job',
    identityKnownBy: 'Ana and the editor-in-chief',
    description: 'Insider in the port authority’s finance office',
    notes: 'Meets at the ferry café',
  }).id;
  const publicId = call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation', contact: { email: 'press@port.example' } }).id;
  const claimId = call(ctx, 'claims.create', { caseId, statement: 'The dredging contract was awarded without a tender.', sourceIds: [secretId] }).id;
  const otherClaimId = call(ctx, 'claims.create', { caseId, statement: 'The tender rules were followed.', sourceIds: [publicId] }).id;
  return { ctx, caseId, secretId, publicId, claimId, otherClaimId };
}

/** Invites `member` and brings the case into a fresh library as them. */
export async function joined(server: RunningSyncServer, member: string, role: Role, caseName = 'harbour'): Promise<{ ctx: Context; caseId: string }> {
  const ctx = tempLibrary();
  const { token } = server.store.invite(caseName, member, role);
  const r = await joinCase(ctx, server.url, token, { timeoutMs: 10_000 });
  return { ctx, caseId: r.caseId };
}

export async function shared(server: RunningSyncServer, caseName = 'harbour') {
  const desk = deskCase();
  const { token } = server.store.invite(caseName, 'Ana', 'reporter');
  await shareCase(desk.ctx, desk.caseId, server.url, token, { timeoutMs: 10_000 });
  return desk;
}

/**
 * Flags a case's notes to travel whole, as a reporter's library did before notes had masked
 * twins; `send`: as a change of this library's, which goes to the server.
 */
export function flagNotesWhole(ctx: Context, caseId: string, send = false): void {
  const doc = loadDoc(ctx.db, caseId);
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap(ROOTS.meta).set(NOTES_WHOLE, true);
  appendSyncUpdate(ctx.db, caseId, update ?? Y.encodeStateAsUpdate(doc), send);
  doc.destroy();
}
