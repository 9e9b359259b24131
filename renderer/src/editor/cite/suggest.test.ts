import { describe, expect, it } from 'vitest';
import { prefixed } from './suggest';

describe('prefixed', () => {
  it('takes the last word as a prefix, and leaves filters, exclusions and phrases alone', () => {
    expect(prefixed('precur')).toBe('precur*');
    expect(prefixed('mexican cart ')).toBe('mexican cart*');
    expect(prefixed('seizures status:verified')).toBe('seizures status:verified');
    expect(prefixed('china -mexico')).toBe('china -mexico');
    expect(prefixed('"open market"')).toBe('"open market"');
    expect(prefixed('x')).toBe('x*');
    expect(prefixed('')).toBe('');
  });
});
