import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import type { Input } from '../core/api.js';
import { call, callError, tempLibrary } from '../test/helpers.js';
import { EXACT_COUNT_LIMIT } from './claim-counts.js';

const STATUSES = ['unverified', 'verified', 'disputed'] as const;

/** n claims in one case: every third verified, some undated, dates repeating (ties to break). */
function library(n: number): { ctx: Context; caseId: string; ids: string[] } {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Many' }).id;
  const other = call(ctx, 'cases.create', { title: 'Other' }).id;
  const ids: string[] = [];
  ctx.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const saidOn = i % 7 === 0 ? undefined : `2021-0${1 + (i % 5)}`;
      const word = i % 4 === 0 ? 'cartel' : 'harbour';
      ids.push(call(ctx, 'claims.create', { caseId, statement: `Claim ${i} about the ${word}`, ...(saidOn ? { saidOn } : {}), status: STATUSES[i % 3] }).id);
      // Claims of another case between them: a page never strays into it.
      if (i % 10 === 0) call(ctx, 'claims.create', { caseId: other, statement: `Elsewhere ${i} about the cartel` });
    }
  })();
  return { ctx, caseId, ids };
}

type ListInput = Input<'claims.list'>;

/** The whole list read by keyset pages of `size`, each after the last of the one before. */
function byKeyset(ctx: Context, input: ListInput, size: number): string[] {
  const out: string[] = [];
  for (;;) {
    const page = call(ctx, 'claims.list', { ...input, limit: size, ...(out.length ? { after: out.at(-1)! } : {}) });
    out.push(...page.items.map((c) => c.id));
    if (page.items.length < size) return out;
  }
}

describe('claims.list at scale', () => {
  it('reads on after a claim in every order exactly as by offset: no row lost, none twice', () => {
    const { ctx, caseId } = library(120);
    for (const sort of ['created', 'updated', 'saidOn', 'status'] as const) {
      for (const descending of [false, true]) {
        const input = { caseId, sort, descending };
        const whole = call(ctx, 'claims.list', { ...input, limit: 1000 }).items.map((c) => c.id);
        expect(whole).toHaveLength(120);
        expect(byKeyset(ctx, input, 7), `${sort} ${descending ? 'desc' : 'asc'}`).toEqual(whole);
        // With a filter too.
        const verified = { ...input, status: ['verified' as const] };
        expect(byKeyset(ctx, verified, 6)).toEqual(call(ctx, 'claims.list', { ...verified, limit: 1000 }).items.map((c) => c.id));
      }
    }
  });

  it('refuses to read on after a claim of another case', () => {
    const { ctx, caseId } = library(3);
    const elsewhere = call(ctx, 'claims.list', { caseId: call(ctx, 'cases.list', {}).find((c) => c.id !== caseId)!.id }).items[0]!.id;
    for (const sort of ['created', 'updated'] as const) expect(callError(ctx, 'claims.list', { caseId, sort, after: elsewhere }).code).toBe('NOT_FOUND');
  });

  it('counts a filter exactly up to the limit, estimates past it and says so, and counts anew after a change', () => {
    const { ctx, caseId } = library(EXACT_COUNT_LIMIT * 2 + 300);
    const all = call(ctx, 'claims.list', { caseId, limit: 1 });
    expect(all).toMatchObject({ total: EXACT_COUNT_LIMIT * 2 + 300 });
    expect(all.estimated).toBeUndefined();
    // Statuses alone are counted exactly on their index, however many.
    const verified = call(ctx, 'claims.list', { caseId, status: ['unverified', 'verified'], limit: 1 });
    const actual = call(ctx, 'claims.list', { caseId, status: ['disputed'], limit: 1 });
    expect(actual.estimated).toBeUndefined();
    expect(verified.estimated).toBeUndefined();
    const exact = EXACT_COUNT_LIMIT * 2 + 300 - actual.total;
    expect(verified.total).toBe(exact);
    // With another filter, past the limit: estimated within a tenth, and said to be.
    const dated = call(ctx, 'claims.list', { caseId, status: ['unverified', 'verified'], saidFrom: '2021-01', limit: 1 });
    expect(dated.estimated).toBe(true);
    const datedExact = Array.from({ length: EXACT_COUNT_LIMIT * 2 + 300 }, (_, i) => i).filter((i) => i % 7 !== 0 && i % 3 !== 2).length;
    expect(Math.abs(dated.total - datedExact) / datedExact).toBeLessThan(0.1);
    // Under the limit: exact.
    const few = call(ctx, 'claims.list', { caseId, status: ['disputed'], saidFrom: '2021-05', limit: 1 });
    expect(few.estimated).toBeUndefined();
    expect(few.total).toBe(call(ctx, 'claims.list', { caseId, status: ['disputed'], saidFrom: '2021-05', limit: 1000 }).items.length);
    // The case's count is kept between pages, and a new claim is counted.
    call(ctx, 'claims.create', { caseId, statement: 'One more' });
    expect(call(ctx, 'claims.list', { caseId, limit: 1 }).total).toBe(EXACT_COUNT_LIMIT * 2 + 301);
    expect(call(ctx, 'cases.list', {}).find((c) => c.id === caseId)!.counts.claims).toBe(EXACT_COUNT_LIMIT * 2 + 301);
  });

  it('filters by a common word claim by claim, every item matching, the total its share and said to be estimated', () => {
    const { ctx, caseId } = library(EXACT_COUNT_LIMIT * 2 + 300);
    const common = call(ctx, 'claims.list', { caseId, query: 'harbour', limit: 50 });
    expect(common.estimated).toBe(true);
    expect(common.items).toHaveLength(50);
    for (const c of common.items) expect(c.statement).toContain('harbour');
    const actual = (EXACT_COUNT_LIMIT * 2 + 300) * 0.75;
    expect(Math.abs(common.total - actual) / actual).toBeLessThan(0.1);
    // The keyset pages of a common word are the offset pages.
    const second = call(ctx, 'claims.list', { caseId, query: 'harbour', limit: 50, after: common.items.at(-1)!.id });
    expect(second.items.map((c) => c.id)).toEqual(call(ctx, 'claims.list', { caseId, query: 'harbour', limit: 50, offset: 50 }).items.map((c) => c.id));
    // A rare word is counted.
    const rare = call(ctx, 'claims.list', { caseId, query: '"claim 17 about"', limit: 50 });
    expect(rare).toMatchObject({ total: 1 });
    expect(rare.estimated).toBeUndefined();
  });

  it('lists a word few claims hold, read match by match, in every order and by keyset exactly as the whole list filtered', () => {
    const { ctx, caseId } = library(EXACT_COUNT_LIMIT + 300);
    // 120 claims about the ferry among them, dates and statuses repeating (ties to break).
    ctx.db.transaction(() => {
      for (let i = 0; i < 120; i++) {
        const saidOn = i % 5 === 0 ? undefined : `2021-0${1 + (i % 4)}`;
        call(ctx, 'claims.create', { caseId, statement: `Claim ferry ${i}`, ...(saidOn ? { saidOn } : {}), status: STATUSES[i % 3] });
        call(ctx, 'claims.create', { caseId, statement: `Claim ${i} about the harbour` });
      }
    })();
    const statements = new Map((ctx.db.prepare('SELECT id, statement FROM claims').all() as { id: string; statement: string }[]).map((c) => [c.id, c.statement]));
    for (const sort of ['created', 'updated', 'saidOn', 'status'] as const) {
      for (const descending of [false, true]) {
        const expected = byKeyset(ctx, { caseId, sort, descending }, 1000).filter((id) => statements.get(id)!.includes('ferry'));
        expect(expected).toHaveLength(120);
        expect(byKeyset(ctx, { caseId, sort, descending, query: 'ferry' }, 7), `${sort} ${descending ? 'descending' : 'ascending'}`).toEqual(expected);
        expect(call(ctx, 'claims.list', { caseId, sort, descending, query: 'ferry', limit: 1 })).toMatchObject({ total: 120 });
      }
    }
  });
});
