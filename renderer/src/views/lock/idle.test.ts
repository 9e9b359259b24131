import { describe, expect, it } from 'vitest';
import { idleLockOptions, idleRemaining } from './idle';

const MIN = 60_000;

describe('idleRemaining', () => {
  it('counts down from the last input and is due at the limit', () => {
    expect(idleRemaining(0, 0, 10)).toBe(10 * MIN);
    expect(idleRemaining(0, 9 * MIN, 10)).toBe(MIN);
    expect(idleRemaining(0, 10 * MIN, 10)).toBe(0);
  });

  it('is due at once after a sleep longer than the limit', () => {
    expect(idleRemaining(0, 3 * 60 * MIN, 10)).toBe(0);
  });

  it('never locks at 0 minutes (or a value that is not a time)', () => {
    for (const minutes of [0, -5, Number.NaN]) expect(idleRemaining(0, 99 * MIN, minutes)).toBeNull();
  });

  it('does not lock early when the clock went backwards', () => {
    expect(idleRemaining(5 * MIN, 0, 10)).toBe(10 * MIN);
  });
});

describe('idleLockOptions', () => {
  it('offers Never and the usual times, in order, with the library’s own value among them', () => {
    const options = idleLockOptions(7);
    expect(options[0]).toEqual(['0', 'Never']);
    expect(options.map(([v]) => v)).toEqual(['0', '1', '2', '5', '7', '10', '15', '30', '60', '120', '240', '480']);
    expect(options.find(([v]) => v === '60')?.[1]).toBe('After 1 hour');
    expect(options.find(([v]) => v === '120')?.[1]).toBe('After 2 hours');
    expect(options.find(([v]) => v === '1')?.[1]).toBe('After 1 minute');
    expect(idleLockOptions(10).filter(([v]) => v === '10')).toHaveLength(1);
    expect(idleLockOptions(0).map(([v]) => v)).not.toContain('00');
  });
});
