// The readable runs inside binary data (what `strings` prints), in the three encodings metadata
// uses: Latin-1/ASCII (EXIF, PDF names), UTF-16LE (Windows' XP* tags, OLE) and UTF-16BE.

const MIN = 4;

function runs(text: string): string[] {
  return text.match(new RegExp(`[\\p{L}\\p{N}\\p{P}\\p{Zs}+=<>@~^|$]{${MIN},}`, 'gu')) ?? [];
}

function utf16(bytes: Buffer, littleEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (littleEndian) return even.toString('utf16le');
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
}

export function binaryStrings(bytes: Buffer): string {
  const found = [...runs(bytes.toString('latin1')), ...runs(utf16(bytes, true)), ...runs(utf16(bytes, false))];
  // An odd offset shifts UTF-16 by one byte.
  if (bytes.length > 1) found.push(...runs(utf16(bytes.subarray(1), true)), ...runs(utf16(bytes.subarray(1), false)));
  return found.join('\n');
}
