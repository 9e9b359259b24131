// Speaker cues in a sentence: speech verbs ("said", "told", "wrote", "warned", "says") and
// "according to", each with the phrase naming who spoke. Quotations are skipped, so a verb inside
// one ("He said ‘no’ twice") is never an attribution.
//
// Where the speaker phrase sits depends on the word order:
//   “…,” Trone said.                      subject before the verb
//   “…,” said Bryce Pardo, a researcher.  nothing before the verb: the subject follows it
//   … said the results were “…” but warned that …   a verb after "but"/"and" shares the subject
//   …, saying “…”                         a participle takes the subject of the verb before it
//   “…,” according to Lena Hart, …        the phrase after "according to"

import {
  AUXILIARIES,
  DETERMINERS,
  DOCUMENT_NOUNS,
  OBJECT_OPENERS,
  framingVerbForm,
  isDocumentVerb,
  isPersonNoun,
  participleOfSpeech,
  speechVerbForm,
  takesObject,
} from './lexicon.js';
import { leadingSubject, subjectAfter, subjectBefore, type SpeakerRef } from './phrases.js';
import { segmentsOutside } from './sentences.js';
import { tokenize, type Token } from './tokens.js';
import type { QuoteSpan, Sentence } from './types.js';

export interface SpeechEvent {
  /** Offset of the verb (or of "according"). */
  at: number;
  /** The speaker phrase, or 'previous' when the verb shares the subject of the event before it. */
  ref: SpeakerRef | 'previous';
  /** Words between the quotation and the verb: a long gap means the verb belongs to another clause. */
  words: number;
  /** A framing verb ("praised … as", "pledged to"): it attributes only quotations after it. */
  forward?: boolean;
}

export function findSpeechEvents(text: string, sentence: Sentence, quotes: QuoteSpan[]): SpeechEvent[] {
  const events: SpeechEvent[] = [];
  for (const segment of segmentsOutside(sentence, quotes)) {
    const tokens = tokenize(text, segment.start, segment.end);
    const cues = tokens.flatMap((t, k) => (t.lower === 'according' || isCue(text, tokens, k) ? [k] : []));
    // A speaker named after a verb ends before the next speech verb: "said Ann Lee, who told …"
    // (a framing verb does not end it: "according to a readout released by Xinhua").
    const clauseEnds: number[] = [];
    for (let c = cues.length - 1, end = segment.end; c >= 0; c--) {
      clauseEnds[c] = end;
      const word = tokens[cues[c]!]!.lower;
      if (word === 'according' || speechVerbForm(word)) end = tokens[cues[c]!]!.start;
    }
    let clauseStart = segment.start;
    cues.forEach((k, c) => {
      const clauseEnd = clauseEnds[c]!;
      const event = eventAt({ text, tokens, sentence, clauseStart, clauseEnd, first: events.length === 0 }, k);
      if (!event) return;
      events.push(event);
      clauseStart = tokens[k + (tokens[k]!.lower === 'according' ? 1 : 0)]!.end;
    });
  }
  return events;
}

interface Context {
  text: string;
  tokens: Token[];
  sentence: Sentence;
  /** Where the current verb's subject can begin: after the previous verb or quotation. */
  clauseStart: number;
  /** Where a subject after the verb must end: the next verb, quotation or the sentence's end. */
  clauseEnd: number;
  /** No speech verb came earlier in the sentence. */
  first: boolean;
}

function isCue(text: string, tokens: Token[], k: number): boolean {
  const word = tokens[k]!.lower;
  if (speechVerbForm(word) || framingVerbForm(word)) return true;
  return participleOfSpeech(word) && /,\s*$/.test(text.slice(tokens[k - 1]?.end ?? 0, tokens[k]!.start));
}

function eventAt(context: Context, k: number): SpeechEvent | null {
  const { text, tokens, sentence, clauseEnd } = context;
  const token = tokens[k]!;
  if (token.lower === 'according' && tokens[k + 1]?.lower === 'to') {
    return { at: token.start, ref: subjectAfter(text, tokens[k + 1]!.end, clauseEnd), words: 0 };
  }
  if ((token.cap && token.start !== sentence.start) || usedAsNoun(tokens, k) || inRelativeClause(tokens, k)) return null;
  const speech = speechVerbForm(token.lower) ?? (participleOfSpeech(token.lower) ? 'participle' : null);
  if (speech && !hasObject(text, tokens, k)) return verbEvent(context, k, speech, false);
  const framing = framingVerbForm(token.lower);
  if (!framing || (isDocumentVerb(token.lower) && !documentFollows(tokens, k))) return null;
  return verbEvent(context, k, framing, true);
}

function verbEvent({ text, tokens, sentence, clauseStart, clauseEnd, first }: Context, k: number, form: 'finite' | 'participle', forward: boolean): SpeechEvent {
  const token = tokens[k]!;
  const flag = forward ? { forward } : {};
  if (form === 'participle') {
    // "…, saying “…”": the subject of the clause the participle hangs from.
    return { at: token.start, ref: first ? leadingSubject(text, sentence.start, token.start) : 'previous', words: 0, ...flag };
  }
  const subject = subjectBefore(text, clauseStart, token.start);
  if (subject.mode === 'coordinated') return { at: token.start, ref: 'previous', words: 0, ...flag };
  if (subject.mode === 'inverted' || (!forward && !namesSomeone(subject.ref) && invertedAfterClause(text, tokens, k, clauseEnd))) {
    return { at: token.start, ref: subjectAfter(text, token.end, clauseEnd), words: 0, ...flag };
  }
  return { at: token.start, ref: subject.ref, words: subject.words, ...flag };
}

/** "Maria Delgado, president of Local 17, told The Associated Press": the subject is before the verb. */
function namesSomeone(ref: SpeakerRef): boolean {
  return ref.kind === 'name' || ref.kind === 'pronoun' || (ref.kind === 'role' && (ref.nounKind !== 'person' || isPersonNoun(ref.noun)));
}

/** "issued the following statement", "posted a message on X": a document within three words. */
function documentFollows(tokens: Token[], k: number): boolean {
  return tokens.slice(k + 1, k + 4).some((t) => DOCUMENT_NOUNS.has(t.lower));
}

/**
 * "Europe's leaders can do little to prepare, said Monten.": after a clause and a comma, the
 * verb comes before its subject, which is a name or a person noun and ends the sentence or is
 * followed only by its appositive. "Trone, co-chair, said China is the source" is not one.
 */
function invertedAfterClause(text: string, tokens: Token[], k: number, clauseEnd: number): boolean {
  if (!/,\s*$/.test(text.slice(tokens[k - 1]?.end ?? 0, tokens[k]!.start))) return false;
  const rest = text.slice(tokens[k]!.end, clauseEnd);
  const part = /^[^,;.]*(?:\.(?=\S)[^,;.]*)*/u.exec(rest)?.[0] ?? '';
  const after = rest.slice(part.length);
  if (!/^\s*(?:[,.;]|$)/.test(after)) return false;
  const words = part.trim().split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 8) return false;
  if (words.some((w) => FINITE.has(w.toLowerCase()))) return false;
  if (words.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.has(w))) return true;
  return DETERMINERS.has(words[0]!.toLowerCase()) && words.some((w) => isPersonNoun(w.toLowerCase()));
}

const FINITE = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'can', 'may', 'might', 'must', 'did', 'does']);
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'al', 'bin', 'la', 'le', 'da', 'of', 'the', 'and']);

const NOUN_MARKERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);

/** "the reported deaths", "its stated goal", "the court's stated reason": not a verb. */
function usedAsNoun(tokens: Token[], k: number): boolean {
  const before = tokens[k - 1];
  return before !== undefined && (NOUN_MARKERS.has(before.lower) || before.possessive);
}

/** "China added six precursors", "has described the problem": a verb with an object is not speech. */
function hasObject(text: string, tokens: Token[], k: number): boolean {
  const next = tokens[k + 1];
  if (!next || !takesObject(tokens[k]!.lower) || !/^\s+$/.test(text.slice(tokens[k]!.end, next.start))) return false;
  return OBJECT_OPENERS.has(next.lower) || /^\p{N}/u.test(next.text);
}

/** "a broker who asked not to be named": the verb of a relative clause, whose subject is outside it. */
function inRelativeClause(tokens: Token[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && AUXILIARIES.has(tokens[j]!.lower)) j--;
  const before = tokens[j]?.lower;
  return before === 'who' || before === 'which' || before === 'that';
}

/**
 * The events that can attribute a quotation (indexes into `events`, which are in text order):
 * the first after it (up to the next quotation) if it follows closely, then the nearest few
 * before it in the same sentence.
 */
export function candidateEvents(events: SpeechEvent[], quote: QuoteSpan, nextOpen: number): number[] {
  const firstAfter = firstEventFrom(events, quote.close);
  const candidates: number[] = [];
  const after = events[firstAfter];
  if (after && !after.forward && after.at < nextOpen && after.words <= MAX_GAP_WORDS) candidates.push(firstAfter);
  for (let i = firstEventFrom(events, quote.open) - 1; i >= 0 && candidates.length < MAX_CANDIDATES; i--) candidates.push(i);
  return candidates;
}

function firstEventFrom(events: SpeechEvent[], at: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "“…,” Maria Delgado, president of Local 17 of the Pacific Dockworkers Union, told …" is about the longest gap in practice. */
const MAX_GAP_WORDS = 25;
/** Verbs further back belong to other clauses; the bound also keeps a sentence of thousands of quotes linear. */
const MAX_CANDIDATES = 6;
