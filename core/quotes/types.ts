// Shapes shared by the quote extractor's modules.

/** One quotation proposed as a claim. */
export interface QuoteProposal {
  /** The words inside the quotation marks, verbatim (inner quotes, brackets and ellipses kept). */
  quote: string;
  /**
   * Who said it: a full name as introduced in the text, without titles; for a speaker the text
   * describes but does not name, the description ("a Chinese netizen in the capital"); null when unknown.
   */
  speaker: string | null;
  /** The speaker as understood (absent when unknown): what accepting the proposal creates a source from. */
  speakerDetail?: SpeakerDetail;
  /** UTF-16 offsets of `quote` in the text: text.slice(start, end) === quote. */
  start: number;
  end: number;
  /** The sentence or sentences that hold the quotation, as a reporter would read it in context. */
  sentence: string;
  /** The speaker's role or affiliation as written ("drug policy researcher at RAND Corp."), when the text gives one. */
  role?: string;
}

/** A quotation found by the scanner: offsets of its marks and of its inner text. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (or the end of the paragraph for a quote that runs on). */
  close: number;
  /** Inner text offsets. */
  start: number;
  end: number;
  /** Double (“…” or "…") or single (‘…’ or '…') marks at the top level. */
  marks: 'double' | 'single';
  /** The quote runs on into the next paragraph, which reopens it (the news convention for long quotes). */
  runsOn: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

export type EntityKind = 'person' | 'organisation';

/** Someone the text quotes, as the extractor understood them. */
export interface SpeakerDetail {
  /** The name as introduced, without courtesy titles; null for a speaker the text does not name. */
  name: string | null;
  kind: EntityKind;
  /** Role or title as written, without the organisation: "drug policy researcher", "Rep. (D-Md.)". */
  role?: string;
  /** The organisation the role names: "RAND Corp.", to match to an organisation source or propose one. */
  affiliation?: string;
  /** For an unnamed speaker, how the text describes them: "a senior U.S. official", "analysts". */
  description?: string;
}
