// The packet model's shape: everything a packet shows, as the builder (model.ts) leaves it after
// redaction. Renderers read only this.

import type { Attribution, Claim, ClaimStatus, DocumentRecord, Excerpt, Medium, Relation, Source, Stance } from '../../db/index.js';
import type { PacketMap } from './map.js';
import type { Profile } from './profiles.js';

export interface PacketSourceRef {
  ref: string;
  label: string;
}

export interface PacketSource extends PacketSourceRef {
  id: string;
  kind: Source['kind'];
  confidential: boolean;
  /** True when the profile shows this confidential source by its description only. */
  identityWithheld: boolean;
  aliases: string[];
  role: string;
  affiliation: string | null;
  reliability: Source['reliability'];
  defaultAttribution: Attribution;
  /** Absent when the profile withholds contact details. */
  contact?: { kind: string; value: string }[];
  anonymityReason?: string;
  identityKnownBy?: string;
  notes?: string;
  /** How the source was reached: the media of its claims and the channels of the reply log. */
  reached: string[];
}

export interface PacketVerification {
  status: ClaimStatus;
  /** null when the profile leaves people's names out. */
  checker: string | null;
  method: string;
  note: string;
  at: string;
}

/** A passage of a document, as the W3C selectors and a reader's locators describe it. */
export type PacketExcerpt = Pick<Excerpt, 'id' | 'documentId' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'page' | 'locator' | 'comment' | 'createdAt'>;

export interface PacketEvidence {
  stance: Stance;
  documentRef: string;
  documentId: string;
  documentTitle: string;
  sha256: string;
  locator: string;
  note: string;
  excerpt: PacketExcerpt | null;
}

export interface PacketClaimLink {
  relation: Relation;
  direction: 'outgoing' | 'incoming';
  claimRef: string;
  statement: string;
  status: ClaimStatus;
  note: string;
}

export interface PacketReply {
  subject: string;
  contactedAt: string;
  channel: string;
  response: string;
  respondedAt: string | null;
}

export interface PacketClaim {
  id: string;
  ref: string;
  statement: string;
  quote: string;
  quoteKind: Claim['quoteKind'];
  sources: PacketSourceRef[];
  saidOn: string | null;
  medium: Medium;
  attribution: Attribution;
  status: ClaimStatus;
  tags: string[];
  createdAt: string;
  corroboration: number;
  /** How many linked claims contradict this one. */
  counterclaimCount: number;
  /** The log as the profile allows: whole, or its latest entry. */
  verification: PacketVerification[];
  lastVerification: PacketVerification | null;
  links: PacketClaimLink[];
  replies: PacketReply[];
  evidence: PacketEvidence[];
}

export interface PacketDocument extends Pick<DocumentRecord, 'id' | 'title' | 'kind' | 'author' | 'publisher' | 'publishedOn' | 'url' | 'retrievedAt'> {
  ref: string;
  /** Of the original file when there is one, else of the document's text. */
  sha256: string;
  hashOf: 'file' | 'text';
  /** The original file, when the profile carries original files; null when it does not or there is none. */
  original: PacketOriginal | null;
  excerpts: PacketExcerpt[];
}

/** What a ZIP packet did with an original file (formats that carry no files leave it unset). */
export type OriginalCarried =
  | { kind: 'untouched' }
  /** Its metadata removed: the file in the packet is not the original, so it has its own hash. */
  | { kind: 'cleaned'; sha256: string; size: number; removed: string[] }
  | { kind: 'excluded'; reason: string };

export interface PacketOriginal {
  /** Where it sits in a ZIP packet (named by ref and hash, never by its old name). */
  path: string;
  /** SHA-256 of the untouched original, as the library keeps it: the chain of custody. */
  sha256: string;
  size: number;
  mediaType: string;
  carried?: OriginalCarried;
}

export type PacketRun =
  | { kind: 'text'; text: string; bold?: boolean; italic?: boolean; href?: string }
  | { kind: 'break' }
  | { kind: 'cite'; n: number };

export interface PacketBlock {
  kind: 'paragraph' | 'heading' | 'quote' | 'item' | 'code';
  level?: number;
  ordered?: boolean;
  runs: PacketRun[];
}

export interface PacketFootnote {
  n: number;
  type: 'claim' | 'document' | 'excerpt' | 'source';
  /** The packet ref of what is cited (C3, D2, S1…); null when the profile withholds it. */
  ref: string | null;
  id: string | null;
  label: string;
}

export interface PacketCitation {
  n: number;
  /** The words the citation follows, and where they lie in the draft's plain text. */
  exact: string;
  start: number;
  end: number;
}

export interface PacketDraft {
  id: string;
  title: string;
  updatedAt: string;
  createdAt: string;
  blocks: PacketBlock[];
  /** Blocks' text joined by blank lines: what citation positions count in. */
  text: string;
  footnotes: PacketFootnote[];
  citations: PacketCitation[];
}

export type RedactionCounts = Record<
  | 'confidentialIdentities'
  | 'contactDetails'
  | 'sourceNotes'
  | 'anonymityReasons'
  | 'claimsWithheld'
  | 'verificationEntries'
  | 'counterclaims'
  | 'replies'
  | 'evidence'
  | 'evidenceFiles'
  | 'citationsWithheld'
  | 'textReplacements',
  number
>;

export interface Packet {
  case: { id: string; title: string; description: string };
  scope: { kind: 'case' } | { kind: 'note'; noteId: string; title: string };
  profile: Profile;
  exportedAt: string;
  /** Who exported it; null when the profile leaves people's names out. */
  exportedBy: string | null;
  drafts: PacketDraft[];
  sources: PacketSource[];
  claims: PacketClaim[];
  documents: PacketDocument[];
  /** The claim map of what the packet includes, drawn after redaction; null when the profile leaves it out or there is nothing to draw. */
  map: PacketMap | null;
  redactions: RedactionCounts;
}

const LABELS: Record<string, string> = {
  on_record: 'on the record',
  background: 'on background',
  deep_background: 'deep background',
  off_record: 'off the record',
  in_progress: 'in progress',
  written_statement: 'written statement',
  press_release: 'press release',
  press_briefing: 'press briefing',
  social_post: 'social post',
  same_as: 'same as',
};

/** A vocabulary value as a reader says it: on_record → "on the record". */
export function say(value: string): string {
  return LABELS[value] ?? value.replace(/_/g, ' ');
}
