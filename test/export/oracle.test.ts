// The leak oracle is itself tested: it must find a name where today's leaks hid it (an original's
// metadata in deflated OOXML, a PDF's UTF-16BE /Author, HTML character references), in the
// forms a human still reads, and must not cry wolf on a file that does not hold it.

import { PDFDocument, PDFHexString, PDFName } from '@cantoo/pdf-lib';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { describeHits, leaks, search, type Secret } from './oracle.js';

const SECRETS: Secret[] = [
  { kind: 'person', value: 'Zebulon Quixotic' },
  { kind: 'email', value: 'zeb.q@quixotic-mail.net', domain: true },
  { kind: 'phone', value: '+1 555 0199' },
];

async function zip(files: Record<string, string | Buffer>, compress = true): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) z.addBuffer(Buffer.from(data), name, { compress });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const corePropsXml = (creator: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Manifest</dc:title><dc:creator>${creator}</dc:creator><cp:lastModifiedBy>zeb.q@quixotic-mail.net</cp:lastModifiedBy></cp:coreProperties>`;

async function docx(creator: string, withEmail = true): Promise<Buffer> {
  const core = corePropsXml(creator);
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Declared as solvent.</w:t></w:r></w:p></w:body></w:document>',
    'docProps/core.xml': withEmail ? core : core.replace(/<cp:lastModifiedBy>.*<\/cp:lastModifiedBy>/, ''),
  });
}

async function pdf(author?: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Declared as industrial solvent.');
  if (author) doc.setAuthor(author);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('the leak oracle', () => {
  it('reads a DOCX’s deflated core properties: dc:creator and the e-mail', async () => {
    const file = await docx('Zebulon Quixotic');
    // Deflated: the name is not in the bytes as written, which is how today's check missed it.
    expect(file.includes(Buffer.from('Zebulon'))).toBe(false);
    const inner = await zip({ 'evidence/D1.docx': file }, false);
    const hits = await leaks('packet.zip', inner, SECRETS);
    expect(describeHits(hits)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Zebulon Quixotic \(whole name\) in packet\.zip!\/evidence\/D1\.docx!\/docProps\/core\.xml \[text/),
        expect.stringMatching(/^zeb\.q@quixotic-mail\.net \(whole e-mail\) in .*core\.xml/),
        expect.stringMatching(/^zeb\.q@quixotic-mail\.net \(e-mail domain\) in .*core\.xml/),
      ]),
    );
    expect(await leaks('D1.docx', await docx('A. Clerk', false), SECRETS)).toEqual([]);
  });

  it('reads a PDF’s /Author written as a UTF-16BE hex string', async () => {
    const file = await pdf('Zebulon Quixotic');
    const raw = file.toString('latin1');
    expect(raw).toMatch(/\/Author <FEFF005A0065/i);
    expect(raw).not.toContain('Zebulon');
    const hits = await leaks('D2.pdf', file, SECRETS);
    expect(hits.map((h) => h.where)).toEqual(expect.arrayContaining(['document information', 'raw strings']));
    expect(hits.every((h) => h.value === 'Zebulon Quixotic')).toBe(true);
    expect(await leaks('D2.pdf', await pdf('A. Clerk'), SECRETS)).toEqual([]);
  });

  it('reads a PDF’s bookmarks and form fields, which sit in compressed objects no page shows', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawText('Declared as industrial solvent.');
    const field = doc.getForm().createTextField('declarant');
    field.setText('Zebulon Quixotic');
    field.addToPage(page, { x: 50, y: 500 });
    const item = doc.context.obj({ Title: PDFHexString.fromText('Notes by zeb.q@quixotic-mail.net'), Dest: [page.ref, PDFName.of('Fit')] });
    const itemRef = doc.context.register(item);
    const outlines = doc.context.register(doc.context.obj({ Type: 'Outlines', First: itemRef, Last: itemRef, Count: 1 }));
    item.set(PDFName.of('Parent'), outlines);
    doc.catalog.set(PDFName.of('Outlines'), outlines);
    const file = Buffer.from(await doc.save({ useObjectStreams: true }));
    const hits = await leaks('D4.pdf', file, SECRETS);
    expect(hits.filter((h) => h.where === 'bookmarks').map((h) => h.value)).toContain('zeb.q@quixotic-mail.net');
    expect(hits.filter((h) => h.where === 'form fields').map((h) => h.value)).toContain('Zebulon Quixotic');
  });

  it('reads an HTML meta tag’s content written as character references', async () => {
    const refs = [...'Zebulon Quixotic'].map((c) => `&#${c.codePointAt(0)};`).join('');
    const html = `<!doctype html><html><head><meta name="author" content="${refs}"><!-- by &#x5A;eb --></head><body><p>Declared as solvent.</p></body></html>`;
    expect(html).not.toMatch(/zebulon/i);
    const hits = await leaks('D3.html', Buffer.from(html), SECRETS);
    expect(hits.filter((h) => h.where === 'attributes and comments').map((h) => h.form)).toEqual(expect.arrayContaining(['whole name', 'name part']));
    expect(await leaks('D3.html', Buffer.from(html.replace(refs, 'A. Clerk')), SECRETS)).toEqual([]);
  });

  it('folds case, diacritics, width, zero-width and soft hyphens, and decodes percent-encoding and named references', () => {
    const found = (text: string) => search([{ file: 'f', where: 'w', text }], SECRETS).map((h) => h.form);
    for (const form of [
      'zebulon said',
      'ZEBULÓN said',
      'Zeb\u00ADulon said',
      'Zeb\u200Bulon said',
      'Ｚｅｂｕｌｏｎ said',
      'https://social.example/%5Aebulon',
      'https://social.example/?q=Zebulon%2BQuixotic',
      'Zebul&oacute;n said',
      'Zebul%26oacute%3Bn said',
    ]) {
      expect(found(form), form).toContain('name part');
    }
    for (const form of ['zebulonquixotic', 'quixotic_zebulon', 'Quixotic, Zebulon', 'https://social.example/zebulon.quixotic']) expect(found(form), form).toContain('whole name');
    expect(found('@zquixotic')).toContain('initial and surname');
    expect(found('mailto:ZEB.Q@quixotic-mail.net')).toEqual(expect.arrayContaining(['whole e-mail', 'e-mail local part', 'e-mail domain']));
    for (const phone of ['(555) 0199', '15550199', '555-0199', '+1-555-0199', '001 555 0199', 'order 9915550199']) expect(found(phone), phone).toEqual(['digits']);
    // Not the name: another word that merely contains it, another number.
    expect(found('Zebulonian scholars; call 555 0198; Quixotical')).toEqual([]);
  });

  it('reads names written plainly inside binary files (ASCII and UTF-16 either way), and does not spell one out of random bytes', async () => {
    const utf16le = Buffer.from('Zebulon Quixotic', 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    for (const [label, inside] of [
      ['ascii', Buffer.from('tEXtAuthor\0Zebulon Quixotic')],
      ['utf-16le', utf16le],
      ['utf-16be, odd offset', Buffer.concat([Buffer.from([7]), utf16be])],
    ] as const) {
      const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), inside, Buffer.from([0, 0xff, 0xd9])]);
      expect(describeHits(await leaks('picture.png', picture, SECRETS)), label).toEqual(expect.arrayContaining([expect.stringMatching(/^Zebulon Quixotic \(whole name\) in picture\.png \[raw bytes\]/)]));
    }
    // A megabyte of noise (a compressed stream, a picture) holds every letter in every order
    // somewhere; read as one text it would spell "Onko" or "Zeb" between its symbols.
    let seed = 42;
    const noise = Buffer.alloc(1 << 20, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const short: Secret[] = [{ kind: 'person', value: 'Onko Wyn' }, { kind: 'person', value: 'Ada Zeb' }];
    expect(describeHits(await leaks('stream.bin', noise, short))).toEqual([]);
  });
});
