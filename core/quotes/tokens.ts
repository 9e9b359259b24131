// Words of a stretch of text with their offsets. A word keeps inner apostrophes, hyphens, dots
// and ampersands (O’Brien, Felbab-Brown, U.S, AT&T), and takes a final full stop only when it is
// an abbreviation ("Rep.", "Corp.", "Calif.", "a.m.") or an initial, so "said." stays "said".

import {
  AMBIGUOUS_ABBREVIATIONS,
  NEVER_FINAL_ABBREVIATIONS,
  ORG_WORDS,
  PLACE_ABBREVIATIONS,
  TITLES,
} from './lexicon.js';

export interface Token {
  text: string;
  /** Lower case, without a possessive 's. */
  lower: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Ends in 's or ’s: "Lasko's attorney". */
  possessive: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.\-&][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

const DOTTED = new Set(
  [...NEVER_FINAL_ABBREVIATIONS, ...AMBIGUOUS_ABBREVIATIONS, ...PLACE_ABBREVIATIONS, ...TITLES, ...ORG_WORDS].filter((w) => w.endsWith('.')),
);

/**
 * The words of text[from, to). The whole text is read once and ranges are cut from it: the
 * extractor asks for many small overlapping windows around each verb and name, and reading
 * each afresh made long articles slow. A word whose abbreviation dot lies just past `to` is
 * returned without it.
 */
export function tokenize(text: string, from: number, to: number): Token[] {
  const all = allTokens(text);
  const out: Token[] = [];
  for (let i = firstAtOrAfter(all, from); i < all.length && all[i]!.start < to; i++) {
    const token = all[i]!;
    if (token.end <= to) out.push(token);
    else if (token.end === to + 1 && text[to] === '.') out.push(makeToken(text, token.start, to));
  }
  return out;
}

/** One text at a time: the extractor reads one article, then the next. */
let cache: { text: string; tokens: Token[] } | null = null;

function allTokens(text: string): Token[] {
  if (cache?.text !== text) cache = { text, tokens: readTokens(text) };
  return cache.tokens;
}

function firstAtOrAfter(tokens: Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const end = m.index + m[0].length;
    tokens.push(makeToken(text, m.index, text[end] === '.' && keepsDot(m[0]) ? end + 1 : end));
  }
  return tokens;
}

function makeToken(text: string, start: number, end: number): Token {
  const raw = text.slice(start, end);
  const lower = raw.toLowerCase();
  const possessive = raw.length > 2 && (lower.endsWith("'s") || lower.endsWith('’s'));
  return {
    text: raw,
    lower: possessive ? lower.slice(0, -2) : lower,
    start,
    end,
    // A letter that changes in lower case is a capital; digits and marks do not.
    cap: raw[0] !== lower[0],
    possessive,
  };
}

function keepsDot(word: string): boolean {
  const lower = `${word.toLowerCase()}.`;
  if (word.includes('.') || /^\p{L}$/u.test(word)) return true;
  return DOTTED.has(lower) || DOTTED.has(lower.slice(lower.lastIndexOf('-') + 1));
}

/** The text a token stands for in a name: without a possessive 's. */
export function nameText(token: Token): string {
  return token.possessive ? token.text.slice(0, -2) : token.text;
}
