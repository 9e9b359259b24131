import { defineConfig } from '@playwright/test';

// The renderer in Chromium against `corroborate serve` on a temporary library (see e2e/fixtures.ts).
// Build it first: `npm run build`.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  // On CI a failed test runs once more and, passing then, is reported as "flaky" in the list:
  // a timing race of a 2-core machine must not refuse a whole submission, and must not hide
  // either (the two found so far were a test racing a redraw and the reader tearing a selection).
  retries: process.env.CI ? 1 : 0,
  use: {
    headless: true,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
