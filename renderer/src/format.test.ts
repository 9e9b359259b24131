import { describe, expect, it } from 'vitest';
import { formatPartialDate, fromLocalInput, splitList, toLocalInput } from './format';

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
