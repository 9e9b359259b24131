// Quotation marks that hold no one's words: titles of works (the podcast “The Daily”, a report
// titled “Fentanyl Flows from China”) and terms or scare quotes (so-called “pre-precursors”,
// “know your customer” duties). The cues, in the order they are tried:
//   1. a term cue just before a short quotation: so-called, dubbed, known as, what they call;
//   2. a work cue just before or after: titled, the podcast, the report, “…,” a documentary;
//   3. a short quotation used as a modifier: followed directly by a noun ("“masked” precursors");
//   4. Title Case with no attribution in the sentence;
//   5. a short quotation (four words or fewer) with no attribution in the sentence, unless it is a
//      sentence of its own (“Then we counted again.”, which continues someone's quote).
// An attributed short quotation stays a claim: the union's demands were "not sustainable".

import {
  CLAUSE_CONTINUERS,
  DETERMINERS,
  OTHER_PRONOUNS,
  PERSON_PRONOUNS,
  TERM_CUES,
  TITLE_SMALL_WORDS,
  WORK_CUES,
  speechVerbForm,
} from './lexicon.js';
import { tokenize, type Token } from './tokens.js';
import type { QuoteSpan, Sentence } from './types.js';

export type QuoteUse = 'claim' | 'title' | 'term';

const SHORT = 4;
/** Titles of works are rarely longer; a quoted sentence after "memo:" usually is. */
const TITLE_LENGTH = 12;
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** How the quotation is attributed: by a speech verb, only by a framing verb ("praised", "called"), or not at all. */
export type Attributed = 'speech' | 'framed' | 'none';

export function quoteUse(text: string, span: QuoteSpan, sentence: Sentence, attribution: Attributed): QuoteUse {
  const attributed = attribution !== 'none';
  const words = text.slice(span.start, Math.min(span.end, span.start + 400)).match(WORD) ?? [];
  const titleCase = isTitleCase(words);
  const titleLike = titleCase || words.length <= 8;
  // Every rule below is about short or Title Case quotations: a long sentence is someone speaking.
  if (!titleLike && words.length > SHORT) return 'claim';
  const beforeTokens = tokenize(text, Math.max(sentence.start, span.open - 80), span.open).slice(-3);
  const before = beforeTokens.map((t) => t.lower);
  const afterEnd = Math.min(Math.max(sentence.end, span.close), span.close + 80);
  const after = text.slice(span.close, afterEnd);
  const nextWords = tokenize(text, span.close, afterEnd).slice(0, 6).map((t) => t.lower);

  if (words.length <= 6 && termCueBefore(beforeTokens)) return 'term';
  if (titleLike && workCueBefore(before)) return 'title';
  if (titleLike && workCueAfter(after, nextWords)) return 'title';
  if (words.length <= SHORT && modifiesNextWord(text.slice(span.start, span.end), after)) return 'term';
  if (attribution !== 'speech' && titleCase && words.length <= TITLE_LENGTH) return 'title';
  if (!attributed && words.length <= SHORT && !isSentence(text.slice(span.start, span.end), words)) return 'term';
  return 'claim';
}

/** “Then we counted again.”: a capitalised sentence is someone speaking, however short. */
function isSentence(inner: string, words: string[]): boolean {
  return words.length >= 2 && /^\p{Lu}/u.test(inner.trimStart()) && /[.!?…]['’"”]?\s*$/.test(inner);
}

/**
 * "the podcast", "a report titled", "The county's evacuation guide," — the title comes right
 * after the cue or after a naming word; not "the report said", "the report was “a smear”" or
 * "her campaign as “inspiring”".
 */
function workCueBefore(before: string[]): boolean {
  const cue = before.findLastIndex((w) => WORK_CUES.has(w));
  return cue >= 0 && before.slice(cue + 1).every((w) => NAMING_WORDS.has(w));
}

const NAMING_WORDS = new Set(['titled', 'entitled', 'called', 'named', 'dubbed']);

/**
 * so-called “pre-precursors”, names like “complete care”, known as “the Ring”: a term. But a
 * name or pronoun between "called" and the quotation is the one characterised, and the words are
 * the speaker's: called Trump “my friend”, called it “a disgrace”.
 */
function termCueBefore(before: Token[]): boolean {
  const [second, last] = before.slice(-2);
  if (!last) return false;
  if (TERM_CUES.has(last.lower)) return true;
  return second !== undefined && TERM_CUES.has(second.lower) && !CHARACTERISED.has(last.lower) && !last.cap;
}

const CHARACTERISED = new Set(['him', 'her', 'it', 'them', 'this', 'that', 'these', 'those', 'us', 'me', 'you']);

/** "“Fentanyl Road,” a documentary that …", "“…,” a 2018 report by …" — but not "a report said". */
function workCueAfter(after: string, next: string[]): boolean {
  const cue = next.slice(0, 4).findIndex((w) => WORK_CUES.has(w));
  return cue >= 0 && /^[\s,]*(?:a|an|the)\b/i.test(after) && !next.some((w) => speechVerbForm(w) === 'finite');
}

/**
 * “know your customer” duties: the quotation is followed straight away by the noun it modifies.
 * A quotation ending in punctuation (“We are ready,” the mayor said) is a sentence, not a modifier.
 */
function modifiesNextWord(inner: string, after: string): boolean {
  const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(after)?.[1];
  if (!next || /[.,;:!?…]\s*$/.test(inner)) return false;
  return !CLAUSE_CONTINUERS.has(next) && !DETERMINERS.has(next) && !PERSON_PRONOUNS.has(next) && !OTHER_PRONOUNS.has(next) && !speechVerbForm(next);
}

/** "Port Disruption and the Regional Economy", "Ready, Set, Go!": every content word capitalised. */
function isTitleCase(words: string[]): boolean {
  const content = words.filter((w, i) => i === 0 || !TITLE_SMALL_WORDS.has(w.toLowerCase()));
  return content.length >= 2 && content.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}
