#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install`'s prepare step or `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('corroborate: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
