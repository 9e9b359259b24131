// Text shown on one line in a list of results (search snippets and titles, quick find): a
// record's text may hold control characters, pasted from anywhere or planted — NUL, ESC, the C1
// controls, bidi overrides that reorder what the reporter reads — and none of them may reach a
// result list. Line breaks and tabs become spaces; every other control is dropped.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- the ones that separate words
const BREAKS = /[\t\n\u000b\u000c\r\u0085\u2028\u2029]/;

/** The text for a one-line result: controls gone, breaks as single spaces. */
export function oneLine(text: string): string {
  return text.replace(CONTROLS, (c) => (BREAKS.test(c) ? ' ' : '')).replace(/ {2,}/g, ' ');
}
