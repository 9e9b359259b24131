// A confidential source's identity stays on the machine of the reporter who holds it: not one
// byte of it in the sync server's files nor in another member's library, in any encoding the
// leak oracle knows (test/export/oracle.ts) or that SQLite, Yjs and JSON could hold it in.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../test/helpers.js';
import { describeHits, leaks, type Secret } from '../test/export/oracle.js';
import type { Context } from '../core/context.js';
import { syncCase } from './client.js';
import { CONFIDENTIAL, joined, shared, testServer } from '../test/sync/desk.js';
import * as Y from 'yjs';
import { callAsync, tempDir } from '../test/helpers.js';
import { loadDoc } from '../core/desk/engine.js';
import { KEY, ROOTS } from '../core/desk/schema.js';
import { judgeUpdate } from './server.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 10_000 }).done;

const IDENTITY = {
  role: 'Port authority finance officer',
  anonymityReason: 'Would lose her job',
  identityKnownBy: 'Ana and the editor-in-chief',
  notes: 'Meets at the ferry café',
  tag: 'okonkwo-household',
  publicContact: 'press@port.example',
};

const SECRETS: Secret[] = [
  { kind: 'person', value: CONFIDENTIAL.name },
  ...CONFIDENTIAL.aliases.map((value): Secret => ({ kind: 'phrase', value })),
  { kind: 'email', value: CONFIDENTIAL.contact.email, domain: true },
  { kind: 'phone', value: CONFIDENTIAL.contact.phone },
  { kind: 'phrase', value: CONFIDENTIAL.contact.address },
  { kind: 'phrase', value: IDENTITY.role },
  { kind: 'phrase', value: IDENTITY.anonymityReason },
  { kind: 'phrase', value: IDENTITY.identityKnownBy },
  { kind: 'phrase', value: IDENTITY.notes },
  { kind: 'phrase', value: IDENTITY.tag },
  { kind: 'email', value: IDENTITY.publicContact, domain: false },
];

/** The raw byte forms a string can take in SQLite, a Yjs update, JSON or a URL. */
function byteForms(s: string): Buffer[] {
  const texts = new Set([s, s.toLowerCase(), s.toUpperCase(), encodeURIComponent(s), JSON.stringify(s).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]);
  const out: Buffer[] = [];
  for (const t of texts) {
    const utf8 = Buffer.from(t, 'utf8');
    out.push(utf8, Buffer.from(t, 'utf16le'), Buffer.from(t, 'utf16le').swap16());
    // base64 at each of the three alignments, less the characters that depend on neighbours.
    for (let shift = 0; shift < 3; shift++) {
      const b64 = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64');
      out.push(Buffer.from(b64.slice(Math.ceil((shift * 4) / 3) + 1, -4)));
    }
  }
  return out.filter((b) => b.length >= 6);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every hit, by the oracle and by raw bytes, in every file of `dir`. */
async function found(dir: string): Promise<string[]> {
  const out: string[] = [];
  const strings = [CONFIDENTIAL.name, ...CONFIDENTIAL.aliases, ...Object.values(CONFIDENTIAL.contact), IDENTITY.role, IDENTITY.anonymityReason, IDENTITY.identityKnownBy, IDENTITY.notes, IDENTITY.tag, IDENTITY.publicContact];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    out.push(...describeHits(await leaks(file, bytes, SECRETS)));
    for (const s of strings) for (const form of byteForms(s)) if (bytes.includes(form)) out.push(`${s} as bytes ${JSON.stringify(form.toString('latin1').slice(0, 40))} in ${file}`);
  }
  return out;
}

describe('confidential identities', () => {
  it('are in none of the server’s files and in no other member’s library, whatever the role, after edits on every side', async () => {
    const dataDir = (await import('../test/helpers.js')).tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    call(a.ctx, 'sources.update', { id: a.secretId, tags: [IDENTITY.tag], description: 'Insider, finance office (updated)' });
    call(a.ctx, 'sources.update', { id: a.publicId, contact: { email: IDENTITY.publicContact } });
    await once(a.ctx, a.caseId);
    const b = await joined(server, 'Ben', 'reporter');
    const f = await joined(server, 'Fay', 'fact-checker');
    const l = await joined(server, 'Lou', 'lawyer');
    // Ben edits the confidential source's description (which is shared) and a claim of it.
    call(b.ctx, 'sources.update', { id: a.secretId, description: 'Insider (Ben’s note)' });
    call(b.ctx, 'claims.update', { id: a.claimId, quote: 'They never tendered it.' });
    call(f.ctx, 'claims.setStatus', { id: a.claimId, status: 'verified', note: 'Checked against the register' });
    for (const m of [b, f, a, b, l, f]) await once(m.ctx, m.caseId);

    expect(call(a.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: CONFIDENTIAL.name, description: 'Insider (Ben’s note)', tags: [IDENTITY.tag] });
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: 'Confidential source', aliases: [], contact: {}, confidential: true, description: 'Insider (Ben’s note)' });
    expect(call(l.ctx, 'claims.get', { id: a.claimId }).claim).toMatchObject({ status: 'verified', quote: 'They never tendered it.' });

    // The detector finds every secret where it is: the holder's own library.
    const holder = await found(dirname(a.ctx.libraryPath));
    for (const s of [CONFIDENTIAL.name, CONFIDENTIAL.contact.phone, IDENTITY.notes, IDENTITY.tag]) expect(holder.join('\n')).toContain(s);

    for (const m of [b, f, l]) expect(await found(dirname(m.ctx.libraryPath)), m.ctx.libraryPath).toEqual([]);
    expect(await found(dataDir)).toEqual([]);
    await server.close();
    expect(await found(dataDir)).toEqual([]);
  }, 90_000);

  it('a source made confidential after it was shared stops carrying its identity (what was shared before cannot be recalled: docs/sync.md §5)', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    call(a.ctx, 'sources.update', { id: a.publicId, confidential: true });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    const { WITHHELD_NAME } = await import('../core/desk/schema.js');
    const { Doc, applyUpdate, mergeUpdates } = await import('yjs');
    const doc = new Doc();
    applyUpdate(doc, mergeUpdates(server.store.fetch('harbour')));
    const record = (doc.getMap('records').get(a.publicId) as import('yjs').Map<unknown>).toJSON();
    expect(record).toMatchObject({ confidential: true });
    expect(record).not.toHaveProperty('name');
    expect(WITHHELD_NAME).toBe('Confidential source');
    // Ben had the name before it was withheld: his copy keeps what he was given, and says it is confidential now.
    expect(call(b.ctx, 'sources.get', { id: a.publicId }).source.confidential).toBe(true);
  }, 60_000);

  /** Keeps `ctx`'s link open until the server has listed these members' keys and the library kept them. */
  async function learnKeys(ctx: Context, caseId: string, sourceId: string, members: string[]): Promise<void> {
    const link = syncCase(ctx, caseId);
    try {
      const deadline = Date.now() + 10_000;
      while (!members.every((m) => call(ctx, 'sync.source', { sourceId })[0]?.grantable.includes(m))) {
        if (Date.now() > deadline) throw new Error(`no key for ${members.join(', ')} after 10 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await link.stop();
    }
  }

  it('granted to a named member: their library shows the identity; the server, other members and their archives hold only ciphertext; a change is sealed again; a revoke takes it back', async () => {
    const dataDir = tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    call(a.ctx, 'sources.update', { id: a.secretId, tags: [IDENTITY.tag] });
    await once(a.ctx, a.caseId);
    const b = await joined(server, 'Ben', 'reporter');
    const f = await joined(server, 'Fay', 'fact-checker');
    const l = await joined(server, 'Lou', 'lawyer');
    // Lou's key is published by a read-only connection too; the grant needs it.
    await learnKeys(a.ctx, a.caseId, a.secretId, ['Ben', 'Fay', 'Lou']);

    // Nobody but the holder may grant; a member without a published key cannot be granted.
    expect(() => call(b.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.secretId, member: 'Fay' })).toThrow(/FORBIDDEN.*Only Ana/);
    expect(() => call(a.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.secretId, member: 'Zoe' })).toThrow(/NOT_FOUND.*no key for “Zoe”/);
    expect(() => call(a.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.publicId, member: 'Ben' })).toThrow(/not confidential/);

    // The fingerprint the holder sealed to is the one Ben's own library shows: the server swapped no key.
    const granted = call(a.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.secretId, member: 'Ben' });
    expect(granted.grantedTo).toEqual(['Ben']);
    expect(granted.fingerprint).toBe(call(b.ctx, 'sync.source', { sourceId: a.secretId })[0]!.yourFingerprint);
    expect(granted.fingerprint).not.toBe(call(f.ctx, 'sync.source', { sourceId: a.secretId })[0]!.yourFingerprint);
    await once(a.ctx, a.caseId);
    for (const m of [b, f]) await once(m.ctx, m.caseId);

    // The server's document holds the grant, as ciphertext for Ben only.
    const onServer = new Y.Doc();
    Y.applyUpdate(onServer, Y.mergeUpdates(server.store.fetch('harbour')));
    const record = onServer.getMap<Y.Map<unknown>>(ROOTS.records).get(a.secretId)!;
    expect(Object.keys(record.get(KEY.sealed) as object)).toEqual(['Ben']);
    expect(record.has('name')).toBe(false);

    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({
      name: CONFIDENTIAL.name,
      aliases: CONFIDENTIAL.aliases,
      contact: CONFIDENTIAL.contact,
      role: IDENTITY.role,
      notes: IDENTITY.notes,
      tags: [IDENTITY.tag],
      confidential: true,
    });
    expect(call(b.ctx, 'sync.source', { sourceId: a.secretId })).toMatchObject([{ identity: 'granted', holder: 'Ana', grantedTo: ['Ben'] }]);
    expect(call(f.ctx, 'sources.get', { id: a.secretId }).source.name).toBe('Confidential source');
    expect(call(f.ctx, 'sync.source', { sourceId: a.secretId })).toMatchObject([{ identity: 'withheld' }]);
    expect(call(a.ctx, 'sync.source', { sourceId: a.secretId })).toMatchObject([{ identity: 'held', grantedTo: ['Ben'], grantable: ['Fay', 'Lou'] }]);

    // A change to the identity reaches the granted member, sealed afresh.
    call(a.ctx, 'sources.update', { id: a.secretId, role: 'Deputy finance officer' });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source.role).toBe('Deputy finance officer');

    // Fay's library and archive, and every file of the server, hold none of it.
    const archiveDir = tempDir();
    await callAsync(f.ctx, 'archive.create', { caseId: f.caseId, out: join(archiveDir, 'case.zip') });
    for (const dir of [dirname(f.ctx.libraryPath), archiveDir, dataDir]) expect(await found(dir), dir).toEqual([]);
    // Ben's library and archive hold it (the detector sees it where it is, zipped too).
    expect((await found(dirname(b.ctx.libraryPath))).join('\n')).toContain(CONFIDENTIAL.name);
    const benArchive = tempDir();
    await callAsync(b.ctx, 'archive.create', { caseId: b.caseId, out: join(benArchive, 'case.zip') });
    expect((await found(benArchive)).join('\n')).toContain(CONFIDENTIAL.name);

    // A sealed entry changed on the way opens nowhere: Lou's library says why and shows no name.
    call(a.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.secretId, member: 'Lou' });
    await once(a.ctx, a.caseId);
    const forLou = loadDoc(l.ctx.db, l.caseId);
    Y.applyUpdate(forLou, Y.mergeUpdates(server.store.fetch('harbour')));
    const lous = forLou.getMap<Y.Map<unknown>>(ROOTS.records).get(a.secretId)!;
    const sealed = lous.get(KEY.sealed) as Record<string, { data: string }>;
    const flipped = Buffer.from(sealed.Lou!.data, 'base64url');
    flipped.writeUInt8(flipped.readUInt8(5) ^ 0x20, 5);
    lous.set(KEY.sealed, { ...sealed, Lou: { ...sealed.Lou, data: flipped.toString('base64url') } });
    call(l.ctx, 'sync.receive', { caseId: l.caseId, update: Buffer.from(Y.encodeStateAsUpdate(forLou)).toString('base64') });
    expect(call(l.ctx, 'sources.get', { id: a.secretId }).source.name).toBe('Confidential source');
    const [lou] = call(l.ctx, 'sync.source', { sourceId: a.secretId });
    expect(lou).toMatchObject({ identity: 'unreadable' });
    expect(lou!.problem).toMatch(/could not be opened: it was changed on the way/);
    expect(await found(dirname(l.ctx.libraryPath))).toEqual([]);

    // Revoked: Ben's sealed copy leaves the case, and his library drops the identity.
    call(a.ctx, 'sync.revoke', { caseId: a.caseId, sourceId: a.secretId, member: 'Ben' });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: 'Confidential source', aliases: [], role: '', contact: {}, tags: [] });
    expect(call(b.ctx, 'sync.source', { sourceId: a.secretId })).toMatchObject([{ identity: 'withheld', grantedTo: ['Lou'] }]);
  }, 120_000);

  it('a granted source the holder makes public keeps its name in the granted member’s library', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    await learnKeys(a.ctx, a.caseId, a.secretId, ['Ben']);
    call(a.ctx, 'sync.grant', { caseId: a.caseId, sourceId: a.secretId, member: 'Ben' });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source.name).toBe(CONFIDENTIAL.name);
    call(a.ctx, 'sources.update', { id: a.secretId, confidential: false });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: CONFIDENTIAL.name, confidential: false });
  }, 60_000);

  it('the server refuses a grant written by anyone but the holder, and a “grant” that is not ciphertext', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    const serverDoc = () => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.mergeUpdates(server.store.fetch('harbour')));
      return d;
    };
    const write = (ctx: Context, caseId: string, sealed: unknown, by: string): Uint8Array => {
      const doc = loadDoc(ctx.db, caseId);
      let update: Uint8Array | undefined;
      doc.on('update', (u: Uint8Array) => (update = u));
      doc.transact(() => {
        const m = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(a.secretId)!;
        m.set(KEY.sealed, sealed);
        m.set(KEY.by, by);
      });
      return update!;
    };
    const cipher = { v: 1, to: 'a'.repeat(43), epk: 'b'.repeat(43), iv: 'c'.repeat(16), data: 'd'.repeat(40) };
    expect(judgeUpdate(serverDoc(), write(b.ctx, b.caseId, { Ben: cipher }, 'Ben'), 'reporter', 'Ben')).toMatch(/Only Ana/);
    expect(judgeUpdate(serverDoc(), write(a.ctx, a.caseId, { Ben: { name: CONFIDENTIAL.name } }, 'Ana'), 'reporter', 'Ana')).toMatch(/only sealed/);
    expect(judgeUpdate(serverDoc(), write(a.ctx, a.caseId, { Ben: cipher }, 'Ana'), 'reporter', 'Ana')).toBeNull();
  }, 60_000);
});
