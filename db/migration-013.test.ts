import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import Database from './driver.js';
import { migrate, type DB } from './open.js';

const opened: DB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

describe('migration 13 (member keys, peers’ keys and grants of a shared case)', () => {
  it('keeps one key pair per shared case, one grant per source and member, and forgets them all with the share', () => {
    const db = new Database(join(tempDir(), 'library.corroborate'));
    opened.push(db);
    db.pragma('foreign_keys = ON');
    migrate(db, 13);
    const now = '2026-12-07T00:00:00.000Z';
    db.prepare("INSERT INTO cases (id, created_at, updated_at, title) VALUES ('K', ?, ?, 'Case')").run(now, now);
    db.prepare("INSERT INTO sync_cases (case_id, server_url, doc_name, member, role, credential, joined_at) VALUES ('K', 'ws://127.0.0.1:1', 'desk', 'Ana', 'reporter', 'mem_x', ?)").run(now);
    db.prepare("INSERT INTO sync_keys (case_id, public_key, private_key) VALUES ('K', 'pub', 'priv')").run();
    expect(() => db.prepare("INSERT INTO sync_keys (case_id, public_key, private_key) VALUES ('K', 'pub2', 'priv2')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO sync_keys (case_id, public_key, private_key) VALUES ('nope', 'p', 'q')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO sync_peers (case_id, member, public_key, seen_at) VALUES ('K', 'Ben', 'benkey', ?)").run(now);
    const grant = db.prepare("INSERT INTO sync_grants (case_id, source_id, member, public_key, granted_at) VALUES ('K', 'S', 'Ben', 'benkey', ?)");
    grant.run(now);
    expect(() => grant.run(now)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("DELETE FROM sync_cases WHERE case_id = 'K'").run();
    expect(db.prepare('SELECT (SELECT count(*) FROM sync_keys) + (SELECT count(*) FROM sync_peers) + (SELECT count(*) FROM sync_grants) AS n').get()).toEqual({ n: 0 });
  });
});
