// A selection in the reader as offsets into the document's text. Each run of text the reader
// draws is an element carrying `data-at` (where its text starts in document.text) and holding
// only that text; anything else in the reader (a page divider) carries no `data-at` and counts
// for nothing. Offsets are JavaScript string offsets, as the API takes them.

const RUN = '[data-at]';

function runStart(run: Element): number {
  return Number((run as HTMLElement).dataset.at);
}

/** How many characters of a run's text come before (node, offset), a point inside the run. */
function charsBefore(run: Element, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    const range = run.ownerDocument.createRange();
    range.setStart(run, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  let n = offset;
  const walker = run.ownerDocument.createTreeWalker(run, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) n += (t as Text).length;
  return n;
}

/**
 * The text offset of a DOM boundary point inside `root`: inside a run, where in its text; between
 * runs (or in a page divider), the start of the next run, or the end of the text after the last.
 */
export function offsetOf(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const host = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest(RUN);
  if (host && root.contains(host)) return runStart(host) + charsBefore(host, node, offset);
  const runs = root.querySelectorAll(RUN);
  if (runs.length === 0) return null;
  const point = root.ownerDocument.createRange();
  point.setStart(node, offset);
  // Runs are in document order: the first one starting at or after the point, by bisection.
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (point.comparePoint(runs[mid]!, 0) >= 0) hi = mid;
    else lo = mid + 1;
  }
  const next = runs[lo];
  if (next) return runStart(next);
  const last = runs[runs.length - 1]!;
  return runStart(last) + (last.textContent ?? '').length;
}

/**
 * A DOM range as text offsets, clipped to the reader: a drag that began above the text or ran on
 * below it keeps the part inside. Null when nothing of the reader's text is inside.
 */
export function rangeOffsets(root: Element, range: Range): { start: number; end: number } | null {
  const inside = root.ownerDocument.createRange();
  inside.selectNodeContents(root);
  if (range.compareBoundaryPoints(Range.END_TO_START, inside) >= 0) return null; // starts after the reader ends
  if (range.compareBoundaryPoints(Range.START_TO_END, inside) <= 0) return null; // ends before it starts
  const startsBefore = range.compareBoundaryPoints(Range.START_TO_START, inside) < 0;
  const endsAfter = range.compareBoundaryPoints(Range.END_TO_END, inside) > 0;
  const start = startsBefore ? offsetOf(root, root, 0) : offsetOf(root, range.startContainer, range.startOffset);
  const end = endsAfter ? offsetOf(root, root, root.childNodes.length) : offsetOf(root, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * The DOM point of a text offset: the inverse of offsetOf, for putting a selection back where it
 * was after the runs are drawn again. At a boundary between two runs, the end of the earlier one.
 * Null when the offset is outside the text drawn.
 */
export function pointAt(root: Element, offset: number): [Node, number] | null {
  const runs = root.querySelectorAll(RUN);
  // The last run starting at or before the offset, by bisection (runs are in text order).
  let lo = 0;
  let hi = runs.length - 1;
  if (hi < 0 || runStart(runs[0]!) > offset) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runStart(runs[mid]!) <= offset) lo = mid;
    else hi = mid - 1;
  }
  let run = runs[lo]!;
  if (lo > 0 && runStart(run) === offset) run = runs[lo - 1]!;
  let left = offset - runStart(run);
  const walker = run.ownerDocument.createTreeWalker(run, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (left <= t.length) return [t, left];
    left -= t.length;
    last = t;
  }
  return last && left === 0 ? [last, last.length] : null;
}
