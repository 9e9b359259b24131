import { join } from 'node:path';
import Database from './driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { LATEST_VERSION, migrations, type Migration } from './migrations/index.js';
import { APPLICATION_ID, migrate, openLibrary, type DB } from './open.js';

const opened: DB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/** A bare SQLite file with the library's connection settings, at schema version 0. */
function bareDb(): DB {
  const db = new Database(join(tempDir(), 'library.corroborate'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  opened.push(db);
  return db;
}

function schema(db: DB): { type: string; name: string; sql: string | null }[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as { type: string; name: string; sql: string | null }[];
}

const version = (db: DB) => db.pragma('user_version', { simple: true }) as number;

describe('the migration list', () => {
  it('numbers versions 1, 2, 3… with no gap or repeat, each with a name and SQL', () => {
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toMatch(/\S/);
      expect(m.sql).toMatch(/\S/);
    });
    expect(LATEST_VERSION).toBe(migrations.length);
  });
});

// One test per migration, generated from the list: a new migration is tested the day it lands.
describe.each(migrations.map((m) => [m.version, m] as const))('migration %i', (n, m) => {
  it(`${m.name}: takes a library from version ${n - 1} to ${n} in one step`, () => {
    const db = bareDb();
    expect(migrate(db, n - 1)).toBe(n - 1);
    const before = schema(db);
    expect(migrate(db, n)).toBe(n);
    expect(version(db)).toBe(n);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schema(db)).not.toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    // Running it again does nothing.
    const after = schema(db);
    expect(migrate(db, n)).toBe(n);
    expect(schema(db)).toEqual(after);
  });

  it(`${m.name}: runs in one transaction — a failure at its end leaves version ${n - 1} and its schema untouched`, () => {
    const db = bareDb();
    migrate(db, n - 1);
    const before = schema(db);
    const failing: Migration[] = migrations.map((x) =>
      x.version === n ? { ...x, sql: `${x.sql};\nINSERT INTO no_such_table_anywhere VALUES (1);` } : x,
    );
    expect(() => migrate(db, n, failing)).toThrow(/no_such_table_anywhere/);
    expect(version(db)).toBe(n - 1);
    expect(schema(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    // The real migration still runs afterwards.
    expect(migrate(db, n)).toBe(n);
  });

  it(`${m.name}: openLibrary brings a version ${n - 1} library up to date`, () => {
    const path = join(tempDir(), 'old.corroborate');
    const old = new Database(path);
    migrate(old, n - 1);
    old.close();
    const db = openLibrary(path);
    opened.push(db);
    expect(version(db)).toBe(LATEST_VERSION);
  });
});

describe('migrate', () => {
  it('stops at a failing migration: the ones before it stay, it and those after it do not run', () => {
    const db = bareDb();
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (x CHECK (x > 1)); INSERT INTO two VALUES (1)' },
      { version: 3, name: 'three', sql: 'CREATE TABLE three (x)' },
    ];
    expect(() => migrate(db, 3, list)).toThrow();
    expect(version(db)).toBe(1);
    expect(schema(db).map((s) => s.name)).toEqual(['one']);
  });

  it('sets user_version inside the migration transaction, so a half-run version is never recorded', () => {
    const db = bareDb();
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (x); CREATE TABLE two (y)' },
    ];
    expect(() => migrate(db, 2, list)).toThrow(/already exists/);
    expect(version(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'two'").get()).toEqual({ n: 0 });
  });
});

describe('schema v1', () => {
  const TABLES = [
    'cases',
    'sources',
    'claims',
    'claim_sources',
    'verification_log',
    'replies',
    'documents',
    'excerpts',
    'evidence_links',
    'claim_links',
    'notes',
    'tags',
    'source_tags',
    'claim_tags',
    'document_tags',
    'trash',
    'attachments',
    'meta',
  ];
  const FTS = ['claims_fts', 'sources_fts', 'documents_fts', 'excerpts_fts', 'notes_fts'];

  function v1(): DB {
    const db = bareDb();
    migrate(db, 1);
    return db;
  }

  it('has every table of the data model', () => {
    const db = v1();
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    for (const t of TABLES) expect(tables, t).toContain(t);
  });

  it('has the five full-text indexes, external-content, with the agreed tokenizer', () => {
    const db = v1();
    for (const t of FTS) {
      const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t) as { sql: string } | undefined;
      expect(row, t).toBeDefined();
      expect(row!.sql).toMatch(/USING fts5/i);
      expect(row!.sql).toContain(`content='${t.replace(/_fts$/, '')}'`);
      expect(row!.sql).toContain("tokenize='porter unicode61 remove_diacritics 2'");
      for (const op of ['ai', 'ad', 'au']) {
        const trigger = `${t.replace(/_fts$/, '')}_fts_${op}`;
        expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(trigger), trigger).toEqual({ n: 1 });
      }
    }
  });

  it('gives every table with an id created_at, updated_at and revision', () => {
    const db = v1();
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB '*_fts_*' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const withId = tables.filter((t) => (db.pragma(`table_info(${t})`) as { name: string }[]).some((c) => c.name === 'id'));
    expect(withId.length).toBeGreaterThanOrEqual(11);
    for (const t of withId) {
      const cols = new Map((db.pragma(`table_info(${t})`) as { name: string; notnull: number; pk: number }[]).map((c) => [c.name, c]));
      expect(cols.get('id')?.pk, `${t}.id`).toBe(1);
      for (const c of ['created_at', 'updated_at', 'revision']) expect(cols.get(c)?.notnull, `${t}.${c}`).toBe(1);
    }
  });

  it('refuses updates to the verification log', () => {
    const db = v1();
    const now = new Date().toISOString();
    db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run('C', now, now, 'c');
    db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K', now, now, 'C', 's');
    db.prepare('INSERT INTO verification_log (id, created_at, updated_at, claim_id, status) VALUES (?, ?, ?, ?, ?)').run('V', now, now, 'K', 'verified');
    expect(() => db.prepare("UPDATE verification_log SET status = 'false'").run()).toThrow(/append-only/);
  });

  it('enforces foreign keys and the vocabularies', () => {
    const db = v1();
    const now = new Date().toISOString();
    expect(() =>
      db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run('K', now, now, 'nope', 's'),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES ('S', ?, ?, 'robot', 'x')").run(now, now),
    ).toThrow(/CHECK/);
  });
});

describe('schema v2', () => {
  it('reads the citations of notes written before it into note_links', () => {
    const db = bareDb();
    migrate(db, 1);
    const now = '2021-12-15T00:00:00.000Z';
    db.prepare("INSERT INTO cases (id, created_at, updated_at, title) VALUES ('K', ?, ?, 'Case')").run(now, now);
    const content = JSON.stringify({
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'Cited. ' },
              { type: 'claim-citation', version: 1, claimId: 'C1' },
              { type: 'source-mention', version: 1, sourceId: 'S1', name: 'Trone' },
              { type: 'claim-mark', version: 1, claimIds: ['C2', 'C3'], children: [{ type: 'text', text: 'passage' }] },
              { type: 'excerpt-citation', version: 1, excerptId: 'X1' },
            ],
          },
        ],
      },
    });
    const insert = db.prepare('INSERT INTO notes (id, created_at, updated_at, case_id, title, content) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('N1', now, now, 'K', 'Draft', content);
    insert.run('N2', now, now, 'K', 'Broken', 'not json');
    migrate(db, 2);
    const links = db.prepare('SELECT note_id, target_type, target_id FROM note_links ORDER BY target_type, target_id').all();
    expect(links).toEqual([
      { note_id: 'N1', target_type: 'claim', target_id: 'C1' },
      { note_id: 'N1', target_type: 'claim', target_id: 'C2' },
      { note_id: 'N1', target_type: 'claim', target_id: 'C3' },
      { note_id: 'N1', target_type: 'excerpt', target_id: 'X1' },
      { note_id: 'N1', target_type: 'source', target_id: 'S1' },
    ]);
  });

  it('keeps an undo journal whose actions are only trash and merge', () => {
    const db = bareDb();
    migrate(db, 2);
    expect(() => db.prepare("INSERT INTO undo_log (id, created_at, action, label, payload) VALUES ('u', 'now', 'explode', 'x', '{}')").run()).toThrow(/CHECK/);
  });
});

describe('schema v7', () => {
  it('adds events as records of a case and map positions per case, both gone with their case', () => {
    const db = bareDb();
    migrate(db, 7);
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('events')).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at', 'revision', 'deleted_at', 'case_id', 'title', 'happened_on', 'happened_until', 'description']));
    const now = '2021-12-15T00:00:00.000Z';
    db.prepare("INSERT INTO cases (id, created_at, updated_at, title) VALUES ('K', ?, ?, 'Case')").run(now, now);
    db.prepare("INSERT INTO events (id, created_at, updated_at, case_id, title, happened_on) VALUES ('E', ?, ?, 'K', 'Declaration', '2021-12-15')").run(now, now);
    db.prepare("INSERT INTO map_positions (case_id, node_id, x, y) VALUES ('K', 'E', 1.5, -2)").run();
    expect(() => db.prepare("INSERT INTO events (id, created_at, updated_at, case_id, title, happened_on) VALUES ('F', ?, ?, 'nope', 'x', '2021')").run(now, now)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM cases WHERE id = 'K'").run();
    expect(db.prepare('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM map_positions) AS n').get()).toEqual({ n: 0 });
  });
});

describe('schema v11', () => {
  it('keeps a shared case’s server, role and updates, refuses an unknown role, and forgets them with their case', () => {
    const db = bareDb();
    migrate(db, 11);
    const now = '2026-12-07T00:00:00.000Z';
    db.prepare("INSERT INTO cases (id, created_at, updated_at, title) VALUES ('K', ?, ?, 'Case')").run(now, now);
    const share = db.prepare("INSERT INTO sync_cases (case_id, server_url, doc_name, member, role, credential, joined_at) VALUES ('K', 'ws://127.0.0.1:1', 'desk', 'Ana', ?, 'mem_x', ?)");
    expect(() => share.run('owner', now)).toThrow(/CHECK/);
    share.run('reporter', now);
    db.prepare("INSERT INTO sync_updates (case_id, data, local, acked) VALUES ('K', x'00', 1, 0)").run();
    expect(() => db.prepare("INSERT INTO sync_updates (case_id, data, local, acked) VALUES ('nope', x'00', 1, 0)").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM cases WHERE id = 'K'").run();
    expect(db.prepare('SELECT (SELECT count(*) FROM sync_cases) + (SELECT count(*) FROM sync_updates) AS n').get()).toEqual({ n: 0 });
  });
});
