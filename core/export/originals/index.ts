// Original evidence files on their way into a packet that withholds identities: one cleaner per
// kind of file behind one registry (as core/export/index.ts registers formats). Each cleaner
// strips what names the people who made or handled the file and keeps what the file says; each
// reader returns every text a reader of the cleaned file could see, so the caller can check it
// for withheld names. A kind of file with no cleaner here is never carried: it is left out.

import { createHash } from 'node:crypto';
import { cleanHtml, htmlText } from './html.js';
import { cleanOoxml, ooxmlText } from './ooxml.js';
import { LeftOut } from './left-out.js';
import { cleanPdf, pdfText } from './pdf.js';

export type Cleaned =
  | { kind: 'cleaned'; bytes: Buffer; sha256Before: string; sha256After: string; removed: string[] }
  | { kind: 'excluded'; reason: string };

interface Cleaner {
  /** What the file is, as a reason a reporter reads says it ("it could not be read as a PDF"). */
  name: string;
  mediaTypes: string[];
  extensions: string[];
  clean: (bytes: Buffer) => Promise<{ bytes: Buffer; removed: string[] }> | { bytes: Buffer; removed: string[] };
  text: (bytes: Buffer) => Promise<string> | string;
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const utf8 = (bytes: Buffer) => bytes.toString('utf8');

const CLEANERS: Cleaner[] = [
  {
    name: 'an Office document',
    mediaTypes: [`${OOXML}.wordprocessingml.document`, `${OOXML}.spreadsheetml.sheet`, `${OOXML}.presentationml.presentation`],
    extensions: ['docx', 'xlsx', 'pptx'],
    clean: cleanOoxml,
    text: ooxmlText,
  },
  { name: 'a PDF', mediaTypes: ['application/pdf'], extensions: ['pdf'], clean: cleanPdf, text: pdfText },
  { name: 'a web page', mediaTypes: ['text/html', 'application/xhtml+xml'], extensions: ['html', 'htm'], clean: cleanHtml, text: htmlText },
  // Plain text has no metadata: it goes as it is, and its words are checked like any other's.
  { name: 'a text file', mediaTypes: ['text/plain', 'text/markdown'], extensions: ['txt', 'text', 'md', 'markdown'], clean: (bytes) => ({ bytes, removed: [] }), text: utf8 },
];

function cleanerFor(mediaType: string, fileName: string): Cleaner | undefined {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  // The media type decides when there is one: a PDF named .txt is not read as text.
  return CLEANERS.find((c) => c.mediaTypes.includes(type)) ?? (type === '' || type === 'application/octet-stream' ? CLEANERS.find((c) => c.extensions.includes(ext)) : undefined);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The file without its metadata, or why it cannot go into the packet. Never throws for a bad file. */
export async function cleanOriginal(bytes: Buffer, mediaType: string, fileName: string): Promise<Cleaned> {
  const cleaner = cleanerFor(mediaType, fileName);
  if (!cleaner) return { kind: 'excluded', reason: `metadata cannot be removed from this kind of file (${mediaType || 'unknown type'})` };
  try {
    const out = await cleaner.clean(bytes);
    return { kind: 'cleaned', bytes: out.bytes, sha256Before: sha256(bytes), sha256After: sha256(out.bytes), removed: out.removed };
  } catch (err) {
    if (err instanceof LeftOut) return { kind: 'excluded', reason: err.message };
    return { kind: 'excluded', reason: `it could not be read as ${cleaner.name}, so its metadata could not be removed` };
  }
}

/** Every text a reader of the (cleaned) file could see: body, remaining metadata, attributes. */
export async function readableText(bytes: Buffer, mediaType: string, fileName: string): Promise<string> {
  const cleaner = cleanerFor(mediaType, fileName);
  if (!cleaner) throw new Error(`no reader for ${mediaType}`);
  return cleaner.text(bytes);
}
