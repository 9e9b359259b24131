// `node dist/bench/make-library.js PATH CLAIMS`: writes the benchmark's deterministic library
// (bench/generate.ts) to PATH, for the measurements that run outside this process (the search
// view's keystroke-to-paint in e2e/search-perf.spec.ts).

import { existsSync } from 'node:fs';
import { generateLibrary } from './generate.js';

const [path, claims] = process.argv.slice(2);
if (!path || !Number.isInteger(Number(claims)) || Number(claims) < 1) {
  console.error('Usage: node dist/bench/make-library.js PATH CLAIMS');
  process.exit(2);
}
if (existsSync(path)) {
  console.error(`${path} exists: give a new file.`);
  process.exit(2);
}
const started = performance.now();
const { words } = generateLibrary(path, Number(claims));
console.log(JSON.stringify({ path, claims: Number(claims), ms: Math.round(performance.now() - started), vocabulary: words.length }));
