import { describe, expect, it } from 'vitest';
import { newId, nowIso } from './ids.js';

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('newId', () => {
  it('is 26 characters of Crockford base32 (no I, L, O or U)', () => {
    for (let i = 0; i < 1000; i++) expect(newId()).toMatch(CROCKFORD);
  });

  it('is unique over 10,000 calls', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(10_000);
  });

  it('sorts by time: an id from a later millisecond sorts after one from an earlier one', () => {
    const times = [0, 1, 31, 32, 1_000, 1_700_000_000_000, 1_700_000_000_001, 2 ** 41, 2 ** 48 - 1];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
    // The first ten characters are the time alone.
    expect(newId(1_700_000_000_000).slice(0, 10)).toBe(newId(1_700_000_000_000).slice(0, 10));
    expect(newId(0).slice(0, 10)).toBe('0000000000');
    expect(newId(2 ** 48 - 1).slice(0, 10)).toBe('7ZZZZZZZZZ');
  });

  it('ids made now sort in the order they were made', () => {
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
  });

  it('is monotonic within one millisecond: each id is the previous one plus one', () => {
    const t = 1_650_000_000_000;
    const ids = Array.from({ length: 500 }, () => newId(t));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id.slice(0, 10)).toBe(ids[0]!.slice(0, 10));
    // The random part counts up by exactly one in base 32.
    const value = (id: string) => [...id.slice(10)].reduce((n, c) => n * 32n + BigInt('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(c)), 0n);
    for (let i = 1; i < ids.length; i++) expect(value(ids[i]!) - value(ids[i - 1]!)).toBe(1n);
  });

  it('starts a fresh random part in a new millisecond', () => {
    const a = newId(1_650_000_000_100);
    const b = newId(1_650_000_000_100);
    const c = newId(1_650_000_000_101);
    expect(a < b && b < c).toBe(true);
    expect(c.slice(0, 10)).not.toBe(a.slice(0, 10));
  });
});

describe('nowIso', () => {
  it('is an ISO 8601 UTC timestamp with milliseconds', () => {
    expect(nowIso()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
