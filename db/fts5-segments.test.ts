import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from './driver.js';
import type { DB } from './open.js';
import { identities, segments, segmentTerms } from './fts5-segments.js';

type Form = 'library' | 'contentless';

/**
 * A words table as the library has it (migration 012: external content, secure-delete, version 1
 * structure records) or as migration 010 made it (contentless, version 2), with small pages so a
 * segment spans many. Rows are written through `write`, as the library's triggers do.
 */
function table(pgsz: number, form: Form = 'library') {
  const db = new Database(':memory:') as unknown as DB;
  if (form === 'library') {
    db.exec(`CREATE TABLE t (a TEXT, b TEXT);
             CREATE VIRTUAL TABLE w USING fts5(a, b, content='t', content_rowid='rowid', detail=none, tokenize='unicode61 remove_diacritics 2');
             INSERT INTO w(w, rank) VALUES ('secure-delete', 1);`);
  } else db.exec(`CREATE VIRTUAL TABLE w USING fts5(a, b, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');`);
  db.exec(`CREATE VIRTUAL TABLE w_vocab USING fts5vocab(w, 'row'); INSERT INTO w(w, rank) VALUES ('pgsz', ${pgsz});`);
  const remove = (row: number) => {
    if (form === 'contentless') return db.prepare('DELETE FROM w WHERE rowid = ?').run(row);
    const old = db.prepare('SELECT a, b FROM t WHERE rowid = ?').get(row) as { a: string; b: string } | undefined;
    if (!old) return;
    db.prepare("INSERT INTO w(w, rowid, a, b) VALUES ('delete', ?, ?, ?)").run(row, old.a, old.b);
    db.prepare('DELETE FROM t WHERE rowid = ?').run(row);
  };
  const insert = (row: number, a: string, b = '') => {
    remove(row);
    if (form === 'library') db.prepare('INSERT INTO t(rowid, a, b) VALUES (?, ?, ?)').run(row, a, b);
    db.prepare('INSERT INTO w(rowid, a, b) VALUES (?, ?, ?)').run(row, a, b);
  };
  return { db, insert, remove };
}

const structure = (db: DB) => db.prepare('SELECT block FROM w_data WHERE id = 10').pluck().get() as Buffer;
const vocabulary = (db: DB) => new Set(db.prepare('SELECT term FROM w_vocab').pluck().all() as string[]);
const everyTerm = (db: DB) => segmentTerms(db, 'w', segments(structure(db))!)!;

// Words that share beginnings, long ones that cross pages, accents folded, other scripts.
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcdeé'), minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'xyz'), minLength: 60, maxLength: 200 }),
  fc.constantFrom('समाचार', 'Solís', 'straße', '北京', 'ǅemal'),
);
const text = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), row: fc.integer({ min: 1, max: 40 }), a: text, b: text }),
  fc.record({ kind: fc.constant('delete' as const), row: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('optimize' as const) }),
);

const known = (db: DB) => new Set(identities(db, 'w', segments(structure(db))!));
const unseen = (db: DB, before: Set<string>) => {
  const list = segments(structure(db))!;
  const ids = identities(db, 'w', list)!;
  return list.filter((_, i) => !before.has(ids[i]!));
};

describe('the words of FTS5 segments', () => {
  it('lists every term of the index, read from its segments, however it was written, deleted and merged', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom(64, 200, 1000), fc.constantFrom<Form>('library', 'contentless'), (ops, pgsz, form) => {
        const { db, insert, remove } = table(pgsz, form);
        for (const o of ops) {
          // Between two looks, the terms of the segments not seen before are every term new since.
          const before = known(db);
          const had = vocabulary(db);
          if (o.kind === 'insert') insert(o.row, o.a, o.b);
          else if (o.kind === 'delete') remove(o.row);
          else db.exec("INSERT INTO w(w) VALUES ('optimize')");
          const added = segmentTerms(db, 'w', unseen(db, before))!;
          for (const t of vocabulary(db)) if (!had.has(t)) expect(added.has(t), t).toBe(true);
          // A term deleted may still be in a segment (a tombstone hides it): at least every live one.
          const terms = everyTerm(db);
          for (const t of vocabulary(db)) expect(terms.has(t), t).toBe(true);
        }
        // Merged into one segment, nothing deleted is left: exactly the vocabulary.
        db.exec("INSERT INTO w(w) VALUES ('optimize')");
        expect(everyTerm(db)).toEqual(vocabulary(db));
      }),
      { numRuns: 150 },
    );
  });

  it('tells a segment written since from those known, though a segid is used again after a merge', () => {
    for (const form of ['library', 'contentless'] as const) {
      const { db, insert } = table(1000, form);
      insert(1, 'alpha');
      insert(2, 'beta');
      const before = known(db);
      db.exec("INSERT INTO w(w) VALUES ('optimize')");
      insert(3, 'gamma');
      expect(segmentTerms(db, 'w', unseen(db, before))).toEqual(new Set(['alpha', 'beta', 'gamma']));
      const after = known(db);
      insert(4, 'delta');
      expect(segmentTerms(db, 'w', unseen(db, after))).toEqual(new Set(['delta']));
    }
  });

  it('knows a segment of many pages again after a record is deleted from its first and last leaf', () => {
    const { db, insert, remove } = table(64);
    for (let i = 1; i <= 60; i++) insert(i, `aaa common zzz w${i}`);
    db.exec("INSERT INTO w(w) VALUES ('optimize')");
    const [big] = segments(structure(db))!;
    expect(big!.pgnoLast - big!.pgnoFirst).toBeGreaterThan(4);
    const before = known(db);
    const firstLeaf = () => db.prepare('SELECT block FROM w_data WHERE id = ?').pluck().get((BigInt(big!.segid) << 37n) + BigInt(big!.pgnoFirst)) as Buffer;
    const page = firstLeaf();
    remove(7); // secure-delete takes rowid 7 out of the lists of aaa (first leaf) and zzz (last leaf)
    expect(firstLeaf().equals(page)).toBe(false);
    expect(unseen(db, before)).toEqual([]);
  });

  it('reads nothing it cannot be sure of: a record cut short or too long', () => {
    expect(segments(null)).toBeNull();
    for (const form of ['library', 'contentless'] as const) {
      const { db, insert } = table(1000, form);
      insert(1, 'alpha');
      const whole = structure(db);
      expect(segments(whole)).toHaveLength(1);
      expect(segments(whole.subarray(0, whole.length - 1))).toBeNull();
      expect(segments(Buffer.concat([whole, Buffer.from([1])]))).toBeNull();
    }
  });
});
