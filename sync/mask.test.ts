// A confidential source named inside the words of a shared case (a claim that quotes her by
// name, a document whose author field is her e-mail, a note, a tag) reaches neither the server
// nor another member: the desk sees █ in their place, as many as the characters they cover, so
// passages keep their offsets. Her holder keeps every word, even where a member edits around them.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { call, tempDir } from '../test/helpers.js';
import { describeHits, leaks, type Secret } from '../test/export/oracle.js';
import { CONFIDENTIAL, joined, shared, testServer } from '../test/sync/desk.js';
import { syncCase } from './client.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 15_000 }).done;

const SECRETS: Secret[] = [
  { kind: 'person', value: CONFIDENTIAL.name },
  ...CONFIDENTIAL.aliases.map((value): Secret => ({ kind: 'phrase', value })),
  { kind: 'email', value: CONFIDENTIAL.contact.email, domain: true },
  { kind: 'phone', value: CONFIDENTIAL.contact.phone },
];

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .filter((n) => n.startsWith(prefix))
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? filesOf(p) : [p];
    });
}

const STATEMENT = `${CONFIDENTIAL.name} says the dredging contract skipped the tender.`;
const TEXT = `From: ${CONFIDENTIAL.contact.email}\nThe board approved the dredging contract without a public tender.\nCall ${CONFIDENTIAL.contact.phone} after six.`;

describe('the words of a shared case', () => {
  it('carry no confidential identity to the server or another member; passages keep their offsets; the holder keeps every word', async () => {
    const dataDir = tempDir();
    const server = await testServer({ dataDir });
    const a = await shared(server);
    call(a.ctx, 'claims.update', { id: a.claimId, statement: STATEMENT, quote: `“${CONFIDENTIAL.aliases[0]} never saw a tender,” she said.`, tags: ['okonkwo-lindqvist'] });
    const doc = call(a.ctx, 'documents.create', { caseId: a.caseId, title: 'Forwarded e-mail', text: TEXT });
    const passage = 'without a public tender';
    const start = TEXT.indexOf(passage);
    const excerpt = call(a.ctx, 'excerpts.create', { documentId: doc.id, exact: passage, start, end: start + passage.length });
    call(a.ctx, 'notes.create', { caseId: a.caseId, title: 'Call', text: `Spoke with Margarethe at the ferry café; ${CONFIDENTIAL.aliases[1]} will send the minutes.` });
    await once(a.ctx, a.caseId);
    const b = await joined(server, 'Ben', 'reporter');

    // Ben's copy: the words are there, the identity is not, and the passage is the same passage.
    const theirs = call(b.ctx, 'claims.get', { id: a.claimId }).claim;
    expect(theirs.statement).toBe(`${'█'.repeat(CONFIDENTIAL.name.length)} says the dredging contract skipped the tender.`);
    expect(theirs.quote).not.toContain('Deep');
    const theirDoc = call(b.ctx, 'documents.get', { id: doc.id }).document;
    expect(theirDoc.text.length).toBe(TEXT.length);
    const theirExcerpt = call(b.ctx, 'excerpts.get', { id: excerpt.id });
    expect(theirDoc.text.slice(theirExcerpt.start, theirExcerpt.end)).toBe(passage);
    for (const file of [...filesOf(dataDir), ...filesOf(dirname(b.ctx.libraryPath))]) {
      expect(describeHits(await leaks(file, readFileSync(file), SECRETS)), file).toEqual([]);
    }

    // Ben edits around the masked name; Ana's claim gets the edit and keeps the name.
    call(b.ctx, 'claims.update', { id: a.claimId, statement: `${theirs.statement} Two officials confirm it.` });
    await once(b.ctx, b.caseId);
    await once(a.ctx, a.caseId);
    expect(call(a.ctx, 'claims.get', { id: a.claimId }).claim.statement).toBe(`${STATEMENT} Two officials confirm it.`);
    expect(call(a.ctx, 'claims.get', { id: a.claimId }).claim.tags).toEqual(['okonkwo-lindqvist']);
    expect(call(a.ctx, 'documents.get', { id: doc.id }).document.text).toBe(TEXT);
    // And the two do not echo each other's masks back and forth.
    const settled = call(a.ctx, 'sync.status', {});
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    await once(a.ctx, a.caseId);
    expect(call(a.ctx, 'sync.status', {})).toEqual(settled);
  }, 60_000);
});
