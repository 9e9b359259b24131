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

export function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    const start = from + m.index;
    let end = start + m[0].length;
    if (text[end] === '.' && end < to && keepsDot(m[0])) end++;
    const raw = text.slice(start, end);
    const possessive = /['’]s$/i.test(raw) && raw.length > 2;
    tokens.push({
      text: raw,
      lower: (possessive ? raw.slice(0, -2) : raw).toLowerCase(),
      start,
      end,
      cap: /^\p{Lu}/u.test(raw),
      possessive,
    });
  }
  return tokens;
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
