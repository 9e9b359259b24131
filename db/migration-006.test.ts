import { join } from 'node:path';
import Database from './driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { migrate, type DB } from './open.js';

const opened: DB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function libraryAt(version: number): DB {
  const db = new Database(join(tempDir(), 'library.corroborate'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  opened.push(db);
  migrate(db, version);
  return db;
}

const FTS = ['claims', 'sources', 'documents', 'excerpts', 'notes'];
const now = new Date().toISOString();
const ids = (db: DB, table: string, match: string) =>
  (db.prepare(`SELECT t.id FROM ${table}_fts JOIN ${table} t ON t.rowid = ${table}_fts.rowid WHERE ${table}_fts MATCH ? ORDER BY t.id`).all(match) as { id: string }[]).map((r) => r.id);

/**
 * A library at `from` with one record of each indexed kind, migrated to `to`: every index is
 * created again with `prefix`, rebuilt from what the old one held, and its triggers (v1) and
 * vocabularies (v5) still work. `p` cuts a word to the prefix length under test.
 */
function recreatesIndexes(from: number, to: number, prefix: string, p: (word: string) => string) {
  const db = libraryAt(from);
  db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'Precursors');
  db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K1', now, now, 'C', 'Fentanyl precursors shipped from Manzanillo');
  db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES ('S1', ?, ?, 'person', 'Vanda Felbab-Brown')").run(now, now);
  db.prepare("INSERT INTO documents (id, created_at, updated_at, case_id, title, text) VALUES ('D1', ?, ?, 'C', 'DEA assessment', 'Precursor chemicals arrive by sea')").run(now, now);
  db.prepare("INSERT INTO excerpts (id, created_at, updated_at, document_id, exact, start_offset, end_offset) VALUES ('E1', ?, ?, 'D1', 'Precursor chemicals', 0, 19)").run(now, now);
  db.prepare("INSERT INTO notes (id, created_at, updated_at, case_id, title, text) VALUES ('N1', ?, ?, 'C', 'Draft', 'Precursors reach Mexico')").run(now, now);

  migrate(db, to);

  for (const t of FTS) {
    const { sql } = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(`${t}_fts`) as { sql: string };
    expect(sql, t).toContain(`prefix='${prefix}'`);
    expect(sql, t).toContain("tokenize='porter unicode61 remove_diacritics 2'");
    expect(() => db.prepare(`INSERT INTO ${t}_fts(${t}_fts) VALUES ('integrity-check')`).run(), t).not.toThrow();
  }
  // What the old version held is found, by word and by prefixes of the length under test.
  expect(ids(db, 'claims', '"manzanillo"')).toEqual(['K1']);
  expect(ids(db, 'claims', `"${p('manzanillo')}"*`)).toEqual(['K1']);
  expect(ids(db, 'sources', `"${p('felbab')}"*`)).toEqual(['S1']);
  expect(ids(db, 'documents', `"${p('chemicals')}"*`)).toEqual(['D1']);
  expect(ids(db, 'excerpts', `"${p('precursor')}"*`)).toEqual(['E1']);
  expect(ids(db, 'notes', `"${p('mexico')}"*`)).toEqual(['N1']);
  // The triggers of v1 keep the new indexes in step: insert, update, delete.
  db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K2', now, now, 'C', 'Lázaro Cárdenas handles the rest');
  expect(ids(db, 'claims', `"${p('lazaro')}"*`)).toEqual(['K2']);
  db.prepare("UPDATE claims SET statement = 'Veracruz handles the rest' WHERE id = 'K2'").run();
  expect(ids(db, 'claims', `"${p('lazaro')}"*`)).toEqual([]);
  expect(ids(db, 'claims', `"${p('veracruz')}"*`)).toEqual(['K2']);
  db.prepare("DELETE FROM claims WHERE id = 'K1'").run();
  expect(ids(db, 'claims', '"manzanillo"')).toEqual([]);
  expect(() => db.prepare("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')").run()).not.toThrow();
  // The vocabularies of v5 read the new indexes.
  const terms = (db.prepare('SELECT term FROM claims_vocab').all() as { term: string }[]).map((r) => r.term);
  expect(terms).toContain('veracruz');
  expect(terms).not.toContain('manzanillo');
}

describe('schema v6 (prefix indexes)', () => {
  it('re-creates every index with prefix=2 3, rebuilt from what v5 held, its triggers and vocabularies still working', () => {
    recreatesIndexes(5, 6, '2 3', (w) => w.slice(0, 3));
    recreatesIndexes(5, 6, '2 3', (w) => w.slice(0, 2));
  });
});

describe('schema v8 (4-letter prefix index)', () => {
  it('re-creates every index with prefix=2 3 4, rebuilt from what v7 held, its triggers and vocabularies still working', () => {
    recreatesIndexes(7, 8, '2 3 4', (w) => w.slice(0, 4));
    recreatesIndexes(7, 8, '2 3 4', (w) => w.slice(0, 3));
  });
});
