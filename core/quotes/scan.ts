// Finding quotations: the spans between top-level quotation marks.
//
// Double marks are read first. Curly marks say which way they face; a straight " is read from
// its neighbours (after a space it opens, before a space or punctuation it closes), and inside a
// straight quotation the next straight mark closes it. Marks inside a quotation that belong to
// the other family (‘ ’ ' in a “…” quotation) are left alone, so a quote within a quote stays in
// the text of the outer one.
//
// Single marks at the top level (headlines, British style) are read only outside double
// quotations, and strictly, because the same characters are apostrophes: don't, Trone's,
// the '90s, the workers' union.
//
// A quotation never crosses a blank line. News style opens every paragraph of a long quotation
// again and closes only the last, so a quotation still open at a paragraph's end is kept when the
// next paragraph reopens it, and dropped otherwise (unbalanced marks are not quotations).

import { blankLineBlocks, type Paragraph } from './paragraphs.js';
import type { QuoteSpan } from './types.js';

const OPENING_NEIGHBOURS = /[\s([{\u2014\u2013\-/“‘"'«]/u;
const CLOSING_NEIGHBOURS = /[\s.,;:!?)\]}\u2014\u2013\-/”’"'»…]/u;

export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const blocks = blankLineBlocks(text);
  blocks.forEach((block, i) => {
    const doubles = scanDoubles(text, block, blocks[i + 1]);
    spans.push(...doubles, ...scanSingles(text, block, doubles));
  });
  return spans.sort((a, b) => a.open - b.open);
}

type Family = 'curly' | 'straight';

function scanDoubles(text: string, block: Paragraph, next: Paragraph | undefined): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { at: number; family: Family } | null = null;

  for (let i = block.start; i < block.end; i++) {
    const c = text[i];
    if (c !== '“' && c !== '”' && c !== '"') continue;
    const family: Family = c === '"' ? 'straight' : 'curly';

    if (open && open.family === family && atLineStart(text, block.start, i) && opensHere(text, i)) {
      // A new paragraph of the same long quotation, in one-paragraph-per-line text.
      pushSpan(spans, text, open.at, lineEndBefore(text, i), true);
      open = { at: i, family };
    } else if (c === '“') {
      open = { at: i, family }; // an earlier “ still open was unbalanced: start again here
    } else if (c === '”') {
      if (open?.family === 'curly') {
        pushSpan(spans, text, open.at, i, false);
        open = null;
      }
    } else if (open?.family === 'straight') {
      pushSpan(spans, text, open.at, i, false);
      open = null;
    } else if (!open && !closesOnlyHere(text, i)) {
      open = { at: i, family };
    }
  }

  if (open && next && reopensAt(text, next.start, open.family)) pushSpan(spans, text, open.at, block.end, true);
  return spans;
}

/** Adds the span of a quotation opened at `openAt`; `closeAt` is its closing mark (or where it runs on). */
function pushSpan(spans: QuoteSpan[], text: string, openAt: number, closeAt: number, runsOn: boolean) {
  let end = closeAt;
  while (end > openAt + 1 && /\s/.test(text[end - 1]!)) end--;
  const start = openAt + 1;
  if (!/[\p{L}\p{N}]/u.test(text.slice(start, end))) return;
  spans.push({ open: openAt, close: runsOn ? end : closeAt + 1, start, end, marks: 'double', runsOn });
}

function reopensAt(text: string, at: number, family: Family): boolean {
  return family === 'curly' ? text[at] === '“' : text[at] === '"';
}

function atLineStart(text: string, blockStart: number, i: number): boolean {
  for (let j = i - 1; j >= blockStart; j--) {
    if (text[j] === '\n') return true;
    if (!/\s/.test(text[j]!)) return false;
  }
  return false;
}

function lineEndBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && text[j - 1] !== '\n') j--;
  return Math.max(0, j - 1);
}

function opensHere(text: string, i: number): boolean {
  const after = text[i + 1];
  return after !== undefined && !/\s/.test(after);
}

/** A straight mark after a word and before a space or punctuation (or a 6" pipe) cannot open a quotation. */
function closesOnlyHere(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  return before !== undefined && !/\s/.test(before) && !OPENING_NEIGHBOURS.test(before) && (after === undefined || CLOSING_NEIGHBOURS.test(after));
}

// ---------------------------------------------------------------------------------------------
// Single marks.

/** Elisions that start with an apostrophe before a letter: not quotations. */
const ELISIONS = /^['‘’](?:em|til|cause|n|tis|twas|bout|round|s)\b/iu;
const MAX_SINGLE_QUOTE = 400;

function scanSingles(text: string, block: Paragraph, doubles: QuoteSpan[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let region = block.start;
  for (const d of [...doubles, null]) {
    const regionEnd = d ? d.open : block.end;
    spans.push(...singlesIn(text, region, regionEnd));
    if (d) region = d.close;
  }
  return spans;
}

function singlesIn(text: string, from: number, to: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const closers = { '’': closingMarks(text, from, to, '’'), "'": closingMarks(text, from, to, "'") };
  const next = { '’': 0, "'": 0 };
  for (let i = from; i < to; i++) {
    if (!opensSingle(text, i, from)) continue;
    // Closing marks do not depend on the opening one, so each list is walked once, forward.
    const family = text[i] === '‘' ? '’' : "'";
    const list = closers[family];
    while (next[family] < list.length && list[next[family]]! < i + 2) next[family]++;
    const closeAt = list[next[family]];
    if (closeAt === undefined || closeAt >= i + MAX_SINGLE_QUOTE) continue;
    spans.push({ open: i, close: closeAt + 1, start: i + 1, end: closeAt, marks: 'single', runsOn: false });
    i = closeAt;
  }
  return spans;
}

function opensSingle(text: string, i: number, from: number): boolean {
  const c = text[i];
  if (c !== '‘' && c !== "'") return false;
  const before = i > from ? text[i - 1]! : ' ';
  const after = text[i + 1] ?? '';
  return OPENING_NEIGHBOURS.test(before) && /\p{L}/u.test(after) && !ELISIONS.test(text.slice(i, i + 6));
}

/**
 * Positions of `mark` that can close a single quotation: after a word or punctuation and before
 * a space or punctuation. A mark between letters is an apostrophe (don’t).
 */
function closingMarks(text: string, from: number, to: number, mark: string): number[] {
  const out: number[] = [];
  for (let j = from; j < to; j++) {
    if (text[j] !== mark) continue;
    const before = text[j - 1];
    const after = text[j + 1];
    if (before !== undefined && !/\s/.test(before) && (after === undefined || CLOSING_NEIGHBOURS.test(after))) out.push(j);
  }
  return out;
}
