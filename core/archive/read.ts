// Reading a case archive that may have been made by anyone: entry by entry, with hard limits,
// nothing trusted before it is checked. Names are never used as paths: tables are parsed in
// memory and original files are written to a staging folder under names derived from their
// checked content. Every problem found is collected, so the reporter is told all that was
// refused, not only the first.

import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { z } from 'zod';
import { LATEST_VERSION } from '../../db/index.js';
import { attachmentsDir } from '../attachments.js';
import type { Job } from '../context.js';
import { ApiError } from '../errors.js';
import { MAX_FILE_BYTES } from '../import/index.js';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST_ENTRY, type EntryDigest, type Manifest } from './archive.js';

export interface ArchiveLimits {
  /** Entries in the ZIP. */
  maxEntries: number;
  /** Uncompressed bytes of one original file. */
  maxFileBytes: number;
  /** Uncompressed bytes of one table (parsed in memory). */
  maxTableBytes: number;
  /** Uncompressed bytes of the whole archive. */
  maxTotalBytes: number;
  /** Uncompressed over compressed size, for entries over 1 MB: beyond it the entry is a bomb. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 200_000,
  maxFileBytes: MAX_FILE_BYTES,
  maxTableBytes: 256 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 200,
};

const RATIO_FLOOR = 1024 * 1024;
const MANIFEST_LIMIT = 16 * 1024 * 1024;

export interface Refusal {
  path: string;
  message: string;
}

export interface ReadArchive {
  manifest: Manifest;
  /** Table name → its JSON Lines bytes, checked against the manifest. */
  tables: Map<string, Buffer>;
  /** sha256 → a staged copy of the original file, checked. */
  files: Map<string, string>;
  /** Removes the staging folder (and the store's folder if it was made for it). */
  cleanup(): void;
}

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  caseId: z.string().min(1).max(64),
  title: z.string().max(10_000),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  missingAttachments: z.array(z.string()),
  detached: z.number().int().nonnegative(),
  entries: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })),
});

const TABLE_ENTRY = /^tables\/([a-z_][a-z0-9_]{0,63})\.jsonl$/;
const FILE_ENTRY = /^attachments\/([0-9a-f]{64})$/;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

const refused = (issues: Refusal[]) => {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return new ApiError('ARCHIVE_REFUSED', `This archive was not imported, and nothing was changed: ${shown}${more}.`, issues.slice(0, 200));
};

/** What is wrong with an entry's name as written, or undefined when it is a plain relative path. */
function nameProblem(raw: Buffer, utf8: boolean): string | undefined {
  const name = raw.toString(utf8 ? 'utf8' : 'latin1');
  if (!name.length) return 'an entry with no name';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return 'a name with control characters';
  if (name.includes('\\')) return 'a name with backslashes (a Windows path)';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path';
  const parts = name.split('/');
  if (parts.includes('..')) return 'a path that climbs out of its folder (..)';
  if (parts.some((p) => p === '' || p === '.')) return 'a path with empty or "." parts';
  return undefined;
}

/** The display form of an entry's name (for messages only: never used as a path). */
function shownName(raw: Buffer, utf8: boolean): string {
  const s = [...raw.toString(utf8 ? 'utf8' : 'latin1')].map((c) => (c.charCodeAt(0) < 0x20 ? '?' : c)).join('');
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
    const onEnd = () => done(() => resolve(null));
    const onError = (err: Error) => done(() => reject(err));
    const done = (f: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      f();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
}

/** Counts and hashes what passes, and stops the stream once it passes `limit` bytes. */
function meter(limit: number, what: string) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > limit) return cb(new Error(`${what} is larger than it may be (over ${limit.toLocaleString('en')} bytes)`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return { stream, result: (): EntryDigest => ({ sha256: hash.digest('hex'), size }) };
}

/**
 * Reads and checks the whole archive. Throws ARCHIVE_REFUSED listing every problem (the staging
 * folder removed), ARCHIVE_TOO_NEW for a newer format or schema, or INVALID_FILE for what is
 * not a ZIP at all.
 */
export async function readArchive(file: string, libraryPath: string, limits: ArchiveLimits = DEFAULT_LIMITS, job?: Job): Promise<ReadArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new ApiError('NOT_FOUND', `There is no file at ${file}.`);
    throw new ApiError('INVALID_FILE', `${file} is not a case archive (it cannot be read as a ZIP file: ${(err as Error).message}).`);
  }

  const store = attachmentsDir(libraryPath);
  const storeExisted = existsSync(store);
  const staging = join(store, `.incoming-${randomBytes(6).toString('hex')}`);
  const cleanup = () => {
    rmSync(staging, { recursive: true, force: true });
    if (!storeExisted && existsSync(store) && readdirSync(store).length === 0) rmdirSync(store);
  };

  const issues: Refusal[] = [];
  const tables = new Map<string, Buffer>();
  const files = new Map<string, string>();
  const seen = new Set<string>();
  let manifest: Manifest | undefined;
  let declaredTotal = 0;
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw refused([{ path: '(archive)', message: `it holds ${zip.entryCount.toLocaleString('en')} entries; an archive may hold at most ${limits.maxEntries.toLocaleString('en')}` }]);
    }
    for (let index = 0; ; index++) {
      if (job?.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: nothing was imported.');
      const entry = await nextEntry(zip);
      if (!entry) break;
      job?.progress(index, zip.entryCount, 'Checking the archive');
      const raw = entry.fileNameRaw ?? (entry.fileName as unknown as Buffer);
      const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
      const name = shownName(raw, utf8);
      const problem = (message: string) => issues.push({ path: name, message });

      const badName = nameProblem(raw, utf8);
      if (badName) problem(badName);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) problem('a symbolic link (an archive holds only files)');
      else if (mode === S_IFDIR || name.endsWith('/')) problem('a folder entry (an archive holds only files)');
      if (seen.has(name)) problem('a second entry with the same name');
      seen.add(name);
      if ((entry.generalPurposeBitFlag & 1) !== 0) problem('an encrypted entry');
      if (index === 0 && name !== MANIFEST_ENTRY) problem(`the first entry must be ${MANIFEST_ENTRY}`);

      const isTable = TABLE_ENTRY.test(name);
      const isFile = FILE_ENTRY.test(name);
      if (name !== MANIFEST_ENTRY && !isTable && !isFile && !badName) problem('not a part of a case archive');
      if (manifest && name !== MANIFEST_ENTRY && !manifest.entries[name]) problem('not listed in the manifest');
      const limit = name === MANIFEST_ENTRY ? MANIFEST_LIMIT : isTable ? limits.maxTableBytes : limits.maxFileBytes;
      if (entry.uncompressedSize > limit) problem(`${entry.uncompressedSize.toLocaleString('en')} bytes uncompressed, over the limit of ${limit.toLocaleString('en')}`);
      if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        problem(`compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} to 1, a ZIP bomb`);
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) problem(`the archive would unpack to over ${limits.maxTotalBytes.toLocaleString('en')} bytes`);
      // Once anything is refused, the rest is only looked at, never unpacked.
      if (issues.length) continue;

      const m = meter(Math.min(limit, entry.uncompressedSize), 'the entry');
      try {
        const source = await openStream(zip, entry);
        if (isFile) {
          const staged = join(staging, `${files.size}.part`);
          // The reporter's alone, as the store it is renamed into (an unarchived original kept
          // the umask's 0644 before).
          mkdirSync(staging, { recursive: true, mode: 0o700 });
          await pipeline(source, m.stream, createWriteStream(staged, { flags: 'wx', mode: 0o600 }));
          const d = m.result();
          if (name.slice('attachments/'.length) !== d.sha256) problem('its content does not match its name (the SHA-256 differs)');
          else files.set(d.sha256, staged);
          checkDigest(manifest, name, d, problem);
        } else {
          const chunks: Buffer[] = [];
          await pipeline(source, m.stream, async (s: AsyncIterable<Buffer>) => {
            for await (const c of s) chunks.push(c);
          });
          const bytes = Buffer.concat(chunks);
          const d = m.result();
          if (name === MANIFEST_ENTRY) manifest = parseManifest(bytes, problem);
          else {
            checkDigest(manifest, name, d, problem);
            tables.set(TABLE_ENTRY.exec(name)![1]!, bytes);
          }
        }
      } catch (err) {
        if (err instanceof ApiError) throw err;
        problem(`it cannot be unpacked: ${(err as Error).message}`);
      }
    }
    if (!issues.length && !manifest) issues.push({ path: MANIFEST_ENTRY, message: 'missing: this is not a case archive' });
    if (!issues.length && manifest) {
      for (const name of Object.keys(manifest.entries)) if (!seen.has(name)) issues.push({ path: name, message: 'listed in the manifest but not in the archive' });
    }
    if (issues.length) throw refused(issues);
    return { manifest: manifest!, tables, files, cleanup };
  } catch (err) {
    cleanup();
    zip.close();
    throw err;
  }
}

function checkDigest(manifest: Manifest | undefined, name: string, d: EntryDigest, problem: (m: string) => void): void {
  const expected = manifest?.entries[name];
  if (!expected) return;
  if (expected.size !== d.size || expected.sha256 !== d.sha256) problem('its content does not match the manifest’s SHA-256 (the archive was altered or damaged)');
}

function parseManifest(bytes: Buffer, problem: (m: string) => void): Manifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problem('not valid JSON');
    return undefined;
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT) {
    problem('not the manifest of a Corroborate case archive');
    return undefined;
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    problem(`a damaged manifest (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    return undefined;
  }
  const m = parsed.data as Manifest;
  if (m.formatVersion > ARCHIVE_VERSION) {
    throw new ApiError('ARCHIVE_TOO_NEW', `This archive was made by a newer version of Corroborate (archive format ${m.formatVersion}; this version reads up to ${ARCHIVE_VERSION}). Update Corroborate to import it; nothing was changed.`);
  }
  if (m.schemaVersion > LATEST_VERSION) {
    throw new ApiError('ARCHIVE_TOO_NEW', `This archive was made by a newer version of Corroborate (schema ${m.schemaVersion}; this version reads up to ${LATEST_VERSION}). Update Corroborate to import it; nothing was changed.`);
  }
  return m;
}
