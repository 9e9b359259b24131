import { describe, expect, it } from 'vitest';
import { formatPartialDate, fromLocalInput, isPartialDate, splitList, toLocalInput } from './format';

describe('dates as a reporter reads them', () => {
  it('shows partial dates as partial', () => {
    expect(formatPartialDate('2021')).toBe('2021');
    expect(formatPartialDate('2021-12')).toBe('Dec 2021');
    expect(formatPartialDate('2021-12-05')).toBe('5 Dec 2021');
    expect(formatPartialDate(null)).toBe('');
  });

  it('round-trips a datetime-local field through the ISO timestamp the library stores', () => {
    const local = toLocalInput(new Date(2024, 2, 12, 9, 5));
    expect(local).toBe('2024-03-12T09:05');
    expect(new Date(fromLocalInput(local)).getTime()).toBe(new Date(2024, 2, 12, 9, 5).getTime());
    expect(fromLocalInput('not a date')).toBe('not a date');
  });

  it('splits comma lists', () => {
    expect(splitList(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('isPartialDate', () => {
  it('takes a year, a month or a day, and nothing else', () => {
    for (const ok of ['2021', '2021-12', '2021-12-15']) expect(isPartialDate(ok), ok).toBe(true);
    for (const bad of ['', '21', '2021-13', '2021-1', '2021-12-32', '2021-12-15T00:00', ' 2021', 'Dec 2021']) expect(isPartialDate(bad), bad).toBe(false);
  });
});
