// Words the UI shows for the library's vocabularies. Each map is typed against the vocabulary,
// so a value added in db/types.ts fails the typecheck here until it has a label.

import type {
  Attribution,
  ClaimStatus,
  DocumentKind,
  Medium,
  QuoteKind,
  Relation,
  Reliability,
  SourceKind,
  Stance,
} from '../../db/types';

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  in_progress: 'In progress',
  verified: 'Verified',
  disputed: 'Disputed',
  false: 'False',
  misleading: 'Misleading',
  unverifiable: 'Unverifiable',
};

/** A one-line explanation shown next to the status picker. */
export const STATUS_HINTS: Record<ClaimStatus, string> = {
  unverified: 'Recorded, not yet checked.',
  in_progress: 'Being checked now.',
  verified: 'Confirmed by independent evidence.',
  disputed: 'Credible evidence on both sides.',
  false: 'The evidence shows it is not true.',
  misleading: 'True in part, but leaves a false impression.',
  unverifiable: 'Cannot be proved or disproved with what is available.',
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
};

export const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  on_record: 'On the record',
  background: 'On background',
  deep_background: 'Deep background',
  off_record: 'Off the record',
};

/** The Admiralty code's grades of source reliability. */
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export const MEDIUM_LABELS: Record<Medium, string> = {
  interview: 'Interview',
  written_statement: 'Written statement',
  press_release: 'Press release',
  press_briefing: 'Press briefing',
  report: 'Report',
  dataset: 'Dataset',
  testimony: 'Testimony',
  social_post: 'Social media post',
  other: 'Other',
};

export const QUOTE_KIND_LABELS: Record<QuoteKind, string> = {
  verbatim: 'Verbatim quote',
  paraphrase: 'Paraphrase',
};

export const STANCE_LABELS: Record<Stance, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context',
};

/** How a linked claim relates, read from this claim's side (outgoing) or the other's (incoming). */
export const RELATION_LABELS: Record<Relation, { outgoing: string; incoming: string }> = {
  contradicts: { outgoing: 'Contradicts', incoming: 'Contradicted by' },
  supports: { outgoing: 'Supports', incoming: 'Supported by' },
  qualifies: { outgoing: 'Qualifies', incoming: 'Qualified by' },
  same_as: { outgoing: 'Same as', incoming: 'Same as' },
};

/** Which column of the for/against view a linked claim belongs in. */
export const RELATION_SIDE: Record<Relation, 'for' | 'against' | 'context'> = {
  supports: 'for',
  same_as: 'for',
  contradicts: 'against',
  qualifies: 'context',
};

/** A label map's keys, in the order written above, for a <select>. */
export function keysOf<K extends string>(labels: Record<K, unknown>): K[] {
  return Object.keys(labels) as K[];
}

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  article: 'Article',
  report: 'Report',
  dataset: 'Dataset',
  statement: 'Statement',
  transcript: 'Transcript',
  image: 'Image',
  other: 'Other',
};
