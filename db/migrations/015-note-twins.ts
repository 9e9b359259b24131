// Version 15: the masked twin of a co-edited note
// (core/desk/note-twin.ts). A library that holds confidential identities keeps two documents per
// note: its own (twin = 0: the text as typed, what the note is derived from) and the one it
// shares with the desk (twin = 1: the same text, withheld values masked). A library that holds
// none keeps one document, which it shares: its rows are all twin = 0.

export const sql = `
ALTER TABLE sync_note_updates ADD COLUMN twin INTEGER NOT NULL DEFAULT 0 CHECK (twin IN (0, 1));
`;
