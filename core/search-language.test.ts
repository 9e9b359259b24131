import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_START } from '../db/index.js';
import fc from 'fast-check';
import { editDistance, letters, likelyDistance } from '../db/spelling.js';
import { call, callError, tempLibrary } from '../test/helpers.js';

function demo() {
  const ctx = tempLibrary();
  const { caseId } = call(ctx, 'demo.load', {});
  const q = (query: string, more: Record<string, unknown> = {}) => call(ctx, 'search.query', { query, caseId, limit: 100, ...more });
  return { ctx, caseId, q };
}

describe('search.query, the query language', () => {
  it('filters by source, status, type, date, tag and case', () => {
    const { ctx, caseId, q } = demo();
    const pardo = q('source:pardo');
    expect(pardo.hits.length).toBeGreaterThan(0);
    expect(pardo.hits.every((h) => (h.type === 'claim' && /flow like water|gaps/i.test(h.title)) || (h.type === 'source' && h.title === 'Bryce Pardo'))).toBe(true);
    const disputed = q('status:disputed');
    expect(disputed.hits.map((h) => h.type)).toEqual(disputed.hits.map(() => 'claim'));
    const listed = call(ctx, 'claims.list', { caseId, status: ['disputed'] }).items.map((c) => c.id).sort();
    expect(disputed.hits.map((h) => h.id).sort()).toEqual(listed);
    expect(q('type:document china').hits.every((h) => h.type === 'document')).toBe(true);
    const early = q('type:claim before:2021-06');
    for (const h of early.hits) expect(call(ctx, 'claims.get', { id: h.id }).claim.saidOn! < '2021-06').toBe(true);
    const late = q('type:claim after:2021-12');
    expect(late.hits.length).toBeGreaterThan(0);
    for (const h of late.hits) expect(call(ctx, 'claims.get', { id: h.id }).claim.saidOn! >= '2021-12').toBe(true);
    const tagged = q('tag:china type:claim');
    for (const h of tagged.hits) expect(call(ctx, 'claims.get', { id: h.id }).claim.tags).toContain('china');
    expect(q('case:"precursor" embassy', { caseId: undefined }).hits.every((h) => h.caseId === caseId)).toBe(true);
    expect(q('case:nonexistent embassy', { caseId: undefined }).hits).toEqual([]);
  });

  it('combines words, phrases, OR and exclusion', () => {
    const { q } = demo();
    const china = q('china type:claim').hits;
    expect(china.length).toBeGreaterThan(2);
    const withoutMexico = q('china -mexico type:claim').hits;
    expect(withoutMexico.length).toBeGreaterThan(0);
    expect(withoutMexico.length).toBeLessThan(china.length);
    expect(withoutMexico.every((h) => !/mexic/i.test(h.title))).toBe(true);
    expect(q('"open market" type:claim').hits.every((h) => /open market/i.test(h.title))).toBe(true);
    const either = q('grassley OR nadelmann type:source').hits.map((h) => h.title).sort();
    expect(either).toEqual(['Chuck Grassley', 'Ethan Nadelmann']);
  });

  it('suggests and searches the nearest indexed word when a word matches nothing', () => {
    const { q } = demo();
    const res = q('felbab brwon');
    expect(res.suggestion).toBe('felbab brown');
    expect(res.hits[0]).toMatchObject({ type: 'source', title: 'Vanda Felbab-Brown' });
    expect(q('fentanly').suggestion).toBe('fentanyl');
    expect(q('xqzvvy').suggestion).toBeUndefined();
    expect(q('fentanyl').suggestion).toBeUndefined();
  });

  it('while typing, matches the word being typed as a prefix, and corrects it when that finds nothing', () => {
    const { q } = demo();
    const typed = q('grassl', { typing: true });
    expect(typed.typed).toBe(true);
    expect(typed.match).toBe('"grassl"*');
    expect(typed.hits.some((h) => h.title === 'Chuck Grassley')).toBe(true);
    expect(typed.suggestion).toBeUndefined();
    // Entered (not typing): the whole word, which nothing holds, so it is corrected.
    expect(q('grassl')).toMatchObject({ match: '"grassley"' });
    expect(q('grassl').suggestion).toBeDefined();
    // A space ends the word: whole again, with its correction.
    expect(q('fentanly ', { typing: true })).toMatchObject({ suggestion: 'fentanyl' });
    expect(q('fentanly ', { typing: true }).typed).toBeUndefined();
    // A typo in the word being typed: the prefix finds nothing, so the word is corrected.
    const typo = q('fentanly', { typing: true });
    expect(typo.suggestion).toBe('fentanyl');
    expect(typo.hits.length).toBeGreaterThan(0);
    // A single letter, a phrase, a filter or an exclusion is never made a prefix.
    for (const text of ['f', 'china "open market"', 'china status:disputed', 'china -mexico', 'china Felbab-Brown']) {
      expect(q(text, { typing: true }).typed, text).toBeUndefined();
    }
    expect(q('china OR grassl', { typing: true }).match).toBe('("china" OR "grassl"*)');
    expect(q('chuck grassl', { typing: true }).hits[0]).toMatchObject({ type: 'source', title: 'Chuck Grassley' });
  });

  it('opens a document hit at its match and an excerpt at its passage', () => {
    const { ctx, q } = demo();
    for (const h of q('open market').hits) {
      if (h.type !== 'document' && h.type !== 'excerpt') continue;
      const documentId = h.type === 'document' ? h.id : h.documentId!;
      const text = call(ctx, 'documents.get', { id: documentId }).document.text;
      const word = h.snippet.split(HIGHLIGHT_START)[1]!.split('\u0003')[0]!;
      expect(h.offset).not.toBeNull();
      if (h.type === 'document') expect(text.slice(h.offset!, h.offset! + word.length).toLowerCase()).toBe(word.toLowerCase());
      else expect(text.slice(h.offset!)).toMatch(/^\S/);
    }
  });

  it('breaks ties by recency', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'T' }).id;
    const older = call(ctx, 'claims.create', { caseId, statement: 'Identical words here' }).id;
    const newer = call(ctx, 'claims.create', { caseId, statement: 'Identical words here' }).id;
    call(ctx, 'claims.update', { id: newer, tags: ['x'] });
    expect(call(ctx, 'search.query', { query: 'identical' }).hits.map((h) => h.id)).toEqual([newer, older]);
  });
});

describe('saved searches', () => {
  it('are kept per case by name, replaced by name, and forgotten on request', () => {
    const { ctx, caseId } = demo();
    call(ctx, 'searches.save', { caseId, name: 'Disputed', query: 'status:disputed' });
    const again = call(ctx, 'searches.save', { caseId, name: 'disputed', query: 'status:disputed -embassy' });
    call(ctx, 'searches.save', { caseId, name: 'Embassy', query: 'embassy' });
    expect(call(ctx, 'searches.list', { caseId }).map((s) => [s.name, s.query])).toEqual([
      ['disputed', 'status:disputed -embassy'],
      ['Embassy', 'embassy'],
    ]);
    call(ctx, 'searches.delete', { id: again.id });
    expect(call(ctx, 'searches.list', { caseId }).map((s) => s.name)).toEqual(['Embassy']);
    expect(callError(ctx, 'searches.delete', { id: again.id }).code).toBe('NOT_FOUND');
    expect(callError(ctx, 'searches.save', { caseId, name: 'Empty', query: '' }).code).toBe('BAD_INPUT');
  });
});

describe('edit distance', () => {
  it('counts a transposition as one edit and gives up past the limit', () => {
    expect(editDistance('brwon', 'brown', 2)).toBe(1);
    expect(editDistance('fentanly', 'fentanyl', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('weighs edits by how people mistype', () => {
    expect(likelyDistance('brwon', 'brown')).toBeCloseTo(0.7); // swapped
    expect(likelyDistance('fentnyl', 'fentanyl')).toBeCloseTo(0.8); // left out
    expect(likelyDistance('fentannyl', 'fentanyl')).toBeCloseTo(0.6); // doubled
    expect(likelyDistance('fentsnyl', 'fentanyl')).toBeCloseTo(0.8); // s is next to a
    expect(likelyDistance('fentpnyl', 'fentanyl')).toBeCloseTo(1); // p is not
    expect(likelyDistance('cartel', 'cartel')).toBe(0);
    // Never more than the plain count of edits.
    for (const [a, b] of [['ratecamex', 'ratenamex'], ['abc', 'xyz'], ['', 'abc'], ['abc', '']]) expect(likelyDistance(a!, b!)).toBeLessThanOrEqual(editDistance(a!, b!, 9));
  });

  // Words near each other: a word and the same word after a few random edits.
  const alphabet = [...'abcdefghijklmnopqrstuvwxyz0123456789éß-'];
  const near = fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 14 }),
      fc.array(fc.tuple(fc.constantFrom('insert', 'delete', 'substitute', 'swap'), fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 3 }),
    )
    .map(([a, edits]) => {
      let b = a;
      for (const [op, at, c] of edits) {
        const i = b.length ? at % b.length : 0;
        if (op === 'insert') b = b.slice(0, i) + c + b.slice(i);
        else if (op === 'delete') b = b.slice(0, i) + b.slice(i + 1);
        else if (op === 'substitute') b = b.slice(0, i) + c + b.slice(i + 1);
        else if (i + 1 < b.length) b = b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2);
      }
      return [a, b] as const;
    });

  // Optimal string alignment, written plainly: the reference for the fast version.
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

  it('agrees with the plain algorithm, up to the limit, whatever the lengths (its rows are reused)', () => {
    fc.assert(
      fc.property(near, fc.integer({ min: 0, max: 4 }), ([a, b], max) => {
        const expected = reference(a, b);
        expect(editDistance(a, b, max)).toBe(expected <= max ? expected : max + 1);
      }),
      { numRuns: 3000 },
    );
    expect(editDistance('x'.repeat(300), 'x'.repeat(299) + 'y', 2)).toBe(1);
  });

  it('never filters out a word within the distance: the letter sets of words k edits apart differ in at most 2k bits', () => {
    const bits = (x: number) => (x >>> 0).toString(2).replaceAll('0', '').length;
    fc.assert(
      fc.property(near, ([a, b]) => {
        expect(bits(letters(a) ^ letters(b))).toBeLessThanOrEqual(2 * reference(a, b));
      }),
      { numRuns: 3000 },
    );
  });
});
