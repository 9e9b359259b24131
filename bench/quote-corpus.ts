// `node dist/bench/quote-corpus.js` (after `tsc -p tsconfig.bench.json`): the quote extractor
// on the hand-labelled development corpus (../shared/quote-corpus, QUOTE_CORPUS to point
// elsewhere). The extractor is loaded once and run on every article in this process, its
// proposals are written where the corpus's own scorer reads them, and the scorer prints the
// per-article and overall table. Results: bench/results/quote-corpus.{json,md}.
//
// It is a development set: the rules were tuned while reading its misses, so its figures are
// an upper bound; acceptance is measured on articles nobody working on the extractor has read.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractQuotes } from '../core/quotes/extract.js';

// `npm run bench` runs from the project's root, beside which the shared corpus sits.
const root = process.cwd();
const corpus = resolve(process.env.QUOTE_CORPUS ?? join(root, '../shared/quote-corpus'));
const results = join(root, 'bench/results');
const out = join(results, 'quote-corpus');

if (!existsSync(join(corpus, 'score.mjs'))) {
  console.log(`quote corpus: skipped, there is no corpus at ${corpus} (set QUOTE_CORPUS)`);
  process.exit(0);
}

mkdirSync(out, { recursive: true });
let totalMs = 0;
let chars = 0;
for (const file of readdirSync(join(corpus, 'gold')).filter((f) => f.endsWith('.json')).sort()) {
  const gold = JSON.parse(readFileSync(join(corpus, 'gold', file), 'utf8')) as { article?: string };
  const text = readFileSync(join(corpus, gold.article ?? `articles/${file.replace(/\.json$/, '.txt')}`), 'utf8');
  const t0 = process.hrtime.bigint();
  const proposals = extractQuotes(text).map(({ quote, speaker, start, end, sentence }) => ({ quote, speaker, start, end, sentence }));
  totalMs += Number(process.hrtime.bigint() - t0) / 1e6;
  chars += text.length;
  writeFileSync(join(out, file), JSON.stringify(proposals, null, 1));
}

const table = execFileSync(
  process.execPath,
  [join(corpus, 'score.mjs'), '--dir', corpus, '--proposals', out, '--md', join(results, 'quote-corpus.md'), '--json', join(results, 'quote-corpus.json')],
  { encoding: 'utf8' },
);
console.log(table);
console.log(`quote corpus: extraction took ${totalMs.toFixed(0)} ms for ${chars} characters, in one process`);
