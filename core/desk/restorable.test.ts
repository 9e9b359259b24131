// Which earlier values of a shared record the member may put back: decided in core from the
// record kind's update schema, so every door (and the view) asks rather than keeping a list.

import { describe, expect, it } from 'vitest';
import { call } from '../../test/helpers.js';
import { deskCase, flagNotesWhole } from '../../test/sync/desk.js';
import type { Context } from '../context.js';


/** Shares the case with a server that is never reached: the history is the library's own document. */
function sharedOffline() {
  const desk = deskCase();
  call(desk.ctx, 'sync.attach', { caseId: desk.caseId, serverUrl: 'ws://127.0.0.1:9', docName: 'harbour', member: 'Ana', role: 'reporter', credential: 'mem_'.padEnd(40, 'x') });
  return desk;
}

const history = (ctx: Context, caseId: string, recordId: string) => call(ctx, 'sync.history', { caseId, recordId });
const restorable = (ctx: Context, caseId: string, recordId: string) =>
  history(ctx, caseId, recordId)
    .entries.filter((e) => e.restorable)
    .map((e) => [e.field, e.value]);

describe('sync.history marks what can be restored', () => {
  it('an earlier value of a field the update method takes, not the current one, not a status, not the case', () => {
    const { ctx, caseId, claimId } = sharedOffline();
    call(ctx, 'claims.update', { id: claimId, statement: 'Awarded to a friend of the mayor.' });
    call(ctx, 'claims.setStatus', { id: claimId, status: 'disputed' });
    call(ctx, 'claims.setStatus', { id: claimId, status: 'verified' });
    const h = history(ctx, caseId, claimId);
    expect(h).toMatchObject({ entity: 'claim', restoreWith: 'claims.update' });
    expect(h.entries.map((e) => e.field)).toEqual(expect.arrayContaining(['caseId', 'statement', 'status']));
    // Statuses change through claims.setStatus (so the verification log stays whole): never a restore.
    expect(restorable(ctx, caseId, claimId)).toEqual([['statement', 'The dredging contract was awarded without a tender.']]);
  });

  it('uses each kind’s own update method: a document’s details, a note’s content but not the text derived from it', () => {
    const { ctx, caseId } = sharedOffline();
    const doc = call(ctx, 'documents.create', { caseId, title: 'Tender register', text: 'Lot 4: no bids.' });
    call(ctx, 'documents.update', { id: doc.id, title: 'Tender register 2025' });
    expect(history(ctx, caseId, doc.id).restoreWith).toBe('documents.update');
    // The text is replaced through documents.replaceText (excerpts are re-anchored), not restored here.
    expect(restorable(ctx, caseId, doc.id)).toEqual([['title', 'Tender register']]);

    // A case whose notes travel whole (flagged so before notes had masked twins): a note's content is a field of its record.
    flagNotesWhole(ctx, caseId);
    const note = call(ctx, 'notes.create', { caseId, title: 'Draft', text: 'First words.' });
    call(ctx, 'notes.update', { id: note.id, text: 'Second words.' });
    const fields = restorable(ctx, caseId, note.id).map(([f]) => f);
    expect(fields).toContain('content');
    expect(fields).not.toContain('text');
  });

  it('never offers back the identity of a source made confidential since, nor anything to an editor, a lawyer or in the trash', () => {
    const { ctx, caseId, publicId, claimId } = sharedOffline();
    call(ctx, 'sources.update', { id: publicId, name: 'Port Authority of Harbourtown', description: 'The port’s owner' });
    expect(restorable(ctx, caseId, publicId)).toEqual([
      ['name', 'Port Authority'],
      ['description', ''],
    ]);
    call(ctx, 'sources.update', { id: publicId, confidential: true });
    expect(restorable(ctx, caseId, publicId).map(([f]) => f)).not.toContain('name');

    call(ctx, 'claims.update', { id: claimId, quote: 'No tender.' });
    expect(restorable(ctx, caseId, claimId).length).toBeGreaterThan(0);
    for (const role of ['editor', 'lawyer', 'fact-checker']) {
      ctx.db.prepare('UPDATE sync_cases SET role = ?').run(role);
      expect(restorable(ctx, caseId, claimId), role).toEqual([]);
    }
    ctx.db.prepare("UPDATE sync_cases SET role = 'reporter'").run();
    call(ctx, 'claims.delete', { id: claimId });
    expect(restorable(ctx, caseId, claimId)).toEqual([]);
  });
});
