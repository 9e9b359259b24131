import { HIGHLIGHT_END, HIGHLIGHT_START } from '../db/search.js';

/** A plain-text table with columns padded to their widest cell. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Search snippets mark matches with control characters; a terminal shows them in brackets. */
export function highlight(snippet: string): string {
  return snippet.replaceAll(HIGHLIGHT_START, '[').replaceAll(HIGHLIGHT_END, ']').replace(/\s+/g, ' ');
}
