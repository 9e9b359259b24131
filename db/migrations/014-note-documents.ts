// Version 14: the Yjs document of each note of a shared case (docs/sync.md §1), as the updates
// that built it. For a co-edited note these updates are the text itself; the note's content and
// plain text are derived from them (for search, packets and citations). A local edit is written
// here before its editor is told it is saved, so a line typed offline waits here until the desk
// has it. The rows go with the note (purged, they are purged).

export const sql = `
CREATE TABLE sync_note_updates (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  data    BLOB NOT NULL,
  local   INTEGER NOT NULL CHECK (local IN (0, 1))
);
CREATE INDEX sync_note_updates_note ON sync_note_updates(note_id, seq);
`;
