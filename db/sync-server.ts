// The sync server's own database (not a library): the members of each shared case, and each
// case's Yjs document as a compacted state plus the updates received since. An update is
// appended before the server acknowledges it, with synchronous=FULL, so an acknowledged change
// survives the process being killed. Tokens are kept only as SHA-256 hashes: they are 256-bit
// random strings, so a plain hash is enough, and a copy of this file lets nobody in.

import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type DB } from './driver.js';
import { newId, nowIso } from './ids.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS members (
  id              TEXT PRIMARY KEY NOT NULL,
  case_name       TEXT NOT NULL,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'fact-checker', 'lawyer')),
  invitation_hash TEXT UNIQUE,
  credential_hash TEXT UNIQUE,
  invited_at      TEXT NOT NULL,
  joined_at       TEXT,
  removed_at      TEXT,
  public_key      TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS members_current ON members(case_name, name) WHERE removed_at IS NULL;
CREATE TABLE IF NOT EXISTS documents (
  name      TEXT PRIMARY KEY NOT NULL,
  state     BLOB NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_name ON updates(name, seq);
`;

export type MemberRole = 'reporter' | 'editor' | 'fact-checker' | 'lawyer';

export interface Member {
  id: string;
  caseName: string;
  name: string;
  role: MemberRole;
  joinedAt: string | null;
  removedAt: string | null;
  /** The X25519 public key the member's library published: identities granted to them are sealed to it. */
  publicKey: string | null;
}

export class SyncStoreError extends Error {
  constructor(
    readonly code: 'MEMBER_EXISTS' | 'NOT_FOUND' | 'BAD_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'SyncStoreError';
  }
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const token = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

function toMember(r: Record<string, unknown>): Member {
  return {
    id: r.id as string,
    caseName: r.case_name as string,
    name: r.name as string,
    role: r.role as MemberRole,
    joinedAt: (r.joined_at as string | null) ?? null,
    removedAt: (r.removed_at as string | null) ?? null,
    publicKey: (r.public_key as string | null) ?? null,
  };
}

export const SYNC_DB_FILE = 'sync-server.sqlite';

export function openSyncStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const db: DB = new Database(join(dataDir, SYNC_DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  // A data folder made before members published keys gains the column (nothing else changes).
  if (!(db.pragma('table_info(members)') as { name: string }[]).some((c) => c.name === 'public_key')) db.exec('ALTER TABLE members ADD COLUMN public_key TEXT');

  return {
    db,
    /** A one-time invitation: its token is shown once and kept only as a hash. */
    invite(caseName: string, name: string, role: MemberRole): { token: string; member: Member } {
      const exists = db.prepare('SELECT 1 FROM members WHERE case_name = ? AND name = ? AND removed_at IS NULL').get(caseName, name);
      if (exists) throw new SyncStoreError('MEMBER_EXISTS', `${name} is a member of “${caseName}” already. Remove them first to invite them again.`);
      const t = token('inv');
      const id = newId();
      db.prepare('INSERT INTO members (id, case_name, name, role, invitation_hash, invited_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, caseName, name, role, hash(t), nowIso());
      return { token: t, member: toMember(db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>) };
    },
    /** The member an unused invitation is for. */
    invitation(invitation: string): Member | undefined {
      const r = db.prepare('SELECT * FROM members WHERE invitation_hash = ? AND removed_at IS NULL').get(hash(invitation)) as Record<string, unknown> | undefined;
      return r && toMember(r);
    },
    /** Trades an invitation for the member's credential; the invitation then no longer works. */
    redeem(invitation: string): { member: Member; credential: string } | undefined {
      return db.transaction(() => {
        const r = db.prepare('SELECT * FROM members WHERE invitation_hash = ? AND removed_at IS NULL').get(hash(invitation)) as Record<string, unknown> | undefined;
        if (!r) return undefined;
        const credential = token('mem');
        db.prepare('UPDATE members SET invitation_hash = NULL, credential_hash = ?, joined_at = ? WHERE id = ?').run(hash(credential), nowIso(), r.id);
        return { member: toMember({ ...r, joined_at: nowIso() }), credential };
      }).immediate();
    },
    memberByCredential(credential: string): Member | undefined {
      const r = db.prepare('SELECT * FROM members WHERE credential_hash = ? AND removed_at IS NULL').get(hash(credential)) as Record<string, unknown> | undefined;
      return r && toMember(r);
    },
    /** The key a member's library published; only the member's own connection sets it. */
    setPublicKey(memberId: string, publicKey: string): void {
      db.prepare('UPDATE members SET public_key = ? WHERE id = ? AND removed_at IS NULL AND public_key IS NOT ?').run(publicKey, memberId, publicKey);
    },
    isActive(memberId: string): boolean {
      return db.prepare('SELECT 1 FROM members WHERE id = ? AND removed_at IS NULL').get(memberId) !== undefined;
    },
    remove(caseName: string, name: string): Member {
      const r = db.prepare('SELECT * FROM members WHERE case_name = ? AND name = ? AND removed_at IS NULL').get(caseName, name) as Record<string, unknown> | undefined;
      if (!r) throw new SyncStoreError('NOT_FOUND', `${name} is not a member of “${caseName}”.`);
      db.prepare('UPDATE members SET removed_at = ?, invitation_hash = NULL, credential_hash = NULL WHERE id = ?').run(nowIso(), r.id);
      return toMember({ ...r, removed_at: nowIso() });
    },
    members(caseName?: string): Member[] {
      const rows = caseName
        ? db.prepare('SELECT * FROM members WHERE case_name = ? ORDER BY invited_at').all(caseName)
        : db.prepare('SELECT * FROM members ORDER BY case_name, invited_at').all();
      return (rows as Record<string, unknown>[]).map(toMember);
    },
    /** The stored state and every update since, for the server to merge. */
    fetch(name: string): Uint8Array[] {
      const state = db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
      const updates = db.prepare('SELECT data FROM updates WHERE name = ? ORDER BY seq').all(name) as { data: Buffer }[];
      return [...(state ? [state.state] : []), ...updates.map((u) => u.data)].map((b) => new Uint8Array(b));
    },
    appendUpdate(name: string, data: Uint8Array): number {
      return (db.prepare('INSERT INTO updates (name, data) VALUES (?, ?) RETURNING seq').get(name, data) as { seq: number }).seq;
    },
    /**
     * Saves a compacted state and drops the updates it holds. `merge` joins it with the state
     * saved before: another server process may have saved updates this one has not seen yet.
     */
    store(name: string, state: Uint8Array, heldSeqs: number[], merge: (a: Uint8Array, b: Uint8Array) => Uint8Array): void {
      db.transaction(() => {
        const old = db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
        const next = old ? merge(new Uint8Array(old.state), state) : state;
        db.prepare('INSERT INTO documents (name, state, stored_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET state = excluded.state, stored_at = excluded.stored_at').run(name, next, nowIso());
        const drop = db.prepare('DELETE FROM updates WHERE seq = ? AND name = ?');
        for (const seq of heldSeqs) drop.run(seq, name);
      }).immediate();
    },
    close(): void {
      db.close();
    },
  };
}

export type SyncStore = ReturnType<typeof openSyncStore>;
