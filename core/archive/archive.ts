// A lossless case archive: one ZIP holding every row of the case (one JSON Lines file per
// table, columns as the schema has them), the original files its documents came from, and a
// manifest that names the format, the schema version and the SHA-256 of every other entry.
//
//   manifest.json                 always the first entry
//   tables/<table>.jsonl          one row per line, keys in column order, rows in key order
//   attachments/<sha256>          the original files, named by their content
//
// The same case archived twice gives entries with the same bytes (only the ZIP's timestamps
// differ), which is what the round-trip test compares.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { schemaVersion, type DB, type Row } from '../../db/index.js';
import { attachmentPath, attachmentsSealed, readAttachment } from '../attachments.js';
import type { Job } from '../context.js';
import { ApiError } from '../errors.js';
import { writeAtomically } from './atomic.js';
import { readSchema, selectCase, type TableInfo } from '../../db/case-tables.js';

export const ARCHIVE_FORMAT = 'corroborate-case-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

export const tableEntry = (table: string) => `tables/${table}.jsonl`;
export const attachmentEntry = (sha256: string) => `attachments/${sha256}`;

export interface EntryDigest {
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The library's schema (PRAGMA user_version) the rows were read from. */
  schemaVersion: number;
  caseId: string;
  title: string;
  /** Rows per table. */
  counts: Record<string, number>;
  /** Original files the library should hold but does not (or holds damaged): not in the archive. */
  missingAttachments: string[];
  /** References to records of another case, cleared in the archive. */
  detached: number;
  entries: Record<string, EntryDigest>;
}

export interface ArchiveSummary {
  out: string;
  caseId: string;
  title: string;
  bytes: number;
  counts: Record<string, number>;
  attachments: number;
  missingAttachments: string[];
}

/** A value as JSON: blobs as {"$base64": …}; everything else SQLite returns is JSON already. */
function encodeValue(v: unknown): unknown {
  return Buffer.isBuffer(v) ? { $base64: v.toString('base64') } : v;
}

export function encodeRows(t: TableInfo, rows: Row[]): Buffer {
  const lines = rows.map((r) => JSON.stringify(Object.fromEntries(t.columns.map((c) => [c, encodeValue(r[c])]))) + '\n');
  return Buffer.from(lines.join(''), 'utf8');
}

export function digest(bytes: Buffer): EntryDigest {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

async function digestFile(path: string): Promise<EntryDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** An encrypted original, decrypted when the ZIP asks for it (a failure fails the archive). */
function decrypted(libraryPath: string, sha: string): Readable {
  return Readable.from(
    (function* () {
      const bytes = readAttachment(libraryPath, sha);
      if (!bytes) throw new ApiError('NOT_FOUND', 'An original file went missing while the archive was written.');
      yield bytes;
    })(),
  );
}

function sealedDigest(libraryPath: string, sha: string): EntryDigest | undefined {
  try {
    const bytes = readAttachment(libraryPath, sha);
    return bytes ? digest(bytes) : undefined;
  } catch {
    return undefined; // does not decrypt: damaged
  }
}

const cancelled = () => new ApiError('CANCELLED', 'Cancelled: no archive was written.');

export interface ArchiveInput {
  db: DB;
  libraryPath: string;
  caseId: string;
  /** Already allowed by core/output-target.ts. */
  out: string;
  /** Replace a file at `out`; without it a file that appears there meanwhile is left alone. */
  overwrite?: boolean;
  job?: Job;
}

/** Writes the case's archive to `out` (atomically) and says what it holds. */
export async function writeArchive({ db, libraryPath, caseId, out, overwrite = false, job }: ArchiveInput): Promise<ArchiveSummary> {
  const plan = readSchema(db);
  const { rows, detached } = selectCase(db, plan, caseId);
  const caseRow = rows.get('cases')?.[0];
  if (!caseRow) throw new ApiError('NOT_FOUND', 'There is no case with that id in this library (`corroborate cases` lists them).');

  const entries: Record<string, EntryDigest> = {};
  const tables: [string, Buffer][] = [];
  const counts: Record<string, number> = {};
  for (const t of plan.tables) {
    const list = rows.get(t.name) ?? [];
    const bytes = encodeRows(t, list);
    counts[t.name] = list.length;
    entries[tableEntry(t.name)] = digest(bytes);
    tables.push([tableEntry(t.name), bytes]);
  }

  // The originals, hashed as they are read: a damaged file in the store is left out and named.
  const files: [string, string][] = [];
  const missingAttachments: string[] = [];
  const hashes = (rows.get('attachments') ?? []).map((r) => String(r.sha256)).sort();
  for (const [i, sha] of hashes.entries()) {
    if (job?.signal.aborted) throw cancelled();
    job?.progress(i, hashes.length * 2, 'Checking the original files');
    // An encrypted library's originals are decrypted as they are read (an archive is plain:
    // an export, made to be opened elsewhere).
    const sealed = attachmentsSealed(libraryPath);
    const path = attachmentPath(libraryPath, sha);
    const d = sealed ? sealedDigest(libraryPath, sha) : existsSync(path) ? await digestFile(path) : undefined;
    if (!d || d.sha256 !== sha) {
      missingAttachments.push(sha);
      continue;
    }
    entries[attachmentEntry(sha)] = d;
    files.push([attachmentEntry(sha), sealed ? sha : path]);
  }

  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_VERSION,
    schemaVersion: schemaVersion(db),
    caseId,
    title: String(caseRow.title ?? ''),
    counts,
    missingAttachments,
    detached: detached.length,
    entries,
  };

  if (job?.signal.aborted) throw cancelled();
  const bytes = await writeAtomically(out, async (temp) => {
    const zip = new yazl.ZipFile();
    const output = zip.outputStream as unknown as NodeJS.ReadableStream & { destroy(e: Error): void };
    // A file that cannot be read midway fails the archive (yazl reports it on the zip).
    zip.on('error', (err: Error) => output.destroy(err));
    const mtime = new Date();
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), MANIFEST_ENTRY, { mtime });
    for (const [name, data] of tables) zip.addBuffer(data, name, { mtime });
    let done = 0;
    for (const [name, path] of files) {
      zip.addReadStreamLazy(name, { mtime }, (cb) => {
        job?.progress(files.length + ++done, files.length * 2, 'Writing the archive');
        cb(null, job?.signal.aborted ? Readable.from([]) : attachmentsSealed(libraryPath) ? decrypted(libraryPath, path) : createReadStream(path));
      });
    }
    zip.end();
    // Readable by the reporter alone: the archive holds confidential sources in full.
    const sink = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    const onAbort = () => output.destroy(cancelled());
    job?.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await pipeline(output, sink);
    } finally {
      job?.signal.removeEventListener('abort', onAbort);
    }
    return sink.bytesWritten;
  }, { overwrite });
  return { out, caseId, title: manifest.title, bytes, counts, attachments: files.length, missingAttachments };
}
