import { describe, expect, it } from 'vitest';
import { call, tempLibrary } from '../test/helpers.js';

describe('demo case', () => {
  it('loads the brief\'s case once, however often it is asked', () => {
    const ctx = tempLibrary();
    const first = call(ctx, 'demo.load', {});
    expect(first.created).toBe(true);
    const second = call(ctx, 'demo.load', {});
    expect(second).toEqual({ caseId: first.caseId, created: false });
    const { counts } = call(ctx, 'library.stats', {});
    expect(counts.case).toEqual({ live: 1, trashed: 0 });
    expect((counts.source as { live: number }).live).toBeGreaterThanOrEqual(13);
    expect((counts.claim as { live: number }).live).toBeGreaterThanOrEqual(15);
    expect((counts.document as { live: number }).live).toBeGreaterThanOrEqual(6);
    expect((counts.excerpt as { live: number }).live).toBeGreaterThanOrEqual(6);
    expect((counts.note as { live: number }).live).toBe(1);
  });
});
