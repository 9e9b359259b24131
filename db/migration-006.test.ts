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

describe('schema v6 (prefix indexes)', () => {
  it('re-creates every index with prefix=2 3, rebuilt from what v5 held, its triggers and vocabularies still working', () => {
    const db = libraryAt(5);
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'Precursors');
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K1', now, now, 'C', 'Fentanyl precursors shipped from Manzanillo');
    db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES ('S1', ?, ?, 'person', 'Vanda Felbab-Brown')").run(now, now);
    db.prepare("INSERT INTO documents (id, created_at, updated_at, case_id, title, text) VALUES ('D1', ?, ?, 'C', 'DEA assessment', 'Precursor chemicals arrive by sea')").run(now, now);
    db.prepare("INSERT INTO excerpts (id, created_at, updated_at, document_id, exact, start_offset, end_offset) VALUES ('E1', ?, ?, 'D1', 'Precursor chemicals', 0, 19)").run(now, now);
    db.prepare("INSERT INTO notes (id, created_at, updated_at, case_id, title, text) VALUES ('N1', ?, ?, 'C', 'Draft', 'Precursors reach Mexico')").run(now, now);

    migrate(db, 6);

    for (const t of FTS) {
      const { sql } = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(`${t}_fts`) as { sql: string };
      expect(sql, t).toContain("prefix='2 3'");
      expect(sql, t).toContain("tokenize='porter unicode61 remove_diacritics 2'");
      expect(() => db.prepare(`INSERT INTO ${t}_fts(${t}_fts) VALUES ('integrity-check')`).run(), t).not.toThrow();
    }
    // What v5 held is found, by word and by 2- and 3-letter prefixes (the prefix index itself).
    expect(ids(db, 'claims', '"manzanillo"')).toEqual(['K1']);
    expect(ids(db, 'claims', '"ma"*')).toEqual(['K1']);
    expect(ids(db, 'sources', '"fel"*')).toEqual(['S1']);
    expect(ids(db, 'documents', '"pre"*')).toEqual(['D1']);
    expect(ids(db, 'excerpts', '"chem"*')).toEqual(['E1']);
    expect(ids(db, 'notes', '"mex"*')).toEqual(['N1']);
    // The triggers of v1 keep the new indexes in step: insert, update, delete.
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K2', now, now, 'C', 'Lázaro Cárdenas handles the rest');
    expect(ids(db, 'claims', '"laz"*')).toEqual(['K2']);
    db.prepare("UPDATE claims SET statement = 'Veracruz handles the rest' WHERE id = 'K2'").run();
    expect(ids(db, 'claims', '"laz"*')).toEqual([]);
    expect(ids(db, 'claims', '"ver"*')).toEqual(['K2']);
    db.prepare("DELETE FROM claims WHERE id = 'K1'").run();
    expect(ids(db, 'claims', '"manzanillo"')).toEqual([]);
    expect(() => db.prepare("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')").run()).not.toThrow();
    // The vocabularies of v5 read the new indexes.
    const terms = (db.prepare('SELECT term FROM claims_vocab').all() as { term: string }[]).map((r) => r.term);
    expect(terms).toContain('veracruz');
    expect(terms).not.toContain('manzanillo');
  });
});

describe('schema v8 (4-letter prefix index)', () => {
  it('re-creates every index with prefix=2 3 4, rebuilt from what v7 held, its triggers and vocabularies still working', () => {
    const db = libraryAt(7);
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'Precursors');
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K1', now, now, 'C', 'Fentanyl precursors shipped from Manzanillo');
    db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES ('S1', ?, ?, 'person', 'Vanda Felbab-Brown')").run(now, now);
    db.prepare("INSERT INTO documents (id, created_at, updated_at, case_id, title, text) VALUES ('D1', ?, ?, 'C', 'DEA assessment', 'Precursor chemicals arrive by sea')").run(now, now);
    db.prepare("INSERT INTO excerpts (id, created_at, updated_at, document_id, exact, start_offset, end_offset) VALUES ('E1', ?, ?, 'D1', 'Precursor chemicals', 0, 19)").run(now, now);
    db.prepare("INSERT INTO notes (id, created_at, updated_at, case_id, title, text) VALUES ('N1', ?, ?, 'C', 'Draft', 'Precursors reach Mexico')").run(now, now);

    migrate(db, 8);

    for (const t of FTS) {
      const { sql } = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(`${t}_fts`) as { sql: string };
      expect(sql, t).toContain("prefix='2 3 4'");
      expect(sql, t).toContain("tokenize='porter unicode61 remove_diacritics 2'");
      expect(() => db.prepare(`INSERT INTO ${t}_fts(${t}_fts) VALUES ('integrity-check')`).run(), t).not.toThrow();
    }
    // The 4-letter prefix index answers (and the 2- and 3-letter ones still do), from what v7 held.
    expect(ids(db, 'claims', '"manz"*')).toEqual(['K1']);
    expect(ids(db, 'claims', '"ma"*')).toEqual(['K1']);
    expect(ids(db, 'sources', '"felb"*')).toEqual(['S1']);
    expect(ids(db, 'documents', '"chem"*')).toEqual(['D1']);
    expect(ids(db, 'excerpts', '"prec"*')).toEqual(['E1']);
    expect(ids(db, 'notes', '"mexi"*')).toEqual(['N1']);
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K2', now, now, 'C', 'Lázaro Cárdenas handles the rest');
    expect(ids(db, 'claims', '"laza"*')).toEqual(['K2']);
    db.prepare("UPDATE claims SET statement = 'Veracruz handles the rest' WHERE id = 'K2'").run();
    expect(ids(db, 'claims', '"laza"*')).toEqual([]);
    expect(ids(db, 'claims', '"vera"*')).toEqual(['K2']);
    db.prepare("DELETE FROM claims WHERE id = 'K1'").run();
    expect(ids(db, 'claims', '"manz"*')).toEqual([]);
    expect(() => db.prepare("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')").run()).not.toThrow();
    const terms = (db.prepare('SELECT term FROM claims_vocab').all() as { term: string }[]).map((r) => r.term);
    expect(terms).toContain('veracruz');
    expect(terms).not.toContain('manzanillo');
  });
});
