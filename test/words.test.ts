import { describe, expect, it } from 'vitest';
import { countWords } from '../shared/words.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['  spaced\n\nout  ', 2],
    // Abbreviations, hyphenated words, numbers with separators and elisions are one word each.
    ['U.S. officials', 2],
    ['rock-and-roll 3,000 tonnes', 3],
    ['l’État dit', 2],
    ['didn\'t — comment', 2],
    // Punctuation alone is no word.
    ['— … !', 0],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});
