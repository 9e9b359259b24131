// PDFs: the text of each page, pages separated by a blank line, and where each page lies in the
// text kept, so an excerpt knows its page. Runs with scripting and font loading off.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PageRange } from '../../db/index.js';
import { ApiError } from '../errors.js';
import type { ImportedText, ReadControl } from './types.js';
import { tidy } from './text.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js, loaded once, with its worker code run in this thread (Node has no web workers). */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
    return lib;
  });
  return pdfjs;
}

/** "D:20210315120000Z" → "2021-03-15". */
function pdfDate(value: unknown): string | undefined {
  const m = typeof value === 'string' ? value.match(/^(?:D:)?(\d{4})(\d{2})?(\d{2})?/) : null;
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

export async function readPdf(bytes: Buffer, control: ReadControl): Promise<ImportedText> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const abort = () => void task.destroy();
  control.signal.addEventListener('abort', abort);
  try {
    const doc = await task.promise.catch((err: unknown) => {
      const name = (err as { name?: string }).name;
      if (name === 'PasswordException') throw new ApiError('ENCRYPTED_FILE', 'That PDF is password-protected. Remove the password (print it to a new PDF) and import it again.');
      if (control.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: nothing was saved.');
      throw new ApiError('INVALID_FILE', 'That file is not a readable PDF: it may be damaged or incomplete.');
    });
    const pages: PageRange[] = [];
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      // pdf.js works in promises alone; yielding to the event loop lets the door answer
      // progress and cancel requests while a long file is read.
      await new Promise((resolve) => setImmediate(resolve));
      if (control.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: nothing was saved.');
      control.progress(n - 1, doc.numPages, `Reading page ${n} of ${doc.numPages}`);
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const pageText = tidy(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      if (text) text += '\n\n';
      pages.push({ page: n, start: text.length, end: text.length + pageText.length });
      text += pageText;
      page.cleanup();
    }
    control.progress(doc.numPages, doc.numPages, 'Read');
    const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    await doc.destroy();
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : undefined);
    return {
      text,
      pages,
      mediaType: 'application/pdf',
      meta: { title: str(info.Title), author: str(info.Author), publishedOn: pdfDate(info.CreationDate), kind: 'report' },
    };
  } finally {
    control.signal.removeEventListener('abort', abort);
  }
}
