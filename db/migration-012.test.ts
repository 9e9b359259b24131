import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import Database from './driver.js';
import { checkHealth, migrate, type DB } from './open.js';

const opened: DB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const now = new Date().toISOString();
const INDEXES = ['claims', 'sources', 'documents', 'excerpts', 'notes'].flatMap((t) => [`${t}_fts`, `${t}_words`]);
const words = (db: DB) => (db.prepare('SELECT term, doc FROM claims_words_vocab ORDER BY term').all() as { term: string; doc: number }[]).map((r) => `${r.term}:${r.doc}`);

describe('migration 12 (deferred indexing, undo of an import, secure delete)', () => {
  it('keeps what a library holds searchable, turns on secure-delete everywhere and writes both indexes from one trigger', () => {
    const db = new Database(join(tempDir(), 'library.corroborate'));
    opened.push(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, 11);
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'Port');
    const claim = db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement, quote) VALUES (?, ?, ?, ?, ?, ?)');
    claim.run('K1', now, now, 'C', 'Investigations of Lázaro', 'witnesses');
    claim.run('K2', now, now, 'C', 'investigations closed', '');
    claim.run('K3', now, now, 'C', 'Deleted before the migration', '');
    db.prepare("DELETE FROM claims WHERE id = 'K3'").run();
    db.prepare("INSERT INTO undo_log (id, created_at, action, label, payload) VALUES ('U1', ?, 'trash', 'Moved the claim “x” to the trash', '{}')").run(now);

    migrate(db, 12);
    // The undo journal keeps its entries and takes imports.
    expect(db.prepare('SELECT id, action FROM undo_log').all()).toEqual([{ id: 'U1', action: 'trash' }]);
    db.prepare("INSERT INTO undo_log (id, created_at, action, label, payload) VALUES ('U2', ?, 'import', 'Imported 2 records', '{}')").run(now);
    expect(() => db.prepare("INSERT INTO undo_log (id, created_at, action, label, payload) VALUES ('U3', ?, 'other', '', '{}')").run(now)).toThrow(/CHECK/);
    for (const index of INDEXES) expect(db.prepare(`SELECT v FROM ${index}_config WHERE k = 'secure-delete'`).pluck().get(), index).toBe(1);
    expect(words(db)).toEqual(['closed:1', 'investigations:2', 'lazaro:1', 'of:1', 'witnesses:1']);
    expect(db.prepare("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'investigation'").pluck().get()).toBe(2);
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'claims' ORDER BY name").pluck().all()).toEqual(['claims_index_ad', 'claims_index_ai', 'claims_index_au']);

    // The triggers keep both indexes in step as before.
    db.prepare("UPDATE claims SET statement = 'Corruption closed' WHERE id = 'K2'").run();
    db.prepare("DELETE FROM claims WHERE id = 'K1'").run();
    claim.run('K4', now, now, 'C', 'Prosecutors', '');
    expect(words(db)).toEqual(['closed:1', 'corruption:1', 'prosecutors:1']);
    expect(db.prepare("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'prosecutor'").pluck().get()).toBe(1);
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
  });
});
