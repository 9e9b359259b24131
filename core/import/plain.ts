import type { ImportedText } from './types.js';
import { decodeText, firstLine } from './text.js';

export function readPlainText(bytes: Buffer): ImportedText {
  const text = decodeText(bytes, 'text file');
  return { text, pages: null, mediaType: 'text/plain', meta: { title: firstLine(text) } };
}

/** Markdown is kept as written: its marks are readable, and excerpts anchor in what the reporter sees. */
export function readMarkdown(bytes: Buffer): ImportedText {
  const text = decodeText(bytes, 'Markdown file');
  const heading = text.split('\n').find((l) => /^#\s+\S/.test(l));
  return { text, pages: null, mediaType: 'text/markdown', meta: { title: heading ? firstLine(heading) : firstLine(text) } };
}
