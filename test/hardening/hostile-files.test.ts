// Poisoned files a reporter may be sent, imported as evidence or unarchived as a case: each is
// refused with a coded message that says why, or contained (nothing active kept), with memory
// bounded and nothing left behind.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../core/context.js';
import { DOCX_LIMITS } from '../../core/import/docx.js';
import { callAsync, callAsyncError, call, tempDir, tempLibrary } from '../helpers.js';
import { makePdf, makeZip } from '../make-files.js';

let ctx: Context;
let caseId: string;
let baseline: number;
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

beforeAll(() => {
  baseline = process.memoryUsage().rss;
});
afterAll(() => clearInterval(sample));

function setup() {
  ctx = tempLibrary();
  caseId = call(ctx, 'cases.create', { title: 'Hostile files' }).id;
}

const data = (b: Buffer | string) => Buffer.from(b).toString('base64');
const counts = () => ctx.db.prepare('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM attachments) AS attachments').get();

async function refused(fileName: string, bytes: Buffer | string, code: string, message: RegExp) {
  const err = await callAsyncError(ctx, 'documents.import', { caseId, fileName, data: data(bytes) });
  expect(err.code, `${fileName}: ${err.message}`).toBe(code);
  expect(err.message).toMatch(message);
  expect(counts()).toEqual({ documents: 0, attachments: 0 });
  return err;
}

/** A ZIP built with real deflate compression. */
function deflated(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const DOCX_PARTS = (documentXml: string | Buffer): Record<string, string | Buffer> => ({
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  'word/document.xml': documentXml,
});

describe('hostile files for import', () => {
  it('PDFs: malformed, truncated, password-protected', async () => {
    setup();
    await refused('garbage.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a PDF body', 'INVALID_FILE', /not a readable PDF/);
    const whole = makePdf([['A page of the report.']]);
    await refused('cut.pdf', whole.subarray(0, Math.floor(whole.length / 3)), 'INVALID_FILE', /not a readable PDF|damaged/);
    await refused('locked.pdf', makePdf([['Secret']], { encrypted: true }), 'ENCRYPTED_FILE', /password-protected/);
    await refused('fake.pdf', 'Just text with a .pdf name', 'INVALID_FILE', /not a PDF/);
  });

  it('a DOCX zip bomb is refused before anything inflates it', async () => {
    setup();
    const bomb = await deflated(DOCX_PARTS(Buffer.alloc(60 * 1024 * 1024, 0x20)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused('bomb.docx', bomb, 'INVALID_FILE', /zip bomb/);
    // Many small parts adding up past the total.
    const parts = Math.ceil(DOCX_LIMITS.totalBytes / (900 * 1024)) + 1;
    expect(parts).toBeLessThan(DOCX_LIMITS.parts);
    const wide: Record<string, Buffer> = {};
    for (let i = 0; i < parts; i++) wide[`word/media/image${i}.bin`] = Buffer.alloc(900 * 1024, i % 251);
    await refused('wide.docx', await deflated({ ...DOCX_PARTS('<w:document/>'), ...wide }), 'INVALID_FILE', /expands to more than/);
  }, 60_000);

  it('a DOCX whose directory lies about a part’s size is refused', async () => {
    setup();
    const honest = makeZip(DOCX_PARTS('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello there</w:t></w:r></w:p></w:body></w:document>') as Record<string, string>);
    // Shrink the declared sizes of the last entry (word/document.xml) in the central directory.
    const lying = Buffer.from(honest);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(5, central + 20);
    lying.writeUInt32LE(5, central + 24);
    await refused('lying.docx', lying, 'INVALID_FILE', /not a readable Word document/);
  });

  it('billion laughs (XML entities) inside a DOCX is refused', async () => {
    setup();
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE w:document [${lol}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;
    await refused('laughs.docx', makeZip(DOCX_PARTS(xml) as Record<string, string>), 'INVALID_FILE', /entities/);
    // The same trick in another part (the relationships), after a long comment.
    const parts = DOCX_PARTS('<w:document/>') as Record<string, string>;
    parts['_rels/.rels'] = `<?xml version="1.0"?><!--${'x'.repeat(100_000)}--><!DOCTYPE r [${lol}]><Relationships>&lol9;</Relationships>`;
    await refused('laughs-rels.docx', makeZip(parts), 'INVALID_FILE', /entities/);
  });

  it('HTML with scripts, handlers and frames keeps only its text', async () => {
    setup();
    const html = `<!doctype html><html><head><title>Port records</title><script>window.pwned = 1</script>
      <meta http-equiv="refresh" content="0;url=https://attacker.example"></head>
      <body onload="alert('onload')"><article><h1>Port records</h1>
      <p>The ledger lists <b>forty</b> shipments.<img src=x onerror="alert('img')"><script>document.write('injected')</script></p>
      <iframe src="https://attacker.example/frame"></iframe><a href="javascript:alert('link')">a link</a>
      <svg><script>alert('svg')</script></svg><style>body{background:url(https://attacker.example/t.png)}</style>
      <p>${'The customs broker described each shipment in detail. '.repeat(10)}</p></article></body></html>`;
    const { document } = await callAsync(ctx, 'documents.import', { caseId, fileName: 'records.html', data: data(html) });
    const { text } = ctx.db.prepare('SELECT text FROM documents WHERE id = ?').get(document.id) as { text: string };
    expect(text).toContain('The ledger lists forty shipments.');
    for (const active of ['pwned', 'alert', 'injected', 'onerror', 'onload', 'javascript:', 'attacker.example', '<script', '<iframe', 'background:url']) expect(text).not.toContain(active);
  });

  it('a 0-byte file, and binary garbage with a .txt name', async () => {
    setup();
    await refused('empty.txt', Buffer.alloc(0), 'EMPTY_FILE', /empty \(0 bytes\)/);
    await refused('empty.docx', Buffer.alloc(0), 'EMPTY_FILE', /empty/);
    const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256));
    await refused('notes.txt', garbage, 'INVALID_FILE', /not UTF-8 text|binary data/);
    await refused('nul.txt', Buffer.from('text\u0000with a NUL'), 'INVALID_FILE', /binary data/);
    await refused('program.exe', garbage, 'UNSUPPORTED_FILE', /cannot import/);
  });

  it('a 20 MB single line is contained: imported whole, with memory bounded', async () => {
    setup();
    const words = ['shipment', 'broker', 'customs', 'Manzanillo', 'ledger', 'precursor', 'tonnes', 'invoice'];
    const line = Array.from({ length: 2_600_000 }, (_, i) => words[(i * 5) % words.length]).join(' ');
    expect(line.length).toBeGreaterThan(20_000_000);
    expect(line.includes('\n')).toBe(false);
    const { document } = await callAsync(ctx, 'documents.import', { caseId, fileName: 'one-line.txt', data: data(line) });
    expect((ctx.db.prepare('SELECT length(text) AS n FROM documents WHERE id = ?').get(document.id) as { n: number }).n).toBe(line.length);
    // Indexed (search.query itself is not asked: its snippets take quadratic time in the matches
    // of one document, ~50 s at 400,000 words; reported, not fixed here).
    const indexed = ctx.db.prepare("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'manzanillo' AND rowid = (SELECT rowid FROM documents WHERE id = ?)").get(document.id) as { n: number };
    expect(indexed.n).toBe(1);
  }, 120_000);

  it('kept memory bounded through the whole corpus', () => {
    const grew = (peak - baseline) / 1024 / 1024;
    console.log(`hostile files: rss grew at most ${Math.round(grew)} MB over ${Math.round(baseline / 1024 / 1024)} MB`);
    expect(peak).toBeGreaterThan(0);
    // A 60 MB bomb inflated in memory, or the 20 MB line copied a dozen times, would pass this.
    expect(grew).toBeLessThan(900);
  });
});

describe('hostile archives for unarchive', () => {
  it('a zip-slip archive (entries climbing out with ..) is refused and writes nothing outside', async () => {
    setup();
    const dir = tempDir();
    const file = join(dir, 'case.zip');
    writeFileSync(file, makeZip({ 'manifest.json': '{}', '../../escaped.txt': 'gotcha', '/abs/escaped.txt': 'gotcha', 'attachments/..\\..\\win.txt': 'gotcha' }));
    const err = await callAsyncError(ctx, 'archive.import', { file });
    expect(err.code).not.toBe('INTERNAL');
    expect(err.message.length).toBeGreaterThan(20);
    expect(existsSync(join(dirname(dirname(dir)), 'escaped.txt'))).toBe(false);
    expect(existsSync('/abs/escaped.txt')).toBe(false);
    expect(readdirSync(dir)).toEqual(['case.zip']);
    expect(counts()).toEqual({ documents: 0, attachments: 0 });
  });
});
