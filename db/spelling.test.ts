import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lexicon, likelyDistance, within } from './spelling.js';

// Optimal string alignment (a transposition is one edit), written plainly: the reference.
const reference = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
};

// A word and the same word after a few random edits: words near each other, sharing beginnings.
const alphabet = [...'abcdefghijklmnopqrstuvwxyz0123456789éß-'];
const wordArb = fc.string({ unit: fc.constantFrom(...alphabet.slice(0, 8), ...alphabet), maxLength: 14 });
const edited = (word: fc.Arbitrary<string>) =>
  fc.tuple(word, fc.array(fc.tuple(fc.constantFrom('insert', 'delete', 'substitute', 'swap'), fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 3 })).map(([a, edits]) => {
    let b = a;
    for (const [op, at, c] of edits) {
      const i = b.length ? at % b.length : 0;
      if (op === 'insert') b = b.slice(0, i) + c + b.slice(i);
      else if (op === 'delete') b = b.slice(0, i) + b.slice(i + 1);
      else if (op === 'substitute') b = b.slice(0, i) + c + b.slice(i + 1);
      else if (i + 1 < b.length) b = b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2);
    }
    return b;
  });

/** Sorted as fts5vocab lists its terms (by their UTF-8 bytes, which for these letters is code point order). */
const sorted = (words: Iterable<string>) => [...new Set(words)].filter(Boolean).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

const walk = (words: string[], word: string, max: number) => {
  const out: [string, number][] = [];
  within(lexicon(words.map((w, i) => [w, i + 1] as const)), word, max, (term, docs) => out.push([term, docs]));
  return out;
};

describe('the lexicon walk', () => {
  it('finds exactly the words within the distance that comparing every word finds, with their counts', () => {
    // Words edited from a few stems, so many share their beginnings and lie near each other; the
    // word typed is a misspelling of one of them, or of anything.
    const vocabulary = fc.array(wordArb, { minLength: 1, maxLength: 6 }).chain((stems) => fc.array(edited(fc.constantFrom(...stems)), { maxLength: 60 }).map((ws) => sorted([...stems, ...ws])));
    const asked = vocabulary.filter((ws) => ws.length > 0).chain((words) => fc.tuple(fc.constant(words), fc.oneof(edited(fc.constantFrom(...words)), edited(wordArb)), fc.integer({ min: 0, max: 3 })));
    fc.assert(
      fc.property(asked, ([words, word, max]) => {
        const expected = words.flatMap((w, i) => (reference(word, w) <= max ? [[w, i + 1] as [string, number]] : []));
        expect(walk(words, word, max)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a word at the far ends of the list and of the distance', () => {
    const words = sorted(['a', 'ab', 'abc', 'brown', 'browne', 'fentanyl', 'x'.repeat(300), 'zzzz']);
    expect(walk(words, 'brwon', 1).map(([w]) => w)).toEqual(['brown']);
    expect(walk(words, 'brwon', 2).map(([w]) => w)).toEqual(['brown', 'browne']);
    expect(walk(words, 'fentanly', 1).map(([w]) => w)).toEqual(['fentanyl']);
    expect(walk(words, 'zzz', 1).map(([w]) => w)).toEqual(['zzzz']);
    expect(walk(words, 'x'.repeat(299) + 'y', 2).map(([w]) => w)).toEqual(['x'.repeat(300)]);
    expect(walk(words, 'b', 1).map(([w]) => w)).toEqual(['a', 'ab']);
    expect(walk([], 'brown', 2)).toEqual([]);
  });
});

describe('likely distance', () => {
  it('weighs edits by how people mistype', () => {
    expect(likelyDistance('brwon', 'brown')).toBeCloseTo(0.7); // swapped
    expect(likelyDistance('fentnyl', 'fentanyl')).toBeCloseTo(0.8); // left out
    expect(likelyDistance('fentannyl', 'fentanyl')).toBeCloseTo(0.6); // doubled
    expect(likelyDistance('fentsnyl', 'fentanyl')).toBeCloseTo(0.8); // s is next to a
    expect(likelyDistance('fentpnyl', 'fentanyl')).toBeCloseTo(1); // p is not
    expect(likelyDistance('cartel', 'cartel')).toBe(0);
  });

  it('is never more than the plain count of edits', () => {
    fc.assert(
      fc.property(fc.tuple(wordArb, wordArb), ([a, b]) => {
        expect(likelyDistance(a, b)).toBeLessThanOrEqual(reference(a, b) + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });
});
