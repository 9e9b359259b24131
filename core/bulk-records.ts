// What records.import and its callers (the file reader in core/import/, the CLI that sends a file
// in batches) agree on, kept out of the handler so that neither caller imports a handler.

export const RECORD_TYPES = ['source', 'claim', 'document', 'claimLink', 'evidence'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Records in one call at most: a file is sent in batches of this size or less. */
export const MAX_BATCH = 10_000;

export interface Created {
  line: number;
  type: RecordType;
  id: string;
  ref?: string;
  /** A source made for a name a claim gave, none of the library's sources having it. */
  fromName?: string;
}

export interface Rejected {
  line: number;
  reason: string;
}

export interface ImportResult {
  /** Every record written, in order; empty when the batch was refused as a whole. */
  created: Created[];
  rejected: Rejected[];
  /** Whether what `created` lists was saved: false when a refusal stopped a batch without `partial`. */
  landed: boolean;
  /** The import the batch belongs to, as given or made for it: undo.last takes back all of it. */
  importId?: string;
}
