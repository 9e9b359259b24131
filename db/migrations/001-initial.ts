// Version 1: the whole data model of DESIGN.md §2.
//
// Every record carries id (ULID), created_at, updated_at and revision: the seam a later
// newsroom sync engine needs. Top-level records are soft-deleted (deleted_at) and listed in
// `trash`, so every deletion is recoverable until an explicit purge. The verification log is
// append-only: a trigger refuses updates.
//
// Full-text indexes are FTS5 external-content tables kept in step by triggers. They index
// trashed rows too; queries filter on deleted_at, so restoring needs no re-indexing.

const record = `
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  revision    INTEGER NOT NULL DEFAULT 1`;

/** An FTS5 external-content index over `table(columns)` with the three triggers that keep it in step. */
function ftsIndex(table: string, columns: string[]): string {
  const fts = `${table}_fts`;
  const cols = columns.join(', ');
  const newVals = columns.map((c) => `new.${c}`).join(', ');
  const oldVals = columns.map((c) => `old.${c}`).join(', ');
  return `
CREATE VIRTUAL TABLE ${fts} USING fts5(
  ${cols},
  content='${table}', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER ${table}_fts_ai AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.rowid, ${newVals});
END;
CREATE TRIGGER ${table}_fts_ad AFTER DELETE ON ${table} BEGIN
  INSERT INTO ${fts}(${fts}, rowid, ${cols}) VALUES ('delete', old.rowid, ${oldVals});
END;
CREATE TRIGGER ${table}_fts_au AFTER UPDATE OF ${cols} ON ${table} BEGIN
  INSERT INTO ${fts}(${fts}, rowid, ${cols}) VALUES ('delete', old.rowid, ${oldVals});
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.rowid, ${newVals});
END;`;
}

export const sql = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

CREATE TABLE cases (${record},
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  deleted_at  TEXT
);

CREATE TABLE sources (${record},
  kind                TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  name                TEXT NOT NULL,
  aliases             TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  role                TEXT NOT NULL DEFAULT '',
  affiliation_id      TEXT REFERENCES sources(id) ON DELETE SET NULL,
  contact             TEXT NOT NULL DEFAULT '{}',   -- JSON object; sensitive
  default_attribution TEXT NOT NULL DEFAULT 'on_record'
                      CHECK (default_attribution IN ('on_record', 'background', 'deep_background', 'off_record')),
  confidential        INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  anonymity_reason    TEXT NOT NULL DEFAULT '',
  identity_known_by   TEXT NOT NULL DEFAULT '',
  description         TEXT NOT NULL DEFAULT '',     -- how to refer to the source without naming it
  reliability         TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  notes               TEXT NOT NULL DEFAULT '',
  deleted_at          TEXT,
  CHECK (affiliation_id IS NULL OR affiliation_id <> id)
);
CREATE INDEX sources_name ON sources(name COLLATE NOCASE);

CREATE TABLE attachments (
  sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  size       INTEGER NOT NULL CHECK (size >= 0),
  media_type TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE documents (${record},
  case_id       TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  title         TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('article', 'report', 'dataset', 'statement', 'transcript', 'image', 'other')),
  author        TEXT NOT NULL DEFAULT '',
  publisher     TEXT NOT NULL DEFAULT '',
  published_on  TEXT,        -- partial ISO date: 2021, 2021-12 or 2021-12-15
  url           TEXT NOT NULL DEFAULT '',
  retrieved_at  TEXT,
  text          TEXT NOT NULL DEFAULT '',
  attachment    TEXT REFERENCES attachments(sha256),
  deleted_at    TEXT
);
CREATE INDEX documents_case ON documents(case_id);

CREATE TABLE excerpts (${record},
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  exact       TEXT NOT NULL,                      -- W3C TextQuoteSelector
  prefix      TEXT NOT NULL DEFAULT '',
  suffix      TEXT NOT NULL DEFAULT '',
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0), -- W3C TextPositionSelector
  end_offset  INTEGER NOT NULL CHECK (end_offset >= start_offset),
  page        INTEGER CHECK (page IS NULL OR page >= 1),
  locator     TEXT NOT NULL DEFAULT '',
  comment     TEXT NOT NULL DEFAULT '',
  deleted_at  TEXT
);
CREATE INDEX excerpts_document ON excerpts(document_id);

CREATE TABLE claims (${record},
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  statement   TEXT NOT NULL,
  quote       TEXT NOT NULL DEFAULT '',
  quote_kind  TEXT NOT NULL DEFAULT 'paraphrase' CHECK (quote_kind IN ('verbatim', 'paraphrase')),
  said_on     TEXT,          -- partial ISO date
  medium      TEXT NOT NULL DEFAULT 'other'
              CHECK (medium IN ('interview', 'written_statement', 'press_release', 'press_briefing',
                                'report', 'dataset', 'testimony', 'social_post', 'other')),
  attribution TEXT NOT NULL DEFAULT 'on_record'
              CHECK (attribution IN ('on_record', 'background', 'deep_background', 'off_record')),
  origin_excerpt_id TEXT REFERENCES excerpts(id) ON DELETE SET NULL,
  status      TEXT NOT NULL DEFAULT 'unverified'
              CHECK (status IN ('unverified', 'in_progress', 'verified', 'disputed', 'false',
                                'misleading', 'unverifiable')),
  deleted_at  TEXT
);
CREATE INDEX claims_case ON claims(case_id, deleted_at);
CREATE INDEX claims_status ON claims(case_id, status);

CREATE TABLE claim_sources (
  claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (claim_id, source_id)
) WITHOUT ROWID;
CREATE INDEX claim_sources_source ON claim_sources(source_id);

CREATE TABLE verification_log (${record},
  claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  status   TEXT NOT NULL
           CHECK (status IN ('unverified', 'in_progress', 'verified', 'disputed', 'false',
                             'misleading', 'unverifiable')),
  checker  TEXT NOT NULL DEFAULT '',
  method   TEXT NOT NULL DEFAULT '',
  note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX verification_log_claim ON verification_log(claim_id, created_at);
CREATE TRIGGER verification_log_append_only BEFORE UPDATE ON verification_log BEGIN
  SELECT RAISE(ABORT, 'verification_log is append-only');
END;

CREATE TABLE replies (${record},
  case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  claim_id     TEXT REFERENCES claims(id) ON DELETE CASCADE,
  source_id    TEXT REFERENCES sources(id) ON DELETE SET NULL,
  subject      TEXT NOT NULL,            -- who was asked, in words
  contacted_at TEXT NOT NULL,
  channel      TEXT NOT NULL DEFAULT '',
  response     TEXT NOT NULL DEFAULT '',
  responded_at TEXT,
  deleted_at   TEXT
);
CREATE INDEX replies_case ON replies(case_id);
CREATE INDEX replies_claim ON replies(claim_id);

CREATE TABLE evidence_links (${record},
  claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  excerpt_id  TEXT REFERENCES excerpts(id) ON DELETE CASCADE,
  stance      TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context')),
  locator     TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  deleted_at  TEXT
);
CREATE INDEX evidence_links_claim ON evidence_links(claim_id);
CREATE INDEX evidence_links_document ON evidence_links(document_id);

CREATE TABLE claim_links (${record},
  from_claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  to_claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  relation      TEXT NOT NULL CHECK (relation IN ('contradicts', 'supports', 'qualifies', 'same_as')),
  note          TEXT NOT NULL DEFAULT '',
  deleted_at    TEXT,
  CHECK (from_claim_id <> to_claim_id)
);
CREATE INDEX claim_links_from ON claim_links(from_claim_id);
CREATE INDEX claim_links_to ON claim_links(to_claim_id);

CREATE TABLE notes (${record},
  case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  content    TEXT NOT NULL DEFAULT '',   -- Lexical editor state, JSON
  text       TEXT NOT NULL DEFAULT '',   -- its plain text, for search
  deleted_at TEXT
);
CREATE INDEX notes_case ON notes(case_id);

CREATE TABLE tags (${record},
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE source_tags (
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  tag_id    TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (source_id, tag_id)
) WITHOUT ROWID;
CREATE TABLE claim_tags (
  claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  tag_id   TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (claim_id, tag_id)
) WITHOUT ROWID;
CREATE TABLE document_tags (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  tag_id      TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, tag_id)
) WITHOUT ROWID;

-- One row per deleted record while it is in the trash; restore removes it, purge removes both.
CREATE TABLE trash (
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  case_id    TEXT,
  label      TEXT NOT NULL,
  deleted_at TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE INDEX trash_deleted_at ON trash(deleted_at);

${ftsIndex('claims', ['statement', 'quote'])}
${ftsIndex('sources', ['name', 'aliases', 'role', 'description', 'notes'])}
${ftsIndex('documents', ['title', 'author', 'publisher', 'text'])}
${ftsIndex('excerpts', ['exact', 'comment'])}
${ftsIndex('notes', ['title', 'text'])}
`;
