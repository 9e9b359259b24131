// Whatever text comes in (PDF debris, unbalanced marks, a 100 KB report), the extractor returns
// proposals anchored inside the text, and fast.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from './extract.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/quotes');

function expectWellFormed(text: string) {
  const proposals = extractQuotes(text);
  let previousEnd = 0;
  for (const p of proposals) {
    expect(Number.isInteger(p.start) && Number.isInteger(p.end)).toBe(true);
    expect(p.start).toBeGreaterThanOrEqual(previousEnd);
    expect(p.end).toBeGreaterThanOrEqual(p.start);
    expect(p.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(p.start, p.end)).toBe(p.quote);
    expect(text).toContain(p.sentence);
    expect(p.speaker === null || (typeof p.speaker === 'string' && p.speaker.length > 0)).toBe(true);
    previousEnd = p.end;
  }
}

const NEWSY = fc.oneof(
  fc.constantFrom('“', '”', '‘', '’', '"', "'", '«', '»', '…', '...', '[', ']', '(', ')', '—', ',', '.', '!', '?', ':', ';', ' ', ' ', ' ', '\n', '\n\n', '\t'),
  fc.constantFrom('said', 'says', 'told', 'according to', 'he', 'she', 'the researcher', 'a spokesperson for', 'Rep.', 'Dr.', 'U.S.', 'D.C.', 'Calif.', 'a.m.', 'Inc.', 'so-called', 'titled', 'podcast'),
  fc.constantFrom('Ann', 'Lee', 'Trone', 'Embassy', 'Department', 'of', 'and', 'the', 'Cedar', 'Hollow', "don't", "Trone's", "'90s", 'x', 'é', '😀', '\u0301'),
);

const articles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

describe('any text', () => {
  it('news-like noise: never throws, offsets inside the text and pointing at the quote', () => {
    fc.assert(fc.property(fc.string({ unit: NEWSY, maxLength: 300 }), expectWellFormed), { numRuns: 400 });
  });

  it('arbitrary UTF-16, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), expectWellFormed), { numRuns: 300 });
  });

  it('a real article with marks inserted or text cut out anywhere', () => {
    const edit = fc.record({
      article: fc.integer({ min: 0, max: articles.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 200 }),
      insert: fc.string({ unit: fc.constantFrom('“', '”', '"', '‘', '’', "'", '\n\n', '.', ','), maxLength: 4 }),
    });
    fc.assert(
      fc.property(edit, ({ article, at, cut, insert }) => {
        const text = articles[article]!;
        const i = at % (text.length + 1);
        expectWellFormed(text.slice(0, i) + insert + text.slice(i + cut));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['empty', ''],
    ['only marks', '“”‘’""\'\''],
    ['a lone opening mark', '“'],
    ['a lone closing mark', '” he said.'],
    ['an unclosed quote at the end', 'He said: “We will'],
    ['whitespace', ' \n\n\t '],
  ])('%s', (_name, text) => {
    expectWellFormed(text);
  });
});

/** CPU milliseconds of the fastest of three runs: the machine may be busy with other work. */
function cpuMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    extractQuotes(text + ' '.repeat(i));
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const hundredKb = (piece: string) => piece.repeat(Math.ceil(100_000 / piece.length));

describe('100 KB in linear time', () => {
  it.each([
    ['news articles', articles.join('\n\n')],
    ['lone opening marks', '“'],
    ['straight marks', '"'],
    ['tiny quotations', '“a” '],
    ['a quotation and a speech verb, over and over, in one sentence', 'he said “x,” '],
    ['short sentences with names', 'Ann Lee said. '],
    ['speech verbs only', 'said '],
    ['appositives', 'Ann Lee, a b, c d, '],
    ['single marks', '‘a '],
    ['one long line', `${'word '.repeat(50)}“quote here” `],
    ['broken lines', 'a\n“b\n'],
  ])('%s', (_name, piece) => {
    const text = hundredKb(piece);
    extractQuotes(text.slice(0, 5_000)); // compile the code paths first
    const ms = cpuMs(text);
    expect(ms).toBeLessThan(200);
  });
});
