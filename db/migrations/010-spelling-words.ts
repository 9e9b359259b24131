// Version 10: the words of each full-text index as written, for spelling. The search indexes
// hold Porter stems, and a typo in a word's ending defeats a stem: "investigatoins" stems to
// "investigatoin", three edits from "investig", and "witneses" to "witnes", not "witness". So
// each index gets a shadow index of the same columns tokenized without the stemmer (folded and
// without diacritics, as the search index folds them), whose fts5vocab lists every word as
// written with how many records hold it. Typed words are compared with these, and the word
// found is searched (and so stemmed) as any typed word is.
//
// The shadow indexes store no text (content='') and no positions (detail=none): they answer only
// "which words, in how many records". contentless_delete lets a trigger remove a record's words
// when it changes or goes. Measured at 100,000 claims with 10,000 documents: see the README's
// search table (the claims' shadow index is a fraction of the stemmed one, which keeps positions
// and prefixes).

// The indexed columns as they stood at version 10, written out: a migration imports nothing, so
// no later change to another file can change what this one does.
const INDEXES = {
  claims: ['statement', 'quote'],
  sources: ['name', 'aliases', 'role', 'description', 'notes'],
  documents: ['title', 'author', 'publisher', 'text'],
  excerpts: ['exact', 'comment'],
  notes: ['title', 'text'],
} as const satisfies Record<string, readonly string[]>;

/** The shadow index of `table`: its words as written. */
export const wordsTable = (table: string) => `${table}_words`;

export const sql = Object.entries(INDEXES)
  .map(([table, columns]) => {
    const words = wordsTable(table);
    const cols = columns.join(', ');
    const vals = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
    return `
CREATE VIRTUAL TABLE ${words} USING fts5(
  ${cols},
  content='', contentless_delete=1, detail=none,
  tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE ${words}_vocab USING fts5vocab(${words}, 'row');
CREATE TRIGGER ${words}_ai AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${words}(rowid, ${cols}) VALUES (new.rowid, ${vals('new')});
END;
CREATE TRIGGER ${words}_ad AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${words} WHERE rowid = old.rowid;
END;
CREATE TRIGGER ${words}_au AFTER UPDATE OF ${cols} ON ${table} BEGIN
  DELETE FROM ${words} WHERE rowid = old.rowid;
  INSERT INTO ${words}(rowid, ${cols}) VALUES (new.rowid, ${vals('new')});
END;
INSERT INTO ${words}(rowid, ${cols}) SELECT rowid, ${cols} FROM ${table};`;
  })
  .join('\n');
