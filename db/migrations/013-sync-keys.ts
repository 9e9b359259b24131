// Version 13: confidential identities granted to a named member, end-to-end encrypted
// (docs/sync.md §5). Library-level, like sync_cases: never in a case archive or a packet.
// - sync_keys: this library's X25519 key pair for each shared case; the private key never
//   leaves the library (only the public key is published, through the sync server).
// - sync_peers: the other members' public keys as the server last listed them, so a grant can be
//   made offline and sealed again when the identity changes, without asking the server.
// - sync_grants: on the holder's side, who was granted which source's identity, the key it was
//   sealed to, and a digest of what was sealed (a changed identity is sealed again).

export const sql = `
CREATE TABLE sync_keys (
  case_id     TEXT PRIMARY KEY NOT NULL REFERENCES sync_cases(case_id) ON DELETE CASCADE,
  public_key  TEXT NOT NULL,
  private_key TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_peers (
  case_id    TEXT NOT NULL REFERENCES sync_cases(case_id) ON DELETE CASCADE,
  member     TEXT NOT NULL,
  public_key TEXT NOT NULL,
  seen_at    TEXT NOT NULL,
  PRIMARY KEY (case_id, member)
) WITHOUT ROWID;

CREATE TABLE sync_grants (
  case_id    TEXT NOT NULL REFERENCES sync_cases(case_id) ON DELETE CASCADE,
  source_id  TEXT NOT NULL,
  member     TEXT NOT NULL,
  public_key TEXT NOT NULL,
  digest     TEXT,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (case_id, source_id, member)
) WITHOUT ROWID;
`;
