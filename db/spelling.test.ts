import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, tempLibrary } from '../test/helpers.js';
import Database from './driver.js';
import type { DB } from './open.js';
import { lexicon, likelyDistance, reads, SPELLING_INDEXES, suggestSpelling, within, type Index } from './spelling.js';

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

describe('the words kept per index', () => {
  const claimsAsked = ['claims'] as const;
  const suggested = (db: DB, typed: string, indexes: readonly Index[] = claimsAsked) => suggestSpelling(db, typed, [typed], indexes)?.suggestion;

  it('takes in a saved record’s words from the segment it was written to, and reads no index again whole', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
    call(ctx, 'claims.create', { caseId, statement: 'Cargo seized at Marvolia' });
    call(ctx, 'documents.create', { caseId, title: 'Manifest', text: 'Ratecalmex shipping manifest' });
    expect(suggested(ctx.db, 'marvolai', SPELLING_INDEXES)).toBe('marvolia');
    const whole = reads.whole;
    const claim = call(ctx, 'claims.create', { caseId, statement: 'Zolpidemo tablets were seized' }).id;
    expect(suggested(ctx.db, 'zolpidemx')).toBe('zolpidemo');
    // Edited away: the word is still listed, but no record holds it now, so it is not offered.
    call(ctx, 'claims.update', { id: claim, statement: 'Quetzalcoatlo tablets were seized' });
    expect(suggested(ctx.db, 'zolpidemx')).toBeUndefined();
    expect(suggested(ctx.db, 'quetzalcoatla')).toBe('quetzalcoatlo');
    // A document saved: the claims' words are not read again, nor the documents' whole.
    call(ctx, 'documents.create', { caseId, title: 'Invoice', text: 'Fentanylo precursor invoice' });
    expect(suggested(ctx.db, 'fentanylx', SPELLING_INDEXES)).toBe('fentanylo');
    expect(suggested(ctx.db, 'fentanylx')).toBeUndefined();
    expect(reads.whole).toBe(whole);
  });

  it('answers as a connection that read every index whole just now, whatever was saved, edited or deleted', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
    const stems = ['marvolia', 'ratecalmex', 'zolpidemo', 'fentanyl', 'manzanillo'];
    const phrase = fc.array(fc.tuple(fc.constantFrom(...stems), fc.nat()), { minLength: 1, maxLength: 4 }).map((ws) => ws.map(([w, n]) => `${w.slice(0, 4 + (n % 5))}${'aeiou'[n % 5]}`).join(' '));
    const step = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), statement: phrase }),
      fc.record({ kind: fc.constant('update' as const), at: fc.nat(), statement: phrase }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('document' as const), text: phrase }),
    );
    const ids: string[] = [];
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.constantFrom(...stems), (steps, probe) => {
        for (const s of steps) {
          if (s.kind === 'create') ids.push(call(ctx, 'claims.create', { caseId, statement: s.statement }).id);
          else if (s.kind === 'document') call(ctx, 'documents.create', { caseId, title: 'Doc', text: s.text });
          else if (ids.length) {
            const id = ids[s.at % ids.length]!;
            if (s.kind === 'update') call(ctx, 'claims.update', { id, statement: s.statement });
            else {
              call(ctx, 'claims.delete', { id });
              ids.splice(ids.indexOf(id), 1);
            }
          }
        }
        const typed = `${probe.slice(0, -2)}${probe.at(-1)}${probe.at(-2)}x`;
        const fresh = new Database(ctx.libraryPath, { readonly: true }) as unknown as DB;
        try {
          for (const indexes of [claimsAsked, SPELLING_INDEXES]) expect(suggestSpelling(ctx.db, typed, [typed], indexes)).toEqual(suggestSpelling(fresh, typed, [typed], indexes));
        } finally {
          fresh.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
