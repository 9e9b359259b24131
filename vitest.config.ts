import { defineConfig } from 'vitest/config';

// Unit tests only: the Playwright specs in e2e/ run under `playwright test`.
export default defineConfig({
  test: {
    include: ['{db,core,sync,cli,electron,renderer,shared}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'e2e'],
    environment: 'node',
    setupFiles: ['test/setup-lexical.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
