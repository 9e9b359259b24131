import { ApiError } from '../errors.js';

/**
 * The text of a text file, whatever its encoding: a byte-order mark names UTF-8 or UTF-16 (LE or
 * BE); without one, UTF-16 is recognised by its zero bytes, then UTF-8 is tried strictly, and what
 * is not UTF-8 is read as Windows-1252 (the encoding Windows editors and Word's "Plain text" save
 * in, and a superset of Latin-1's printable characters). Line endings are made \n; bytes that are
 * not text are refused.
 */
export function decodeText(bytes: Buffer, what: string): string {
  const encoding = detectEncoding(bytes);
  let text: string;
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('INVALID_FILE', `That ${what} is not readable text (it looked like ${encoding}). Save it as UTF-8 and import it again.`);
  }
  // TextDecoder drops a BOM that matches its encoding; one left over is text, not a mark.
  text = text.replace(/^\uFEFF/, '');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: text has none but tab, newlines and form feed
  if (/[\0-\x08\x0e-\x1a\x1c-\x1f\x81\x8d\x8f\x90\x9d]/.test(text)) throw new ApiError('INVALID_FILE', `That ${what} holds binary data, not text.`);
  return tidy(text);
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sixteen = utf16WithoutMark(bytes);
  if (sixteen) return sixteen;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Windows-1252's 0x80–0x9F (smart quotes, dashes, €); the rest of its bytes are Latin-1. Decoded
 * here because Node's TextDecoder('windows-1252') decodes those as C1 controls, as Latin-1 does.
 * The five bytes Windows-1252 leaves undefined stay C1 controls, and are refused as binary.
 */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return text;
}

/**
 * Text in a Latin script saved as UTF-16 without a mark has a zero byte in nearly every other
 * place (the high byte of each character): on the odd bytes for LE, the even ones for BE.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return undefined;
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
