import { describe, expect, it } from 'vitest';
import { call, tempLibrary } from '../test/helpers.js';
import { search } from './search.js';
import { preparedCount } from './statement-cache.js';
import { phrasesOf, RANK_LIMITS } from './search-window.js';

// A library of 300 claims holding "cartel", the later ones longer (so bm25, which prefers the
// short, ranks the early ones first), and a rare word in a few: small windows reach every edge
// the million-claim library reaches with the real ones.
function library() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Cartels' }).id;
  const ids: string[] = [];
  ctx.db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      const padding = i < 150 ? '' : ' with a long account of the route, the port, the trucks and the money behind it';
      ids.push(call(ctx, 'claims.create', { caseId, statement: `The cartel moved shipment ${i}${padding}.${i % 100 === 0 ? ' Manzanillo.' : ''}` }).id);
    }
  })();
  return { ctx, caseId, ids };
}

const small = { window: 40, prefixWindow: 40, budget: 10_000 };

describe('ranking a common word within a keystroke', () => {
  it('ranks every match when there are fewer than the window', () => {
    const { ctx } = library();
    const all = search(ctx.db, { query: 'cartel', types: ['claim'], limit: 10, limits: { ...small, window: 1_000 } });
    expect(all.narrowed).toBeUndefined();
    expect(all.unranked).toBeUndefined();
    expect(all.about).toBeUndefined();
    // The short early claims rank first over all 300.
    expect(all.hits[0]!.title).not.toContain('long account');
  });

  it('ranks only the newest matches past the window, says so, and estimates how many matched', () => {
    const { ctx, ids } = library();
    const got = search(ctx.db, { query: 'cartel', types: ['claim'], limit: 10, limits: small });
    expect(got.narrowed).toBe(true);
    expect(got.unranked).toBeUndefined();
    expect(got.hits).toHaveLength(10);
    const newest = new Set(ids.slice(-small.window));
    for (const h of got.hits) {
      expect(newest.has(h.id)).toBe(true);
      expect(h.title.toLowerCase()).toContain('cartel');
    }
    // Every claim matches and the rowids are dense: the estimate is the whole library.
    expect(got.about).toBe(300);
  });

  it('shows the newest matches unranked when even counting the word would cost too much', () => {
    const { ctx, ids } = library();
    const got = search(ctx.db, { query: 'cartel', types: ['claim'], limit: 10, limits: { ...small, budget: 100 } });
    expect(got.unranked).toBe(true);
    expect(got.narrowed).toBeUndefined();
    expect(got.hits.map((h) => h.id)).toEqual(ids.slice(-10).reverse());
    expect(got.about).toBe(300);
  });

  it('prepares its statements once, whatever the window\'s edge', () => {
    const { ctx, caseId } = library();
    const ask = () => search(ctx.db, { query: 'cartel', types: ['claim'], limit: 5, limits: small });
    expect(ask().narrowed).toBe(true);
    const prepared = preparedCount(ctx.db);
    // New claims move the window's edge: the same statements answer.
    for (let i = 0; i < 5; i++) {
      call(ctx, 'claims.create', { caseId, statement: `Another cartel claim ${i}` });
      ask();
    }
    expect(preparedCount(ctx.db) - prepared).toBe(0);
  });

  it('ranks a phrase and a prefix the same way', () => {
    const { ctx, ids } = library();
    const newest = new Set(ids.slice(-small.window));
    for (const query of ['"the cartel"', 'cart*']) {
      const got = search(ctx.db, { query, types: ['claim'], limit: 5, limits: small });
      expect(got.narrowed, query).toBe(true);
      for (const h of got.hits) expect(newest.has(h.id), query).toBe(true);
    }
  });

  it('when a filter leaves too few in the window, ranks every match if it can, else the newest that pass', () => {
    const { ctx, ids } = library();
    // Only the first claim is disputed: far outside the newest 40.
    call(ctx, 'claims.setStatus', { id: ids[0]!, revision: 1, status: 'disputed' });
    const ranked = search(ctx.db, { query: 'cartel status:disputed', types: ['claim'], limit: 10, limits: { ...small, budget: 50_000 } });
    expect(ranked.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(ranked.narrowed).toBeUndefined();
    expect(ranked.unranked).toBeUndefined();
    const newest = search(ctx.db, { query: 'cartel status:disputed', types: ['claim'], limit: 10, limits: { ...small, budget: 100 } });
    expect(newest.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(newest.unranked).toBe(true);
  });

  it('ranks a rare word among the common in full, whatever the window', () => {
    const { ctx, ids } = library();
    const got = search(ctx.db, { query: 'cartel manzanillo', types: ['claim'], limit: 10, limits: small });
    expect(got.narrowed).toBeUndefined();
    expect(got.hits.map((h) => h.id).sort()).toEqual([ids[0], ids[100], ids[200]].sort());
  });

  it('costs a phrase by its rarest word, not by its matches: a rare phrase of common words is shown newest first when reading it would cost too much', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Routes' }).id;
    const ids: string[] = [];
    ctx.db.transaction(() => {
      for (let i = 0; i < 300; i++) {
        // Every claim holds "moved" and "cartel"; three hold them side by side, in that order.
        const statement = i % 100 === 0 ? `Shipment ${i} was moved, cartel records say.` : `The cartel moved shipment ${i}.`;
        ids.push(call(ctx, 'claims.create', { caseId, statement }).id);
      }
    })();
    // Reading the phrase walks 300 records of its rarest word: past this budget, though only 3 match.
    const got = search(ctx.db, { query: '"moved cartel"', types: ['claim'], limit: 10, limits: { ...small, budget: 1_000 } });
    expect(got.unranked).toBe(true);
    expect(got.hits.map((h) => h.id)).toEqual([ids[200], ids[100], ids[0]]);
    // Fewer than asked for were found: that is the count, not an estimate of it.
    expect(got.about).toBe(3);
    // Within the budget, the same phrase is ranked in full.
    const ranked = search(ctx.db, { query: '"moved cartel"', types: ['claim'], limit: 10, limits: { ...small, budget: 10_000 } });
    expect(ranked.unranked).toBeUndefined();
    expect(ranked.hits.map((h) => h.id).sort()).toEqual([ids[0], ids[100], ids[200]].sort());
  });

  it('costs two words by the walk that finds where they meet, as well as their counting', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Routes' }).id;
    const ids: string[] = [];
    ctx.db.transaction(() => {
      for (let i = 0; i < 300; i++) {
        // Half hold "cartel", half "route"; three hold both.
        const statement = i % 100 === 0 ? `The cartel route ${i}.` : i % 2 ? `The cartel ${i}.` : `The route ${i}.`;
        ids.push(call(ctx, 'claims.create', { caseId, statement }).id);
      }
    })();
    // Counting the two is 300 records; finding the three steps through 150 of one and seeks in the other, twice.
    const got = search(ctx.db, { query: 'cartel route', types: ['claim'], limit: 10, limits: { ...small, budget: 500 } });
    expect(got.unranked).toBe(true);
    expect(got.hits.map((h) => h.id)).toEqual([ids[200], ids[100], ids[0]]);
    const ranked = search(ctx.db, { query: 'cartel route', types: ['claim'], limit: 10, limits: { ...small, budget: 2_000 } });
    expect(ranked.unranked).toBeUndefined();
    expect(ranked.hits.map((h) => h.id).sort()).toEqual([ids[0], ids[100], ids[200]].sort());
  });

  it('keeps its defaults in proportion: a window ranks within the budget', () => {
    expect(RANK_LIMITS.window * 15).toBeLessThan(RANK_LIMITS.budget);
    expect(phrasesOf('("a b" OR "c"*) AND "a b" NOT "d"')).toEqual(['"a b"', '"c"*', '"d"']);
  });
});

describe('snippets of documents', () => {
  it('come from the head of the text when it holds a match, else from the whole text, marked either way (as FTS5 would pick them)', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Documents' }).id;
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');
    // The densest part, three matches, lies far past the head; one match is in the first line.
    const early = call(ctx, 'documents.create', { caseId, title: 'Early', text: `The cartel met once. ${filler(600)} cartel cartel cartel at the end.` }).id;
    const late = call(ctx, 'documents.create', { caseId, title: 'Late', text: `${filler(600)} only here the cartel appears.` }).id;
    const got = search(ctx.db, { query: 'cartel', types: ['document'], limit: 10 });
    const snippet = (id: string) => got.hits.find((h) => h.id === id)!.snippet;
    expect(snippet(early)).toContain('The \u0002cartel\u0003 met once');
    expect(snippet(late)).toContain('the \u0002cartel\u0003 appears');
    // A document hit opens where its snippet's match is.
    expect(got.hits.find((h) => h.id === early)!.offset).toBe(4);
  });
});
