#!/usr/bin/env node
// `npm start`: the desktop app, or, where Electron's runtime cannot be had, the browser fallback.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/electron/launch.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('corroborate: not built yet. Run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
await import(entry.href);
