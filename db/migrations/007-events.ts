// Version 7: what the map and the timeline need. Events are a record kind of their own (a law
// passed, a declaration made: things that happened, said by nobody in particular), with the
// same record columns and trash as every other. Where the reporter dragged the map's nodes is
// kept per case, apart from the records: it is a view of them, not part of them.

export const sql = `
CREATE TABLE events (
  id             TEXT PRIMARY KEY NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 1,
  case_id        TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  happened_on    TEXT NOT NULL,   -- partial ISO date: 2021, 2021-12 or 2021-12-15
  happened_until TEXT,            -- partial ISO date, for what lasted
  description    TEXT NOT NULL DEFAULT '',
  deleted_at     TEXT
);
CREATE INDEX events_case ON events(case_id, happened_on) WHERE deleted_at IS NULL;

CREATE TABLE map_positions (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  x       REAL NOT NULL,
  y       REAL NOT NULL,
  PRIMARY KEY (case_id, node_id)
) WITHOUT ROWID;
`;
