// Find within a note: every place a query occurs, ignoring case and accents ("Solis" finds
// "Solís"), as spans of the searched text.

import type { Span } from './uncited';

/** Lower case without combining marks, keeping one character per character of the input. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    // Where folding changes the length (ß, ligatures), keep the character itself.
    out += base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

export function findAll(text: string, query: string): Span[] {
  const needle = fold(query);
  if (!needle.trim()) return [];
  const haystack = fold(text);
  const spans: Span[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}
