// Reading packets back in tests: a ZIP's entries (yauzl) and a PDF's text layer and metadata
// (pdfjs), so every byte a reader could see can be searched.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import yauzl from 'yauzl';

export interface Entry {
  name: string;
  bytes: Buffer;
}

export function unzip(zip: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('not a zip'));
      const out: Entry[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** The PDF’s text (every page), its document information and its raw XMP packet, as a reader’s viewer shows them. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; info: Record<string, unknown> }> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  lib.GlobalWorkerOptions.workerSrc = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
  const doc = await lib.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { text: pages.join('\n'), info: { ...(meta.info as Record<string, unknown>), xmp: meta.metadata?.getRaw() ?? null } };
}
