// Pictures inside original files (a photo pasted into a Word document, a scan inside a PDF) keep
// what a camera or editor wrote about them unless it is removed: EXIF (owner, camera serial,
// GPS position), XMP, IPTC, comments. JPEG and PNG are rebuilt from the parts a viewer needs to
// draw them — an allow-list, so a block nobody thought of is dropped rather than kept.

import { LeftOut } from './left-out.js';

/** JPEG markers kept: frames, tables, scans and restart/arith settings (the picture itself). */
const JPEG_KEEP = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, // SOFn
  0xc4, // DHT
  0xcc, // DAC
  0xdb, // DQT
  0xdd, // DRI
]);

const startsWith = (b: Buffer, at: number, text: string) => b.subarray(at, at + text.length).toString('latin1') === text;

export class UnreadablePicture extends Error {}

const isMarkerAt = (b: Buffer, i: number) => b[i] === 0xff && b[i + 1] !== 0x00 && b[i + 1] !== 0xff && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7);

/**
 * The JPEG with only what draws it: JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and
 * Adobe's colour transform (APP14) stay; EXIF and XMP (APP1), IPTC (APP13), every other APPn,
 * comments, and whatever follows the end of the picture (a second picture with its own EXIF,
 * as phones append) go. Markers between the scans of a progressive JPEG are read the same way.
 */
export function stripJpeg(bytes: Buffer): { bytes: Buffer; stripped: boolean } {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new UnreadablePicture('not a JPEG');
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  let stripped = false;
  let inScan = false;
  for (;;) {
    if (inScan) {
      // Entropy-coded data: an 0xFF in it is followed by 0x00 or a restart marker.
      let i = at;
      while (i + 1 < bytes.length && !isMarkerAt(bytes, i)) i++;
      if (i + 1 >= bytes.length) throw new UnreadablePicture('JPEG without an end');
      kept.push(bytes.subarray(at, i));
      at = i;
    }
    if (at + 2 > bytes.length || bytes[at] !== 0xff) throw new UnreadablePicture('damaged JPEG');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2));
      return { bytes: Buffer.concat(kept), stripped: stripped || at + 2 < bytes.length };
    }
    if (at + 4 > bytes.length) throw new UnreadablePicture('damaged JPEG');
    const end = at + 2 + bytes.readUInt16BE(at + 2);
    if (end < at + 4 || end > bytes.length) throw new UnreadablePicture('damaged JPEG');
    const body = at + 4;
    const keep =
      JPEG_KEEP.has(marker) ||
      marker === 0xda ||
      (marker === 0xe0 && (startsWith(bytes, body, 'JFIF\0') || startsWith(bytes, body, 'JFXX\0'))) ||
      (marker === 0xe2 && startsWith(bytes, body, 'ICC_PROFILE\0')) ||
      (marker === 0xee && startsWith(bytes, body, 'Adobe'));
    if (keep) kept.push(bytes.subarray(at, end));
    else stripped = true;
    at = end;
    if (marker === 0xda) inScan = true;
  }
}

/** PNG chunks that change how the picture looks (or animate it); every text, time, EXIF and private chunk goes. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'sPLT', 'hIST', 'cICP', 'mDCv', 'cLLi', 'acTL', 'fcTL', 'fdAT']);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function stripPng(bytes: Buffer): { bytes: Buffer; stripped: boolean } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new UnreadablePicture('not a PNG');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let stripped = false;
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new UnreadablePicture('damaged PNG');
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const end = at + 12 + length;
    if (end > bytes.length) throw new UnreadablePicture('damaged PNG');
    if (PNG_KEEP.has(type)) kept.push(bytes.subarray(at, end));
    else stripped = true;
    at = end;
    if (type === 'IEND') {
      stripped ||= at < bytes.length;
      break;
    }
  }
  return { bytes: Buffer.concat(kept), stripped };
}

/** Picture formats whose metadata nothing here removes: a file holding one is left out. */
export const UNCLEANABLE_PICTURE = /\.(tiff?|heic|heif|webp|jxr|wdp|hdp|avif|jxl)$/i;

/** What a packet's cover says went from pictures. */
export const PICTURE_METADATA = 'picture metadata (EXIF, XMP, IPTC, comments)';

/**
 * The picture without its metadata, by its file name; other parts (EMF, GIF, SVG…) as they are.
 * A picture that cannot be read keeps its whole file out of the packet.
 */
export function cleanPicture(name: string, bytes: Buffer): { bytes: Buffer; stripped: boolean } {
  try {
    if (/\.jpe?g$/i.test(name)) return stripJpeg(bytes);
    if (/\.png$/i.test(name)) return stripPng(bytes);
    return { bytes, stripped: false };
  } catch (err) {
    throw err instanceof UnreadablePicture ? new LeftOut('a picture inside it could not be read, so its metadata could not be removed') : err;
  }
}
