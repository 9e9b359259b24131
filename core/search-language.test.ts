import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_START } from '../db/index.js';
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
