// Quotation marks that hold no one's words: titles of works (the podcast “The Daily”, a report
// titled “Fentanyl Flows from China”) and terms or scare quotes (so-called “pre-precursors”,
// “know your customer” duties). The cues, in the order they are tried:
//   1. a term cue just before a short quotation: so-called, dubbed, known as, what they call;
//   2. a work cue just before or after: titled, the podcast, the report, “…,” a documentary;
//   3. a short quotation used as a modifier: followed directly by a noun ("“masked” precursors");
//   4. Title Case with no attribution in the sentence;
//   5. a short quotation (four words or fewer) with no attribution in the sentence.
// An attributed short quotation stays a claim: the union's demands were "not sustainable".

import {
  CLAUSE_CONTINUERS,
  OTHER_PRONOUNS,
  PERSON_PRONOUNS,
  TERM_CUES,
  TITLE_SMALL_WORDS,
  WORK_CUES,
  speechVerbForm,
} from './lexicon.js';
import type { QuoteSpan, Sentence } from './types.js';

export type QuoteUse = 'claim' | 'title' | 'term';

const SHORT = 4;
/** Titles of works are rarely longer; a quoted sentence after "memo:" usually is. */
const TITLE_LENGTH = 12;
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

export function quoteUse(text: string, span: QuoteSpan, sentence: Sentence, attributed: boolean): QuoteUse {
  const words = text.slice(span.start, span.end).match(WORD) ?? [];
  const before = lowerWords(text.slice(Math.max(sentence.start, span.open - 80), span.open)).slice(-3);
  const after = text.slice(span.close, Math.min(Math.max(sentence.end, span.close), span.close + 80));
  const titleCase = isTitleCase(words);
  const titleLike = titleCase || words.length <= 8;

  if (words.length <= 6 && before.slice(-2).some((w) => TERM_CUES.has(w))) return 'term';
  if (titleLike && workCueBefore(before)) return 'title';
  if (titleLike && workCueAfter(after)) return 'title';
  if (words.length <= SHORT && modifiesNextWord(after)) return 'term';
  if (!attributed && titleCase && words.length <= TITLE_LENGTH) return 'title';
  if (!attributed && words.length <= SHORT) return 'term';
  return 'claim';
}

function lowerWords(s: string): string[] {
  return (s.match(WORD) ?? []).map((w) => w.toLowerCase());
}

/** "the podcast", "a report titled", "The county's evacuation guide," — but not "the report said". */
function workCueBefore(before: string[]): boolean {
  const cue = before.findLastIndex((w) => WORK_CUES.has(w));
  return cue >= 0 && !before.slice(cue + 1).some((w) => speechVerbForm(w) === 'finite');
}

/** "“Fentanyl Road,” a documentary that …", "“…,” a 2018 report by …" — but not "a report said". */
function workCueAfter(after: string): boolean {
  const next = lowerWords(after.replace(/^[\s,]+/, '')).slice(0, 6);
  const cue = next.slice(0, 4).findIndex((w) => WORK_CUES.has(w));
  return cue >= 0 && /^[\s,]*(?:a|an|the)\b/i.test(after) && !next.some((w) => speechVerbForm(w) === 'finite');
}

/** “know your customer” duties: the quotation is followed straight away by the noun it modifies. */
function modifiesNextWord(after: string): boolean {
  const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(after)?.[1];
  if (!next) return false;
  return !CLAUSE_CONTINUERS.has(next) && !PERSON_PRONOUNS.has(next) && !OTHER_PRONOUNS.has(next) && !speechVerbForm(next);
}

/** "Port Disruption and the Regional Economy", "Ready, Set, Go!": every content word capitalised. */
function isTitleCase(words: string[]): boolean {
  const content = words.filter((w, i) => i === 0 || !TITLE_SMALL_WORDS.has(w.toLowerCase()));
  return content.length >= 2 && content.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}
