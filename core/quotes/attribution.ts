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

import { AUXILIARIES, OBJECT_OPENERS, speechVerbForm, takesObject } from './lexicon.js';
import { leadingSubject, subjectAfter, subjectBefore, type SpeakerRef } from './phrases.js';
import { tokenize, type Token } from './tokens.js';
import type { QuoteSpan, Sentence } from './types.js';

export interface SpeechEvent {
  /** Offset of the verb (or of "according"). */
  at: number;
  /** The speaker phrase, or 'previous' when the verb shares the subject of the event before it. */
  ref: SpeakerRef | 'previous';
  /** Words between the quotation and the verb: a long gap means the verb belongs to another clause. */
  words: number;
}

interface Segment {
  start: number;
  end: number;
}

/** The stretches of a sentence outside its quotations. */
export function segmentsOutside(sentence: Sentence, quotes: QuoteSpan[]): Segment[] {
  const segments: Segment[] = [];
  let from = sentence.start;
  for (const q of quotes) {
    if (q.open > from) segments.push({ start: from, end: q.open });
    from = Math.max(from, q.close);
  }
  if (sentence.end > from) segments.push({ start: from, end: sentence.end });
  return segments;
}

export function findSpeechEvents(text: string, sentence: Sentence, quotes: QuoteSpan[]): SpeechEvent[] {
  const events: SpeechEvent[] = [];
  for (const segment of segmentsOutside(sentence, quotes)) {
    const tokens = tokenize(text, segment.start, segment.end);
    let clauseStart = segment.start;
    tokens.forEach((token, k) => {
      const context: Context = { text, tokens, segment, sentence, clauseStart, first: events.length === 0 };
      const event = eventAt(context, k);
      if (!event) return;
      events.push(event);
      clauseStart = tokens[k + (token.lower === 'according' ? 1 : 0)]!.end;
    });
  }
  return events;
}

interface Context {
  text: string;
  tokens: Token[];
  segment: Segment;
  sentence: Sentence;
  /** Where the current verb's subject can begin: after the previous verb or quotation. */
  clauseStart: number;
  /** No speech verb came earlier in the sentence. */
  first: boolean;
}

function eventAt({ text, tokens, segment, sentence, clauseStart, first }: Context, k: number): SpeechEvent | null {
  const token = tokens[k]!;
  if (token.lower === 'according' && tokens[k + 1]?.lower === 'to') {
    return { at: token.start, ref: subjectAfter(text, tokens[k + 1]!.end, segment.end), words: 0 };
  }
  const form = speechVerbForm(token.lower);
  if (!form || (token.cap && token.start !== sentence.start) || usedAsNoun(tokens, k) || hasObject(text, tokens, k) || inRelativeClause(tokens, k)) return null;
  if (form === 'participle') {
    // "…, saying “…”": the subject of the clause the participle hangs from.
    return { at: token.start, ref: first ? leadingSubject(text, sentence.start, token.start) : 'previous', words: 0 };
  }

  const subject = subjectBefore(text, clauseStart, token.start);
  if (subject.mode === 'coordinated') return { at: token.start, ref: 'previous', words: 0 };
  if (subject.mode === 'inverted') return { at: token.start, ref: subjectAfter(text, token.end, segment.end), words: 0 };
  return { at: token.start, ref: subject.ref, words: subject.words };
}

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
 * The events that can attribute a quotation: the first after it (up to the next quotation) if
 * it follows closely, then the last before it in the same sentence.
 */
export function candidateEvents(events: SpeechEvent[], quote: QuoteSpan, nextOpen: number): SpeechEvent[] {
  const after = events.filter((e) => e.at >= quote.close && e.at < nextOpen && e.words <= MAX_GAP_WORDS);
  const before = events.filter((e) => e.at < quote.open).reverse();
  return [...after.slice(0, 1), ...before];
}

/** "“…,” Maria Delgado, president of Local 17 of the Pacific Dockworkers Union, told …" is about the longest gap in practice. */
const MAX_GAP_WORDS = 25;
