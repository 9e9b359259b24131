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
const words = (db: DB, table: string) => (db.prepare(`SELECT term, doc FROM ${table}_words_vocab ORDER BY term`).all() as { term: string; doc: number }[]).map((r) => `${r.term}:${r.doc}`);

describe('migration 10 (the words of each index as written)', () => {
  it('lists the words a library already holds, unstemmed and folded, and keeps them in step with every write', () => {
    const db = new Database(join(tempDir(), 'library.corroborate'));
    opened.push(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, 9);
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'Port');
    const claim = db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement, quote) VALUES (?, ?, ?, ?, ?, ?)');
    claim.run('K1', now, now, 'C', 'Investigations of Lázaro', 'witnesses');
    claim.run('K2', now, now, 'C', 'investigations closed', '');
    db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES ('S1', ?, ?, 'person', 'Prosecutors Office')").run(now, now);

    migrate(db, 10);
    expect(words(db, 'claims')).toEqual(['closed:1', 'investigations:2', 'lazaro:1', 'of:1', 'witnesses:1']);
    expect(words(db, 'sources')).toEqual(['office:1', 'prosecutors:1']);

    db.prepare("UPDATE claims SET statement = 'Corruption closed' WHERE id = 'K2'").run();
    db.prepare("DELETE FROM claims WHERE id = 'K1'").run();
    expect(words(db, 'claims')).toEqual(['closed:1', 'corruption:1']);
    // An update of another column leaves the words alone (the trigger names the indexed columns).
    db.prepare("UPDATE claims SET status = 'verified' WHERE id = 'K2'").run();
    expect(words(db, 'claims')).toEqual(['closed:1', 'corruption:1']);

    // doctor checks the shadow indexes too: one damaged is reported by name.
    expect(checkHealth(db).ftsIntegrity).toBe('ok');
    db.unsafeMode(true); // lifts SQLite's defensive mode, which guards FTS5's own tables
    db.prepare('DELETE FROM claims_words_data WHERE id > 10').run();
    db.unsafeMode(false);
    expect(checkHealth(db).ftsIntegrity).toMatch(/^claims_words: /);
  });
});
