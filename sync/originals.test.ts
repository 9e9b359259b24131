// Documents' original files travel beside the shared case: a member's library receives the
// bytes its documents point at, checked against their hash; a file that names what never leaves
// the machine (a confidential identity, a contact detail), in its words or its metadata, stays
// with the reporter who holds it; the server's file route admits only the case's members.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { hasAttachment, readAttachment, sha256 } from '../core/attachments.js';
import { callAsync, call, tempDir } from '../test/helpers.js';
import { makeDocx } from '../test/make-files.js';
import { describeHits, leaks } from '../test/export/oracle.js';
import { CONFIDENTIAL, joined, shared, testServer } from '../test/sync/desk.js';
import { syncCase } from './client.js';
import { httpAddress } from './protocol.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 15_000 }).done;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function imported(ctx: Context, caseId: string, fileName: string, bytes: Buffer): Promise<string> {
  const { document } = await callAsync(ctx, 'documents.import', { caseId, fileName, data: bytes.toString('base64') });
  return document.id;
}

const PUBLIC = Buffer.from('Minutes of the port board: the dredging contract was awarded without a tender.\n');

describe('original files of a shared case', () => {
  it('reach every member, checked by hash; a file naming a confidential source in its words or its metadata stays home', async () => {
    const dataDir = tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    const publicId = await imported(a.ctx, a.caseId, 'minutes-margarethe.txt', PUBLIC);
    // Named in a part of the file its text does not show (a web page's metadata): only its raw bytes hold it.
    const namedInText = Buffer.from(`<html><head><meta name="author" content="${CONFIDENTIAL.contact.email}"><title>Call notes</title></head><body><p>The figures were confirmed.</p></body></html>`);
    await imported(a.ctx, a.caseId, 'call.html', namedInText);
    // Nothing in its words; its author, in the metadata, is the source (a zipped file: not in its raw bytes).
    const namedInMetadata = makeDocx(['The figures of the finance office, as sent.'], { creator: CONFIDENTIAL.name });
    await imported(a.ctx, a.caseId, 'figures.docx', namedInMetadata);
    await once(a.ctx, a.caseId);

    const b = await joined(server, 'Ben', 'reporter');
    const doc = call(b.ctx, 'documents.get', { id: publicId }).document;
    expect(doc.attachment).toBe(sha256(PUBLIC));
    // The file name it had on Ana's machine is hers (file names name people).
    expect(doc.fileName).toBe('');
    expect(readAttachment(b.ctx.libraryPath, sha256(PUBLIC))).toEqual(PUBLIC);
    expect(hasAttachment(b.ctx.libraryPath, sha256(namedInText))).toBe(false);
    expect(hasAttachment(b.ctx.libraryPath, sha256(namedInMetadata))).toBe(false);

    const onServer = filesUnder(join(dataDir, 'files'));
    expect(onServer.map((f) => readFileSync(f))).toEqual([PUBLIC]);
    const secrets = [
      { kind: 'person' as const, value: CONFIDENTIAL.name },
      ...CONFIDENTIAL.aliases.map((value) => ({ kind: 'phrase' as const, value })),
      { kind: 'email' as const, value: CONFIDENTIAL.contact.email, domain: true },
    ];
    for (const file of [...filesUnder(dataDir), ...filesUnder(`${b.ctx.libraryPath}.files`)]) {
      expect(describeHits(await leaks(file, readFileSync(file), secrets)), file).toEqual([]);
      expect(readFileSync(file).includes(Buffer.from('minutes-margarethe')), file).toBe(false);
    }
  }, 60_000);

  it('a file the server changed is not kept; the file route admits members only, reporters only to send, and checks what it is sent', async () => {
    const dataDir = tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    await imported(a.ctx, a.caseId, 'minutes.txt', PUBLIC);
    await once(a.ctx, a.caseId);
    const [stored] = filesUnder(join(dataDir, 'files'));
    writeFileSync(stored!, Buffer.from('Minutes of the port board: the contract was tendered as the rules require.\n'));
    const b = await joined(server, 'Ben', 'reporter');
    expect(hasAttachment(b.ctx.libraryPath, sha256(PUBLIC))).toBe(false);

    const url = `${httpAddress(server.url)}/files/${sha256(PUBLIC)}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: 'Bearer not-a-member' } })).status).toBe(401);
    const lawyer = server.store.invite('harbour', 'Lee', 'lawyer');
    const credential = server.store.redeem(lawyer.token)!.credential;
    const asLawyer = { Authorization: `Bearer ${credential}` };
    expect((await fetch(url, { headers: asLawyer })).status).toBe(200);
    const other = Buffer.from('another file');
    const put = (body: Buffer, as = asLawyer) => fetch(`${httpAddress(server.url)}/files/${sha256(other)}`, { method: 'PUT', headers: as, body: new Uint8Array(body) });
    expect((await put(other)).status).toBe(403);
    const reporter = server.store.invite('harbour', 'Rui', 'reporter');
    const asReporter = { Authorization: `Bearer ${server.store.redeem(reporter.token)!.credential}` };
    // Sent under another file's name: refused, and nothing is left behind.
    expect((await put(PUBLIC, asReporter)).status).toBe(400);
    expect((await put(other, asReporter)).status).toBe(201);
    expect(filesUnder(join(dataDir, 'files')).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect((await fetch(`${httpAddress(server.url)}/files/../../etc/passwd`, { headers: asReporter })).status).toBe(404);
    // A member of another case does not reach this case's files.
    const stranger = server.store.invite('elsewhere', 'Sam', 'reporter');
    const asStranger = { Authorization: `Bearer ${server.store.redeem(stranger.token)!.credential}` };
    expect((await fetch(`${httpAddress(server.url)}/files/${sha256(other)}`, { headers: asStranger })).status).toBe(404);
  }, 60_000);
});
