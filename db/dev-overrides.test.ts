import { describe, expect, it } from 'vitest';
import { DEV_OVERRIDES, devOverride, devOverridesIgnored, ignoreDevOverrides } from './dev-overrides.js';

describe('development overrides', () => {
  it('are read from the environment in development, an empty one as unset', () => {
    expect(devOverridesIgnored()).toBe(false);
    expect(devOverride('CORROBORATE_NATIVE_BINDING', { CORROBORATE_NATIVE_BINDING: '/build/x.node' })).toBe('/build/x.node');
    expect(devOverride('PLAYWRIGHT_CHROMIUM_PATH', { PLAYWRIGHT_CHROMIUM_PATH: '' })).toBeUndefined();
  });

  // Runs last in this file: the switch is one-way for the life of the process, as in the app.
  it('are gone once a packaged app turns them off, from the readers and from the environment children inherit', () => {
    const env: NodeJS.ProcessEnv = Object.fromEntries(DEV_OVERRIDES.map((name) => [name, '/tmp/evil']));
    env.CORROBORATE_LIBRARY = '/cases/lib.corroborate';
    ignoreDevOverrides(env);
    expect(devOverridesIgnored()).toBe(true);
    for (const name of DEV_OVERRIDES) {
      expect(devOverride(name, { [name]: '/tmp/evil' }), name).toBeUndefined();
      expect(env[name], name).toBeUndefined();
    }
    // The reporter's own choice of library is not a development override.
    expect(env.CORROBORATE_LIBRARY).toBe('/cases/lib.corroborate');
  });
});
