import { describe, expect, it } from 'vitest';
import { filterCount, listInput, NO_FILTERS } from './ClaimFilters';

describe('the claims list filters as claims.list takes them', () => {
  it('asks for everything, oldest first, when nothing is set', () => {
    expect(listInput('case1', NO_FILTERS)).toEqual({ caseId: 'case1', sort: 'created', descending: false });
    expect(filterCount(NO_FILTERS)).toBe(0);
  });

  it('sends each filter the reporter set, once it is whole', () => {
    const input = listInput('case1', {
      ...NO_FILTERS,
      query: '  port strike ',
      status: 'disputed',
      sourceId: 's1',
      attribution: 'background',
      tag: 'shipping',
      saidFrom: '2021',
      saidTo: '2021-12',
      disputed: true,
      onlyOneSource: true,
      order: 'saidLatest',
    });
    expect(input).toEqual({
      caseId: 'case1',
      sort: 'saidOn',
      descending: true,
      query: 'port strike',
      status: ['disputed'],
      sourceId: 's1',
      attribution: ['background'],
      tag: 'shipping',
      saidFrom: '2021',
      saidTo: '2021-12',
      disputed: true,
      onlyOneSource: true,
    });
  });

  it('holds back a date still being typed, and does not count it', () => {
    const typing = { ...NO_FILTERS, saidFrom: '2021-1', saidTo: '20' };
    expect(listInput('c', typing)).not.toHaveProperty('saidFrom');
    expect(listInput('c', typing)).not.toHaveProperty('saidTo');
    expect(filterCount(typing)).toBe(0);
    // A whole date the library will refuse (month 13) is sent, so the library can say why.
    expect(listInput('c', { ...NO_FILTERS, saidTo: '2021-13' })).toHaveProperty('saidTo', '2021-13');
  });

  it('counts the filters that narrow the list, not the order', () => {
    expect(filterCount({ ...NO_FILTERS, order: 'newest' })).toBe(0);
    expect(filterCount({ ...NO_FILTERS, disputed: true, tag: 'x', query: 'y' })).toBe(3);
  });
});
