// Pictures inside originals: a JPEG or PNG that names its photographer (EXIF, XMP, IPTC,
// comments, text chunks, a picture appended after the end) comes out as exactly the picture
// without them, inside a Word document or a PDF; a picture nothing here can clean keeps the
// whole file out.

import { describe, expect, it } from 'vitest';
import { stripJpeg, stripPng } from '../../core/export/originals/images.js';
import { cleanOriginal, readableText } from '../../core/export/originals/index.js';
import { AUTHOR, decodeAll, findIn, jpegWithMetadata, makeDocxWithPicture, makePdfWithPicture, needles, pngWithMetadata, pristineJpeg, pristinePng } from './original-files.js';
import { unzip } from './read.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('JPEG and PNG', () => {
  it('a JPEG keeps exactly what draws it: EXIF, XMP, IPTC, the comment and the appended picture go', () => {
    const dirty = jpegWithMetadata();
    expect(dirty.toString('latin1')).toContain(AUTHOR.name);
    const out = stripJpeg(dirty);
    expect(out.stripped).toBe(true);
    expect(out.bytes.equals(pristineJpeg())).toBe(true);
    expect(stripJpeg(pristineJpeg())).toEqual({ bytes: pristineJpeg(), stripped: false });
  });

  it('markers inside the scan data (stuffed bytes, restarts, a progressive JPEG’s tables) are kept as they are', () => {
    const jpeg = pristineJpeg();
    const eoi = jpeg.length - 2;
    const segmentAt = (marker: number) => {
      const at = jpeg.lastIndexOf(Buffer.from([0xff, marker]));
      return jpeg.subarray(at, at + 2 + jpeg.readUInt16BE(at + 2));
    };
    // A second scan, as a progressive JPEG has: scan data with a stuffed 0xFF and a restart,
    // then a Huffman table and a new scan header, its data, the end.
    const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const progressive = Buffer.concat([jpeg.subarray(0, eoi), scan, segmentAt(0xc4), segmentAt(0xda), Buffer.from([0x3f]), jpeg.subarray(eoi)]);
    expect(stripJpeg(progressive)).toEqual({ bytes: progressive, stripped: false });
    // A comment between scans still goes.
    const comment = Buffer.from([0xff, 0xfe, 0x00, 0x05, 0x5a, 0x65, 0x62]);
    const withComment = Buffer.concat([jpeg.subarray(0, eoi), scan, comment, segmentAt(0xda), Buffer.from([0x3f]), jpeg.subarray(eoi)]);
    expect(stripJpeg(withComment)).toEqual({ bytes: Buffer.concat([jpeg.subarray(0, eoi), scan, segmentAt(0xda), Buffer.from([0x3f]), jpeg.subarray(eoi)]), stripped: true });
  });

  it('a PNG keeps exactly its drawing chunks: text, XMP, EXIF, time and private chunks go', () => {
    const dirty = pngWithMetadata();
    expect(dirty.toString('latin1')).toContain(AUTHOR.name);
    const out = stripPng(dirty);
    expect(out.stripped).toBe(true);
    expect(out.bytes.equals(pristinePng())).toBe(true);
  });

  it('a damaged picture is refused, not passed through', () => {
    expect(() => stripJpeg(jpegWithMetadata().subarray(0, 40))).toThrow();
    expect(() => stripPng(pngWithMetadata().subarray(0, 40))).toThrow();
  });
});

describe('pictures inside originals', () => {
  it.each([
    ['jpeg', jpegWithMetadata(), pristineJpeg()],
    ['png', pngWithMetadata(), pristinePng()],
  ])('a Word document’s %s picture loses its metadata and keeps its pixels', async (ext, dirty, clean) => {
    const docx = await makeDocxWithPicture(dirty, ext);
    expect(findIn(await decodeAll(docx, 'docx'), needles())).not.toEqual([]);
    const c = await cleanOriginal(docx, DOCX, 'a.docx');
    if (c.kind !== 'cleaned') throw new Error(c.reason);
    expect(c.removed).toContain('picture metadata (EXIF, XMP, IPTC, comments)');
    expect(findIn(await decodeAll(c.bytes, 'docx'), needles())).toEqual([]);
    expect((await unzip(c.bytes)).find((e) => e.name === `word/media/image1.${ext}`)!.bytes.equals(clean)).toBe(true);
  });

  it('a PDF’s JPEG picture loses its EXIF, XMP, IPTC and comment', async () => {
    const pdf = await makePdfWithPicture(jpegWithMetadata());
    expect(findIn(await decodeAll(pdf, 'pdf'), needles())).not.toEqual([]);
    const c = await cleanOriginal(pdf, 'application/pdf', 'a.pdf');
    if (c.kind !== 'cleaned') throw new Error(c.reason);
    expect(c.removed).toContain('picture metadata (EXIF, XMP, IPTC, comments)');
    expect(findIn(await decodeAll(c.bytes, 'pdf'), needles())).toEqual([]);
    expect(c.bytes.includes(pristineJpeg())).toBe(true);
  });

  it('a picture written into a web page as a data: URL loses its metadata', async () => {
    const page = Buffer.from(`<!doctype html><p>Manifest</p><img alt="container" src="data:image/jpeg;base64,${jpegWithMetadata().toString('base64')}">`);
    const c = await cleanOriginal(page, 'text/html', 'a.html');
    if (c.kind !== 'cleaned') throw new Error(c.reason);
    expect(c.removed).toEqual(['picture metadata (EXIF, XMP, IPTC, comments)']);
    const src = /src="data:image\/jpeg;base64,([^"]+)"/.exec(c.bytes.toString('utf8'))![1]!;
    expect(Buffer.from(src, 'base64').equals(pristineJpeg())).toBe(true);
  });

  it('the check reads inside every data: URL of a page, CSS included', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a\x01\0\x01\0', 'latin1'), Buffer.from(`\x21\xfe\x10Made by ${AUTHOR.name}\0;`, 'latin1')]);
    const page = Buffer.from(`<!doctype html><p style="background:url(data:image/gif;base64,${gif.toString('base64')})">Manifest</p>`);
    const c = await cleanOriginal(page, 'text/html', 'a.html');
    if (c.kind !== 'cleaned') throw new Error(c.reason);
    expect(await readableText(c.bytes, 'text/html', 'a.html')).toContain(AUTHOR.name);
  });

  it.each(['tiff', 'heic', 'webp'])('a Word document holding a .%s picture is left out', async (ext) => {
    const docx = await makeDocxWithPicture(Buffer.from(`picture by ${AUTHOR.name}`), ext);
    expect(await cleanOriginal(docx, DOCX, 'a.docx')).toEqual({ kind: 'excluded', reason: `it holds a picture (.${ext}) whose metadata cannot be removed` });
  });

  it('a Word document holding a damaged JPEG is left out', async () => {
    const docx = await makeDocxWithPicture(jpegWithMetadata().subarray(0, 60), 'jpeg');
    expect(await cleanOriginal(docx, DOCX, 'a.docx')).toEqual({ kind: 'excluded', reason: 'a picture inside it could not be read, so its metadata could not be removed' });
  });
});
