import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, callAsync, callAsyncError, tempLibrary } from '../test/helpers.js';
import { makeDocx, makePdf } from '../test/make-files.js';
import { attachmentPath, sha256 } from './attachments.js';
import { dispatchAsync } from './dispatcher.js';
import { MAX_FILE_BYTES } from './import/index.js';
import type { Context } from './context.js';

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const importFile = (fileName: string, bytes: Buffer | string, jobId?: string) =>
    callAsync(ctx, 'documents.import', { caseId, fileName, data: Buffer.from(bytes).toString('base64'), ...(jobId ? { jobId } : {}) });
  const importError = (fileName: string, bytes: Buffer | string) =>
    callAsyncError(ctx, 'documents.import', { caseId, fileName, data: Buffer.from(bytes).toString('base64') });
  return { ctx, caseId, importFile, importError };
}

const counts = (ctx: Context) => ({
  documents: (ctx.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
  attachments: (ctx.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n,
});

const ARTICLE = `<!doctype html><html><head>
<title>Site | Precursors</title>
<meta property="og:title" content="China's chemicals feed Mexico's fentanyl labs">
<meta name="author" content="By Ana Reporter">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2021-12-15T10:00:00Z">
<link rel="canonical" href="https://ledger.example/precursors">
<script>window.stolen = document.cookie</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></nav>
<article>
<h1>China's chemicals feed Mexico's fentanyl labs</h1>
<p>Mexican cartels buy precursor chemicals from Chinese suppliers on the open market, federal agents say, and hide them in legitimate cargo bound for Manzanillo and Lázaro Cárdenas.</p>
<p onclick="alert(1)">“They flow like water into the gaps in the law,” said Bryce Pardo, a drug policy researcher at RAND Corp. <img src="https://tracker.example/pixel.gif" onerror="alert(2)"></p>
<p>The Chinese Embassy in Washington said in a written statement that it had found no scheduled chemicals trafficked to Mexico, and called the allegations false.</p>
<p><a href="javascript:alert(3)">More</a> on the commission's report is expected next week.</p>
</article>
<footer>© The Daily Ledger. All rights reserved. Cookie settings.</footer>
</body></html>`;

describe('documents.import', () => {
  it('imports plain text, keeps the original by hash, and recognises the same file again', async () => {
    const { ctx, caseId, importFile } = setup();
    const bytes = Buffer.from('\uFEFFDEA threat assessment\r\n\r\n\r\n\r\nCartels buy precursors on the open market.  \r\n');
    const first = await importFile('dea.txt', bytes);
    expect(first.created).toBe(true);
    expect(first.document).toMatchObject({ caseId, title: 'DEA threat assessment', fileName: 'dea.txt', pages: null, attachment: sha256(bytes) });
    expect(first.document.text).toBe('DEA threat assessment\n\nCartels buy precursors on the open market.');
    expect(readFileSync(attachmentPath(ctx.libraryPath, sha256(bytes)))).toEqual(bytes);
    const again = await importFile('renamed.txt', bytes);
    expect(again).toMatchObject({ created: false, document: { id: first.document.id } });
    expect(counts(ctx)).toEqual({ documents: 1, attachments: 1 });
    // Searchable at once.
    expect(call(ctx, 'search.query', { query: 'open market', caseId }).hits.map((h) => h.id)).toContain(first.document.id);
  });

  it('brings a trashed document back when its file is imported again', async () => {
    const { ctx, importFile } = setup();
    const { document } = await importFile('a.md', '# Title\n\nBody');
    call(ctx, 'documents.delete', { id: document.id });
    const again = await importFile('a.md', '# Title\n\nBody');
    expect(again).toMatchObject({ created: false, document: { id: document.id, deletedAt: null, title: 'Title' } });
  });

  it('keeps a web page’s main text and metadata, and nothing active from it', async () => {
    const { importFile } = setup();
    const { document } = await importFile('precursors.html', ARTICLE);
    expect(document).toMatchObject({
      title: "China's chemicals feed Mexico's fentanyl labs",
      author: 'Ana Reporter',
      publisher: 'The Daily Ledger',
      publishedOn: '2021-12-15',
      url: 'https://ledger.example/precursors',
      kind: 'article',
    });
    expect(document.text).toContain('“They flow like water into the gaps in the law,” said Bryce Pardo');
    expect(document.text).toMatch(/Lázaro Cárdenas\.\n\n“They flow/);
    for (const gone of ['Subscribe now', 'Cookie settings', 'window.stolen', 'alert', 'tracker.example', 'javascript:', '<']) expect(document.text).not.toContain(gone);
  });

  it('reads a PDF page by page, with page ranges and its metadata', async () => {
    const { importFile } = setup();
    const pdf = makePdf(
      [
        ['National Drug Threat Assessment', 'Cartels buy precursors from China.'],
        ['Chemicals are hidden in legitimate shipments.'],
      ],
      { title: 'NDTA 2020', author: 'DEA' },
    );
    const { document } = await importFile('ndta.pdf', pdf);
    expect(document).toMatchObject({ title: 'NDTA 2020', author: 'DEA', publishedOn: '2021-03-15', kind: 'report' });
    expect(document.pages).toHaveLength(2);
    const [p1, p2] = document.pages!;
    expect(document.text.slice(p1!.start, p1!.end)).toContain('Cartels buy precursors from China.');
    expect(document.text.slice(p2!.start, p2!.end)).toBe('Chemicals are hidden in legitimate shipments.');
    expect(p2!.start).toBeGreaterThan(p1!.end);
  });

  it('reads a Word document', async () => {
    const { importFile } = setup();
    const { document } = await importFile('statement.docx', makeDocx(['Embassy statement', 'China has found no scheduled precursors trafficked to Mexico.']));
    expect(document.title).toBe('Embassy statement');
    expect(document.text).toBe('Embassy statement\n\nChina has found no scheduled precursors trafficked to Mexico.');
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), 'EMPTY_FILE', /empty/],
    ['tool.exe', Buffer.from('MZ'), 'UNSUPPORTED_FILE', /cannot import “\.exe”/],
    ['fake.pdf', Buffer.from('just text pretending'), 'INVALID_FILE', /not a PDF/],
    ['broken.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog'), 'INVALID_FILE', /not a readable PDF/],
    ['locked.pdf', makePdf([['secret']], { encrypted: true }), 'ENCRYPTED_FILE', /password-protected/],
    ['fake.docx', Buffer.from('PK\u0003\u0004 not really a zip'), 'INVALID_FILE', /not a readable Word document/],
    ['controls.txt', Buffer.from([0x63, 0x01, 0x02, 0x03, 0xe9]), 'INVALID_FILE', /binary/],
    ['binary.txt', Buffer.from('text\0more'), 'INVALID_FILE', /binary/],
    ['blank.md', Buffer.from('   \n\n  '), 'EMPTY_FILE', /No text/],
  ])('refuses %s, leaving nothing written', async (name, bytes, code, message) => {
    const { ctx, importError } = setup();
    const error = await importError(name, bytes);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(counts(ctx)).toEqual({ documents: 0, attachments: 0 });
    expect(existsSync(`${ctx.libraryPath}.files`)).toBe(false);
  });

  it('refuses a file beyond the limit before storing anything', async () => {
    const { ctx, importError } = setup();
    const error = await importError('huge.txt', Buffer.alloc(MAX_FILE_BYTES + 1, 'a'));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(counts(ctx)).toEqual({ documents: 0, attachments: 0 });
  });

  it('refuses a path for a file name, and bad base64', async () => {
    const { ctx, caseId } = setup();
    for (const input of [
      { caseId, fileName: '../../etc/passwd.txt', data: '' },
      { caseId, fileName: 'a.txt', data: 'not base64!' },
    ]) {
      const res = await dispatchAsync(ctx, 'documents.import', input, () => {});
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('reports progress on a long PDF and can be cancelled, saving nothing', async () => {
    const { ctx, caseId } = setup();
    const pdf = makePdf(Array.from({ length: 300 }, (_, i) => [`Page ${i + 1} of the assessment.`]));
    const jobId = 'import-cancel-1';
    const pending = dispatchAsync(ctx, 'documents.import', { caseId, fileName: 'long.pdf', data: pdf.toString('base64'), jobId }, () => {});
    let progress: { done: number; total: number; stage: string } | undefined;
    for (let i = 0; i < 500 && !(progress && progress.done > 0); i++) {
      await new Promise((r) => setTimeout(r, 5));
      const p = await dispatchAsync(ctx, 'jobs.progress', { jobId });
      if (p.ok) progress = p.value;
    }
    expect(progress).toMatchObject({ total: 300, stage: expect.stringMatching(/^Reading page \d+ of 300$/) });
    expect(await dispatchAsync(ctx, 'jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(counts(ctx)).toEqual({ documents: 0, attachments: 0 });
    expect((await dispatchAsync(ctx, 'jobs.progress', { jobId })).ok).toBe(false);
  });
});
