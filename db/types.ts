// The records as the API hands them out: camelCase, JSON columns parsed, booleans as booleans.
// The vocabularies are declared once here and reused by core's zod schemas.

export const SOURCE_KINDS = ['person', 'organisation'] as const;
export const ATTRIBUTIONS = ['on_record', 'background', 'deep_background', 'off_record'] as const;
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CLAIM_STATUSES = [
  'unverified',
  'in_progress',
  'verified',
  'disputed',
  'false',
  'misleading',
  'unverifiable',
] as const;
export const MEDIA = [
  'interview',
  'written_statement',
  'press_release',
  'press_briefing',
  'report',
  'dataset',
  'testimony',
  'social_post',
  'other',
] as const;
export const QUOTE_KINDS = ['verbatim', 'paraphrase'] as const;
export const DOCUMENT_KINDS = ['article', 'report', 'dataset', 'statement', 'transcript', 'image', 'other'] as const;
export const STANCES = ['supports', 'contradicts', 'context'] as const;
export const RELATIONS = ['contradicts', 'supports', 'qualifies', 'same_as'] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Attribution = (typeof ATTRIBUTIONS)[number];
export type Reliability = (typeof RELIABILITY)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Medium = (typeof MEDIA)[number];
export type QuoteKind = (typeof QUOTE_KINDS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type Stance = (typeof STANCES)[number];
export type Relation = (typeof RELATIONS)[number];

export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

export interface Trashable {
  deletedAt: string | null;
}

export interface Case extends RecordMeta, Trashable {
  title: string;
  description: string;
}

export interface Contact {
  email?: string;
  phone?: string;
  address?: string;
  other?: string;
}

export interface Source extends RecordMeta, Trashable {
  kind: SourceKind;
  name: string;
  aliases: string[];
  role: string;
  affiliationId: string | null;
  contact: Contact;
  defaultAttribution: Attribution;
  confidential: boolean;
  anonymityReason: string;
  identityKnownBy: string;
  description: string;
  reliability: Reliability | null;
  notes: string;
  tags: string[];
}

export interface Claim extends RecordMeta, Trashable {
  caseId: string;
  statement: string;
  quote: string;
  quoteKind: QuoteKind;
  saidOn: string | null;
  medium: Medium;
  attribution: Attribution;
  originExcerptId: string | null;
  status: ClaimStatus;
  sourceIds: string[];
  tags: string[];
}

export interface VerificationEntry extends RecordMeta {
  claimId: string;
  status: ClaimStatus;
  checker: string;
  method: string;
  note: string;
}

export interface Reply extends RecordMeta, Trashable {
  caseId: string;
  claimId: string | null;
  sourceId: string | null;
  subject: string;
  contactedAt: string;
  channel: string;
  response: string;
  respondedAt: string | null;
}

export interface DocumentRecord extends RecordMeta, Trashable {
  caseId: string;
  title: string;
  kind: DocumentKind;
  author: string;
  publisher: string;
  publishedOn: string | null;
  url: string;
  retrievedAt: string | null;
  text: string;
  attachment: string | null;
  /** The name of the file it was imported from ('' when typed or pasted). */
  fileName: string;
  /** Where each page of the original lies in `text`, for page locators; null without pages. */
  pages: PageRange[] | null;
  tags: string[];
}

export interface PageRange {
  page: number;
  start: number;
  end: number;
}

/** A document in a list: its text left out (it can be megabytes), its length kept. */
export type DocumentSummary = Omit<DocumentRecord, 'text'> & { textLength: number };

export interface Excerpt extends RecordMeta, Trashable {
  documentId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  page: number | null;
  locator: string;
  comment: string;
  /** Set when a new version of the document's text no longer holds the passage. */
  orphanedAt: string | null;
}

export interface EvidenceLink extends RecordMeta, Trashable {
  claimId: string;
  documentId: string;
  excerptId: string | null;
  stance: Stance;
  locator: string;
  note: string;
}

export interface ClaimLink extends RecordMeta, Trashable {
  fromClaimId: string;
  toClaimId: string;
  relation: Relation;
  note: string;
}

export interface Note extends RecordMeta, Trashable {
  caseId: string;
  title: string;
  content: string;
  text: string;
}

/** Something that happened (a law, a declaration), on a date as precise as the reporting gives. */
export interface CaseEvent extends RecordMeta, Trashable {
  caseId: string;
  title: string;
  /** Partial ISO date: 2021, 2021-12 or 2021-12-15. */
  happenedOn: string;
  /** For what lasted: when it ended, as precisely as known. */
  happenedUntil: string | null;
  description: string;
}

/** A note in a list: content left out. */
export type NoteSummary = Omit<Note, 'content' | 'text'> & { words: number };

export interface Tag {
  id: string;
  name: string;
  uses: number;
}

export interface TrashItem {
  /** Which kind of record: case, source, claim, document, excerpt, evidence, claimLink, reply, note, event. */
  entity: 'case' | 'source' | 'claim' | 'document' | 'excerpt' | 'evidence' | 'claimLink' | 'reply' | 'note' | 'event';
  entityId: string;
  caseId: string | null;
  label: string;
  deletedAt: string;
}
