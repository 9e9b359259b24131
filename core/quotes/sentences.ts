// Sentences of an article, with quotations read as opaque: a quotation of three sentences sits
// inside one sentence of the article together with its attribution ("…,” Trone said.), which is
// the unit a reporter reads a quote in and the unit attribution is searched in.
//
// A sentence ends at . ! ? or … followed by a space and something that can start a sentence (a
// capital, a digit, an opening mark), unless the full stop belongs to an abbreviation:
//   - titles, "St.", "No.", months: never final ("Rep. Trone", "Jan. 12");
//   - "U.S.", "D.C.", "Inc.", "Corp.": final only before a word that starts sentences ("… in the
//     U.S. The …") or an opening quotation mark;
//   - states ("Md.", "Calif."): final before any capitalised word ("Towson, Md. Prosecutors say");
//   - "a.m."/"p.m.": final before a capitalised word that is not a day ("6 a.m. Workers carried").
// A quotation that ends a sentence inside its marks (“… today.”) ends the article's sentence
// too, unless an attribution follows (“Where is the money?” Whitaker asked.).

import {
  AMBIGUOUS_ABBREVIATIONS,
  MONTHS_AND_DAYS,
  NEVER_FINAL_ABBREVIATIONS,
  SENTENCE_STARTERS,
  speechVerbForm,
} from './lexicon.js';
import type { Paragraph } from './paragraphs.js';
import type { QuoteSpan, Sentence } from './types.js';

const TERMINAL = /[.!?…]/;
const CLOSERS = /[)\]’'”"]/;
const STARTS_SENTENCE = /[\p{Lu}\p{N}“‘"'([]/u;

export function segmentSentences(text: string, spans: QuoteSpan[], paragraphs: Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  let spanAt = 0;
  let paragraphAt = 0;
  let start = paragraphs[0]?.start ?? 0;

  const cut = (end: number, next: number) => {
    pushSentence(sentences, text, start, end, paragraphIndex(paragraphs, start));
    start = next;
  };

  // Jump from one place that can end a sentence to the next: a quotation, a paragraph's end, a
  // full stop, question or exclamation mark, or an ellipsis.
  const terminals = /[.!?…]/g;
  let terminal = -1;
  for (let i = start; i < text.length; ) {
    while (spanAt < spans.length && spans[spanAt]!.open < i) spanAt++;
    const span = spans[spanAt];
    const paragraph = paragraphs[paragraphAt];
    if (terminal < i) {
      // Searched again only once passed, so the text is read once however many quotes it has.
      terminals.lastIndex = i;
      terminal = terminals.exec(text)?.index ?? Infinity;
    }
    const next = Math.min(span?.open ?? Infinity, paragraph?.end ?? Infinity, terminal);
    if (next === Infinity) break;

    if (span && span.open === next) {
      i = span.close;
      // In one-paragraph-per-line text a quotation may cross line breaks: those lines join it.
      while (paragraphs[paragraphAt] && paragraphs[paragraphAt]!.end < span.close) paragraphAt++;
      if (quoteEndsSentence(text, span, /\S/.test(text.slice(start, span.open)))) cut(span.close, span.close);
    } else if (paragraph && paragraph.end === next) {
      cut(paragraph.end, paragraphs[paragraphAt + 1]?.start ?? text.length);
      paragraphAt++;
      i = start;
    } else {
      if (punctuationEndsSentence(text, next)) cut(next + 1, next + 1);
      i = next + 1;
    }
  }
  if (start < text.length) pushSentence(sentences, text, start, text.length, paragraphIndex(paragraphs, start));
  return sentences;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number, paragraph: number) {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, paragraph });
}

function paragraphIndex(paragraphs: Paragraph[], at: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The character after `from` past closing marks and at least one space, or null when no space follows. */
function nextStart(text: string, from: number): { at: number; char: string } | null {
  let j = from;
  while (j < text.length && (CLOSERS.test(text[j]!) || TERMINAL.test(text[j]!))) j++;
  if (j >= text.length || !/\s/.test(text[j]!)) return null;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return j < text.length ? { at: j, char: text[j]! } : null;
}

function nextWord(text: string, at: number): string {
  return /^[\p{L}.]+/u.exec(text.slice(at, at + 40))?.[0] ?? '';
}

function punctuationEndsSentence(text: string, i: number): boolean {
  // Only the last mark of a run ("?!", "...") decides.
  if (TERMINAL.test(text[i + 1] ?? '')) return false;
  const next = nextStart(text, i + 1);
  if (!next || !STARTS_SENTENCE.test(next.char)) return false;
  if (text[i] !== '.') return true;

  const word = wordEndingAt(text, i).toLowerCase();
  const following = nextWord(text, next.at);
  const opensQuote = /[“‘"']/.test(next.char);
  if (NEVER_FINAL_ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}\.$/u.test(word)) return false; // an initial: "John F. Kennedy"
  if (word === 'a.m.' || word === 'p.m.') return opensQuote || (/^\p{Lu}/u.test(following) && !MONTHS_AND_DAYS.has(following.toLowerCase()));
  if (AMBIGUOUS_ABBREVIATIONS.has(word)) return opensQuote || SENTENCE_STARTERS.has(following.toLowerCase());
  return true; // an ordinary word, or a state ("Towson, Md. Prosecutors say")
}

/** The word a full stop at `i` ends, with its inner dots: "U.S.", "a.m.", "Calif.". */
function wordEndingAt(text: string, i: number): string {
  let j = i;
  while (j > 0 && /[\p{L}.]/u.test(text[j - 1]!)) j--;
  return text.slice(j, i + 1);
}

/**
 * A quotation ending in a full stop ends the sentence unless an attribution follows (“Where is
 * the money?” Whitaker asked.). One set inside a sentence (the outbreak was “under control.” The
 * Kremlin said …) ends it whatever follows: an attribution after it would have taken a comma.
 */
function quoteEndsSentence(text: string, span: QuoteSpan, embedded: boolean): boolean {
  if (span.runsOn) return true;
  let k = span.end;
  while (k > span.start && (/\s/.test(text[k - 1]!) || CLOSERS.test(text[k - 1]!))) k--;
  if (!TERMINAL.test(text[k - 1] ?? '')) return false;
  const next = nextStart(text, span.close);
  if (!next || !STARTS_SENTENCE.test(next.char)) return false;
  if (embedded && text[k - 1] === '.') return true;
  return !attributionFollows(text, next.at);
}

/** "Whitaker asked", "the researcher said", "he added": a speech verb among the next few words. */
function attributionFollows(text: string, at: number): boolean {
  const words = text.slice(at, at + 80).split(/[\s,]+/).slice(0, 5);
  for (const w of words) {
    if (/[.!?;:“”"]/.test(w.slice(0, -1))) return false;
    if (speechVerbForm(w.replace(/[^\p{L}]/gu, '')) === 'finite') return true;
    if (/[.!?;:]$/.test(w)) return false;
  }
  return false;
}

export interface Segment {
  start: number;
  end: number;
}

/** The stretches of a sentence outside its quotations: where attributions and names are read. */
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
