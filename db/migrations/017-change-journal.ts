// Version 17 (reserved: 018): the change journal of shared cases (docs/sync.md §3). A write to a shared case used
// to be found by comparing every record of the case with its document, after every write: the
// cost of a keystroke-save grew with the case. The records a write touches (kind and id) are
// noted here, by triggers the library gets when it first shares or joins a case (db/sync.ts
// ensureJournal: a library that shares nothing pays nothing for them on every insert), and the
// sync engine reads and empties the journal in the same transaction. `consistent_as` says under
// which mask and note mode the case's document was last compared whole with the library: when
// either changes, every record is compared again.

export const sql = `
CREATE TABLE sync_journal (
  entity TEXT NOT NULL,
  id     TEXT NOT NULL,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

ALTER TABLE sync_cases ADD COLUMN consistent_as TEXT;
`;
