// Full-text indexing deferred to the end of a bulk import's batch (migration 12): the rows are
// indexed before the transaction ends, whatever happened to them meanwhile, and every other
// write is indexed by the triggers as before.

import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { call, tempLibrary } from '../test/helpers.js';
import { withDeferredIndexing } from './bulk.js';
import { newId, nowIso } from './ids.js';
import { checkHealth, type DB } from './open.js';

const matches = (db: DB, index: string, word: string) => (db.prepare(`SELECT rowid FROM ${index} WHERE ${index} MATCH ?`).pluck().all(`"${word}"`) as number[]).length;
const written = (db: DB, word: string) => (db.prepare('SELECT doc FROM claims_words_vocab WHERE term = ?').pluck().get(word) as number | undefined) ?? 0;

function addClaim(ctx: Context, caseId: string, statement: string): number {
  const now = nowIso();
  return Number(ctx.db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run(newId(), now, now, caseId, statement).lastInsertRowid);
}

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Bulk' }).id;
  return { ctx, db: ctx.db, caseId };
}

describe('withDeferredIndexing', () => {
  it('indexes the rows a batch adds once, as it ends, in both indexes', () => {
    const { ctx, db, caseId } = setup();
    db.transaction(() => {
      withDeferredIndexing(db, () => {
        for (let i = 0; i < 50; i++) addClaim(ctx, caseId, `Tankers ${i} carried fentanyl precursors`);
        // Deferred: the triggers stood aside, nothing is in the indexes yet.
        expect(matches(db, 'claims_fts', 'precursor')).toBe(0);
        expect(written(db, 'precursors')).toBe(0);
      });
      expect(matches(db, 'claims_fts', 'precursor')).toBe(50);
      expect(written(db, 'precursors')).toBe(50);
      expect(db.prepare('SELECT count(*) FROM fts_deferred').pluck().get()).toBe(0);
    })();
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
    expect(call(ctx, 'search.query', { query: 'tankers', types: ['claim'] }).hits).toHaveLength(50);
  });

  it('a row added, changed and another deleted within the batch: the indexes hold what the table holds', () => {
    const { ctx, db, caseId } = setup();
    const before = addClaim(ctx, caseId, 'Customs seized the cargo');
    db.transaction(() => {
      withDeferredIndexing(db, () => {
        const changed = addClaim(ctx, caseId, 'Draft wording about ammonium');
        const dropped = addClaim(ctx, caseId, 'Mistaken row about nitrates');
        db.prepare("UPDATE claims SET statement = 'Final wording about ammonia' WHERE rowid = ?").run(changed);
        db.prepare('DELETE FROM claims WHERE rowid = ?').run(dropped);
        // A row from before the batch is indexed as it changes, as any write is.
        db.prepare("UPDATE claims SET statement = 'Customs released the cargo' WHERE rowid = ?").run(before);
        expect(matches(db, 'claims_fts', 'released')).toBe(1);
      });
    })();
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
    expect([matches(db, 'claims_fts', 'ammonia'), matches(db, 'claims_fts', 'ammonium'), matches(db, 'claims_fts', 'nitrates'), matches(db, 'claims_fts', 'seized')]).toEqual([1, 0, 0, 0]);
    expect([written(db, 'ammonia'), written(db, 'ammonium'), written(db, 'nitrates'), written(db, 'released')]).toEqual([1, 0, 0, 1]);
  });

  it('a batch that fails is taken back with its rows; the next write is indexed by the triggers again', () => {
    const { ctx, db, caseId } = setup();
    expect(() =>
      db.transaction(() =>
        withDeferredIndexing(db, () => {
          addClaim(ctx, caseId, 'Half written batch');
          throw new Error('disk full');
        }),
      )(),
    ).toThrow('disk full');
    expect(db.prepare('SELECT count(*) FROM fts_deferred').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(0);
    addClaim(ctx, caseId, 'Written after the failure');
    expect(matches(db, 'claims_fts', 'failure')).toBe(1);
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
  });

  it('a caller that catches a failure and commits still leaves every row indexed', () => {
    const { ctx, db, caseId } = setup();
    db.transaction(() => {
      try {
        withDeferredIndexing(db, () => {
          addClaim(ctx, caseId, 'Kept despite the error');
          throw new Error('a later record was refused');
        });
      } catch {
        // the caller decides to keep what was written
      }
    })();
    expect(matches(db, 'claims_fts', 'despite')).toBe(1);
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
  });

  it('is refused outside a transaction and when already deferred', () => {
    const { db } = setup();
    expect(() => withDeferredIndexing(db, () => 1)).toThrow(/inside a transaction/);
    db.transaction(() => {
      withDeferredIndexing(db, () => expect(() => withDeferredIndexing(db, () => 1)).toThrow(/already deferred/));
    })();
  });
});
