// Archives made to hurt: each is refused with a message naming what was wrong, nothing is
// written outside the library (or inside it), and the library is exactly as it was.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../db/index.js';
import type { Context } from '../../core/context.js';
import { readArchive, DEFAULT_LIMITS } from '../../core/archive/read.js';
import { call, callAsync, callAsyncError, tempDir } from '../helpers.js';
import { zipEntries } from './entries.js';
import { buildZip, type RawEntry } from './zip.js';

let valid: Map<string, Buffer>;
let caseId: string;

beforeAll(async () => {
  const dir = tempDir();
  const ctx: Context = { db: openLibrary(join(dir, 'source.corroborate')), libraryPath: join(dir, 'source.corroborate'), checker: 'T' };
  caseId = call(ctx, 'demo.load', {}).caseId;
  await callAsync(ctx, 'documents.import', { caseId, fileName: 'memo.txt', data: Buffer.from('A memo about a shipment.\n').toString('base64') });
  const file = join(dir, 'valid.zip');
  await callAsync(ctx, 'archive.create', { caseId, out: file });
  valid = await zipEntries(file);
  ctx.db.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Manifest {
  formatVersion: number;
  schemaVersion: number;
  counts: Record<string, number>;
  entries: Record<string, { sha256: string; size: number }>;
}

/** The valid archive's entries, changed by `edit`; the manifest re-hashed unless `stale`. */
function variant(edit: (files: Map<string, Buffer>, manifest: Manifest) => RawEntry[] | void, { stale = false } = {}): Buffer {
  const files = new Map([...valid].filter(([n]) => n !== 'manifest.json'));
  const manifest = JSON.parse(valid.get('manifest.json')!.toString()) as Manifest;
  const extra = edit(files, manifest) ?? [];
  if (!stale) for (const [n, b] of files) manifest.entries[n] = { sha256: sha(b), size: b.length };
  return buildZip([{ name: 'manifest.json', data: JSON.stringify(manifest) }, ...[...files].map(([name, data]) => ({ name, data, deflate: true })), ...extra]);
}

function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      // The database's own files are compared through their rows below.
      out.push(`${relative(root, p)}${s.isDirectory() || /corroborate(-wal|-shm)?$/.test(name) ? '' : ` ${s.size}`}`);
    }
  };
  walk(root);
  return out.sort();
}

function rows(ctx: Context): Record<string, number> {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (ctx.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** A library holding one case of its own, in root/lib, with the archive in root/in. */
function target() {
  const root = tempDir();
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'in'));
  const libraryPath = join(root, 'lib', 'library.corroborate');
  const ctx: Context = { db: openLibrary(libraryPath), libraryPath, checker: 'T' };
  const other = call(ctx, 'cases.create', { title: 'My own case' }).id;
  call(ctx, 'claims.create', { caseId: other, statement: 'Something of mine.' });
  return { root, ctx, other };
}

async function expectRefused(zip: Buffer, code: string, pattern: RegExp, { entry }: { entry?: string } = {}) {
  const { root, ctx } = target();
  const file = join(root, 'in', 'hostile.zip');
  writeFileSync(file, zip);
  const before = { files: listing(root), rows: rows(ctx) };
  const error = await callAsyncError(ctx, 'archive.import', { file });
  expect(error.code).toBe(code);
  expect(error.message).toMatch(pattern);
  if (entry) expect(error.issues?.map((i) => i.path)).toContain(entry);
  expect(listing(root)).toEqual(before.files);
  expect(rows(ctx)).toEqual(before.rows);
  expect(existsSync(join(root, 'evil.txt'))).toBe(false);
  ctx.db.close();
  return error;
}

describe('hostile archives', () => {
  it('the valid archive imports (the variants below differ from it only as they say)', async () => {
    const { root, ctx } = target();
    const file = join(root, 'in', 'ok.zip');
    writeFileSync(file, variant(() => {}));
    expect((await callAsync(ctx, 'archive.import', { file })).caseId).toBe(caseId);
    ctx.db.close();
  });

  it('refuses ../ paths', async () => {
    await expectRefused(variant(() => [{ name: '../evil.txt', data: 'x' }]), 'ARCHIVE_REFUSED', /climbs out/, { entry: '../evil.txt' });
    await expectRefused(variant(() => [{ name: 'attachments/../../evil.txt', data: 'x' }]), 'ARCHIVE_REFUSED', /climbs out/);
  });

  it('refuses absolute paths and backslashes', async () => {
    const abs = join(tempDir(), 'evil.txt');
    await expectRefused(variant(() => [{ name: abs, data: 'x' }]), 'ARCHIVE_REFUSED', /absolute path/);
    expect(existsSync(abs)).toBe(false);
    await expectRefused(variant(() => [{ name: 'C:/evil.txt', data: 'x' }]), 'ARCHIVE_REFUSED', /absolute path/);
    await expectRefused(variant(() => [{ name: '..\\evil.txt', data: 'x' }]), 'ARCHIVE_REFUSED', /backslashes/);
  });

  it('refuses symbolic links', async () => {
    const link = `attachments/${'a'.repeat(64)}`;
    await expectRefused(variant(() => [{ name: link, data: '/etc/passwd', mode: 0o120777 }]), 'ARCHIVE_REFUSED', /symbolic link/, { entry: link });
  });

  it('refuses duplicate names', async () => {
    await expectRefused(variant((files) => [{ name: 'tables/claims.jsonl', data: files.get('tables/claims.jsonl')! }]), 'ARCHIVE_REFUSED', /same name/);
  });

  it('refuses entries the manifest does not list, and listed entries that are missing', async () => {
    await expectRefused(variant(() => [{ name: 'tables/extra.jsonl', data: '{}\n' }], { stale: true }), 'ARCHIVE_REFUSED', /not listed in the manifest/, { entry: 'tables/extra.jsonl' });
    await expectRefused(variant((files) => void files.delete('tables/notes.jsonl'), { stale: true }), 'ARCHIVE_REFUSED', /not in the archive/);
    await expectRefused(variant(() => [{ name: 'README.txt', data: 'hi' }]), 'ARCHIVE_REFUSED', /not a part of a case archive/);
  });

  it('refuses content whose hash does not match the manifest', async () => {
    const zip = variant(
      (files) => {
        files.set('tables/claims.jsonl', Buffer.from(files.get('tables/claims.jsonl')!.toString().replace('"statement":"', '"statement":"Forged: ')));
      },
      { stale: true },
    );
    await expectRefused(zip, 'ARCHIVE_REFUSED', /SHA-256/, { entry: 'tables/claims.jsonl' });
  });

  it('refuses a zip bomb by its compression ratio, before unpacking it', async () => {
    const bomb = Buffer.alloc(40 * 1024 * 1024);
    const name = `attachments/${sha(bomb)}`;
    await expectRefused(variant((files) => void files.set(name, bomb)), 'ARCHIVE_REFUSED', /ZIP bomb/, { entry: name });
  });

  it('refuses an entry that unpacks to more than it declares', async () => {
    const big = Buffer.alloc(200_000, 'a');
    const name = `attachments/${sha(big)}`;
    const zip = variant((files, m) => {
      m.entries[name] = { sha256: sha(big), size: 100 };
      return [{ name, data: big, deflate: true, declaredSize: 100 }];
    }, { stale: false });
    await expectRefused(zip, 'ARCHIVE_REFUSED', /cannot be unpacked|larger than/, { entry: name });
  });

  it('refuses rows that would land in another case, and columns the library does not have', async () => {
    const { root, ctx, other } = target();
    const file = join(root, 'in', 'x.zip');
    writeFileSync(file, variant((files) => void files.set('tables/claims.jsonl', Buffer.from(files.get('tables/claims.jsonl')!.toString().replace(`"case_id":"${caseId}"`, `"case_id":"${other}"`)))));
    const before = rows(ctx);
    const error = await callAsyncError(ctx, 'archive.import', { file });
    expect(error.code).toBe('ARCHIVE_REFUSED');
    expect(error.message).toMatch(/another case/);
    expect(rows(ctx)).toEqual(before);
    ctx.db.close();
    // A claim whose origin is a passage of the library's other case: refused, not linked across cases.
    const second = target();
    const doc = call(second.ctx, 'documents.create', { caseId: second.other, title: 'Theirs', text: 'A private passage.' });
    const theirs = call(second.ctx, 'excerpts.create', { documentId: doc.id, exact: 'private passage', start: 2, end: 17 });
    const crossing = join(second.root, 'in', 'crossing.zip');
    writeFileSync(crossing, variant((files) => void files.set('tables/claims.jsonl', Buffer.from(files.get('tables/claims.jsonl')!.toString().replace('"origin_excerpt_id":null', `"origin_excerpt_id":"${theirs.id}"`)))));
    const rowsBefore = rows(second.ctx);
    const crossed = await callAsyncError(second.ctx, 'archive.import', { file: crossing });
    expect(crossed.code).toBe('ARCHIVE_REFUSED');
    expect(crossed.issues?.[0]).toEqual({ path: 'tables/claims.jsonl', message: expect.stringMatching(/another case/) });
    expect(rows(second.ctx)).toEqual(rowsBefore);
    second.ctx.db.close();
    await expectRefused(variant((files) => void files.set('tables/notes.jsonl', Buffer.from(files.get('tables/notes.jsonl')!.toString().replace('{"id"', '{"evil":1,"id"')))), 'ARCHIVE_REFUSED', /“evil” is not in/);
  });

  it('refuses rows that refer to records the archive does not hold, importing none of it', async () => {
    const zip = variant((files, m) => {
      files.set('tables/sources.jsonl', Buffer.from(''));
      m.counts.sources = 0;
    });
    await expectRefused(zip, 'ARCHIVE_REFUSED', /refer to records it does not hold/);
  });

  it('refuses a newer format or schema, and what is not an archive at all', async () => {
    const newer = (field: 'formatVersion' | 'schemaVersion') =>
      buildZip([{ name: 'manifest.json', data: JSON.stringify({ ...JSON.parse(valid.get('manifest.json')!.toString()), [field]: 999 }) }, ...[...valid].filter(([n]) => n !== 'manifest.json').map(([name, data]) => ({ name, data }))]);
    await expectRefused(newer('formatVersion'), 'ARCHIVE_TOO_NEW', /newer version/);
    await expectRefused(newer('schemaVersion'), 'ARCHIVE_TOO_NEW', /schema 999/);
    await expectRefused(Buffer.from('PK but not really a zip'), 'INVALID_FILE', /not a case archive/);
    await expectRefused(buildZip([...valid].reverse().map(([name, data]) => ({ name, data }))), 'ARCHIVE_REFUSED', /must be manifest\.json/);
  });

  it('holds to its limits on entries, entry size and total size', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.zip');
    writeFileSync(file, variant(() => {}));
    const lib = join(dir, 'lib.corroborate');
    const tryWith = async (limits: Partial<typeof DEFAULT_LIMITS>) => {
      const err = await readArchive(file, lib, { ...DEFAULT_LIMITS, ...limits }).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe('ARCHIVE_REFUSED');
      return err!.message;
    };
    expect(await tryWith({ maxEntries: 3 })).toMatch(/at most 3/);
    expect(await tryWith({ maxTableBytes: 500 })).toMatch(/over the limit of 500/);
    expect(await tryWith({ maxTotalBytes: 2000 })).toMatch(/unpack to over 2,000 bytes/);
    expect(existsSync(`${lib}.files`)).toBe(false);
  });
});
