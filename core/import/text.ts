import { ApiError } from '../errors.js';

/** UTF-8 text with its BOM removed and line endings made \n; refuses bytes that are not text. */
export function decodeText(bytes: Buffer, what: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('INVALID_FILE', `That ${what} is not UTF-8 text. Save it as UTF-8 and import it again.`);
  }
  if (text.includes('\0')) throw new ApiError('INVALID_FILE', `That ${what} holds binary data, not text.`);
  return tidy(text.replace(/^\uFEFF/, ''));
}

/** One newline style, no trailing spaces, at most one blank line between paragraphs. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first non-empty line, as a title (Markdown heading marks removed). */
export function firstLine(text: string): string | undefined {
  const line = text.split('\n').find((l) => l.trim());
  return line?.replace(/^#+\s*/, '').trim().slice(0, 200) || undefined;
}
