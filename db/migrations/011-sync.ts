// Version 11: a case shared with a desk through a sync server (docs/sync.md). The library stays
// the source of every query; these tables hold only what the sync engine needs to carry on
// after a restart: where each shared case lives, and the case's Yjs document as the updates
// that built it. A local update is written in the same transaction as the change that made it,
// so a change saved while offline waits here, counted, until the server has it.

export const sql = `
CREATE TABLE sync_cases (
  case_id    TEXT PRIMARY KEY NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  server_url TEXT NOT NULL,
  doc_name   TEXT NOT NULL,
  member     TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'fact-checker', 'lawyer')),
  credential TEXT NOT NULL,
  joined_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_updates (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES sync_cases(case_id) ON DELETE CASCADE,
  data    BLOB NOT NULL,
  local   INTEGER NOT NULL CHECK (local IN (0, 1)),
  acked   INTEGER NOT NULL CHECK (acked IN (0, 1))
);
CREATE INDEX sync_updates_case ON sync_updates(case_id, seq);
`;
