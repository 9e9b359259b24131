// Version 2: the undo journal and the links from notes to what they cite.
//
// undo_log: one row per destructive action a reporter may want back (a move to the trash, a
// merge of two sources), with what is needed to reverse it. Undo takes the newest row not yet
// undone. Purged records make their rows moot; undo skips those.
//
// note_links: what each note cites or mentions, derived from its editor state on every save,
// so a claim's page can list the drafts that cite it (backlinks) without parsing every note.

export const sql = `
CREATE TABLE undo_log (
  id         TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('trash', 'merge')),
  label      TEXT NOT NULL,
  payload    TEXT NOT NULL,      -- JSON: what reverses it
  undone_at  TEXT
);
CREATE INDEX undo_log_pending ON undo_log(undone_at, created_at);

CREATE TABLE note_links (
  note_id     TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  target_type TEXT NOT NULL CHECK (target_type IN ('claim', 'source', 'document', 'excerpt')),
  target_id   TEXT NOT NULL,
  PRIMARY KEY (note_id, target_type, target_id)
) WITHOUT ROWID;
CREATE INDEX note_links_target ON note_links(target_type, target_id);

-- Notes saved before this version: their links, read from the editor state as it stands.
INSERT OR IGNORE INTO note_links (note_id, target_type, target_id)
SELECT n.id,
       CASE j.key WHEN 'claimId' THEN 'claim' WHEN 'sourceId' THEN 'source' WHEN 'documentId' THEN 'document' ELSE 'excerpt' END,
       j.value
FROM notes n, json_tree(n.content) j
WHERE json_valid(n.content) AND j.key IN ('claimId', 'sourceId', 'documentId', 'excerptId') AND j.type = 'text';
INSERT OR IGNORE INTO note_links (note_id, target_type, target_id)
SELECT n.id, 'claim', j.value
FROM notes n, json_tree(n.content) j
WHERE json_valid(n.content) AND j.path LIKE '%.claimIds' AND j.type = 'text';
`;
