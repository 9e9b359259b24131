// Documents' original files travel beside the case document, not inside it: a Yjs document holds
// every value it ever had, and a 100 MB PDF in it would be loaded, merged and judged on every
// change. The document record carries the file's hash, size and type (`attachment`); the bytes
// go over HTTP to the sync server, named by their SHA-256, in a folder of their case, and each
// member's link fetches what its library lacks and checks the hash before keeping it.
//
//   PUT  /files/<sha256>   a reporter of the case sends a file (checked against its name)
//   GET  /files/<sha256>   any member of the case fetches it
//   HEAD /files/<sha256>   is it there?
//
// with `Authorization: Bearer <member credential>`, as the WebSocket is authenticated.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Context } from '../core/context.js';
import { hasAttachment, readAttachment, sha256, storeAttachment } from '../core/attachments.js';
import { MAX_FILE_BYTES } from '../core/import/index.js';
import { caseAttachments, documentFileName, getAttachment, type SharedCase } from '../db/index.js';
import { deskMask, type DeskMask } from '../core/desk/mask.js';
import { readableText } from '../core/export/originals/index.js';
import type { SyncStore } from '../db/sync-server.js';
import { answer } from './http.js';
import { httpAddress } from './protocol.js';

const FILE_PATH = /^\/files\/([0-9a-f]{64})$/;

/** The folder of one case's files on the server: named by a hash, so a case name is never a path. */
function caseFolder(dataDir: string, caseName: string): string {
  return join(dataDir, 'files', createHash('sha256').update(`case:${caseName}`).digest('hex').slice(0, 32));
}

/**
 * Answers a /files/ request; false when the path is not one (the caller answers it). A file is
 * written to a temporary name while it is hashed and renamed into place only when its hash is
 * its name, so the folder never holds half a file or a file under another's name.
 */
export async function serveOriginal(req: IncomingMessage, res: ServerResponse, dataDir: string, store: SyncStore): Promise<boolean> {
  const match = FILE_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
  if (!match) return false;
  const hash = match[1]!;
  const auth = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '');
  const member = auth ? store.memberByCredential(auth[1]!) : undefined;
  if (!member || !store.isActive(member.id)) {
    answer(res, 401, { code: 'UNAUTHORIZED', message: 'Only members of the case fetch or send its files.' });
    return true;
  }
  const folder = caseFolder(dataDir, member.caseName);
  const path = join(folder, hash);
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (!existsSync(path)) {
      answer(res, 404, { code: 'NOT_FOUND', message: 'No file by that hash in this case.' });
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': statSync(path).size, 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else await pipeline(createReadStream(path), res);
    return true;
  }
  if (req.method !== 'PUT') {
    answer(res, 405, { code: 'BAD_INPUT', message: 'GET, HEAD or PUT.' });
    return true;
  }
  // Those who may not add documents to the case may not add files to it either.
  if (member.role !== 'reporter') {
    answer(res, 403, { code: 'FORBIDDEN', message: `A ${member.role} does not send documents to the case.` });
    return true;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES) {
    answer(res, 413, { code: 'FILE_TOO_LARGE', message: `Files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not taken.` });
    return true;
  }
  if (existsSync(path)) {
    req.resume();
    answer(res, 200, { stored: false });
    return true;
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
  const digest = createHash('sha256');
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_FILE_BYTES) return done(new Error('too large'));
      digest.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, counted, createWriteStream(temp, { mode: 0o600 }));
  } catch {
    rmSync(temp, { force: true });
    answer(res, size > MAX_FILE_BYTES ? 413 : 400, { code: size > MAX_FILE_BYTES ? 'FILE_TOO_LARGE' : 'BAD_INPUT', message: 'The file did not arrive whole.' });
    return true;
  }
  if (digest.digest('hex') !== hash) {
    rmSync(temp, { force: true });
    answer(res, 400, { code: 'BAD_INPUT', message: 'The file is not the one its name says: its SHA-256 differs.' });
    return true;
  }
  renameSync(temp, path);
  answer(res, 201, { stored: true });
  return true;
}

export interface CarriedOriginals {
  sent: number;
  fetched: number;
  /** Files the server does not have yet (their holder has not sent them) or that failed a check. */
  missing: number;
  /** Files kept on this machine: they name a confidential source or a contact detail, or cannot be checked. */
  kept: number;
}

/**
 * Whether an original may go to the desk: what never leaves the machine (a confidential source's
 * identity, any source's contact details: docs/sync.md §5) must not ride out in a file either,
 * in its words or its metadata. Checked with the desk's own mask (core/desk/mask.ts) in the raw
 * bytes (latin-1, UTF-8, UTF-16) and, for the kinds a packet can read, in every text a reader of
 * it sees; a kind that cannot be read (a picture, an archive: compressed metadata) leaves only
 * from a library with nothing to withhold.
 */
export async function mayLeave(bytes: Buffer, mediaType: string, fileName: string, desk: DeskMask): Promise<boolean> {
  if (desk.empty) return true;
  for (const encoding of ['latin1', 'utf8', 'utf16le'] as const) if (desk.holds(bytes.toString(encoding))) return false;
  let text: string;
  try {
    text = await readableText(bytes, mediaType, fileName);
  } catch {
    return false;
  }
  return !desk.holds(text);
}

/**
 * Sends the server the originals of the case's documents it lacks (a reporter's link) and fetches
 * those this library lacks. `known` remembers, for the life of a link, the files already checked
 * on the server, so a round costs nothing when nothing is new; `linked` says the link (and so its
 * library) is still open.
 */
export async function exchangeOriginals(ctx: Context, shared: SharedCase, known: Set<string>, linked: () => boolean, timeoutMs = 60_000): Promise<CarriedOriginals> {
  const base = `${httpAddress(shared.serverUrl)}/files/`;
  const headers = { Authorization: `Bearer ${shared.credential}` };
  const out: CarriedOriginals = { sent: 0, fetched: 0, missing: 0, kept: 0 };
  let desk: DeskMask | undefined;
  for (const hash of caseAttachments(ctx.db, shared.caseId)) {
    // Checked after every wait: the library may have been locked or switched meanwhile, and an
    // encrypted library's store must never be written once its key is gone.
    if (!linked()) break;
    if (known.has(hash)) continue;
    if (hasAttachment(ctx.libraryPath, hash)) {
      if (shared.role !== 'reporter') {
        known.add(hash);
        continue;
      }
      const there = await fetch(base + hash, { method: 'HEAD', headers, signal: AbortSignal.timeout(timeoutMs) });
      if (!linked()) break;
      if (there.status === 404) {
        const bytes = readAttachment(ctx.libraryPath, hash);
        const file = getAttachment(ctx.db, hash);
        if (!bytes || !file) continue;
        desk ??= deskMask(ctx.db);
        if (!(await mayLeave(bytes, file.media_type, documentFileName(ctx.db, shared.caseId, hash), desk))) {
          out.kept++;
          known.add(hash);
          continue;
        }
        const sent = await fetch(base + hash, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(bytes), signal: AbortSignal.timeout(timeoutMs) });
        if (!sent.ok) {
          out.missing++;
          continue;
        }
        out.sent++;
      } else if (!there.ok) {
        out.missing++;
        continue;
      }
      known.add(hash);
      continue;
    }
    const got = await fetch(base + hash, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!got.ok) {
      out.missing++;
      continue;
    }
    const bytes = Buffer.from(await got.arrayBuffer());
    if (!linked()) break;
    // The server is trusted with the case, not with the bytes: a file that is not what its hash says is not kept.
    if (bytes.length > MAX_FILE_BYTES || sha256(bytes) !== hash) {
      out.missing++;
      continue;
    }
    storeAttachment(ctx.libraryPath, bytes);
    known.add(hash);
    out.fetched++;
  }
  return out;
}
