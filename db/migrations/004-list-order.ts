// Version 4: indexes that let a case's claims list walk its rows in display order, so a page
// deep in a 100,000-claim list (a virtualized list scrolled to the end) is read without a sort.

export const sql = `
CREATE INDEX claims_case_created ON claims(case_id, id) WHERE deleted_at IS NULL;
CREATE INDEX claims_case_updated ON claims(case_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX claims_case_said_on ON claims(case_id, said_on, id) WHERE deleted_at IS NULL;
CREATE INDEX claims_case_status ON claims(case_id, status, id) WHERE deleted_at IS NULL;
`;
