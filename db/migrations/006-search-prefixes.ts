// Version 6: prefix indexes for the full-text indexes. Search-as-you-type asks for the word
// being typed as a prefix ("fent*"); without a prefix index FTS5 merges the posting lists of
// every term that starts so. With prefix='2 3' the merged lists of 2- and 3-letter prefixes are
// kept in the index. Measured at 100k claims, side by side: finding the matches of a 3–5 letter
// prefix, median 8.5 → 1.5 ms; a ranked search for a 4-letter prefix, median 68 → 37 ms; for
// other lengths the ranking of thousands of matches dominates and the index changes little
// (search.ts bounds that instead). The claims index grows by about 5%.
//
// FTS5 takes its options only when a table is created, so each index is created again with the
// same columns and tokenizer and rebuilt from its content table. The triggers of version 1 and
// the fts5vocab tables of version 5 name the index, not its definition: they carry on.

const INDEXES = {
  claims: ['statement', 'quote'],
  sources: ['name', 'aliases', 'role', 'description', 'notes'],
  documents: ['title', 'author', 'publisher', 'text'],
  excerpts: ['exact', 'comment'],
  notes: ['title', 'text'],
} as const satisfies Record<string, readonly string[]>;

/** Every full-text index created again with these prefix lengths, and rebuilt. */
const recreateIndexes = (prefix: string) =>
  Object.entries(INDEXES)
    .map(
      ([table, columns]) => `
DROP TABLE ${table}_fts;
CREATE VIRTUAL TABLE ${table}_fts USING fts5(
  ${columns.join(', ')},
  content='${table}', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2',
  prefix='${prefix}'
);
INSERT INTO ${table}_fts(${table}_fts) VALUES ('rebuild');`,
    )
    .join('\n');

export const sql = recreateIndexes('2 3');
