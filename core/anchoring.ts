// Anchoring excerpts in a document's text, the W3C way: a TextPositionSelector (start, end)
// and a TextQuoteSelector (exact, prefix, suffix). When the text changes (a corrected version
// of a report), each excerpt is found again by its quote — exactly, else between its prefix and
// suffix if the passage itself was lightly edited — and one that cannot be found is an orphan,
// never silently moved.

/** How much text either side of an excerpt its quote selector keeps, to re-find it later. */
export const CONTEXT = 32;

export interface Selectors {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export function selectors(text: string, start: number, end: number): Selectors {
  return { start, end, exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) };
}

/** The occurrence of `exact` whose surroundings best match prefix and suffix, nearest `near` on a tie. */
export function findQuote(text: string, exact: string, prefix: string, suffix: string, near = 0): number {
  let best = -1;
  let bestScore = -1;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score = sharedSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) + sharedPrefix(text.slice(at + exact.length), suffix);
    if (score > bestScore || (score === bestScore && Math.abs(at - near) < Math.abs(best - near))) [best, bestScore] = [at, score];
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function sharedSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/** Similarity of two strings from 0 to 1: 1 − edit distance / longer length (capped inputs). */
export function similarity(a: string, b: string): number {
  const x = a.slice(0, 2_000);
  const y = b.slice(0, 2_000);
  if (x === y) return 1;
  if (!x.length || !y.length) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

/** How alike an edited passage must stay to its old quote to be re-anchored rather than orphaned. */
export const FUZZY_THRESHOLD = 0.7;
const PROBE = 16;

export type Reanchored = { how: 'exact' | 'fuzzy'; at: Selectors } | { how: 'orphan' };

/**
 * Finds an excerpt again in a new version of its text. `old` is the excerpt as stored. Exact:
 * the same words, placed by their context. Fuzzy: the passage between the old prefix's end and
 * the old suffix's start, if it is still at least 70% like the old quote. Otherwise an orphan.
 */
export function reanchor(text: string, old: Selectors): Reanchored {
  const at = findQuote(text, old.exact, old.prefix, old.suffix, old.start);
  if (at >= 0) return { how: 'exact', at: selectors(text, at, at + old.exact.length) };

  const before = old.prefix.slice(-PROBE);
  const after = old.suffix.slice(0, PROBE);
  if (!before && !after) return { how: 'orphan' };
  let best: { start: number; end: number; score: number } | undefined;
  const starts = before ? occurrences(text, before).map((i) => i + before.length) : [0];
  for (const start of starts) {
    // The passage may have grown or shrunk: look for the suffix within half its length again.
    const windowEnd = Math.min(text.length, start + Math.ceil(old.exact.length * 1.5) + after.length);
    const ends = after ? occurrences(text.slice(start, windowEnd), after).map((i) => start + i) : [Math.min(text.length, start + old.exact.length)];
    for (const end of ends) {
      if (end - start < old.exact.length / 2) continue;
      const score = similarity(old.exact, text.slice(start, end));
      if (!best || score > best.score) best = { start, end, score };
    }
  }
  return best && best.score >= FUZZY_THRESHOLD ? { how: 'fuzzy', at: selectors(text, best.start, best.end) } : { how: 'orphan' };
}

function occurrences(text: string, needle: string, max = 50): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length < max; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}
