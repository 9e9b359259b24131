// PDF originals, rewritten whole with pdf-lib (the maintained @cantoo fork):
//   - the document information keeps only Title and the creation and modification dates (they
//     describe the document; the text check afterwards still reads the title); Author, Creator,
//     Producer, Subject, Keywords and any private key go;
//   - every XMP packet (/Metadata, on the catalog, pages, images, fonts) and application private
//     data (/PieceInfo) go;
//   - markup annotations (comments, highlights) keep their text but lose their author (/T);
//     form fields keep their names;
//   - embedded files (the /EmbeddedFiles tree, /EF and /AF, file-attachment annotations) go:
//     they are originals of their own that nothing here could clean;
//   - JPEG pictures lose their EXIF, XMP, IPTC and comments (images.ts);
//   - the file is written anew, holding only the objects the document still reaches: an earlier
//     revision of an incrementally updated PDF (an older Info dictionary, an older XMP) is not
//     carried over.
// An encrypted PDF is not opened: it is left out.

import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { loadPdfJs } from '../../import/pdf.js';
import { cleanPicture, PICTURE_METADATA } from './images.js';
import { LeftOut } from './left-out.js';
import { binaryStrings } from './strings.js';

const ENCRYPTED = 'it is an encrypted PDF, so its metadata could not be removed';
const KEPT_INFO = new Set(['Title', 'CreationDate', 'ModDate', 'Trapped']);
const INFO_WORDS: Record<string, string> = { Author: 'author', Creator: 'creating application', Producer: 'producing software', Subject: 'subject', Keywords: 'keywords' };

const name = (n: string) => PDFName.of(n);

/** Calls `fn` on every dictionary inside `obj` (a stream's too), not following references. */
function eachDict(obj: PDFObject | undefined, fn: (d: PDFDict) => void): void {
  if (obj instanceof PDFStream) eachDict(obj.dict, fn);
  else if (obj instanceof PDFDict) {
    fn(obj);
    for (const [, v] of obj.entries()) eachDict(v, fn);
  } else if (obj instanceof PDFArray) for (const v of obj.asArray()) eachDict(v, fn);
}

/** Every reference `obj` holds directly (inside nested dictionaries and arrays too). */
function refsOf(obj: PDFObject | undefined, out: PDFRef[]): void {
  if (obj instanceof PDFRef) out.push(obj);
  else if (obj instanceof PDFStream) refsOf(obj.dict, out);
  else if (obj instanceof PDFDict) for (const [, v] of obj.entries()) refsOf(v, out);
  else if (obj instanceof PDFArray) for (const v of obj.asArray()) refsOf(v, out);
}

/** A picture stored as a whole JPEG file (DCTDecode alone), which can carry EXIF like any photo. */
function isJpeg(obj: PDFObject): obj is PDFRawStream {
  if (!(obj instanceof PDFRawStream) || obj.dict.lookupMaybe(name('Subtype'), PDFName)?.decodeText() !== 'Image') return false;
  const filter = obj.dict.lookup(name('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  return filters.length === 1 && filters[0] instanceof PDFName && filters[0].decodeText() === 'DCTDecode';
}

async function load(bytes: Buffer): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    if ((err as Error).name === 'EncryptedPDFError' || /encrypt/i.test((err as Error).message)) throw new LeftOut(ENCRYPTED);
    throw err;
  }
}

/** The PDF without what names people; `madeBy`, when given, is written as its Creator and Producer. */
export async function cleanPdf(bytes: Buffer, madeBy?: string): Promise<{ bytes: Buffer; removed: string[] }> {
  const doc = await load(bytes);
  if (doc.isEncrypted) throw new LeftOut(ENCRYPTED);
  const { context } = doc;
  const removed = new Set<string>();

  const info = context.lookup(context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    const kept = context.obj({});
    for (const [key, value] of info.entries()) {
      const k = key.decodeText();
      if (KEPT_INFO.has(k)) kept.set(key, value);
      else removed.add(`document information: ${INFO_WORDS[k] ?? 'other entries'}`);
    }
    context.trailerInfo.Info = context.register(kept);
  }
  if (madeBy) {
    doc.setCreator(madeBy);
    doc.setProducer(madeBy);
  }

  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (isJpeg(obj)) {
      const out = cleanPicture('picture.jpeg', Buffer.from(obj.contents));
      if (out.stripped) {
        obj.updateContents(out.bytes);
        removed.add(PICTURE_METADATA);
      }
    }
    eachDict(obj, (d) => {
      if (d.delete(name('Metadata'))) removed.add('XMP metadata');
      if (d.delete(name('PieceInfo'))) removed.add('application private data');
      const subtype = d.lookupMaybe(name('Subtype'), PDFName)?.decodeText();
      // An annotation has a /Rect; a widget's /T is its form field's name, not an author.
      if (subtype && subtype !== 'Widget' && d.has(name('Rect')) && d.delete(name('T'))) removed.add('annotation authors');
      const names = d.lookupMaybe(name('Names'), PDFDict);
      // A file is embedded through the name tree, a file specification's /EF, or (PDF 2.0) /AF.
      if (names?.delete(name('EmbeddedFiles'))) removed.add('embedded files');
      for (const key of ['EF', 'AF']) if (d.delete(name(key))) removed.add('embedded files');
      const annots = d.lookupMaybe(name('Annots'), PDFArray);
      if (annots) {
        for (let i = annots.size() - 1; i >= 0; i--) {
          if (annots.lookupMaybe(i, PDFDict)?.lookupMaybe(name('Subtype'), PDFName)?.decodeText() === 'FileAttachment') {
            annots.remove(i);
            removed.add('embedded files');
          }
        }
      }
    });
  }

  // Keep only what the document still reaches: older revisions, the old Info, dropped XMP go.
  const reached = new Set<string>();
  const queue: PDFRef[] = [];
  refsOf(context.trailerInfo.Root, queue);
  refsOf(context.trailerInfo.Info, queue);
  while (queue.length) {
    const ref = queue.pop()!;
    if (reached.has(ref.tag)) continue;
    reached.add(ref.tag);
    refsOf(context.lookup(ref), queue);
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) context.delete(ref);

  const out = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, rewrite: true });
  return { bytes: Buffer.from(out), removed: [...removed].sort() };
}

/** Every text in the PDF: each page's text as pdf.js reads it, every string object (Info, annotations, links, outlines…) and the readable runs of every stream that is not a picture or a font. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const out: string[] = [];
  const doc = await load(bytes);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const walk = (o: PDFObject | undefined): void => {
      if (o instanceof PDFString || o instanceof PDFHexString) out.push(o.decodeText());
      else if (o instanceof PDFName) out.push(o.decodeText());
      else if (o instanceof PDFStream) walk(o.dict);
      else if (o instanceof PDFDict) {
        for (const [k, v] of o.entries()) {
          walk(k);
          walk(v);
        }
      }
      else if (o instanceof PDFArray) for (const v of o.asArray()) walk(v);
    };
    walk(obj);
    // Streams other than pictures and fonts are text of some kind (content, XML, scripts).
    const subtype = obj instanceof PDFRawStream ? obj.dict.lookupMaybe(name('Subtype'), PDFName)?.decodeText() : undefined;
    if (obj instanceof PDFRawStream && subtype !== 'Image' && !obj.dict.has(name('Length1')) && !/^(Type1C|CIDFontType0C|OpenType)$/.test(subtype ?? '')) {
      try {
        out.push(binaryStrings(Buffer.from(decodePDFRawStream(obj).decode())));
      } catch {
        // a filter pdf-lib cannot decode: the page text below still reads what it shows
      }
    }
  }
  const lib = await loadPdfJs();
  const pdf = await lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      out.push((await page.getTextContent()).items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const meta = await pdf.getMetadata();
    out.push(JSON.stringify(meta.info), String(meta.metadata?.getRaw() ?? ''));
  } finally {
    await pdf.destroy();
  }
  return out.join('\n');
}
