import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import { closeLibrary, openLibrary } from './open.js';
import { cacheStatements, preparedCount } from './statement-cache.js';
import Database from './driver.js';

describe('the statement cache', () => {
  it('prepares each statement of a claim’s creation once per connection, not once per call', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
    const source = call(ctx, 'sources.create', { name: 'Bryce Pardo' }).id;
    const create = (i: number) => call(ctx, 'claims.create', { caseId, statement: `Shipment ${i} left Manzanillo`, sourceIds: [source], tags: ['port'], status: 'disputed' });
    create(0);
    const after = preparedCount(ctx.db);
    expect(after).toBeGreaterThan(0);
    for (let i = 1; i <= 20; i++) create(i);
    expect(preparedCount(ctx.db)).toBe(after);
  });

  it('never hands out a statement that is being iterated, and resets modes a caller set', () => {
    const db = cacheStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    const sql = 'SELECT n FROM t ORDER BY n';
    const seen: number[][] = [];
    // The same text run again from inside its own iteration: a fresh statement, not the busy one.
    for (const row of db.prepare(sql).iterate() as Iterable<{ n: number }>) seen.push([row.n, ...(db.prepare(sql).all() as { n: number }[]).map((r) => r.n)]);
    expect(seen).toEqual([
      [1, 1, 2, 3],
      [2, 1, 2, 3],
      [3, 1, 2, 3],
    ]);
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2, 3]);
    expect(db.prepare(sql).all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(db.prepare(sql).raw().all()).toEqual([[1], [2], [3]]);
    expect(db.prepare(sql).get()).toEqual({ n: 1 });
  });

  it('keeps at most its bound of texts, dropping the least recently used', () => {
    const db = cacheStatements(new Database(':memory:'), 3);
    const before = preparedCount(db);
    for (const n of [1, 2, 3, 1, 4, 1, 2]) db.prepare(`SELECT ${n}`).get();
    // 1, 2, 3 prepared; 1 again is kept; 4 pushes out 2 (least recently used); 1 kept; 2 again.
    expect(preparedCount(db) - before).toBe(5);
  });

  it('is on for every library opened, and can be left off', () => {
    const path = join(tempDir(), 'library.corroborate');
    const db = openLibrary(path);
    db.prepare('SELECT 1').get();
    db.prepare('SELECT 1').get();
    expect(preparedCount(db)).toBe(1);
    closeLibrary(db);
    const plain = openLibrary(path, { statementCache: false });
    expect(preparedCount(plain)).toBe(0);
    closeLibrary(plain);
  });
});
