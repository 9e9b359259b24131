// Version 6: prefix indexes for the full-text indexes. Search-as-you-type asks for the word
// being typed as a prefix ("fent*") at every keystroke; without a prefix index FTS5 merges the
// posting lists of every term that starts so, which at 100,000 claims costs more than ranking.
// With prefix='2 3' the merged lists of 2- and 3-letter prefixes are kept in the index (measured
// at 100k claims: counting the matches of a 3–5 letter prefix, median 8.5 → 1.5 ms).
//
// FTS5 takes its options only when a table is created, so each index is created again with the
// same columns and tokenizer and rebuilt from its content table. The triggers of version 1 and
// the fts5vocab tables of version 5 name the index, not its definition: they carry on.

const INDEXES: Record<string, string[]> = {
  claims: ['statement', 'quote'],
  sources: ['name', 'aliases', 'role', 'description', 'notes'],
  documents: ['title', 'author', 'publisher', 'text'],
  excerpts: ['exact', 'comment'],
  notes: ['title', 'text'],
};

export const sql = Object.entries(INDEXES)
  .map(
    ([table, columns]) => `
DROP TABLE ${table}_fts;
CREATE VIRTUAL TABLE ${table}_fts USING fts5(
  ${columns.join(', ')},
  content='${table}', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2',
  prefix='2 3'
);
INSERT INTO ${table}_fts(${table}_fts) VALUES ('rebuild');`,
  )
  .join('\n');
