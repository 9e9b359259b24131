// Version 3: what imported files need. A document remembers the file it came from and where
// its pages begin and end in its text (PDF page numbers are locators); an excerpt whose
// passage could not be found again in a new version of its document's text is marked an
// orphan, never silently moved or dropped.

export const sql = `
ALTER TABLE documents ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN pages TEXT;            -- JSON [{page, start, end}], or NULL
ALTER TABLE excerpts ADD COLUMN orphaned_at TEXT;
CREATE INDEX documents_attachment ON documents(case_id, attachment);
`;
