import { describe, expect, it } from 'vitest';
import { themeAttribute } from './theme';

describe('themeAttribute', () => {
  it('sets light or dark only when chosen, leaving the system to decide otherwise', () => {
    expect(themeAttribute('light')).toBe('light');
    expect(themeAttribute('dark')).toBe('dark');
    for (const other of ['system', null, undefined, '', 'Dark', 'dark ', 'solarized', 1, {}]) expect(themeAttribute(other)).toBeNull();
  });
});
