import { describe, expect, it } from 'vitest';
import { matchSpan } from './hits';

describe('matchSpan', () => {
  it('spans the first marked word from the offset the library found', () => {
    expect(matchSpan({ offset: 120, snippet: '…the \u0002Manzanillo\u0003 customs \u0002shed\u0003…' })).toEqual({ start: 120, end: 130 });
  });
  it('nothing to open at without an offset; one character when the snippet marks nothing', () => {
    expect(matchSpan({ offset: null, snippet: '\u0002port\u0003' })).toBeNull();
    expect(matchSpan({ offset: 7, snippet: 'plain' })).toEqual({ start: 7, end: 8 });
  });
});
