// `extract-quotes --json` is read by the quote corpus's own scorer (and by the acceptance run on
// unseen articles), so its output is tested through that scorer, not only by our own parsing:
// once it printed the CLI's envelope and the scorer counted 0 proposals on every article.

import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { captureConsole, tempDir } from '../helpers.js';

const corpus = fileURLToPath(new URL('../../../shared/quote-corpus/', import.meta.url));
const haveCorpus = existsSync(join(corpus, 'score.mjs'));
if (!haveCorpus) console.log(`The quote corpus is not at ${corpus}: the scorer's test of extract-quotes --json is skipped.`);

const { out } = captureConsole();

describe('extract-quotes --json as the corpus scorer reads it', () => {
  it.skipIf(!haveCorpus)('scores an article of ../shared/quote-corpus through score.mjs', async () => {
    const article = 'voa-trump-wins';
    expect(await main(['extract-quotes', join(corpus, 'articles', `${article}.txt`), '--json'])).toBe(0);
    const proposals = join(tempDir(), `${article}.json`);
    writeFileSync(proposals, out.splice(0).join('\n'));
    const scored = JSON.parse(execFileSync(process.execPath, [join(corpus, 'score.mjs'), join(corpus, 'gold', `${article}.json`), proposals], { encoding: 'utf8' })) as {
      proposals: number;
      gold: number;
      precision: number;
      recallCore: number;
      speakerAccuracy: number;
    };
    expect(scored.proposals).toBe(scored.gold);
    expect(scored).toMatchObject({ precision: 1, recallCore: 1, speakerAccuracy: 1 });
  });
});
