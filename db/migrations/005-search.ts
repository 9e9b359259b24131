// Version 5: what search needs beyond its indexes. The vocabulary of each full-text index, read
// through fts5vocab (no storage of its own), so a misspelt word can be matched to the nearest
// word the library holds; and searches saved per case.

export const sql = `
CREATE VIRTUAL TABLE claims_vocab USING fts5vocab(claims_fts, 'row');
CREATE VIRTUAL TABLE sources_vocab USING fts5vocab(sources_fts, 'row');
CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, 'row');
CREATE VIRTUAL TABLE excerpts_vocab USING fts5vocab(excerpts_fts, 'row');
CREATE VIRTUAL TABLE notes_vocab USING fts5vocab(notes_fts, 'row');

CREATE TABLE saved_searches (
  id         TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision   INTEGER NOT NULL DEFAULT 1,
  case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  query      TEXT NOT NULL
);
CREATE UNIQUE INDEX saved_searches_name ON saved_searches(case_id, name COLLATE NOCASE);
`;
