// Each cleaner of original files, on files that name their author only in metadata: before
// cleaning the hand-written decoder (original-files.ts, which shares no code with the cleaners)
// finds the author in every place the issue listed; after, nowhere; and what the file says is
// unchanged.

import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { JSDOM } from 'jsdom';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { cleanOriginal, readableText, type Cleaned } from '../../core/export/originals/index.js';
import { makePdf as makeEncryptableObjectsPdf } from '../make-files.js';
import { AUTHOR, BODY, decodeAll, decodeEntities, findIn, makeDocx, makeDocxEmbedding, makeHtml, makeIncrementalPdf, makePdf, makePptx, makeXlsx, needles, SECOND } from './original-files.js';
import { pdfText, unzip, type Entry } from './read.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const OOXML = 'application/vnd.openxmlformats-officedocument';
const DOCX = `${OOXML}.wordprocessingml.document`;
const XLSX = `${OOXML}.spreadsheetml.sheet`;
const PPTX = `${OOXML}.presentationml.presentation`;

function cleaned(c: Cleaned): Extract<Cleaned, { kind: 'cleaned' }> {
  if (c.kind !== 'cleaned') throw new Error(`left out: ${c.reason}`);
  return c;
}

/** Cleans `bytes` and checks what every cleaned file must satisfy: hashes right, author gone. */
async function cleanAndSearch(bytes: Buffer, mediaType: string, name: string, opts = { readableBefore: true }) {
  expect(findIn(await decodeAll(bytes, name), needles()), 'the fixture must name its author somewhere').not.toEqual([]);
  const c = cleaned(await cleanOriginal(bytes, mediaType, name));
  expect(c.sha256Before).toBe(sha256(bytes));
  expect(c.sha256After).toBe(sha256(c.bytes));
  expect(findIn(await decodeAll(c.bytes, name), needles())).toEqual([]);
  // The text the packet's check reads: the author was in it before, and is not now.
  if (opts.readableBefore) expect((await readableText(bytes, mediaType, name)).toLowerCase()).toContain(AUTHOR.name.toLowerCase());
  expect((await readableText(c.bytes, mediaType, name)).toLowerCase()).not.toContain(AUTHOR.name.split(' ')[0]!.toLowerCase());
  return c;
}

const byName = (entries: Entry[]) => new Map(entries.map((e) => [e.name, e.bytes]));

/** What would make Office call the package damaged: overrides or relationships to parts that are gone. */
function packageProblems(entries: Entry[]): string[] {
  const parts = byName(entries);
  const problems: string[] = [];
  const types = parts.get('[Content_Types].xml')?.toString('utf8') ?? '';
  for (const m of types.matchAll(/PartName="\/([^"]+)"/g)) if (!parts.has(m[1]!)) problems.push(`content type for missing part ${m[1]}`);
  for (const [name, bytes] of parts) {
    if (!name.endsWith('.rels')) continue;
    const dir = name.replace(/_rels\/[^/]*$/, '');
    for (const m of bytes.toString('utf8').matchAll(/<Relationship ([^>]*)\/>/g)) {
      if (/TargetMode="External"/.test(m[1]!)) continue;
      const target = /Target="([^"]+)"/.exec(m[1]!)![1]!;
      const resolved = new URL(target, `file:///${dir}`).pathname.slice(1);
      if (!parts.has(resolved)) problems.push(`${name} points at missing ${resolved}`);
    }
  }
  return problems;
}

describe('Word, Excel and PowerPoint originals', () => {
  it('a Word document loses its author, properties, comments and tracked-change authors, and keeps its text', async () => {
    const docx = await makeDocx();
    // Today's check read the raw bytes as UTF-8: deflated, core.xml hides the name from it.
    expect(docx.toString('utf8')).not.toContain(AUTHOR.name);
    const before = await decodeAll(docx, 'docx');
    for (const part of ['docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml', 'word/comments.xml', 'word/people.xml', 'word/document.xml']) {
      expect(findIn(before, [AUTHOR.name, AUTHOR.email]).some((w) => w.includes(`› ${part}`)), part).toBe(true);
    }
    const c = await cleanAndSearch(docx, DOCX, 'evidence/D1.docx');
    expect(c.removed).toEqual(expect.arrayContaining(['author', 'last editor', 'description', 'company', 'manager', 'template name', 'custom properties', 'comments', 'comment authors', 'tracked-change authors']));
    const entries = await unzip(c.bytes);
    expect(packageProblems(entries)).toEqual([]);
    expect(entries.map((e) => e.name).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml']);
    const parts = byName(entries);
    const document = parts.get('word/document.xml')!.toString('utf8');
    expect(document).not.toMatch(/comment(RangeStart|RangeEnd|Reference)/);
    expect(document.match(/w:author="Author"/g)).toHaveLength(3);
    expect(document).not.toContain('w:initials');
    // What describes the document rather than its people stays.
    expect(parts.get('docProps/core.xml')!.toString('utf8')).toMatch(/<dc:title>Manifest<\/dc:title>.*<cp:revision>3<\/cp:revision>.*2024-01-02T03:04:05Z/);
    expect(parts.get('docProps/app.xml')!.toString('utf8')).toContain('<Application>Microsoft Office Word</Application>');
    // The tracked changes are still there, and Word's reading of the body is the same.
    expect(document).toContain('<w:delText>Never.</w:delText>');
    const text = async (b: Buffer) => (await mammoth.extractRawText({ buffer: b })).value;
    expect(await text(c.bytes)).toBe(await text(docx));
    expect(await text(c.bytes)).toContain(BODY);
    expect(await text(c.bytes)).toContain(SECOND);
  });

  it('an Excel workbook loses its creator, comment with its drawing, file-sharing user and saved path', async () => {
    const xlsx = await makeXlsx();
    const c = await cleanAndSearch(xlsx, XLSX, 'evidence/D2.xlsx');
    expect(c.removed).toEqual(expect.arrayContaining(['author', 'comments', 'file-sharing user name', 'path the file was saved at', 'custom properties']));
    const entries = await unzip(c.bytes);
    expect(packageProblems(entries)).toEqual([]);
    const parts = byName(entries);
    expect([...parts.keys()].filter((n) => /comments|vmlDrawing|persons/i.test(n))).toEqual([]);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).not.toContain('legacyDrawing');
    expect(sheet).toContain(BODY);
    expect(parts.get('xl/workbook.xml')!.toString('utf8')).toMatch(/<sheet name="Containers"/);
  });

  it('a PowerPoint deck loses its creator, comments and comment authors; its slides are byte for byte the same', async () => {
    const pptx = await makePptx();
    const c = await cleanAndSearch(pptx, PPTX, 'evidence/D3.pptx');
    expect(c.removed).toEqual(expect.arrayContaining(['author', 'comments', 'comment authors']));
    const before = byName(await unzip(pptx));
    const after = byName(await unzip(c.bytes));
    expect(packageProblems([...after].map(([name, bytes]) => ({ name, bytes })))).toEqual([]);
    expect(after.get('ppt/slides/slide1.xml')!.equals(before.get('ppt/slides/slide1.xml')!)).toBe(true);
    expect([...after.keys()].filter((n) => /comment|authors/i.test(n))).toEqual([]);
  });

  it('a document embedded in another is cleaned the same way; one embedded too deep leaves the file out', async () => {
    const docx = await makeDocxEmbedding(await makeXlsx());
    const c = await cleanAndSearch(docx, DOCX, 'evidence/D7.docx');
    expect(c.removed).toEqual(expect.arrayContaining(['embedded document: author', 'embedded document: comments', 'embedded document: file-sharing user name']));
    const inner = byName(await unzip(byName(await unzip(c.bytes)).get('word/embeddings/Workbook1.xlsx')!));
    expect(inner.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain(BODY);
    const deep = await makeDocxEmbedding(await makeDocxEmbedding(await makeDocxEmbedding(await makeXlsx(), 'docx'), 'docx'), 'docx');
    expect(await cleanOriginal(deep, DOCX, 'deep.docx')).toEqual({ kind: 'excluded', reason: 'it embeds documents more than 2 levels deep, too deep to clean' });
  });

  it('a damaged or hostile package is left out, never carried as it is', async () => {
    const docx = await makeDocx();
    const truncated = await cleanOriginal(docx.subarray(0, docx.length - 200), DOCX, 'x.docx');
    expect(truncated).toEqual({ kind: 'excluded', reason: 'it could not be read as an Office document, so its metadata could not be removed' });
  });
});

describe('PDF originals', () => {
  it('a PDF loses its UTF-16BE /Author, Creator, Producer, Keywords, XMP, annotation author and embedded file; its text is the same', async () => {
    const pdf = await makePdf();
    // pdf-lib writes Info strings as UTF-16BE hex: no literal name for a byte search to see there.
    expect(pdf.toString('latin1')).toMatch(/\/Author <FEFF005A0065/);
    expect((await pdfText(pdf)).info).toMatchObject({ Author: AUTHOR.name, xmp: expect.stringContaining(`<dc:creator><rdf:Seq><rdf:li>${AUTHOR.name}`) });
    const c = await cleanAndSearch(pdf, 'application/pdf', 'evidence/D4.pdf');
    expect(c.removed).toEqual(
      expect.arrayContaining([
        'document information: author',
        'document information: creating application',
        'document information: producing software',
        'document information: keywords',
        'XMP metadata',
        'annotation authors',
        'embedded files',
      ]),
    );
    const before = await pdfText(pdf);
    const after = await pdfText(c.bytes);
    expect(after.text).toBe(before.text);
    expect(after.text).toContain(BODY);
    expect(after.info).toMatchObject({ Title: 'Manifest', xmp: null });
    expect(after.info).not.toHaveProperty('Author');
    const doc = await PDFDocument.load(c.bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.has(PDFName.of('EmbeddedFiles')) ?? false).toBe(false);
  });

  it('a PDF whose dictionaries sit compressed in object streams is cleaned as well', async () => {
    const pdf = await makePdf(AUTHOR, { objectStreams: true });
    expect(pdf.toString('latin1')).toContain('/ObjStm');
    expect(pdf.toString('latin1')).not.toContain('<FEFF005A0065');
    await cleanAndSearch(pdf, 'application/pdf', 'evidence/D8.pdf');
  });

  it('an incrementally updated PDF keeps no earlier revision: the older Info that named the author is gone', async () => {
    const pdf = await makeIncrementalPdf();
    // A viewer shows the latest Info; the older one is still in the bytes.
    expect((await pdfText(pdf)).info.Author).toBe('Desk editor');
    expect(pdf.toString('latin1').match(/%%EOF/g)).toHaveLength(2);
    expect(findIn(await decodeAll(pdf, 'pdf'), [AUTHOR.name]).some((w) => w.includes('hex strings'))).toBe(true);
    // The check reads only cleaned files, which hold one revision: no need for it to see older ones.
    const c = await cleanAndSearch(pdf, 'application/pdf', 'evidence/D5.pdf', { readableBefore: false });
    expect(c.bytes.toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    expect((await pdfText(c.bytes)).text).toBe((await pdfText(pdf)).text);
  });

  it('an encrypted PDF is left out with the reason', async () => {
    const locked = makeEncryptableObjectsPdf([['Secret page']], { encrypted: true, author: AUTHOR.name });
    expect(await cleanOriginal(locked, 'application/pdf', 'x.pdf')).toEqual({ kind: 'excluded', reason: 'it is an encrypted PDF, so its metadata could not be removed' });
  });
});

describe('web-page and text originals', () => {
  it('a web page loses its entity-encoded author meta, comments, author link and JSON-LD; what it shows is the same', async () => {
    const html = makeHtml();
    expect(html.toString('utf8')).toContain('content="&#90;&#101;&#98;');
    expect(decodeEntities(html.toString('utf8'))).toContain(`content="${AUTHOR.name}"`);
    const c = await cleanAndSearch(html, 'text/html', 'evidence/D6.html');
    expect(c.removed).toEqual(['author links', 'comments', 'meta tags', 'structured data (JSON-LD)']);
    const page = (b: Buffer) => new JSDOM(b.toString('utf8')).window.document;
    expect(page(c.bytes).body.textContent).toBe(page(html).body.textContent);
    expect(page(c.bytes).title).toBe('Manifest');
    expect([...page(c.bytes).querySelectorAll('meta')].map((m) => m.outerHTML)).toEqual(['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width">']);
  });

  it('a text file has no metadata: the same bytes, nothing removed, its words still read for the check', async () => {
    const txt = Buffer.from(`${BODY}\nWritten by ${AUTHOR.name}.\n`);
    const c = cleaned(await cleanOriginal(txt, 'text/plain', 'a.txt'));
    expect(c.bytes.equals(txt)).toBe(true);
    expect(c.removed).toEqual([]);
    expect(c.sha256After).toBe(c.sha256Before);
    expect(await readableText(c.bytes, 'text/plain', 'a.txt')).toContain(AUTHOR.name);
  });

  it('a body that names the author is not hidden from the check by cleaning', async () => {
    const html = Buffer.from(`<!doctype html><p>Sent by <b>Zeb</b>ulon Quixotic</p><a href="mailto:${AUTHOR.email}">mail</a>`);
    const c = cleaned(await cleanOriginal(html, 'text/html', 'a.html'));
    const text = await readableText(c.bytes, 'text/html', 'a.html');
    expect(text).toContain(AUTHOR.name);
    expect(text).toContain(AUTHOR.email);
  });
});

describe('kinds of file nothing here can clean', () => {
  it.each([
    ['image/jpeg', 'photo.jpg'],
    ['image/png', 'scan.png'],
    ['image/heic', 'IMG_0001.heic'],
    ['application/msword', 'old.doc'],
    ['application/octet-stream', 'blob.bin'],
  ])('%s is left out with the reason', async (mediaType, name) => {
    expect(await cleanOriginal(Buffer.from('\xff\xd8\xff\xe1 Exif Zebulon', 'latin1'), mediaType, name)).toEqual({ kind: 'excluded', reason: `metadata cannot be removed from this kind of file (${mediaType})` });
  });
});
