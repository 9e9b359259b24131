// A ZIP package (what a .docx, .xlsx or .pptx is) read into memory part by part under the same
// limits the Word importer applies, and written back with every part in its old order, name,
// date and compression.

import yauzl from 'yauzl';
import yazl from 'yazl';
import { DOCX_LIMITS } from '../../import/docx.js';

export interface Part {
  name: string;
  bytes: Buffer;
  compress: boolean;
  mtime: Date;
}

export class UnreadablePackage extends Error {}

const RATIO_FLOOR = 1024 * 1024;

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z))));
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise<yauzl.Entry | null>((resolve, reject) => {
    zip.once('entry', resolve).once('end', () => resolve(null)).once('error', reject);
    zip.readEntry();
  }).finally(() => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error'));
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every part of the package; a damaged, encrypted or bomb-like archive is refused. */
export async function readPackage(bytes: Buffer): Promise<Part[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch {
    throw new UnreadablePackage('not a ZIP package');
  }
  try {
    if (zip.entryCount > DOCX_LIMITS.parts) throw new UnreadablePackage('too many parts');
    const parts: Part[] = [];
    let total = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      total += entry.uncompressedSize;
      if (total > DOCX_LIMITS.totalBytes) throw new UnreadablePackage('expands too far');
      if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > DOCX_LIMITS.ratio * Math.max(1, entry.compressedSize)) throw new UnreadablePackage('zip bomb');
      if (entry.fileName.endsWith('/')) continue;
      parts.push({ name: entry.fileName, bytes: await readEntry(zip, entry), compress: entry.compressionMethod !== 0, mtime: entry.getLastModDate() });
    }
    return parts;
  } catch (err) {
    throw err instanceof UnreadablePackage ? err : new UnreadablePackage('damaged archive');
  } finally {
    zip.close();
  }
}

export async function writePackage(parts: Part[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const p of parts) zip.addBuffer(p.bytes, p.name, { compress: p.compress, mtime: p.mtime, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
