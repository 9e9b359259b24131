// Original evidence files that name the person who made them only in their metadata, the way
// real ones do: a Word document whose deflated docProps/core.xml names its author, comments and
// tracked changes with authors; an Excel and a PowerPoint file with creators and comment authors;
// a PDF whose /Author is a UTF-16BE hex string and whose XMP names the creator; a PDF updated
// incrementally over an older Info that names them; a web page with an entity-encoded author.
// The body of each says nothing about anyone, so a cleaned file has nothing left to find; and no
// file holds the name as plain UTF-8 (deflated, UTF-16BE, character references, JSON escapes),
// which is how they all slipped past the byte search packets relied on.

import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';
import { crc32, deflateSync } from 'node:zlib';
import yazl from 'yazl';

export interface Author {
  name: string;
  email: string;
}

export const AUTHOR: Author = { name: 'Zebulon Quixotic', email: 'zq@quixotic-mail.example' };
/** Words every fixture's body holds: they must survive cleaning. */
export const BODY = 'Shipping manifest for container MSKU 4417. Declared as industrial solvent.';
export const SECOND = 'Inspections at the port are announced a day ahead.';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Every character as a decimal character reference, as the issue's HTML did. */
export const entities = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
/** Every character as a JSON \u escape. */
const jsonEscapes = (s: string) => [...s].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');

async function zip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) z.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name, { mtime: new Date('2024-01-02T03:04:05Z') });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function types(overrides: Record<string, string>, defaults: Record<string, string> = {}): string {
  const d = { rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml', ...defaults };
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${Object.entries(d)
    .map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`)
    .join('')}${Object.entries(overrides)
    .map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`)
    .join('')}</Types>`;
}

function rels(list: [id: string, type: string, target: string, external?: boolean][]): string {
  return `${XML}<Relationships xmlns="${PKG_REL}">${list.map(([id, type, target, external]) => `<Relationship Id="${id}" Type="${type}" Target="${esc(target)}"${external ? ' TargetMode="External"' : ''}/>`).join('')}</Relationships>`;
}

function core(a: Author, title: string): string {
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(title)}</dc:title><dc:creator>${esc(a.name)}</dc:creator><cp:lastModifiedBy>${esc(a.name)}</cp:lastModifiedBy><dc:description>Questions to ${esc(a.email)}</dc:description><cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:05Z</dcterms:created></cp:coreProperties>`;
}

function app(a: Author): string {
  return `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>C:\\Users\\${esc(a.name.split(' ')[1]!.toLowerCase())}\\Normal.dotm</Template><Application>Microsoft Office Word</Application><Company>${esc(a.name)} Consulting</Company><Manager>${esc(a.name)}</Manager><Pages>1</Pages></Properties>`;
}

function custom(a: Author): string {
  return `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reviewer"><vt:lpwstr>${esc(a.email)}</vt:lpwstr></property></Properties>`;
}

const DOC_PROPS_TYPES = {
  '/docProps/core.xml': 'application/vnd.openxmlformats-package.core-properties+xml',
  '/docProps/app.xml': 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  '/docProps/custom.xml': 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
};

function packageRels(main: string): string {
  return rels([
    ['rId1', `${REL}/officeDocument`, main],
    ['rId2', `${PKG_REL}/metadata/core-properties`, 'docProps/core.xml'],
    ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
    ['rId4', `${REL}/custom-properties`, 'docProps/custom.xml'],
  ]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

/** A Word document: core, app and custom properties, a comment, and tracked changes, all by `a`. */
export function makeDocx(a: Author = AUTHOR): Promise<Buffer> {
  const initials = a.name.split(' ').map((p) => p[0]).join('');
  const change = `w:author="${esc(a.name)}" w:initials="${initials}" w:date="2024-01-02T03:04:05Z"`;
  return zip({
    '[Content_Types].xml': types({
      '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      '/word/comments.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml',
      '/word/commentsExtended.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml',
      '/word/people.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml',
      ...DOC_PROPS_TYPES,
    }),
    '_rels/.rels': packageRels('word/document.xml'),
    'docProps/core.xml': core(a, 'Manifest'),
    'docProps/app.xml': app(a),
    'docProps/custom.xml': custom(a),
    'word/_rels/document.xml.rels': rels([
      ['rId1', `${REL}/comments`, 'comments.xml'],
      ['rId2', 'http://schemas.microsoft.com/office/2011/relationships/commentsExtended', 'commentsExtended.xml'],
      ['rId3', 'http://schemas.microsoft.com/office/2011/relationships/people', 'people.xml'],
    ]),
    'word/document.xml':
      `${XML}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>` +
      `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">${esc(BODY)}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r></w:p>` +
      `<w:p><w:ins w:id="1" ${change}><w:r><w:t xml:space="preserve">${esc(SECOND)}</w:t></w:r></w:ins><w:del w:id="2" ${change}><w:r><w:delText>Never.</w:delText></w:r></w:del></w:p>` +
      `<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="3" ${change}><w:rPr/></w:rPrChange></w:rPr><w:t>End.</w:t></w:r></w:p>` +
      `</w:body></w:document>`,
    'word/comments.xml': `${XML}<w:comments xmlns:w="${W}"><w:comment w:id="0" ${change}><w:p><w:r><w:t>Check with ${esc(a.email)} before use.</w:t></w:r></w:p></w:comment></w:comments>`,
    'word/commentsExtended.xml': `${XML}<w15:commentsEx xmlns:w15="${W15}"><w15:commentEx w15:paraId="00000001" w15:done="0"/></w15:commentsEx>`,
    'word/people.xml': `${XML}<w15:people xmlns:w15="${W15}"><w15:person w15:author="${esc(a.name)}"><w15:presenceInfo w15:providerId="None" w15:userId="${esc(a.email)}"/></w15:person></w15:people>`,
  });
}

const X = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** An Excel workbook: a creator, a legacy comment (with its VML drawing), a threaded comment with its person, the file-sharing user and saved path. */
export function makeXlsx(a: Author = AUTHOR): Promise<Buffer> {
  return zip({
    '[Content_Types].xml': types(
      {
        '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
        '/xl/comments1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
        '/xl/threadedComments/threadedComment1.xml': 'application/vnd.ms-excel.threadedcomments+xml',
        '/xl/persons/person.xml': 'application/vnd.ms-excel.person+xml',
        ...DOC_PROPS_TYPES,
      },
      { vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing' },
    ),
    '_rels/.rels': packageRels('xl/workbook.xml'),
    'docProps/core.xml': core(a, 'Containers'),
    'docProps/app.xml': app(a),
    'docProps/custom.xml': custom(a),
    'xl/workbook.xml': `${XML}<workbook xmlns="${X}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"><fileSharing userName="${esc(a.name)}"/><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\${esc(a.name)}\\Documents\\"/></mc:Choice></mc:AlternateContent><sheets><sheet name="Containers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': rels([
      ['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml'],
      ['rId2', 'http://schemas.microsoft.com/office/2017/10/relationships/person', 'persons/person.xml'],
    ]),
    'xl/persons/person.xml': `${XML}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="${esc(a.name)}" id="{00000000-0000-0000-0000-000000000001}" userId="${esc(a.email)}" providerId="AD"/></personList>`,
    'xl/threadedComments/threadedComment1.xml': `${XML}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A1" dT="2024-01-02T03:04:05" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>Per ${esc(a.name)}</text></threadedComment></ThreadedComments>`,
    'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="${X}" xmlns:r="${REL}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${esc(BODY)}</t></is></c></row></sheetData><legacyDrawing r:id="rId2"/></worksheet>`,
    'xl/worksheets/_rels/sheet1.xml.rels': rels([
      ['rId1', `${REL}/comments`, '../comments1.xml'],
      ['rId2', `${REL}/vmlDrawing`, '../drawings/vmlDrawing1.vml'],
      ['rId3', 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment', '../threadedComments/threadedComment1.xml'],
    ]),
    'xl/comments1.xml': `${XML}<comments xmlns="${X}"><authors><author>${esc(a.name)}</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>${esc(a.name)}: ask ${esc(a.email)}</t></r></text></comment></commentList></comments>`,
    'xl/drawings/vmlDrawing1.vml': `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column><x:Author>${esc(a.name)}</x:Author></x:ClientData></v:shape></xml>`,
  });
}

const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** A PowerPoint deck: a creator, a legacy comment with its comment author, and a modern (2018) comment with its author. */
export function makePptx(a: Author = AUTHOR): Promise<Buffer> {
  return zip({
    '[Content_Types].xml': types({
      '/ppt/presentation.xml': 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
      '/ppt/slides/slide1.xml': 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml',
      '/ppt/commentAuthors.xml': 'application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml',
      '/ppt/comments/comment1.xml': 'application/vnd.openxmlformats-officedocument.presentationml.comments+xml',
      '/ppt/comments/modernComment_100_1.xml': 'application/vnd.ms-powerpoint.comments+xml',
      '/ppt/authors.xml': 'application/vnd.ms-powerpoint.authors+xml',
      ...DOC_PROPS_TYPES,
    }),
    '_rels/.rels': packageRels('ppt/presentation.xml'),
    'docProps/core.xml': core(a, 'Briefing'),
    'docProps/app.xml': app(a),
    'docProps/custom.xml': custom(a),
    'ppt/presentation.xml': `${XML}<p:presentation xmlns:p="${P}" xmlns:r="${REL}"><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': rels([
      ['rId1', `${REL}/commentAuthors`, 'commentAuthors.xml'],
      ['rId2', `${REL}/slide`, 'slides/slide1.xml'],
      ['rId3', 'http://schemas.microsoft.com/office/2018/10/relationships/authors', 'authors.xml'],
    ]),
    'ppt/authors.xml': `${XML}<p188:authorLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main"><p188:author id="{00000000-0000-0000-0000-000000000003}" name="${esc(a.name)}" initials="ZQ" userId="${esc(a.email)}" providerId="AD"/></p188:authorLst>`,
    'ppt/comments/modernComment_100_1.xml': `${XML}<p188:cmLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main"><p188:cm id="{00000000-0000-0000-0000-000000000004}" authorId="{00000000-0000-0000-0000-000000000003}" created="2024-01-02T03:04:05"><p188:txBody><a:p xmlns:a="${A}"><a:r><a:t>For ${esc(a.name)}</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>`,
    'ppt/commentAuthors.xml': `${XML}<p:cmAuthorLst xmlns:p="${P}"><p:cmAuthor id="0" name="${esc(a.name)}" initials="ZQ" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>`,
    'ppt/slides/slide1.xml': `${XML}<p:sld xmlns:p="${P}" xmlns:a="${A}"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${esc(BODY)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`,
    'ppt/slides/_rels/slide1.xml.rels': rels([
      ['rId1', `${REL}/comments`, '../comments/comment1.xml'],
      ['rId2', 'http://schemas.microsoft.com/office/2018/10/relationships/comments', '../comments/modernComment_100_1.xml'],
    ]),
    'ppt/comments/comment1.xml': `${XML}<p:cmLst xmlns:p="${P}"><p:cm authorId="0" dt="2024-01-02T03:04:05" idx="1"><p:pos x="10" y="10"/><p:text>Sent by ${esc(a.email)}</p:text></p:cm></p:cmLst>`,
  });
}

const xmp = (a: Author) =>
  `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${esc(a.name)}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

async function pdfWithBody(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText(BODY, { x: 50, y: 700, size: 11, font });
  page.drawText(SECOND, { x: 50, y: 680, size: 11, font });
  return doc;
}

/**
 * A PDF whose /Author is UTF-16BE hex (`<FEFF005A…>`, what pdf-lib and most producers write for
 * anything but ASCII… and what it writes here for any text), Creator and Producer naming them,
 * an XMP packet with dc:creator, a comment annotation signed with /T, and an embedded file;
 * with `objectStreams`, the dictionaries are compressed inside object streams (PDF 1.5).
 */
export async function makePdf(a: Author = AUTHOR, opts: { objectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await pdfWithBody();
  doc.setTitle('Manifest');
  doc.setAuthor(a.name);
  doc.setCreator(`Word for ${a.name}`);
  doc.setProducer('Quartz PDFContext');
  doc.setKeywords([a.email]);
  const { context } = doc;
  const metadata = context.flateStream(Buffer.from(xmp(a), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadata));
  const note = context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [50, 600, 70, 620], Contents: PDFString.of('Checked.'), T: PDFHexString.fromText(a.name) });
  doc.getPage(0).node.addAnnot(context.register(note));
  await doc.attach(Buffer.from(`Notes by ${a.name}`), 'notes.txt', { mimeType: 'text/plain' });
  return Buffer.from(await doc.save({ useObjectStreams: opts.objectStreams ?? false }));
}

/** A PDF whose first revision's Info names `a`; an incremental update then names someone else. */
export async function makeIncrementalPdf(a: Author = AUTHOR): Promise<Buffer> {
  const first = await pdfWithBody();
  first.setAuthor(a.name);
  const original = Buffer.from(await first.save({ useObjectStreams: false }));
  const update = await PDFDocument.load(original, { forIncrementalUpdate: true, updateMetadata: false });
  update.setAuthor('Desk editor');
  return Buffer.from(await update.save({ useObjectStreams: false }));
}

/** A web page whose author meta is written in character references, with a comment naming them. */
export function makeHtml(a: Author = AUTHOR): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="author" content="${entities(a.name)}">` +
      `<meta property="og:email" content="${entities(a.email)}"><link rel="author" href="mailto:${entities(a.email)}"><title>Manifest</title>` +
      `<script type="application/ld+json">{"author": {"name": "${jsonEscapes(a.name)}"}}</script><!-- drafted by ${entities(a.name)} --></head>` +
      `<body><!-- ${entities(a.email)} --><h1>Manifest</h1><p>${esc(BODY)}</p><p>${esc(SECOND)}</p></body></html>`,
    'utf8',
  );
}

/** Where a text was found inside a file, and the text decoded as a reader's tool would decode it. */
export interface Decoded {
  where: string;
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character references decoded by hand (not by the parser the cleaners use: a second opinion). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function pdfHexStrings(latin1: string): string[] {
  return [...latin1.matchAll(/<([0-9A-Fa-f\s]{4,})>/g)].map((m) => {
    const hex = m[1]!.replace(/\s/g, '');
    const bytes = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      const body = Buffer.from(bytes.subarray(2));
      body.swap16();
      return body.toString('utf16le');
    }
    return bytes.toString('latin1');
  });
}

/** Every text inside a file, recursively: ZIP entries, XML with references decoded, PDF strings, streams inflated, Info and XMP. */
export async function decodeAll(bytes: Buffer, where: string): Promise<Decoded[]> {
  const { unzip, pdfText } = await import('./read.js');
  const { inflateSync } = await import('node:zlib');
  const utf8 = bytes.toString('utf8');
  const out: Decoded[] = [
    { where, text: utf8 },
    { where: `${where} (references decoded)`, text: decodeEntities(utf8) },
    { where: `${where} (\\u escapes decoded)`, text: utf8.replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))) },
  ];
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    for (const e of await unzip(bytes)) out.push({ where: `${where} › entry name`, text: e.name }, ...(await decodeAll(e.bytes, `${where} › ${e.name}`)));
  } else if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const latin1 = bytes.toString('latin1');
    out.push({ where: `${where} (hex strings)`, text: pdfHexStrings(latin1).join('\n') });
    for (const m of latin1.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
      try {
        const inflated = inflateSync(Buffer.from(m[1]!, 'latin1'));
        out.push({ where: `${where} (inflated stream)`, text: inflated.toString('latin1') }, { where: `${where} (inflated stream, hex strings)`, text: pdfHexStrings(inflated.toString('latin1')).join('\n') });
      } catch {
        // not deflated
      }
    }
    const { text, info } = await pdfText(bytes);
    out.push({ where: `${where} (text layer)`, text }, { where: `${where} (Info and XMP)`, text: JSON.stringify(info) });
  }
  return out;
}

/** Where any of `needles` turns up, case-insensitively, in what `decodeAll` found. */
export function findIn(decoded: Decoded[], needles: string[]): string[] {
  return decoded.flatMap((d) => needles.filter((n) => d.text.toLowerCase().includes(n.toLowerCase())).map((n) => `“${n}” in ${d.where}`));
}

/** The author's name, each part of it, and the e-mail: what no cleaned fixture may hold. */
export const needles = (a: Author = AUTHOR) => [a.name, ...a.name.split(' '), a.email];

const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);

/**
 * An 8×8 grey baseline JPEG built by hand: JFIF, one quantisation table, one component, a DC
 * and an AC Huffman table of one code each, and a scan of one block (DC difference 0, then
 * end-of-block: bits 00, padded with ones).
 */
export function pristineJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    segment(0xc4, Buffer.from([0x00, 1, ...Array<number>(15).fill(0), 0])),
    segment(0xc4, Buffer.from([0x10, 1, ...Array<number>(15).fill(0), 0])),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}

/** The same picture as a phone or editor leaves it: EXIF, XMP, IPTC and a comment naming `a`, and a second picture appended. */
export function jpegWithMetadata(a: Author = AUTHOR): Buffer {
  const clean = pristineJpeg();
  const head = clean.subarray(0, 20); // SOI + APP0
  return Buffer.concat([
    head,
    segment(0xe1, Buffer.from(`Exif\0\0MM\0*\0\0\0\x08Artist\0${a.name}\0GPS 19.05N 104.31W`, 'latin1')),
    segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${a.name}</dc:creator></x:xmpmeta>`, 'utf8')),
    segment(0xed, Buffer.from(`Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x50\0\x10${a.name}`, 'latin1')),
    segment(0xfe, Buffer.from(`Taken by ${a.email}`, 'latin1')),
    clean.subarray(20),
    Buffer.from(`\xff\xd8 second picture by ${a.name} \xff\xd9`, 'latin1'),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A 1×1 grey PNG: signature, header, one deflated row, end. */
export function pristinePng(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same PNG with text, XMP, EXIF, time and a private chunk naming `a`. */
export function pngWithMetadata(a: Author = AUTHOR): Buffer {
  const clean = pristinePng();
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    clean.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from(`Author\0${a.name}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<dc:creator>${a.name}</dc:creator>`, 'utf8')),
    pngChunk('eXIf', Buffer.from(`MM\0*Artist ${a.name}`, 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xe8, 1, 2, 3, 4, 5])),
    pngChunk('prVt', Buffer.from(a.email, 'latin1')),
    clean.subarray(ihdrEnd),
  ]);
}

/** A Word document with another document embedded in it (as a chart embeds its workbook). */
export function makeDocxEmbedding(inner: Buffer, ext = 'xlsx'): Promise<Buffer> {
  return zip({
    '[Content_Types].xml': types({ '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }, { [ext]: 'application/octet-stream' }),
    '_rels/.rels': rels([['rId1', `${REL}/officeDocument`, 'word/document.xml']]),
    'word/_rels/document.xml.rels': rels([['rId1', `${REL}/package`, `embeddings/Workbook1.${ext}`]]),
    'word/document.xml': `${XML}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body><w:p><w:r><w:t>${esc(BODY)}</w:t></w:r></w:p></w:body></w:document>`,
    [`word/embeddings/Workbook1.${ext}`]: inner,
  });
}

/** A Word document whose body shows one picture, stored as `word/media/image1.<ext>`. */
export function makeDocxWithPicture(picture: Buffer, ext: string): Promise<Buffer> {
  return zip({
    '[Content_Types].xml': types({ '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }, { [ext]: ext === 'png' ? 'image/png' : ext === 'jpeg' ? 'image/jpeg' : `image/${ext}` }),
    '_rels/.rels': rels([['rId1', `${REL}/officeDocument`, 'word/document.xml']]),
    'word/_rels/document.xml.rels': rels([['rId1', `${REL}/image`, `media/image1.${ext}`]]),
    'word/document.xml': `${XML}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body><w:p><w:r><w:t>${esc(BODY)}</w:t></w:r></w:p></w:body></w:document>`,
    [`word/media/image1.${ext}`]: picture,
  });
}

/** A PDF showing a JPEG on its page (pdf-lib keeps the JPEG file whole, as a DCTDecode stream). */
export async function makePdfWithPicture(jpeg: Buffer): Promise<Buffer> {
  const doc = await pdfWithBody();
  const image = await doc.embedJpg(jpeg);
  doc.getPage(0).drawImage(image, { x: 50, y: 500, width: 80, height: 80 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
