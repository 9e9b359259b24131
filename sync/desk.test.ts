// Two (or more) libraries and one sync server on loopback: share, join, offline edits on both
// sides, and what each member ends up holding.

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, callAsync, tempDir } from '../test/helpers.js';
import { unzip } from '../test/export/read.js';
import type { Context } from '../core/context.js';
import { syncCase } from './client.js';
import { flagNotesWhole, joined, shared, testServer } from '../test/sync/desk.js';
import { shareCase } from './client.js';
import { tempLibrary } from '../test/helpers.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 10_000 }).done;

/** Both ways until neither has anything new: A, B, then A again picks up what B merged. */
async function settle(a: { ctx: Context; caseId: string }, b: { ctx: Context; caseId: string }) {
  await once(a.ctx, a.caseId);
  await once(b.ctx, b.caseId);
  await once(a.ctx, a.caseId);
}

const claimOf = (ctx: Context, id: string) => call(ctx, 'claims.get', { id }).claim;

/** Columns that are this library's own: bookkeeping, and what never leaves the machine. */
const LOCAL_COLUMNS: Record<string, string[]> = {
  '*': ['created_at', 'updated_at', 'revision', 'deleted_at'],
  sources: ['name', 'aliases', 'role', 'anonymity_reason', 'identity_known_by', 'notes', 'contact', 'affiliation_id'],
  documents: ['file_name'],
};
/** Tables that are this library's own: its undo journal, its trash list, its original files. */
const LOCAL_TABLES = new Set(['undo_log', 'trash', 'attachments', 'imported_files', 'map_positions', 'saved_searches', 'proposal_rejections']);

async function archiveTables(ctx: Context, caseId: string): Promise<Record<string, unknown[]>> {
  const out = join(tempDir(), 'case.zip');
  await callAsync(ctx, 'archive.create', { caseId, out });
  const raw: Record<string, Record<string, unknown>[]> = {};
  for (const e of await unzip(readFileSync(out))) {
    const m = /^tables\/(.+)\.jsonl$/.exec(e.name);
    if (m && !LOCAL_TABLES.has(m[1]!)) raw[m[1]!] = e.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  // Each library names its tags with its own ids: compared by name.
  const tagName = new Map((raw.tags ?? []).map((t) => [t.id, t.name]));
  // A confidential source's tags are part of what identifies it: they stay with its holder.
  const confidential = new Set((raw.sources ?? []).filter((s) => s.confidential === 1).map((s) => s.id));
  if (raw.source_tags) raw.source_tags = raw.source_tags.filter((t) => !confidential.has(t.source_id));
  const tables: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(raw)) {
    const drop = [...LOCAL_COLUMNS['*']!, ...(LOCAL_COLUMNS[table] ?? []), ...(table === 'tags' ? ['id'] : [])];
    tables[table] = rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k)).map(([k, v]) => [k, k === 'tag_id' ? tagName.get(v) : v])))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return tables;
}

describe('a case shared by two reporters', () => {
  it('reaches the second library whole: the demo case’s archive is the same on both, less what stays local', async () => {
    const server = await testServer();
    const a = tempLibrary();
    const { caseId } = call(a, 'demo.load', {});
    await shareCase(a, caseId, server.url, server.store.invite('demo', 'Ana', 'reporter').token, { timeoutMs: 15_000 });
    const b = await joined(server, 'Ben', 'reporter', 'demo');
    expect(b.caseId).toBe(caseId);
    const [left, right] = [await archiveTables(a, caseId), await archiveTables(b.ctx, caseId)];
    expect(Object.keys(left).length).toBeGreaterThan(5);
    expect(left.claims!.length).toBeGreaterThan(3);
    expect(right).toEqual(left);
    // The second library searches what it received: FTS is kept by the same triggers.
    const hits = call(b.ctx, 'search.query', { query: (left.claims![0] as { statement: string }).statement.split(' ').slice(0, 3).join(' ') }).hits;
    expect(hits.length).toBeGreaterThan(0);
  }, 60_000);

  it('merges offline edits: different fields both survive; the same field ends the same on both, the losing value kept in history', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: 'First paragraph.' }).id;
    await settle(a, b);

    // Offline, both sides.
    call(a.ctx, 'claims.update', { id: a.claimId, statement: 'Awarded without tender (Ana).' });
    call(a.ctx, 'sources.update', { id: a.publicId, description: 'The port’s own authority' });
    call(b.ctx, 'claims.update', { id: a.claimId, statement: 'Awarded without tender (Ben).', quote: 'No tender was held.' });
    call(b.ctx, 'notes.update', { id: noteId, title: 'Draft, edited by Ben' });
    const bClaim = call(b.ctx, 'claims.create', { caseId: b.caseId, statement: 'Ben’s new claim', sourceIds: [a.publicId] }).id;
    expect(call(a.ctx, 'sync.status', {})[0]!.waiting).toBeGreaterThan(0);
    expect(call(b.ctx, 'sync.status', {})[0]!.waiting).toBeGreaterThan(0);

    await settle(a, b);
    await once(b.ctx, b.caseId);
    const [ca, cb] = [claimOf(a.ctx, a.claimId), claimOf(b.ctx, a.claimId)];
    expect(cb.statement).toBe(ca.statement);
    expect(['Awarded without tender (Ana).', 'Awarded without tender (Ben).']).toContain(ca.statement);
    expect(ca.quote).toBe('No tender was held.');
    expect(call(b.ctx, 'sources.get', { id: a.publicId }).source.description).toBe('The port’s own authority');
    expect(call(a.ctx, 'notes.get', { id: noteId }).title).toBe('Draft, edited by Ben');
    expect(claimOf(a.ctx, bClaim).statement).toBe('Ben’s new claim');
    for (const m of [a, b]) expect(call(m.ctx, 'sync.status', {})[0]).toMatchObject({ waiting: 0 });

    // The loser is in the record's history on both sides, with who wrote it: restorable.
    for (const ctx of [a.ctx, b.ctx]) {
      const statements = call(ctx, 'sync.history', { caseId: a.caseId, recordId: a.claimId }).entries.filter((h) => h.field === 'statement');
      expect(statements.map((h) => [h.value, h.by])).toEqual(
        expect.arrayContaining([
          ['Awarded without tender (Ana).', 'Ana'],
          ['Awarded without tender (Ben).', 'Ben'],
        ]),
      );
    }
    const loser = ca.statement.includes('Ana') ? 'Awarded without tender (Ben).' : 'Awarded without tender (Ana).';
    call(a.ctx, 'claims.update', { id: a.claimId, statement: loser });
    await settle(a, b);
    expect(claimOf(b.ctx, a.claimId).statement).toBe(loser);
  }, 60_000);

  it('carries trash and restore both ways, and a purge by a member', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    call(b.ctx, 'claims.delete', { id: a.otherClaimId });
    await settle(a, b);
    expect(call(a.ctx, 'trash.list', {}).map((t) => t.entityId)).toContain(a.otherClaimId);
    call(a.ctx, 'trash.restore', { entity: 'claim', id: a.otherClaimId });
    await settle(a, b);
    expect(claimOf(b.ctx, a.otherClaimId).deletedAt).toBeNull();
    call(a.ctx, 'claims.delete', { id: a.otherClaimId });
    call(a.ctx, 'trash.purge', { entity: 'claim', id: a.otherClaimId });
    await settle(a, b);
    expect(() => call(b.ctx, 'claims.get', { id: a.otherClaimId })).toThrow(/NOT_FOUND/);
  }, 60_000);

  it('keeps the member’s credential, private key and the case’s sync state out of the case’s archive', async () => {
    const server = await testServer();
    const a = await shared(server);
    const credential = (a.ctx.db.prepare('SELECT credential FROM sync_cases').get() as { credential: string }).credential;
    // The member's private key (what opens identities granted to them) stays with the library too.
    const { private_key: privateKey } = a.ctx.db.prepare('SELECT private_key FROM sync_keys').get() as { private_key: string };
    const out = join(tempDir(), 'case.zip');
    await callAsync(a.ctx, 'archive.create', { caseId: a.caseId, out });
    const entries = await unzip(readFileSync(out));
    expect(entries.map((e) => e.name).filter((n) => n.includes('sync'))).toEqual([]);
    for (const e of entries) for (const secret of [credential.slice(4), privateKey]) expect(e.bytes.includes(secret), e.name).toBe(false);
  }, 60_000);

  it('a note received from the desk is not sent back as the receiver’s change (its content kept as it came)', async () => {
    const server = await testServer();
    const a = await shared(server);
    // Notes that travel whole, in their records (a case flagged before notes had masked twins).
    flagNotesWhole(a.ctx, a.caseId, true);
    const noteId = call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Draft', text: 'The port says.' }).id;
    await syncCase(a.ctx, a.caseId, { once: true, timeoutMs: 10_000 }).done;
    const b = await joined(server, 'Ben', 'reporter');
    call(b.ctx, 'notes.update', { id: noteId, text: 'The port insists.' });
    await settle(a, b);
    expect(call(a.ctx, 'notes.get', { id: noteId }).text).toBe('The port insists.');
    const contents = call(a.ctx, 'sync.history', { caseId: a.caseId, recordId: noteId }).entries.filter((e) => e.field === 'content');
    expect(contents.map((e) => e.by)).toEqual(['Ana', 'Ben']);
  }, 60_000);

  it('says who made a change received from the desk', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    call(b.ctx, 'claims.update', { id: a.claimId, saidOn: '2026-11-30' });
    await settle(a, b);
    const last = call(a.ctx, 'sync.history', { caseId: a.caseId, recordId: a.claimId }).entries.at(-1)!;
    expect(last).toMatchObject({ field: 'saidOn', value: '2026-11-30', by: 'Ben' });
  }, 60_000);
});
