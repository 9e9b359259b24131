// Original files through the whole export: each fixture imported as a document of a case whose
// confidential source wrote it, the lawyer ZIP made, and every entry of it — the originals inside
// it opened in turn — searched for the source in every encoding. The bag's manifest must hash
// the cleaned bytes, and the cover must say what was removed and both hashes, or why a file was
// left out. The fact-checker bag still carries each original as it was.

import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { exportPacket } from '../../core/export/index.js';
import { renderMarkdown } from '../../core/export/markdown.js';
import { buildPacket } from '../../core/export/model.js';
import { carryOriginals } from '../../core/export/zip.js';
import { BUILT_IN_PROFILES } from '../../core/export/profiles.js';
import type { Context } from '../../core/context.js';
import { call, callAsync, tempLibrary } from '../helpers.js';
import { AUTHOR, BODY, decodeAll, findIn, makeDocx, makeHtml, makeIncrementalPdf, makePdf, needles } from './original-files.js';
import { unzip, type Entry } from './read.js';
import { librarySecrets } from './adversary.js';
import { describeHits, leaks as oracleLeaks } from './oracle.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Imported {
  fileName: string;
  bytes: Buffer;
  sha256: string;
}

async function caseOfOriginals(): Promise<{ ctx: Context; caseId: string; files: Imported[] }> {
  const ctx = tempLibrary();
  const { id: caseId } = call(ctx, 'cases.create', { title: 'Port inspections' });
  const source = call(ctx, 'sources.create', { name: AUTHOR.name, kind: 'person', confidential: true, description: 'a port clerk', contact: { email: AUTHOR.email } });
  call(ctx, 'claims.create', { caseId, statement: 'Inspections are announced a day ahead.', sourceIds: [source.id], attribution: 'background' });
  const files: Imported[] = [];
  const add = async (fileName: string, bytes: Buffer) => {
    await callAsync(ctx, 'documents.import', { caseId, fileName, data: bytes.toString('base64') });
    files.push({ fileName, bytes, sha256: sha256(bytes) });
  };
  await add('manifest.docx', await makeDocx());
  await add('manifest.pdf', await makePdf());
  await add('revised.pdf', await makeIncrementalPdf());
  await add('manifest.html', makeHtml());
  await add('clean.txt', Buffer.from(`${BODY}\n`));
  // Metadata-free, but its words name the source (in lower case, which slipped past the old
  // byte search): stripping cannot help, so it stays out.
  await add('signed.md', Buffer.from(`# Manifest\n\n${BODY}\n\nSigned: ${AUTHOR.name.split(' ')[0]!.toLowerCase()}\n`));
  return { ctx, caseId, files };
}

const bagFile = (entries: Entry[], suffix: string) => entries.find((e) => e.name.endsWith(suffix))!;

function manifest(entries: Entry[]): Map<string, string> {
  const text = bagFile(entries, '/manifest-sha256.txt').bytes.toString('utf8');
  return new Map(text.split('\n').filter(Boolean).map((l) => [l.slice(66), l.slice(0, 64)]));
}

describe('original files in a packet that withholds identities', () => {
  it('the lawyer ZIP carries each original cleaned of every trace of the confidential source, or leaves it out saying why', async () => {
    const { ctx, caseId, files } = await caseOfOriginals();
    const r = await exportPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.lawyer, format: 'zip', now: '2026-01-02T00:00:00.000Z' });
    const entries = await unzip(r.bytes);

    const leaks: string[] = [];
    for (const e of entries) leaks.push(...findIn(await decodeAll(e.bytes, e.name), needles()));
    expect(leaks).toEqual([]);
    // And the packets' own leak oracle, a second reader written apart from both.
    expect(describeHits(await oracleLeaks(r.fileName, r.bytes, librarySecrets(ctx, 'lawyer')))).toEqual([]);

    const evidence = entries.filter((e) => e.name.includes('/data/evidence/'));
    // The docx, both PDFs, the web page and the clean text: cleaned; the signed note: left out.
    expect(evidence.map((e) => e.name.split('.').pop()).sort()).toEqual(['docx', 'html', 'pdf', 'pdf', 'txt']);
    expect(r.redactions.evidenceFiles).toBe(1);

    const sums = manifest(entries);
    const md = bagFile(entries, '/data/packet.md').bytes.toString('utf8');
    const html = bagFile(entries, '/data/packet.html').bytes.toString('utf8');
    for (const e of evidence) {
      const inBag = e.name.slice(e.name.indexOf('/data/') + 1);
      // The manifest hashes the bytes in the bag, which are not the library's for a cleaned file.
      expect(sums.get(inBag)).toBe(sha256(e.bytes));
      const original = files.find((f) => inBag.includes(f.sha256.slice(0, 12)))!;
      expect(original, inBag).toBeDefined();
      if (original.fileName === 'clean.txt') {
        expect(e.bytes.equals(original.bytes)).toBe(true);
        expect(md).toContain(`no metadata found to remove; SHA-256 of the original and of the file in this packet: ${original.sha256}`);
        continue;
      }
      expect(sha256(e.bytes)).not.toBe(original.sha256);
      // The cover keeps the untouched original's hash (chain of custody) beside the packet's file's.
      const line = md.split('\n').find((l) => l.includes(`SHA-256 of the original: ${original.sha256}, of the file in this packet: ${sha256(e.bytes)}`));
      expect(line, original.fileName).toMatch(/^- \*\*Original in this packet:\*\* evidence\/D\d-[0-9a-f]{12}\.\w+: metadata removed \\\(.+\\\); SHA-256/);
      expect(html).toContain(`SHA-256 of the original: ${original.sha256}, of the file in this packet: ${sha256(e.bytes)}`);
    }
    expect(md).toContain('left out: it names a withheld source or contact detail');
    expect(md).toContain('Original files:** 5 files in this packet \\(4 with their metadata removed\\); 1 left out');
    expect(html).toContain('1 original evidence file left out');
  }, 60_000);

  it('through the API door too, no original names the source', async () => {
    const { ctx, caseId } = await caseOfOriginals();
    const r = await callAsync(ctx, 'packets.export', { caseId, profile: 'lawyer', format: 'zip' });
    const leaks: string[] = [];
    for (const e of await unzip(Buffer.from(r.data, 'base64'))) leaks.push(...findIn(await decodeAll(e.bytes, e.name), needles()));
    expect(leaks).toEqual([]);
  }, 60_000);

  it('a file whose check cannot run is left out, never carried unchecked', async () => {
    const { ctx, caseId } = await caseOfOriginals();
    const packet = buildPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.lawyer });
    const carried = await carryOriginals(packet, { libraryPath: ctx.libraryPath });
    expect(carried.files).toEqual([]);
    expect(carried.packet.documents.filter((d) => d.original).every((d) => d.original!.carried?.kind === 'excluded')).toBe(true);
    expect(renderMarkdown(carried.packet)).toContain('left out: no check for withheld names was available when the packet was made');
  }, 60_000);
});

describe('a PDF original naming the source only in its bookmarks and a form field', () => {
  it('is cleaned of them or left out: the oracle finds the source in no file of the lawyer ZIP', async () => {
    const ctx = tempLibrary();
    const { id: caseId } = call(ctx, 'cases.create', { title: 'Port inspections' });
    call(ctx, 'sources.create', { name: AUTHOR.name, kind: 'person', confidential: true, description: 'a port clerk', contact: { email: AUTHOR.email } });
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawText(BODY.slice(0, 60));
    const field = doc.getForm().createTextField('declarant');
    field.setText(AUTHOR.name);
    field.addToPage(page, { x: 50, y: 500 });
    const item = doc.context.obj({ Title: PDFHexString.fromText(`Notes by ${AUTHOR.email}`), Dest: [page.ref, PDFName.of('Fit')] });
    const itemRef = doc.context.register(item);
    const outlines = doc.context.register(doc.context.obj({ Type: 'Outlines', First: itemRef, Last: itemRef, Count: 1 }));
    item.set(PDFName.of('Parent'), outlines);
    doc.catalog.set(PDFName.of('Outlines'), outlines);
    const bytes = Buffer.from(await doc.save({ useObjectStreams: true }));
    // The control: the oracle reads the name in the file as imported.
    expect(describeHits(await oracleLeaks('form.pdf', bytes, librarySecrets(ctx, 'lawyer'))).length).toBeGreaterThan(0);
    await callAsync(ctx, 'documents.import', { caseId, fileName: 'form.pdf', data: bytes.toString('base64') });
    const r = await exportPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.lawyer, format: 'zip' });
    expect(describeHits(await oracleLeaks(r.fileName, r.bytes, librarySecrets(ctx, 'lawyer')))).toEqual([]);
  }, 60_000);
});

describe('original files in a packet that withholds no one', () => {
  it('the fact-checker ZIP carries every original byte for byte, hashed as the library keeps it', async () => {
    const { ctx, caseId, files } = await caseOfOriginals();
    const r = await exportPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.factChecker, format: 'zip' });
    const entries = await unzip(r.bytes);
    const evidence = entries.filter((e) => e.name.includes('/data/evidence/'));
    expect(evidence.map((e) => sha256(e.bytes)).sort()).toEqual(files.map((f) => f.sha256).sort());
    // So the search of the lawyer bag above is one that can find the source.
    const found: string[] = [];
    for (const e of evidence) found.push(...findIn(await decodeAll(e.bytes, e.name), [AUTHOR.name]));
    expect(found.length).toBeGreaterThanOrEqual(files.length - 1);
    expect(r.redactions.evidenceFiles).toBe(0);
  }, 60_000);

  it('formats that carry no files say where the originals travel', async () => {
    const { ctx, caseId } = await caseOfOriginals();
    const r = await exportPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.factChecker, format: 'md' });
    expect(r.bytes.toString('utf8')).toContain('not part of this format \\(the ZIP packet carries original files\\)');
  });
});
