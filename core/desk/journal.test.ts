// A write to a shared case costs what it changed: the change journal names the records a write
// touched, the case's document is kept between writes, and the whole comparison (`sync.check`)
// finds nothing the journal let through. No server needed: a case is shared here the way
// `sync.attach` shares it, and what the library would send is read from its stored updates.

import { existsSync, readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import type { Statement } from '../../db/driver.js';
import { addSharedCase, closeLibrary, openLibrary, syncUpdates, type SyncRole } from '../../db/index.js';
import { call, callError, tempLibrary } from '../../test/helpers.js';
import { captureLocalChanges, loadDoc } from './engine.js';
import { KEY, ROOTS } from './schema.js';

/** Shares the case as sync.attach does (its first capture compares the whole case), with no server. */
function shareOffline(ctx: Context, caseId: string, role: SyncRole = 'reporter'): void {
  ctx.db.transaction(() => {
    addSharedCase(ctx.db, { caseId, serverUrl: 'ws://127.0.0.1:1', docName: 'desk', member: 'Ana', role, credential: 'mem_aaaaaaaaaaaaaaaaaaaaaaaa' });
    captureLocalChanges(ctx.db);
  })();
}

function caseWithClaims(ctx: Context, n: number): { caseId: string; claims: string[]; sourceId: string } {
  const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
  const sourceId = call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation' }).id;
  const claims = Array.from({ length: n }, (_, i) => call(ctx, 'claims.create', { caseId, statement: `Shipment ${i} left on time`, sourceIds: [sourceId], tags: ['port'] }).id);
  return { caseId, claims, sourceId };
}

/** The record's fields as the library's stored updates hold them. */
function stored(ctx: Context, caseId: string, id: string): Record<string, unknown> | undefined {
  const doc = loadDoc(ctx.db, caseId);
  const map = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(id);
  const out = map?.toJSON() as Record<string, unknown> | undefined;
  doc.destroy();
  return out;
}

/** Rows the connection's statements hand back while `fn` runs. */
function rowsRead(ctx: Context, fn: () => void): number {
  let rows = 0;
  const prepare = ctx.db.prepare;
  const counting = (stmt: Statement): Statement =>
    new Proxy(stmt, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'all') {
          return (...args: unknown[]) => {
            const r = (value as (...a: unknown[]) => unknown[]).apply(target, args);
            rows += r.length;
            return r;
          };
        }
        if (key === 'get') {
          return (...args: unknown[]) => {
            const r = (value as (...a: unknown[]) => unknown).apply(target, args);
            if (r !== undefined) rows++;
            return r;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  ctx.db.prepare = ((source: string) => counting(prepare.call(ctx.db, source) as Statement)) as typeof prepare;
  try {
    fn();
  } finally {
    ctx.db.prepare = prepare;
  }
  return rows;
}

describe('a write to a shared case is captured from the change journal', () => {
  it('an edit of one claim reads a handful of rows, not the case', () => {
    const ctx = tempLibrary();
    const { caseId, claims } = caseWithClaims(ctx, 300);
    shareOffline(ctx, caseId);
    const unshared = tempLibrary();
    const other = caseWithClaims(unshared, 300);
    const floor = rowsRead(unshared, () => call(unshared, 'claims.update', { id: other.claims[7]!, statement: 'Shipment 7 was late' }));
    const read = rowsRead(ctx, () => call(ctx, 'claims.update', { id: claims[7]!, statement: 'Shipment 7 was late' }));
    // What the journal adds to the edit itself: the claim, its sources and tags, the case's list of shared cases.
    expect(read - floor).toBeLessThan(30);
    expect(stored(ctx, caseId, claims[7]!)?.statement).toBe('Shipment 7 was late');
  });

  it('takes in a raw SQL edit made outside the dispatcher (the triggers saw it) at the next write', () => {
    const ctx = tempLibrary();
    const { caseId, claims } = caseWithClaims(ctx, 5);
    shareOffline(ctx, caseId);
    // Each a change to a row of its own table: the record's row is left as it was.
    ctx.db.prepare("UPDATE claims SET statement = 'Edited by a script' WHERE id = ?").run(claims[2]);
    ctx.db.prepare("INSERT INTO tags (id, created_at, updated_at, name) VALUES ('01JTAGSCRIPT00000000000000', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'script')").run();
    ctx.db.prepare("INSERT INTO claim_tags (claim_id, tag_id) VALUES (?, '01JTAGSCRIPT00000000000000')").run(claims[3]);
    ctx.db.prepare('DELETE FROM claim_sources WHERE claim_id = ?').run(claims[1]);
    call(ctx, 'claims.update', { id: claims[0]!, statement: 'Shipment 0 was late' });
    expect(stored(ctx, caseId, claims[2]!)?.statement).toBe('Edited by a script');
    expect(stored(ctx, caseId, claims[3]!)?.tags).toEqual(['port', 'script']);
    expect(stored(ctx, caseId, claims[1]!)?.sourceIds).toEqual([]);
    // A tag renamed: everything it tags.
    ctx.db.prepare("UPDATE tags SET name = 'harbour' WHERE name = 'port'").run();
    call(ctx, 'claims.update', { id: claims[0]!, statement: 'Shipment 0 was early' });
    expect(stored(ctx, caseId, claims[4]!)?.tags).toEqual(['harbour']);
    expect(call(ctx, 'sync.check', {}).corrected).toEqual([]);
  });

  it('sync.check catches what the journal missed, and then finds nothing', () => {
    const ctx = tempLibrary();
    const { caseId, claims } = caseWithClaims(ctx, 5);
    shareOffline(ctx, caseId);
    // A change the journal never saw (written by a version of the app from before it, say).
    ctx.db.prepare("UPDATE claims SET statement = 'Missed by the journal' WHERE id = ?").run(claims[3]);
    ctx.db.prepare('DELETE FROM sync_journal').run();
    call(ctx, 'claims.update', { id: claims[0]!, statement: 'Shipment 0 was late' });
    // The write compared what it touched, not the case.
    expect(stored(ctx, caseId, claims[3]!)?.statement).toBe('Shipment 3 left on time');
    expect(call(ctx, 'sync.check', {}).corrected).toEqual([caseId]);
    expect(stored(ctx, caseId, claims[3]!)?.statement).toBe('Missed by the journal');
    expect(call(ctx, 'sync.check', {}).corrected).toEqual([]);
  });

  it('after every kind of write, the whole comparison finds nothing left to send', () => {
    const ctx = tempLibrary();
    call(ctx, 'demo.load', {});
    const caseId = call(ctx, 'cases.list', {})[0]!.id;
    shareOffline(ctx, caseId);
    const source = call(ctx, 'sources.create', { name: 'Harbour pilot', kind: 'person' }).id;
    const claim = call(ctx, 'claims.create', { caseId, statement: 'The pilot saw the barge', sourceIds: [source], tags: ['barge'] }).id;
    const other = call(ctx, 'claims.create', { caseId, statement: 'The barge sailed at night' }).id;
    call(ctx, 'claims.update', { id: claim, tags: ['barge', 'night'], sourceIds: [] });
    call(ctx, 'claims.setStatus', { id: other, status: 'disputed', method: 'Called the harbour master', note: 'Denied' });
    call(ctx, 'claimLinks.create', { fromClaimId: claim, toClaimId: other, relation: 'supports' });
    const doc = call(ctx, 'documents.create', { caseId, title: 'Harbour log', text: 'The barge left at 23:40 with no lights.' }).id;
    const excerpt = call(ctx, 'excerpts.create', { documentId: doc, exact: 'no lights', start: 29, end: 38 }).id;
    call(ctx, 'evidence.create', { claimId: other, documentId: doc, excerptId: excerpt, stance: 'supports' });
    call(ctx, 'replies.create', { caseId, claimId: other, subject: 'The shipping company', contactedAt: '2026-01-02T10:00:00Z' });
    call(ctx, 'events.create', { caseId, title: 'Barge leaves', happenedOn: '2025-11-03' });
    const note = call(ctx, 'notes.create', { caseId, title: 'Draft', text: 'The barge sailed dark.' }).id;
    call(ctx, 'notes.update', { id: note, text: 'The barge sailed dark, the pilot says.' });
    // A source made confidential after it was shared: its name is masked in every claim that says it.
    const named = call(ctx, 'claims.create', { caseId, statement: 'Harbour pilot Jonas Verhoek saw it', sourceIds: [source] }).id;
    call(ctx, 'sources.update', { id: source, name: 'Jonas Verhoek', confidential: true });
    call(ctx, 'claims.delete', { id: claim });
    call(ctx, 'trash.restore', { entity: 'claim', id: claim });
    call(ctx, 'claims.delete', { id: other });
    call(ctx, 'trash.purge', { entity: 'claim', id: other });
    expect(call(ctx, 'sync.check', {}).corrected).toEqual([]);
    expect(stored(ctx, caseId, other)).toBeUndefined();
    // (Its history keeps what went out before: shared is shared, docs/sync.md §5.)
    expect(stored(ctx, caseId, named)?.statement).toBe('Harbour pilot █████████████ saw it');
    expect(stored(ctx, caseId, source)).not.toHaveProperty('name');
  });
});

describe('the journal’s triggers', () => {
  it('are made when a case is first shared: a library that shares nothing pays nothing for them', () => {
    const ctx = tempLibrary();
    const { caseId } = caseWithClaims(ctx, 1);
    const triggers = () => ctx.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%journal%'").get() as { n: number };
    expect(triggers().n).toBe(0);
    shareOffline(ctx, caseId);
    expect(triggers().n).toBeGreaterThan(30);
  });
});

describe('the case’s document is kept between writes', () => {
  /** The Yjs client that made each of the library's local updates. */
  const makers = (ctx: Context, caseId: string) =>
    syncUpdates(ctx.db, caseId)
      .filter((u) => u.local)
      .map((u) => Y.decodeUpdate(u.data).structs[0]!.id.client);

  it('writes in a row change one document (one Yjs client), not one rebuilt from every update each time', () => {
    const ctx = tempLibrary();
    const { caseId, claims } = caseWithClaims(ctx, 3);
    shareOffline(ctx, caseId);
    for (const [i, id] of claims.entries()) call(ctx, 'claims.update', { id, statement: `Edit ${i}` });
    expect(new Set(makers(ctx, caseId).slice(1)).size).toBe(1);
  });

  it('takes in an update that arrived since, and keeps nothing of a write that was refused', () => {
    const ctx = tempLibrary();
    const { caseId, claims } = caseWithClaims(ctx, 3);
    shareOffline(ctx, caseId);
    call(ctx, 'claims.update', { id: claims[0]!, statement: 'Edit before' });
    // Another member's change, as the sync client hands it over.
    const theirs = loadDoc(ctx.db, caseId);
    let update: Uint8Array | undefined;
    theirs.on('update', (u: Uint8Array) => (update = u));
    theirs.transact(() => {
      const map = theirs.getMap<Y.Map<unknown>>(ROOTS.records).get(claims[1]!)!;
      map.set('statement', 'Their edit');
      map.set(KEY.by, 'Ben');
      (map.get(KEY.history) as Y.Array<unknown>).push([{ field: 'statement', value: 'Their edit', by: 'Ben', at: new Date().toISOString() }]);
    });
    call(ctx, 'sync.receive', { caseId, update: Buffer.from(update!).toString('base64') });
    call(ctx, 'claims.update', { id: claims[2]!, statement: 'Edit after' });
    expect(call(ctx, 'claims.get', { id: claims[1]! }).claim.statement).toBe('Their edit');
    // Taken in as Ben's, not sent back as this member's own edit by a document that missed it.
    const theirEdit = stored(ctx, caseId, claims[1]!)!;
    expect(theirEdit.statement).toBe('Their edit');
    expect((theirEdit[KEY.history] as { value: unknown; by: string }[]).filter((h) => h.value === 'Their edit').map((h) => h.by)).toEqual(['Ben']);
    expect(call(ctx, 'sync.check', {}).corrected).toEqual([]);

    // As a fact-checker: a statement edit is refused (the document had taken it in before the
    // refusal), the status change after it goes out whole.
    ctx.db.prepare("UPDATE sync_cases SET role = 'fact-checker'").run();
    expect(callError(ctx, 'claims.update', { id: claims[0]!, statement: 'Not mine to change' }).code).toBe('FORBIDDEN');
    call(ctx, 'claims.setStatus', { id: claims[0]!, status: 'verified', method: 'Read the log' });
    expect(stored(ctx, caseId, claims[0]!)).toMatchObject({ statement: 'Edit before', status: 'verified' });
  });
});

describe('another process writing to the library', () => {
  it('a source it makes confidential is masked in this process’s next write too (what was kept is not trusted)', () => {
    const ctx = tempLibrary();
    const { caseId, claims, sourceId } = caseWithClaims(ctx, 2);
    call(ctx, 'sources.update', { id: sourceId, name: 'Jonas Verhoek' });
    shareOffline(ctx, caseId);
    call(ctx, 'claims.update', { id: claims[0]!, statement: 'Shipment 0 was late' });
    // A script beside the app, through its own connection: its write empties the journal.
    const script: Context = { db: openLibrary(ctx.libraryPath), libraryPath: ctx.libraryPath, checker: 'Script' };
    try {
      call(script, 'sources.update', { id: sourceId, confidential: true });
    } finally {
      closeLibrary(script.db);
    }
    call(ctx, 'claims.update', { id: claims[1]!, statement: 'Jonas Verhoek says shipment 1 was late' });
    expect(stored(ctx, caseId, claims[1]!)?.statement).toBe('█████████████ says shipment 1 was late');
    expect(stored(ctx, caseId, sourceId)).not.toHaveProperty('name');
  });
});

describe('a purge leaves the write-ahead log at once', () => {
  it('no word of a purged claim is in the -wal file after trash.purge, without a checkpoint of the test’s own', () => {
    const ctx = tempLibrary();
    const { caseId } = caseWithClaims(ctx, 20);
    const word = 'Quorvantelix';
    const claim = call(ctx, 'claims.create', { caseId, statement: `The ${word} crates were seized` }).id;
    call(ctx, 'claims.delete', { id: claim });
    const wal = `${ctx.libraryPath}-wal`;
    const inLog = () => existsSync(wal) && readFileSync(wal).includes(Buffer.from(word));
    expect(inLog()).toBe(true); // the test sees it while it lives
    call(ctx, 'trash.purge', { entity: 'claim', id: claim });
    expect(inLog()).toBe(false);
    expect(readFileSync(ctx.libraryPath).includes(Buffer.from(word))).toBe(false);
  });
});
