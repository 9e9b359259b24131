// How the reader lays out a document's text: one block per PDF page (or one block), each cut
// into runs wherever a marked passage begins or ends. Every run knows where it starts in the
// text, so a selection in the page can be turned back into offsets of `document.text`.

import type { PageRange } from '../../../../db/types';

/** Something drawn over the text: a marked passage (excerpt) or the match a search opened. */
export interface Mark {
  id: string;
  start: number;
  end: number;
  kind: 'excerpt' | 'match';
}

export interface Run {
  start: number;
  end: number;
  /** The marks covering the whole run (none: plain text). */
  marks: Mark[];
}

export interface Block {
  /** The PDF page this block is, or null for a text without pages. */
  page: number | null;
  start: number;
  end: number;
  runs: Run[];
}

/** A text longer than this without pages is drawn in blocks of about CHUNK characters, cut at line ends. */
const CHUNKED_FROM = 50_000;
const CHUNK = 20_000;

/**
 * The page ranges as blocks; without pages, the whole text as one block, or for a long text,
 * blocks cut after a line break (so the page can skip laying out those far off screen).
 * Page ranges that do not fit the text are left out.
 */
function blocksOf(text: string, pages: PageRange[] | null): { page: number | null; start: number; end: number }[] {
  const length = text.length;
  const fitting = (pages ?? []).filter((p) => p.start >= 0 && p.end <= length && p.start <= p.end).sort((a, b) => a.start - b.start);
  if (fitting.length) return fitting.map((p) => ({ page: p.page, start: p.start, end: p.end }));
  if (length <= CHUNKED_FROM) return [{ page: null, start: 0, end: length }];
  const out: { page: null; start: number; end: number }[] = [];
  for (let start = 0; start < length; ) {
    const newline = text.indexOf('\n', start + CHUNK);
    const end = newline < 0 || length - newline < CHUNK / 2 ? length : newline + 1;
    out.push({ page: null, start, end });
    start = end;
  }
  return out;
}

/** Lays the text out in blocks and runs. Marks may overlap; a run covered by several carries them all. */
export function layoutText(text: string, pages: PageRange[] | null, marks: readonly Mark[]): Block[] {
  const length = text.length;
  const valid = marks.filter((m) => m.start < m.end && m.start >= 0 && m.end <= length);
  return blocksOf(text, pages).map((block) => {
    const cuts = new Set([block.start, block.end]);
    for (const m of valid) {
      if (m.start > block.start && m.start < block.end) cuts.add(m.start);
      if (m.end > block.start && m.end < block.end) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      runs.push({ start, end, marks: valid.filter((m) => m.start <= start && m.end >= end) });
    }
    return { ...block, runs };
  });
}

/** The page a position of the text lies on, if the document has pages. */
export function pageAt(pages: PageRange[] | null, offset: number): number | null {
  if (!pages?.length) return null;
  let found: number | null = null;
  for (const p of pages) if (p.start <= offset) found = p.page;
  return found;
}

/** The span without the spaces and line breaks a drag tends to take along at either end. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return s < e ? { start: s, end: e } : null;
}
