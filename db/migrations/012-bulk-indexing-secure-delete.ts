// Version 12: full-text indexing a bulk import can defer to the end of its batch, an import
// undone as one action, and full-text indexes that forget what is deleted.
//
// Deferred indexing. A trigger indexes each row as it is inserted, and FTS5 writes what it has
// gathered to the index at the end of every statement: a batch of 10,000 claims made 10,000
// tiny segments and the merges that follow, several times the cost of indexing the same rows
// with one INSERT … SELECT per batch (measured on 50,000 claims: 7.8 s against 1.7 s). So the
// triggers now stand aside for the rows past `after_rowid` of a table `fts_deferred` names: an
// import names its tables inside its transaction, writes its rows, indexes every row past the
// mark in one statement per index, and removes the names before the transaction ends
// (db/bulk.ts). Another connection never sees a name there (one is never committed). The update
// and delete triggers stand aside for those rows too: a row written, changed or deleted within
// the batch is indexed once, as it ends, and never removed from an index it was never put in.
//
// Secure delete. FTS5 marks a deleted row's words as deleted in a new segment and drops them
// only when segments merge, so a purged claim's words stayed in the file (and in every backup
// copied from it) until then. With 'secure-delete' each delete removes them from the segments
// that hold them, which needs the row's old values: the stemmed indexes are given them by the
// triggers, but the words-as-written indexes of version 10 were contentless with
// contentless_delete=1, which takes a rowid alone and only marks it deleted (measured: the
// word stayed in the file with secure-delete on). So they are made again as external-content
// indexes of the same table, deleted from with the old values as the stemmed ones are, and
// rebuilt. What the stemmed indexes hold of earlier deletes goes when each is optimized into one
// segment; SQLite's secure_delete pragma (db/open.ts) zeroes the pages freed.

// Undo of an import. The undo journal takes a third kind of entry, 'import': the rows a bulk
// import wrote, as the rowid ranges of each batch (core/handlers/bulk.ts). SQLite cannot change a
// CHECK constraint in place, so the journal is made again with its rows.

// The indexed columns as they stood at version 12, written out: a migration imports nothing.
const INDEXES = {
  claims: ['statement', 'quote'],
  sources: ['name', 'aliases', 'role', 'description', 'notes'],
  documents: ['title', 'author', 'publisher', 'text'],
  excerpts: ['exact', 'comment'],
  notes: ['title', 'text'],
} as const satisfies Record<string, readonly string[]>;

/** Whether the row (new or old) is one a bulk import will index at the end of its batch. */
const deferred = (table: string, row: 'new' | 'old') => `EXISTS (SELECT 1 FROM fts_deferred WHERE content_table = '${table}' AND ${row}.rowid > after_rowid)`;

/**
 * The three triggers that keep a table's two indexes in step: its stemmed index (version 1) and
 * its words as written (version 10), which had three triggers each. One trigger now writes both:
 * a trigger costs SQLite a sub-program run for every row, and now a test of fts_deferred too.
 */
function triggers(table: string, columns: readonly string[]): string {
  const stemmed = `${table}_fts`;
  const written = `${table}_words`;
  const cols = columns.join(', ');
  const values = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
  const add = `INSERT INTO ${stemmed}(rowid, ${cols}) VALUES (new.rowid, ${values('new')});
  INSERT INTO ${written}(rowid, ${cols}) VALUES (new.rowid, ${values('new')});`;
  const remove = `INSERT INTO ${stemmed}(${stemmed}, rowid, ${cols}) VALUES ('delete', old.rowid, ${values('old')});
  INSERT INTO ${written}(${written}, rowid, ${cols}) VALUES ('delete', old.rowid, ${values('old')});`;
  return `
DROP TRIGGER ${stemmed}_ai;
DROP TRIGGER ${stemmed}_ad;
DROP TRIGGER ${stemmed}_au;
DROP TRIGGER ${written}_ai;
DROP TRIGGER ${written}_ad;
DROP TRIGGER ${written}_au;
CREATE TRIGGER ${table}_index_ai AFTER INSERT ON ${table} WHEN NOT ${deferred(table, 'new')} BEGIN
  ${add}
END;
CREATE TRIGGER ${table}_index_ad AFTER DELETE ON ${table} WHEN NOT ${deferred(table, 'old')} BEGIN
  ${remove}
END;
CREATE TRIGGER ${table}_index_au AFTER UPDATE OF ${cols} ON ${table} WHEN NOT ${deferred(table, 'old')} BEGIN
  ${remove}
  ${add}
END;`;
}

const secureDelete = (index: string) => `INSERT INTO ${index}(${index}, rank) VALUES ('secure-delete', 1);`;

/** The words as written, made again as an external-content index of `table`, and filled from it. */
const writtenIndex = (table: string, columns: readonly string[]) => `
DROP TABLE ${table}_words;
CREATE VIRTUAL TABLE ${table}_words USING fts5(
  ${columns.join(', ')},
  content='${table}', content_rowid='rowid', detail=none,
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO ${table}_words(${table}_words) VALUES ('rebuild');`;

export const sql = `
CREATE TABLE undo_log_12 (
  id         TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('trash', 'merge', 'import')),
  label      TEXT NOT NULL,
  payload    TEXT NOT NULL,      -- JSON: what reverses it
  undone_at  TEXT
);
INSERT INTO undo_log_12 (id, created_at, action, label, payload, undone_at) SELECT id, created_at, action, label, payload, undone_at FROM undo_log;
DROP TABLE undo_log;
ALTER TABLE undo_log_12 RENAME TO undo_log;
CREATE INDEX undo_log_pending ON undo_log(undone_at, created_at);

CREATE TABLE fts_deferred (
  content_table TEXT PRIMARY KEY NOT NULL,
  after_rowid   INTEGER NOT NULL
) WITHOUT ROWID;
${Object.entries(INDEXES)
  .map(([table, columns]) =>
    [
      writtenIndex(table, columns),
      triggers(table, columns),
      secureDelete(`${table}_fts`),
      `INSERT INTO ${table}_fts(${table}_fts) VALUES ('optimize');`,
      secureDelete(`${table}_words`),
    ].join('\n'),
  )
  .join('\n')}
`;
