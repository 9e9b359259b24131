// Each role's allowed and refused writes, over the wire. The library refuses first (the member
// is told at once); the server refuses again whatever the client is: a raw Yjs client that
// skips the library's checks gets nothing past it.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { call, callError } from '../test/helpers.js';
import { KEY, ROOTS } from '../core/desk/schema.js';
import type { RunningSyncServer } from './server.js';
import { syncCase } from './client.js';
import { CONFIDENTIAL, joined, shared, testServer } from '../test/sync/desk.js';
import type { Role } from '../core/desk/schema.js';

const once = (ctx: Parameters<typeof syncCase>[0], caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 10_000 }).done;

/** The server's saved document, read from its database (what survives it). */
function saved(server: RunningSyncServer, docName = 'harbour'): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(server.store.fetch(docName)));
  return doc;
}

const recordOf = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>(ROOTS.records).get(id)!;

/**
 * A member's client that is not Corroborate: it writes into the document whatever `change` does
 * and reports whether the server closed the connection.
 */
async function rawWrite(server: RunningSyncServer, member: string, role: Role, change: (doc: Y.Doc) => void): Promise<{ closed: boolean }> {
  const credential = server.store.redeem(server.store.invite('harbour', member, role).token)!.credential;
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket, minDelay: 100, delay: 100 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'harbour', document: doc, token: credential });
  provider.attach();
  let closed = false;
  provider.on('close', () => (closed = true));
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no sync')), 5000);
      provider.on('synced', () => {
        clearTimeout(t);
        resolve();
      });
    });
    doc.transact(() => change(doc));
    await new Promise((r) => setTimeout(r, 600));
    return { closed };
  } finally {
    provider.destroy();
    socket.destroy();
  }
}

const signed = (map: Y.Map<unknown>, by: string, field: string, value: unknown) => {
  map.set(field, value);
  map.set(KEY.by, by);
  map.set(KEY.at, new Date().toISOString());
  (map.get(KEY.history) as Y.Array<unknown>).push([{ field, value, by, at: new Date().toISOString() }]);
};

describe('roles, in the library', () => {
  it('a fact-checker changes statuses and writes verification entries, and nothing else', async () => {
    const server = await testServer();
    const a = await shared(server);
    const f = await joined(server, 'Fay', 'fact-checker');
    const refused = callError(f.ctx, 'claims.update', { id: a.claimId, statement: 'Rewritten by the checker' });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/fact-checker/);
    expect(call(f.ctx, 'claims.get', { id: a.claimId }).claim.statement).toBe('The dredging contract was awarded without a tender.');
    expect(callError(f.ctx, 'claims.create', { caseId: f.caseId, statement: 'New' }).code).toBe('FORBIDDEN');
    call(f.ctx, 'claims.setStatus', { id: a.claimId, status: 'verified', method: 'Tender register', note: 'No tender listed' });
    await once(f.ctx, f.caseId);
    await once(a.ctx, a.caseId);
    const detail = call(a.ctx, 'claims.get', { id: a.claimId });
    expect(detail.claim.status).toBe('verified');
    expect(detail.verification.at(-1)).toMatchObject({ status: 'verified', method: 'Tender register', note: 'No tender listed' });
    expect(call(a.ctx, 'sync.history', { caseId: a.caseId, recordId: a.claimId }).entries.at(-1)).toMatchObject({ field: 'status', value: 'verified', by: 'Fay' });
  }, 60_000);

  it('a lawyer and an editor read the whole case and change nothing', async () => {
    const server = await testServer();
    const a = await shared(server);
    for (const role of ['lawyer', 'editor'] as const) {
      const m = await joined(server, role === 'lawyer' ? 'Lou' : 'Eda', role);
      expect(call(m.ctx, 'claims.list', { caseId: m.caseId }).total).toBe(2);
      for (const [name, input] of [
        ['claims.setStatus', { id: a.claimId, status: 'false' }],
        ['claims.update', { id: a.claimId, statement: 'x' }],
        ['notes.create', { caseId: m.caseId, title: 'Legal memo' }],
      ] as const) {
        expect(callError(m.ctx, name, input).code, `${role} ${name}`).toBe('FORBIDDEN');
      }
    }
  }, 60_000);
});

describe('roles, on the server (a client that skips the library’s checks)', () => {
  it('refuses a fact-checker’s change to a claim’s statement, and takes their status change', async () => {
    const server = await testServer();
    const a = await shared(server);
    const bad = await rawWrite(server, 'Fay', 'fact-checker', (doc) => signed(recordOf(doc, a.claimId), 'Fay', 'statement', 'Rewritten'));
    expect(bad.closed).toBe(true);
    expect(recordOf(saved(server), a.claimId).get('statement')).toBe('The dredging contract was awarded without a tender.');
    const good = await rawWrite(server, 'Fid', 'fact-checker', (doc) => {
      signed(recordOf(doc, a.claimId), 'Fid', 'status', 'disputed');
      doc.getArray(ROOTS.verifications).push([{ id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', claimId: a.claimId, status: 'disputed', checker: 'Fid', method: '', note: '', at: new Date().toISOString(), by: 'Fid' }]);
    });
    expect(good.closed).toBe(false);
    expect(recordOf(saved(server), a.claimId).get('status')).toBe('disputed');
  }, 60_000);

  it('applies nothing from a lawyer or an editor', async () => {
    const server = await testServer();
    const a = await shared(server);
    for (const [member, role] of [['Lou', 'lawyer'], ['Eda', 'editor']] as const) {
      await rawWrite(server, member, role, (doc) => signed(recordOf(doc, a.claimId), member, 'status', 'false'));
      expect(recordOf(saved(server), a.claimId).get('status')).toBe('unverified');
    }
  }, 60_000);

  it('refuses from anyone a confidential identity, an unsigned or mis-signed change, a shrinking log, and anything outside a case', async () => {
    const server = await testServer();
    const a = await shared(server);
    call(a.ctx, 'claims.setStatus', { id: a.claimId, status: 'in_progress' });
    await once(a.ctx, a.caseId);
    const attempts: [string, (doc: Y.Doc, me: string) => void][] = [
      ['a confidential source’s name', (doc, me) => signed(recordOf(doc, a.secretId), me, 'name', CONFIDENTIAL.name)],
      ['a source’s contact details', (doc, me) => signed(recordOf(doc, a.publicId), me, 'contact', { phone: '+1 555 0100' })],
      ['a change signed as someone else', (doc) => signed(recordOf(doc, a.claimId), 'Ana', 'statement', 'Forged')],
      ['an unsigned change', (doc) => recordOf(doc, a.claimId).set('statement', 'Unsigned')],
      ['a removed verification entry', (doc) => doc.getArray(ROOTS.verifications).delete(0, 1)],
      ['a removed history entry', (doc) => (recordOf(doc, a.claimId).get(KEY.history) as Y.Array<unknown>).delete(0, 1)],
      ['a new top-level type', (doc) => doc.getMap('elsewhere').set('x', 1)],
      ['making the source not confidential (only its holder may)', (doc, me) => signed(recordOf(doc, a.secretId), me, 'confidential', false)],
    ];
    let n = 0;
    for (const [what, change] of attempts) {
      const before = Y.encodeStateVector(saved(server));
      const me = `Ben${n++}`;
      const r = await rawWrite(server, me, 'reporter', (doc) => change(doc, me));
      expect(r.closed, what).toBe(true);
      expect(Y.encodeStateVector(saved(server)), what).toEqual(before);
    }
    expect(saved(server).getArray(ROOTS.verifications).length).toBe(1);
  }, 60_000);
});

describe('membership', () => {
  it('a member removed loses access at once: the open connection is closed and a reconnection refused', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    const link = syncCase(b.ctx, b.caseId);
    await new Promise((r) => setTimeout(r, 500));
    expect(call(b.ctx, 'sync.status', {})[0]!.state).toBe('synced');
    const removedAt = performance.now();
    server.store.remove('harbour', 'Ben');
    await expect(link.done).rejects.toThrow(/removed|no longer/);
    expect(performance.now() - removedAt).toBeLessThan(1500);
    expect(call(b.ctx, 'sync.status', {})[0]!.state).toBe('refused');
    call(b.ctx, 'claims.update', { id: a.claimId, statement: 'After removal' });
    await expect(once(b.ctx, b.caseId)).rejects.toThrow(/no longer|removed/);
    expect(recordOf(saved(server), a.claimId).get('statement')).toBe('The dredging contract was awarded without a tender.');
  }, 60_000);

  it('an invitation works once, and a wrong one says so', async () => {
    const server = await testServer();
    await shared(server);
    const { token } = server.store.invite('harbour', 'Ben', 'reporter');
    const { joinCase } = await import('./client.js');
    const { tempLibrary } = await import('../test/helpers.js');
    await joinCase(tempLibrary(), server.url, token, { timeoutMs: 10_000 });
    await expect(joinCase(tempLibrary(), server.url, token, { timeoutMs: 10_000 })).rejects.toThrow(/not valid/);
    await expect(joinCase(tempLibrary(), server.url, `${token}x`, { timeoutMs: 10_000 })).rejects.toThrow(/not valid/);
    // Tokens are kept only as hashes.
    const stored = JSON.stringify(server.store.db.prepare('SELECT * FROM members').all());
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
  }, 60_000);
});
