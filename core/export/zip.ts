// The packet as a ZIP holding a BagIt bag (RFC 8493): bagit.txt, bag-info.txt, a SHA-256
// manifest of every payload file (of the bytes in the bag: a cleaned original's, not the
// library's), a tag manifest, and data/ with every format plus the original evidence files.
// Names inside come from packet refs and hashes, never from a record's text.

import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { readAttachment } from '../attachments.js';
import { ApiError } from '../errors.js';
import { cleanOriginal, readableText } from './originals/index.js';
import type { OriginalCarried, Packet, PacketDocument, PacketOriginal } from './packet.js';

export interface BagFile {
  /** Path inside data/. */
  path: string;
  bytes: Buffer;
}

const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A bag-info value on one line (RFC 8493 §2.2.2 allows folding; we never need it). */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether a text names anything the packet withholds (a confidential source, a contact detail…). */
export type NamesWithheld = (text: string) => boolean;

export interface CarryOptions {
  libraryPath: string;
  /** The redaction engine's test; without one, no file that needs the test is carried. */
  names?: NamesWithheld;
  signal?: AbortSignal;
  progress?: (stage: string) => void;
}

/** The untouched original as the library keeps it; a missing or altered one stops the packet. */
function readOriginal(libraryPath: string, title: string, sha256: string): Buffer {
  let bytes: Buffer | undefined;
  try {
    bytes = readAttachment(libraryPath, sha256);
  } catch {
    // An encrypted original that does not decrypt is as good as missing.
  }
  if (!bytes) throw new ApiError('NOT_FOUND', `The original file of “${title}” is missing from the library’s files folder, so the packet was not made.`);
  if (hash(bytes) !== sha256) throw new ApiError('INVALID_FILE', `The original file of “${title}” no longer matches its SHA-256, so the packet was not made.`);
  return bytes;
}

/** What goes into the bag for one original under a profile that withholds someone: cleaned and checked, or nothing. */
async function cleanAndCheck(bytes: Buffer, o: PacketOriginal, names: NamesWithheld | undefined): Promise<{ carried: OriginalCarried; bytes?: Buffer }> {
  const cleaned = await cleanOriginal(bytes, o.mediaType, o.path);
  if (cleaned.kind === 'excluded') return { carried: cleaned };
  // Stripping metadata cannot redact what the file itself says: a body naming someone withheld keeps the file out.
  if (!names) return { carried: { kind: 'excluded', reason: 'no check for withheld names was available when the packet was made' } };
  let text: string;
  try {
    text = await readableText(cleaned.bytes, o.mediaType, o.path);
  } catch {
    return { carried: { kind: 'excluded', reason: 'its text could not be read to check it for withheld names' } };
  }
  if (names(text)) return { carried: { kind: 'excluded', reason: 'it names a withheld source or contact detail' } };
  return { carried: { kind: 'cleaned', sha256: cleaned.sha256After, size: cleaned.bytes.length, removed: cleaned.removed }, bytes: cleaned.bytes };
}

/**
 * The original evidence files the bag carries, and the packet saying what became of each: as
 * they are when the profile withholds no one; otherwise stripped of their metadata and checked
 * for withheld names, or left out with the reason (counted among the packet's redactions).
 */
export async function carryOriginals(p: Packet, opts: CarryOptions): Promise<{ packet: Packet; files: BagFile[] }> {
  const withholds = !p.profile.fields.confidentialIdentities || !p.profile.fields.contactDetails;
  const files: BagFile[] = [];
  let leftOut = 0;
  const documents: PacketDocument[] = [];
  for (const d of p.documents) {
    if (!d.original) {
      documents.push(d);
      continue;
    }
    if (opts.signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled: no packet was made.');
    const bytes = readOriginal(opts.libraryPath, d.title, d.original.sha256);
    let carried: OriginalCarried = { kind: 'untouched' };
    let inBag: Buffer | undefined = bytes;
    if (withholds) {
      opts.progress?.(`Removing the metadata of ${d.ref}’s original file`);
      ({ carried, bytes: inBag } = await cleanAndCheck(bytes, d.original, opts.names));
    }
    if (inBag) files.push({ path: d.original.path, bytes: inBag });
    else leftOut++;
    documents.push({ ...d, original: { ...d.original, carried } });
  }
  return { packet: { ...p, documents, redactions: { ...p.redactions, evidenceFiles: p.redactions.evidenceFiles + leftOut } }, files };
}

/** The tag files of a bag over `payload`, as RFC 8493 lays them out. */
export function bagTagFiles(p: Packet, payload: BagFile[]): { name: string; bytes: Buffer }[] {
  const bytes = payload.reduce((n, f) => n + f.bytes.length, 0);
  const info = [
    `Bagging-Date: ${p.exportedAt.slice(0, 10)}`,
    `Payload-Oxum: ${bytes}.${payload.length}`,
    `External-Description: ${oneLine(`Corroborate source packet, ${p.profile.label} profile`)}`,
    `External-Identifier: ${oneLine(`urn:corroborate:case:${p.case.id}`)}`,
    ...(p.exportedBy ? [`Contact-Name: ${oneLine(p.exportedBy)}`] : []),
    `Bag-Software-Agent: Corroborate`,
  ];
  const tags = [
    { name: 'bagit.txt', bytes: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
    { name: 'bag-info.txt', bytes: Buffer.from(`${info.join('\n')}\n`) },
    { name: 'manifest-sha256.txt', bytes: Buffer.from(payload.map((f) => `${hash(f.bytes)}  data/${f.path}\n`).join('')) },
  ];
  return [...tags, { name: 'tagmanifest-sha256.txt', bytes: Buffer.from(tags.map((t) => `${hash(t.bytes)}  ${t.name}\n`).join('')) }];
}

/** The bag as ZIP bytes, all under one top folder as BagIt's serialization asks. */
export async function zipBag(root: string, p: Packet, payload: BagFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(p.exportedAt);
  for (const t of bagTagFiles(p, payload)) zip.addBuffer(t.bytes, `${root}/${t.name}`, { mtime, mode: 0o100644 });
  for (const f of payload) zip.addBuffer(f.bytes, `${root}/data/${f.path}`, { mtime, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
