// A full disk: the write fails with DISK_FULL and a message a reporter understands, the last
// saved state is intact, nothing is half-written, and the app works again once there is room.
// SQLite's disk is made "full" with PRAGMA max_page_count (no tiny filesystem can be mounted
// without root here); the attachment store's ENOSPC comes from a node:fs that throws it.

import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachmentsDir } from '../../core/attachments.js';
import { join } from 'node:path';
import { closeSession, openSession } from '../../core/session.js';
import { callAsyncError, callError, call, callAsync, tempDir, tempLibrary } from '../helpers.js';
import { makeDocx } from '../make-files.js';
import type { Context } from '../../core/context.js';

const fsState = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    if (fsState.full && String(file).endsWith('.part')) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    fs.writeFileSync(file, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const sessions: Context[] = [];

afterEach(() => {
  fsState.full = false;
  for (const ctx of sessions.splice(0)) closeSession(ctx);
});

/** The same tests on an encrypted library (its original files sealed as they are stored). */
function encryptedLibrary(): Context {
  const ctx = openSession(join(tempDir(), 'library.corroborate'), { passphrase: 'disk full passphrase', automaticBackups: false });
  sessions.push(ctx);
  return ctx;
}

const count = (ctx: Context, table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function expectWhole(ctx: Context) {
  const health = call(ctx, 'library.doctor', {});
  expect(health.integrityCheck).toBe('ok');
  expect(health.ftsIntegrity).toBe('ok');
}

function fillDisk(ctx: Context): void {
  const pages = ctx.db.pragma('page_count', { simple: true }) as number;
  ctx.db.pragma(`max_page_count = ${pages + 3}`);
}

describe.each([
  ['plain', tempLibrary],
  ['encrypted', encryptedLibrary],
])('a full disk (%s library)', (_kind, library) => {
  it('refuses a write with DISK_FULL, keeps what was saved, and works again once there is room', () => {
    const ctx = library();
    const { caseId } = call(ctx, 'demo.load', {});
    const before = { documents: count(ctx, 'documents'), claims: count(ctx, 'claims'), fts: count(ctx, 'documents_fts'), tags: count(ctx, 'tags') };
    const text = 'The shipment left Manzanillo on a Tuesday, said the customs broker. '.repeat(20_000); // ~1.4 MB
    fillDisk(ctx);

    const err = callError(ctx, 'documents.create', { caseId, title: 'Customs ledger', text, tags: ['ledger', 'customs-2021'] });
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toBe('The disk is full: nothing was saved. Free some space and try again; your earlier work is intact.');
    // Nothing of the failed write: no document, no index entry, no tag.
    expect({ documents: count(ctx, 'documents'), claims: count(ctx, 'claims'), fts: count(ctx, 'documents_fts'), tags: count(ctx, 'tags') }).toEqual(before);
    expectWhole(ctx);
    // Reads still work while the disk is full.
    expect(call(ctx, 'search.query', { query: 'precursor' }).hits.length).toBeGreaterThan(0);

    ctx.db.pragma('max_page_count = 4294967294');
    const doc = call(ctx, 'documents.create', { caseId, title: 'Customs ledger', text, tags: ['ledger'] });
    expect(doc.title).toBe('Customs ledger');
    expect(count(ctx, 'documents')).toBe(before.documents + 1);
    expectWhole(ctx);
  });

  it('refuses a many-record write (the demo case) without leaving any of it', () => {
    const ctx = library();
    fillDisk(ctx);
    const err = callError(ctx, 'demo.load', {});
    expect(err.code).toBe('DISK_FULL');
    for (const table of ['cases', 'sources', 'claims', 'documents', 'notes', 'claims_fts']) expect(count(ctx, table)).toBe(0);
    expectWhole(ctx);
    ctx.db.pragma('max_page_count = 4294967294');
    expect(call(ctx, 'demo.load', {}).created).toBe(true);
  });

  it('refuses an import whose original cannot be written (ENOSPC) with DISK_FULL and leaves no part file', async () => {
    const ctx = library();
    const { id: caseId } = call(ctx, 'cases.create', { title: 'Imports' });
    const data = makeDocx(['The minister said the permits were never signed.']).toString('base64');
    fsState.full = true;
    const err = await callAsyncError(ctx, 'documents.import', { caseId, fileName: 'permits.docx', data });
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toMatch(/disk is full/);
    expect(count(ctx, 'documents')).toBe(0);
    expect(count(ctx, 'attachments')).toBe(0);
    const leftovers = readdirSync(attachmentsDir(ctx.libraryPath), { recursive: true }).map(String).filter((f) => f.endsWith('.part'));
    expect(leftovers).toEqual([]);
    fsState.full = false;
    const { created } = await callAsync(ctx, 'documents.import', { caseId, fileName: 'permits.docx', data });
    expect(created).toBe(true);
  });
});
