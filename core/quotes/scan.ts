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
  return spans.filter((span) => !isNickname(text, span)).sort((a, b) => a.open - b.open);
}

/**
 * Robert "Bobby" Delaney: one capitalised word in double marks between a given name and a
 * surname is part of the name, not a quotation.
 */
export function isNickname(text: string, span: QuoteSpan): boolean {
  if (span.marks !== 'double') return false;
  return NICKNAME.test(text.slice(span.start, span.end)) && /\p{Lu}[\p{L}.'’-]* $/u.test(text.slice(Math.max(0, span.open - 40), span.open)) && /^ \p{Lu}/u.test(text.slice(span.close, span.close + 2));
}

const NICKNAME = /^\p{Lu}[\p{L}'’.-]*$/u;

type Family = 'curly' | 'straight';

/** A mark as read: its family, whether it opens or closes, and its width (‘’ used as a double mark is two). */
interface Mark {
  family: Family;
  role: 'open' | 'close' | 'either';
  width: number;
}

/**
 * The double mark at `i`, if any. Curly marks say which way they face; a straight " is read from
 * its neighbours. Two single marks together (‘’, '', ’’) stand for a double one in some copy.
 */
function markAt(text: string, i: number): Mark | null {
  const c = text[i]!;
  if (c === '“') return { family: 'curly', role: 'open', width: 1 };
  if (c === '”') return { family: 'curly', role: 'close', width: 1 };
  if (c === '"') return { family: 'straight', role: closesOnlyHere(text, i, 1) ? 'close' : opensBefore(text, i, 1) ? 'open' : 'either', width: 1 };
  if (SINGLES.has(c) && SINGLES.has(text[i + 1] ?? '')) {
    if (opensBefore(text, i, 2) && /[\p{L}\p{N}]/u.test(text[i + 2] ?? '')) return { family: 'curly', role: 'open', width: 2 };
    if (closesOnlyHere(text, i, 2)) return { family: 'curly', role: 'close', width: 2 };
  }
  return null;
}

const SINGLES = new Set(['‘', '’', "'"]);

/**
 * Double quotations of a paragraph. A quotation may open with one family and close with the
 * other (“…" and "…”: copy edited in two tools); a mark of the other family in opening position
 * inside a quotation opens a quote within it, which only its own family closes, so a stray inner
 * mark that never closes (who say, "Why …) does not swallow the outer closing mark.
 */
function scanDoubles(text: string, block: Paragraph, next: Paragraph | undefined): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { at: number; family: Family; width: number } | null = null;
  let inner: Family | null = null;
  /** Where the latest quote within the open one closed: the outer one's end if it never closes. */
  let innerClose: { at: number; width: number } | null = null;

  for (let i = block.start; i < block.end; i++) {
    const mark = markAt(text, i);
    if (!mark) continue;
    const { family, role, width } = mark;

    if (open && open.family === family && role !== 'close' && atLineStart(text, block.start, i) && opensHere(text, i + width - 1)) {
      // A new paragraph of the same long quotation, in one-paragraph-per-line text.
      pushSpan(spans, text, open, lineEndBefore(text, i), 1, true);
      open = { at: i, family, width };
      inner = null;
    } else if (!open) {
      if (role !== 'close') open = { at: i, family, width };
    } else if (role === 'open' && family === open.family && family === 'curly') {
      open = { at: i, family, width }; // an earlier “ still open was unbalanced: start again here
      inner = null;
    } else if (role === 'open' && inner === null && (family !== open.family || opensHere(text, i + width - 1))) {
      inner = family;
    } else if (inner !== null && family === inner) {
      inner = null;
      innerClose = { at: i, width };
    } else {
      pushSpan(spans, text, open, i, width, false);
      open = null;
      inner = null;
    }
    if (!open) innerClose = null;
    i += width - 1;
  }

  if (open && next && reopensAt(text, next.start)) pushSpan(spans, text, open, block.end, 0, true);
  // "…who say, "Why would we … without them," Arnold said.": a stray inner mark opened what
  // became the closing mark's pair; the quotation runs to that mark.
  else if (open && innerClose && /^[\s,.;:]*\p{L}/u.test(text.slice(innerClose.at + innerClose.width, block.end))) pushSpan(spans, text, open, innerClose.at, innerClose.width, false);
  return spans;
}

/** Adds the span of a quotation opened at `open`; `closeAt` is its closing mark (or where it runs on). */
function pushSpan(spans: QuoteSpan[], text: string, open: { at: number; width: number }, closeAt: number, closeWidth: number, runsOn: boolean) {
  let end = closeAt;
  const start = open.at + open.width;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (!/[\p{L}\p{N}]/u.test(text.slice(start, end))) return;
  spans.push({ open: open.at, close: runsOn ? end : closeAt + closeWidth, start, end, marks: 'double', runsOn });
}

/** Any opening double mark reopens a long quotation, whichever family opened its first paragraph. */
function reopensAt(text: string, at: number): boolean {
  const mark = markAt(text, at);
  return mark !== null && mark.role !== 'close';
}

/** After a space, a dash or an opening bracket (or at the start): where a quotation can open. */
function opensBefore(text: string, i: number, width: number): boolean {
  const before = i > 0 ? text[i - 1]! : ' ';
  const after = text[i + width];
  return OPENING_NEIGHBOURS.test(before) && after !== undefined && !/\s/.test(after);
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
function closesOnlyHere(text: string, i: number, width: number): boolean {
  const before = text[i - 1];
  const after = text[i + width];
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
