// One module per format behind one registry (the shape of Joplin's InteropService): the file's
// extension picks the reader, and its first bytes must agree.

import { extname } from 'node:path';
import { ApiError } from '../errors.js';
import { readMarkdown, readPlainText } from './plain.js';
import type { ImportedText, ReadControl } from './types.js';

export type { ImportedText, ReadControl } from './types.js';

/** The largest file accepted, in bytes. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * The most text an imported file may hold: as much as a file within MAX_FILE_BYTES can (a
 * character takes a byte at least), so a 12 MB transcript is not refused for its text after
 * being accepted for its size. (Typed or replaced text keeps the schemas' LIMITS.documentText.)
 */
export const MAX_IMPORT_TEXT = MAX_FILE_BYTES;

interface Format {
  name: string;
  /** The file's first bytes must look like this. */
  magic?: (bytes: Buffer) => boolean;
  read: (bytes: Buffer, control: ReadControl) => ImportedText | Promise<ImportedText>;
}

const isPdf = (b: Buffer) => b.subarray(0, 1024).includes('%PDF-');
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

// The readers of web pages (jsdom), PDFs (pdf.js) and Word documents (mammoth) are heavy: each
// loads the first time a file of its kind is read, not with every command that opens a library.
const readHtml: Format['read'] = async (bytes) => (await import('./html.js')).readHtml(bytes);
const readPdf: Format['read'] = async (bytes, control) => (await import('./pdf.js')).readPdf(bytes, control);
const readDocx: Format['read'] = async (bytes) => (await import('./docx.js')).readDocx(bytes);

const FORMATS: Record<string, Format> = {
  '.txt': { name: 'text file', read: readPlainText },
  '.text': { name: 'text file', read: readPlainText },
  '.md': { name: 'Markdown file', read: readMarkdown },
  '.markdown': { name: 'Markdown file', read: readMarkdown },
  '.html': { name: 'web page', read: readHtml },
  '.htm': { name: 'web page', read: readHtml },
  '.pdf': { name: 'PDF', magic: isPdf, read: readPdf },
  '.docx': { name: 'Word document', magic: isZip, read: readDocx },
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

/** Reads a file into text and metadata, or refuses it with a message that says why. */
export async function readFile(fileName: string, bytes: Buffer, control: ReadControl): Promise<ImportedText> {
  const ext = extname(fileName).toLowerCase();
  const format = FORMATS[ext];
  if (!format) {
    throw new ApiError('UNSUPPORTED_FILE', `Corroborate cannot import “${ext || fileName}” files. It reads ${SUPPORTED_EXTENSIONS.filter((e) => e !== '.text' && e !== '.markdown' && e !== '.htm').join(', ')}.`);
  }
  if (bytes.length === 0) throw new ApiError('EMPTY_FILE', `“${fileName}” is empty (0 bytes): there is nothing to import.`);
  if (bytes.length > MAX_FILE_BYTES) throw new ApiError('FILE_TOO_LARGE', `“${fileName}” is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  if (format.magic && !format.magic(bytes)) throw new ApiError('INVALID_FILE', `“${fileName}” is not a ${format.name}, whatever its name says.`);
  const imported = await format.read(bytes, control);
  if (!imported.text.trim()) {
    throw new ApiError('EMPTY_FILE', `No text could be read from “${fileName}”${ext === '.pdf' ? ': it may be scanned images without a text layer' : ''}.`);
  }
  if (imported.text.length > MAX_IMPORT_TEXT) {
    throw new ApiError('FILE_TOO_LARGE', `“${fileName}” holds more than ${MAX_IMPORT_TEXT.toLocaleString('en')} characters of text; split it and import the parts.`);
  }
  return imported;
}
