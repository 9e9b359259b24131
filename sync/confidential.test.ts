// A confidential source's identity stays on the machine of the reporter who holds it: not one
// byte of it in the sync server's files nor in another member's library, in any encoding the
// leak oracle knows (test/export/oracle.ts) or that SQLite, Yjs and JSON could hold it in.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../test/helpers.js';
import { describeHits, leaks, type Secret } from '../test/export/oracle.js';
import type { Context } from '../core/context.js';
import { syncCase } from './client.js';
import { CONFIDENTIAL, joined, shared, testServer } from '../test/sync/desk.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 10_000 }).done;

const IDENTITY = {
  role: 'Port authority finance officer',
  anonymityReason: 'Would lose her job',
  identityKnownBy: 'Ana and the editor-in-chief',
  notes: 'Meets at the ferry café',
  tag: 'okonkwo-household',
  publicContact: 'press@port.example',
};

const SECRETS: Secret[] = [
  { kind: 'person', value: CONFIDENTIAL.name },
  ...CONFIDENTIAL.aliases.map((value): Secret => ({ kind: 'phrase', value })),
  { kind: 'email', value: CONFIDENTIAL.contact.email, domain: true },
  { kind: 'phone', value: CONFIDENTIAL.contact.phone },
  { kind: 'phrase', value: CONFIDENTIAL.contact.address },
  { kind: 'phrase', value: IDENTITY.role },
  { kind: 'phrase', value: IDENTITY.anonymityReason },
  { kind: 'phrase', value: IDENTITY.identityKnownBy },
  { kind: 'phrase', value: IDENTITY.notes },
  { kind: 'phrase', value: IDENTITY.tag },
  { kind: 'email', value: IDENTITY.publicContact, domain: false },
];

/** The raw byte forms a string can take in SQLite, a Yjs update, JSON or a URL. */
function byteForms(s: string): Buffer[] {
  const texts = new Set([s, s.toLowerCase(), s.toUpperCase(), encodeURIComponent(s), JSON.stringify(s).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]);
  const out: Buffer[] = [];
  for (const t of texts) {
    const utf8 = Buffer.from(t, 'utf8');
    out.push(utf8, Buffer.from(t, 'utf16le'), Buffer.from(t, 'utf16le').swap16());
    // base64 at each of the three alignments, less the characters that depend on neighbours.
    for (let shift = 0; shift < 3; shift++) {
      const b64 = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64');
      out.push(Buffer.from(b64.slice(Math.ceil((shift * 4) / 3) + 1, -4)));
    }
  }
  return out.filter((b) => b.length >= 6);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every hit, by the oracle and by raw bytes, in every file of `dir`. */
async function found(dir: string): Promise<string[]> {
  const out: string[] = [];
  const strings = [CONFIDENTIAL.name, ...CONFIDENTIAL.aliases, ...Object.values(CONFIDENTIAL.contact), IDENTITY.role, IDENTITY.anonymityReason, IDENTITY.identityKnownBy, IDENTITY.notes, IDENTITY.tag, IDENTITY.publicContact];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    out.push(...describeHits(await leaks(file, bytes, SECRETS)));
    for (const s of strings) for (const form of byteForms(s)) if (bytes.includes(form)) out.push(`${s} as bytes ${JSON.stringify(form.toString('latin1').slice(0, 40))} in ${file}`);
  }
  return out;
}

describe('confidential identities', () => {
  it('are in none of the server’s files and in no other member’s library, whatever the role, after edits on every side', async () => {
    const dataDir = (await import('../test/helpers.js')).tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    call(a.ctx, 'sources.update', { id: a.secretId, tags: [IDENTITY.tag], description: 'Insider, finance office (updated)' });
    call(a.ctx, 'sources.update', { id: a.publicId, contact: { email: IDENTITY.publicContact } });
    await once(a.ctx, a.caseId);
    const b = await joined(server, 'Ben', 'reporter');
    const f = await joined(server, 'Fay', 'fact-checker');
    const l = await joined(server, 'Lou', 'lawyer');
    // Ben edits the confidential source's description (which is shared) and a claim of it.
    call(b.ctx, 'sources.update', { id: a.secretId, description: 'Insider (Ben’s note)' });
    call(b.ctx, 'claims.update', { id: a.claimId, quote: 'They never tendered it.' });
    call(f.ctx, 'claims.setStatus', { id: a.claimId, status: 'verified', note: 'Checked against the register' });
    for (const m of [b, f, a, b, l, f]) await once(m.ctx, m.caseId);

    expect(call(a.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: CONFIDENTIAL.name, description: 'Insider (Ben’s note)', tags: [IDENTITY.tag] });
    expect(call(b.ctx, 'sources.get', { id: a.secretId }).source).toMatchObject({ name: 'Confidential source', aliases: [], contact: {}, confidential: true, description: 'Insider (Ben’s note)' });
    expect(call(l.ctx, 'claims.get', { id: a.claimId }).claim).toMatchObject({ status: 'verified', quote: 'They never tendered it.' });

    // The detector finds every secret where it is: the holder's own library.
    const holder = await found(dirname(a.ctx.libraryPath));
    for (const s of [CONFIDENTIAL.name, CONFIDENTIAL.contact.phone, IDENTITY.notes, IDENTITY.tag]) expect(holder.join('\n')).toContain(s);

    for (const m of [b, f, l]) expect(await found(dirname(m.ctx.libraryPath)), m.ctx.libraryPath).toEqual([]);
    expect(await found(dataDir)).toEqual([]);
    await server.close();
    expect(await found(dataDir)).toEqual([]);
  }, 90_000);

  it('a source made confidential after it was shared stops carrying its identity (what was shared before cannot be recalled: docs/sync.md §5)', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    call(a.ctx, 'sources.update', { id: a.publicId, confidential: true });
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    const { WITHHELD_NAME } = await import('../core/desk/schema.js');
    const { Doc, applyUpdate, mergeUpdates } = await import('yjs');
    const doc = new Doc();
    applyUpdate(doc, mergeUpdates(server.store.fetch('harbour')));
    const record = (doc.getMap('records').get(a.publicId) as import('yjs').Map<unknown>).toJSON();
    expect(record).toMatchObject({ confidential: true });
    expect(record).not.toHaveProperty('name');
    expect(WITHHELD_NAME).toBe('Confidential source');
    // Ben had the name before it was withheld: his copy keeps what he was given, and says it is confidential now.
    expect(call(b.ctx, 'sources.get', { id: a.publicId }).source.confidential).toBe(true);
  }, 60_000);
});
