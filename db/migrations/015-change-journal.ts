// Version 15: the change journal of shared cases (docs/sync.md §3). A write to a shared case used
// to be found by comparing every record of the case with its document, after every write: the
// cost of a keystroke-save grew with the case. Triggers now note each record a write touches
// (its kind and id) while any case is shared, and the sync engine reads and empties the journal
// in the same transaction. Triggers rather than a list the handlers keep: a handler added later,
// a bulk import, a script writing beside the app, even a raw SQL edit, are all noted without
// anyone remembering to. With no case shared the triggers' condition is all they cost.
// `consistent_as` says under which mask and note mode the case's document was last compared
// whole with the library: when either changes, every record must be compared again.

/** Tables of the records a case shares, by the name the engine gives their kind (frozen here: a migration never changes). */
const RECORD_TABLES: [string, string][] = [
  ['case', 'cases'],
  ['source', 'sources'],
  ['document', 'documents'],
  ['excerpt', 'excerpts'],
  ['claim', 'claims'],
  ['evidence', 'evidence_links'],
  ['claimLink', 'claim_links'],
  ['reply', 'replies'],
  ['note', 'notes'],
  ['event', 'events'],
];

/** Link tables: a change to a row is a change to each record it names (a claim's sources, a record's tags). */
const LINK_TABLES: [string, [string, string][]][] = [
  ['claim_sources', [['claim', 'claim_id'], ['source', 'source_id']]],
  ['source_tags', [['source', 'source_id']]],
  ['claim_tags', [['claim', 'claim_id']]],
  ['document_tags', [['document', 'document_id']]],
  // A grant given or taken back changes what the source carries, sealed, to the members.
  ['sync_grants', [['source', 'source_id']]],
];

const SHARING = 'WHEN EXISTS (SELECT 1 FROM sync_cases)';
const note = (entity: string, id: string) => `INSERT OR IGNORE INTO sync_journal (entity, id) VALUES ('${entity}', ${id});`;

function triggers(): string {
  const out: string[] = [];
  for (const [entity, table] of RECORD_TABLES) {
    out.push(`CREATE TRIGGER ${table}_journal_insert AFTER INSERT ON ${table} ${SHARING} BEGIN ${note(entity, 'NEW.id')} END;`);
    out.push(`CREATE TRIGGER ${table}_journal_update AFTER UPDATE ON ${table} ${SHARING} BEGIN ${note(entity, 'NEW.id')} END;`);
    out.push(`CREATE TRIGGER ${table}_journal_delete AFTER DELETE ON ${table} ${SHARING} BEGIN ${note(entity, 'OLD.id')} END;`);
  }
  for (const [table, named] of LINK_TABLES) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      out.push(`CREATE TRIGGER ${table}_journal_${event.toLowerCase()} AFTER ${event} ON ${table} ${SHARING} BEGIN ${named.map(([e, c]) => note(e, `${row}.${c}`)).join(' ')} END;`);
    }
  }
  return out.join('\n');
}

export const sql = `
CREATE TABLE sync_journal (
  entity TEXT NOT NULL,
  id     TEXT NOT NULL,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

ALTER TABLE sync_cases ADD COLUMN consistent_as TEXT;

${triggers()}

-- The log only grows: an entry is new to the case's document when it is written.
CREATE TRIGGER verification_log_journal_insert AFTER INSERT ON verification_log ${SHARING} BEGIN ${note('verification', 'NEW.id')} END;

-- A tag renamed is a change to everything it tags (tags travel by name).
CREATE TRIGGER tags_journal_update AFTER UPDATE OF name ON tags ${SHARING} BEGIN
  INSERT OR IGNORE INTO sync_journal (entity, id) SELECT 'source', source_id FROM source_tags WHERE tag_id = NEW.id;
  INSERT OR IGNORE INTO sync_journal (entity, id) SELECT 'claim', claim_id FROM claim_tags WHERE tag_id = NEW.id;
  INSERT OR IGNORE INTO sync_journal (entity, id) SELECT 'document', document_id FROM document_tags WHERE tag_id = NEW.id;
END;

-- A document carries its original file's description, read from the attachment.
CREATE TRIGGER attachments_journal_insert AFTER INSERT ON attachments ${SHARING} BEGIN
  INSERT OR IGNORE INTO sync_journal (entity, id) SELECT 'document', id FROM documents WHERE attachment = NEW.sha256;
END;
CREATE TRIGGER attachments_journal_update AFTER UPDATE ON attachments ${SHARING} BEGIN
  INSERT OR IGNORE INTO sync_journal (entity, id) SELECT 'document', id FROM documents WHERE attachment = NEW.sha256;
END;
`;
