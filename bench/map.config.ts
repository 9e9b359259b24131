// The claim-map benchmark runs in the e2e setup (a built app served on a temporary library),
// apart from the test suite: npx playwright test -c bench/map.config.ts
import { defineConfig } from '@playwright/test';
import base from '../playwright.config.js';

export default defineConfig({ ...base, testDir: '.', testMatch: 'map.spec.ts', timeout: 600_000 });
