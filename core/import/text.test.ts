import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from './text.js';

// Real bytes as Windows editors save them, not strings re-encoded by Node's own helpers alone.
const ORIGINAL = 'The minister’s “final” answer: café, naïve, 50 € — no comment.';
const cp1252 = Buffer.from([
  ...Buffer.from('The minister', 'latin1'), 0x92, ...Buffer.from('s ', 'latin1'), 0x93, ...Buffer.from('final', 'latin1'), 0x94,
  ...Buffer.from(' answer: caf', 'latin1'), 0xe9, ...Buffer.from(', na', 'latin1'), 0xef, ...Buffer.from('ve, 50 ', 'latin1'), 0x80,
  0x20, 0x97, ...Buffer.from(' no comment.', 'latin1'),
]);
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => {
  const b = utf16le(s);
  return b.swap16();
};

describe('text files in other encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(ORIGINAL, 'utf8'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORIGINAL, 'utf8')]), 'utf-8'],
    ['Windows-1252', cp1252, 'windows-1252'],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(ORIGINAL)]), 'utf-16le'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(ORIGINAL)]), 'utf-16be'],
    ['UTF-16 LE without a BOM', utf16le(ORIGINAL), 'utf-16le'],
  ])('reads %s as the original text', (_name, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(decodeText(bytes, 'text file')).toBe(ORIGINAL);
  });

  it('still refuses binary data', () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'text file')).toThrow(/binary/);
  });
});
