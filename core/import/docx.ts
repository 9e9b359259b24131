import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { ApiError } from '../errors.js';
import type { ImportedText } from './types.js';
import { firstLine, tidy } from './text.js';

/** What a Word document may expand to before mammoth (which inflates it all in memory) sees it. */
export const DOCX_LIMITS = {
  parts: 5_000,
  /** Uncompressed bytes of all parts together. */
  totalBytes: 256 * 1024 * 1024,
  /** Uncompressed over compressed size of a part over 1 MB: beyond it, a zip bomb. */
  ratio: 100,
};

const RATIO_FLOOR = 1024 * 1024;
const DTD = /<!(DOCTYPE|ENTITY)/i;

const notWord = () => new ApiError('INVALID_FILE', 'That file is not a readable Word document (.docx): it may be damaged, or an older .doc file.');
const refused = (why: string) => new ApiError('INVALID_FILE', `That Word document was not opened: ${why}.`);

/**
 * Walks the package before anything inflates it: the sizes its directory declares (yauzl then
 * holds every part to its declared size while reading), the compression ratios, and every XML
 * part for a DTD — a .docx never needs one, and entity declarations are how "billion laughs"
 * files expand a few kilobytes into gigabytes.
 */
async function checkPackage(bytes: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
    );
  } catch {
    throw notWord();
  }
  try {
    if (zip.entryCount > DOCX_LIMITS.parts) throw refused(`it holds ${zip.entryCount.toLocaleString('en')} parts`);
    let total = 0;
    let hasBody = false;
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve).once('end', () => resolve(null)).once('error', reject);
        zip.readEntry();
      }).finally(() => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error'));
      if (!entry) break;
      total += entry.uncompressedSize;
      if (total > DOCX_LIMITS.totalBytes) throw refused(`it expands to more than ${DOCX_LIMITS.totalBytes / 1024 / 1024} MB (a “zip bomb”)`);
      if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > DOCX_LIMITS.ratio * Math.max(1, entry.compressedSize)) {
        throw refused(`one of its parts expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times over (a “zip bomb”)`);
      }
      if (entry.fileName === 'word/document.xml') hasBody = true;
      if (/\.(xml|rels)$/i.test(entry.fileName) && (await declaresDtd(zip, entry))) {
        throw refused('it declares XML entities (a document type definition), which Word never writes and “billion laughs” attacks rely on');
      }
    }
    if (!hasBody) throw notWord();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw notWord(); // a part larger than declared, a bad CRC, a truncated archive…
  } finally {
    zip.close();
  }
}

/** Reads one part as a stream (never all of it at once) looking for <!DOCTYPE or <!ENTITY. */
async function declaresDtd(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<boolean> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
  let tail = '';
  for await (const chunk of stream) {
    const text = tail + (chunk as Buffer).toString('latin1');
    if (DTD.test(text)) {
      (stream as unknown as { destroy(): void }).destroy();
      return true;
    }
    tail = text.slice(-16);
  }
  return false;
}

/** Word documents: their text, paragraph by paragraph (formatting is not kept). */
export async function readDocx(bytes: Buffer): Promise<ImportedText> {
  await checkPackage(bytes);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw notWord();
  }
  const text = tidy(raw);
  return {
    text,
    pages: null,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    meta: { title: firstLine(text) },
  };
}
