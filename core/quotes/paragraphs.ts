// Paragraphs of an article's plain text. News text separates paragraphs with a blank line; text
// pasted from some sources puts one paragraph per line instead, so when there is no blank line
// at all every line is a paragraph. Paragraphs decide which quotes continue one another.
//
// The quote scanner uses blank lines only (`blankLineBlocks`): a quotation never crosses a
// blank line, but may cross a single line break, which hard-wrapped text puts mid-sentence.

export interface Paragraph {
  start: number;
  end: number;
}

const BLANK_LINE = /\n[ \t\r\f\v]*\n/;

export function paragraphRanges(text: string): Paragraph[] {
  return split(text, BLANK_LINE.test(text) ? /\n(?:[ \t\r\f\v]*\n)+/g : /\n+/g);
}

export function blankLineBlocks(text: string): Paragraph[] {
  return split(text, /\n(?:[ \t\r\f\v]*\n)+/g);
}

function split(text: string, separator: RegExp): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const m of text.matchAll(separator)) {
    push(out, text, start, m.index);
    start = m.index + m[0].length;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Paragraph[], text: string, start: number, end: number) {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
