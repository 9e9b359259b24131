// The packet as a ZIP holding a BagIt bag (RFC 8493): bagit.txt, bag-info.txt, a SHA-256
// manifest of every payload file, a tag manifest, and data/ with every format plus the original
// evidence files. Names inside come from packet refs and hashes, never from a record's text.

import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { readAttachment } from '../attachments.js';
import { ApiError } from '../errors.js';
import type { Packet } from './packet.js';

export interface BagFile {
  /** Path inside data/. */
  path: string;
  bytes: Buffer;
}

const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A bag-info value on one line (RFC 8493 §2.2.2 allows folding; we never need it). */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The original evidence files the profile lets the packet carry, read from the attachment store. */
export function evidenceFiles(p: Packet, libraryPath: string): BagFile[] {
  return p.documents.flatMap((d) => {
    if (!d.original) return [];
    let bytes: Buffer | undefined;
    try {
      bytes = readAttachment(libraryPath, d.original.sha256);
    } catch {
      // An encrypted original that does not decrypt is as good as missing.
    }
    if (!bytes) {
      throw new ApiError('NOT_FOUND', `The original file of “${d.title}” is missing from the library’s files folder, so the packet was not made.`);
    }
    if (hash(bytes) !== d.original.sha256) throw new ApiError('INVALID_FILE', `The original file of “${d.title}” no longer matches its SHA-256, so the packet was not made.`);
    return [{ path: d.original.path, bytes }];
  });
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
