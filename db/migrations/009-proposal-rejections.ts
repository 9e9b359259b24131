// Version 9: the quotations a reporter rejected among the claims proposed from a document, so
// that reopening the proposals (or proposing again) keeps them unticked and marked rejected
// until the reporter takes the rejection back. Kept by passage (offsets) with the quote's text:
// a new version of the document that moves the passage still finds it by its words. A view of
// the document, not a record of its own: it goes with its document.

export const sql = `
CREATE TABLE proposal_rejections (
  document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
  quote        TEXT NOT NULL,
  rejected_at  TEXT NOT NULL,
  PRIMARY KEY (document_id, start_offset, end_offset)
) WITHOUT ROWID;
`;
