// Version 16: which
// local changes to a co-edited note the sync server holds. A line typed offline waits in
// sync_note_updates until the server's copy of the note contains it; `sync.status` counts the
// rows still waiting with the case's own changes, so "N changes waiting" includes the drafts.
// Rows from before are taken as waiting: whether the server has them is not known until the next
// sync says so.

export const sql = `
ALTER TABLE sync_note_updates ADD COLUMN acked INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1));
CREATE INDEX sync_note_updates_waiting ON sync_note_updates(note_id) WHERE local = 1 AND acked = 0;
`;
