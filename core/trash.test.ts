// The trash across records: what a purge takes with it, what a restore refuses while a parent
// is still in the trash, and what trashing a whole case hides.

import { describe, expect, it, vi } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';

function count(ctx: Context, table: string, where = '1', ...params: unknown[]): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
}

/** A case with something of every kind in it, all hanging from one claim and one document. */
function populated() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const org = call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation' }).id;
  const sourceId = call(ctx, 'sources.create', { name: 'Ana Ruiz', affiliationId: org, tags: ['official'] }).id;
  const documentId = call(ctx, 'documents.create', { caseId, title: 'Harbour log', text: 'Ships came every day of May.', tags: ['log'] }).id;
  const excerptId = call(ctx, 'excerpts.create', { documentId, exact: 'every day of May' }).id;
  const claimId = call(ctx, 'claims.create', {
    caseId,
    statement: 'The port was closed in May.',
    sourceIds: [sourceId, org],
    tags: ['port'],
    status: 'disputed',
    originExcerptId: excerptId,
  }).id;
  const otherId = call(ctx, 'claims.create', { caseId, statement: 'The port stayed open.', sourceIds: [org] }).id;
  const evidenceId = call(ctx, 'evidence.create', { claimId, excerptId, stance: 'contradicts' }).id;
  const outLink = call(ctx, 'claimLinks.create', { fromClaimId: claimId, toClaimId: otherId, relation: 'contradicts' }).id;
  const inLink = call(ctx, 'claimLinks.create', { fromClaimId: otherId, toClaimId: claimId, relation: 'qualifies' }).id;
  const replyId = call(ctx, 'replies.create', { caseId, claimId, sourceId, subject: 'Ana Ruiz', contactedAt: '2021-12-01T09:00:00Z' }).id;
  const noteId = call(ctx, 'notes.create', { caseId, title: 'Draft', text: 'The port…' }).id;
  return { ctx, caseId, org, sourceId, documentId, excerptId, claimId, otherId, evidenceId, outLink, inLink, replyId, noteId };
}

describe('purge', () => {
  it('of a case removes everything in it, and its children’s trash entries, but keeps the library-wide sources', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'claims.delete', { id: w.otherId });
    call(ctx, 'sources.delete', { id: w.org });
    call(ctx, 'cases.delete', { id: w.caseId });
    expect(call(ctx, 'trash.list', {}).map((t) => t.entity).sort()).toEqual(['case', 'claim', 'source']);
    call(ctx, 'trash.purge', { entity: 'case', id: w.caseId });
    for (const table of ['cases', 'claims', 'documents', 'excerpts', 'evidence_links', 'claim_links', 'replies', 'notes', 'verification_log', 'claim_sources', 'claim_tags', 'document_tags']) {
      expect(count(ctx, table), table).toBe(0);
    }
    expect(count(ctx, 'sources')).toBe(2);
    expect(call(ctx, 'trash.list', {})).toEqual([expect.objectContaining({ entity: 'source', entityId: w.org })]);
    expect(call(ctx, 'sources.get', { id: w.sourceId }).claims).toEqual([]);
    expect(call(ctx, 'library.doctor', {}).ok).toBe(true);
  });

  it('of a claim takes its evidence links, links both ways, log, replies and source list; the other claim stays', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'evidence.delete', { id: w.evidenceId }); // trashed on its own first: its entry must go too
    call(ctx, 'claims.delete', { id: w.claimId });
    call(ctx, 'trash.purge', { entity: 'claim', id: w.claimId });
    expect(count(ctx, 'claims', 'id = ?', w.claimId)).toBe(0);
    expect(count(ctx, 'evidence_links')).toBe(0);
    expect(count(ctx, 'claim_links')).toBe(0);
    expect(count(ctx, 'verification_log', 'claim_id = ?', w.claimId)).toBe(0);
    expect(count(ctx, 'replies')).toBe(0);
    expect(count(ctx, 'claim_sources', 'claim_id = ?', w.claimId)).toBe(0);
    expect(call(ctx, 'trash.list', {})).toEqual([]);
    expect(call(ctx, 'claims.get', { id: w.otherId }).links).toEqual([]);
    expect(call(ctx, 'claims.list', { caseId: w.caseId }).items.map((c) => c.id)).toEqual([w.otherId]);
    expect(call(ctx, 'documents.get', { id: w.documentId }).excerpts).toHaveLength(1);
  });

  it('of a document takes its excerpts and evidence, and clears the origin of claims quoting it', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'documents.delete', { id: w.documentId });
    call(ctx, 'trash.purge', { entity: 'document', id: w.documentId });
    expect(count(ctx, 'excerpts')).toBe(0);
    expect(count(ctx, 'evidence_links')).toBe(0);
    expect(count(ctx, 'document_tags')).toBe(0);
    const detail = call(ctx, 'claims.get', { id: w.claimId });
    expect(detail.claim.originExcerptId).toBeNull();
    expect(detail.origin).toBeNull();
    expect(detail.evidence).toEqual([]);
  });

  it('of a source unlinks it from claims, affiliations and replies, which stay', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'sources.delete', { id: w.org });
    call(ctx, 'trash.purge', { entity: 'source', id: w.org });
    expect(call(ctx, 'claims.get', { id: w.claimId }).claim.sourceIds).toEqual([w.sourceId]);
    expect(call(ctx, 'claims.get', { id: w.otherId }).claim.sourceIds).toEqual([]);
    expect(call(ctx, 'sources.get', { id: w.sourceId }).source.affiliationId).toBeNull();
    call(ctx, 'sources.delete', { id: w.sourceId });
    call(ctx, 'trash.purge', { entity: 'source', id: w.sourceId });
    expect(call(ctx, 'replies.list', { caseId: w.caseId })).toEqual([expect.objectContaining({ id: w.replyId, sourceId: null })]);
    expect(count(ctx, 'source_tags')).toBe(0);
  });

  it('refuses a record that is not in the trash, naming what to do', () => {
    const w = populated();
    for (const [entity, id] of [
      ['case', w.caseId],
      ['claim', w.claimId],
      ['source', w.sourceId],
      ['note', w.noteId],
    ] as const) {
      const error = callError(w.ctx, 'trash.purge', { entity, id });
      expect(error.code, entity).toBe('NOT_IN_TRASH');
      expect(error.message).toMatch(/trash first/);
    }
    expect(count(w.ctx, 'claims')).toBe(2);
  });

  it('refuses an unknown entity name', () => {
    const w = populated();
    expect(callError(w.ctx, 'trash.purge', { entity: 'cases', id: w.caseId }).code).toBe('BAD_INPUT');
    expect(callError(w.ctx, 'trash.restore', { entity: 'toString', id: w.caseId }).code).toBe('BAD_INPUT');
  });
});

describe('restore', () => {
  it('refuses a claim, document, note, reply or event while its case is in the trash, naming the case', () => {
    const w = populated();
    const { ctx } = w;
    const eventId = call(ctx, 'events.create', { caseId: w.caseId, title: 'Emergency declaration', happenedOn: '2021-12-15' }).id;
    const items = [
      ['claim', w.otherId],
      ['document', w.documentId],
      ['note', w.noteId],
      ['reply', w.replyId],
      ['event', eventId],
    ] as const;
    for (const [entity, id] of items) call(ctx, `${entity === 'reply' ? 'replies' : `${entity}s`}.delete` as 'claims.delete', { id });
    call(ctx, 'cases.delete', { id: w.caseId });
    for (const [entity, id] of items) {
      const error = callError(ctx, 'trash.restore', { entity, id });
      expect(error.code, entity).toBe('IN_TRASH');
      expect(error.message).toContain('“Pipeline”');
    }
    call(ctx, 'trash.restore', { entity: 'case', id: w.caseId });
    for (const [entity, id] of items) expect(call(ctx, 'trash.restore', { entity, id })).toMatchObject({ id, deletedAt: null });
    expect(call(ctx, 'trash.list', {})).toEqual([]);
  });

  it('refuses an excerpt while its document is in the trash, and evidence or links while their claim is', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'excerpts.delete', { id: w.excerptId });
    call(ctx, 'documents.delete', { id: w.documentId });
    const excerptError = callError(ctx, 'trash.restore', { entity: 'excerpt', id: w.excerptId });
    expect(excerptError).toMatchObject({ code: 'IN_TRASH', message: expect.stringContaining('“Harbour log”') });

    call(ctx, 'evidence.delete', { id: w.evidenceId });
    call(ctx, 'claimLinks.delete', { id: w.inLink });
    call(ctx, 'claims.delete', { id: w.claimId });
    const evidenceError = callError(ctx, 'trash.restore', { entity: 'evidence', id: w.evidenceId });
    expect(evidenceError.code).toBe('IN_TRASH');
    expect(evidenceError.message).toMatch(/claim/);
    // The link points to the trashed claim from the live one: still refused.
    expect(callError(ctx, 'trash.restore', { entity: 'claimLink', id: w.inLink }).code).toBe('IN_TRASH');

    call(ctx, 'trash.restore', { entity: 'claim', id: w.claimId });
    // Evidence also hangs from its document, still in the trash.
    expect(callError(ctx, 'trash.restore', { entity: 'evidence', id: w.evidenceId }).code).toBe('IN_TRASH');
    call(ctx, 'trash.restore', { entity: 'document', id: w.documentId });
    // …and from its excerpt, still in the trash.
    expect(callError(ctx, 'trash.restore', { entity: 'evidence', id: w.evidenceId })).toMatchObject({
      code: 'IN_TRASH',
      message: expect.stringContaining('“every day of May”'),
    });
    for (const [entity, id] of [
      ['excerpt', w.excerptId],
      ['evidence', w.evidenceId],
      ['claimLink', w.inLink],
    ] as const) {
      expect(call(ctx, 'trash.restore', { entity, id })).toMatchObject({ id, deletedAt: null });
    }
    const detail = call(ctx, 'claims.get', { id: w.claimId });
    expect(detail.evidence.map((e) => e.link.id)).toEqual([w.evidenceId]);
    expect(detail.links.map((l) => l.link.id).sort()).toEqual([w.outLink, w.inLink].sort());
  });

  it('of a missing record is NOT_FOUND', () => {
    const w = populated();
    expect(callError(w.ctx, 'trash.restore', { entity: 'claim', id: 'NOPE' }).code).toBe('NOT_FOUND');
  });
});

describe('a case in the trash', () => {
  it('is hidden from cases.list (shown with includeTrashed) and still readable by id', () => {
    const w = populated();
    const { ctx } = w;
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    call(ctx, 'cases.delete', { id: w.caseId });
    expect(call(ctx, 'cases.list', {}).map((c) => c.id)).toEqual([other]);
    expect(call(ctx, 'cases.list', undefined).map((c) => c.id)).toEqual([other]);
    expect(call(ctx, 'cases.list', { includeTrashed: true }).map((c) => c.id).sort()).toEqual([w.caseId, other].sort());
    expect(call(ctx, 'cases.get', { id: w.caseId })).toMatchObject({ id: w.caseId, deletedAt: expect.any(String) });
    expect(call(ctx, 'trash.list', {})).toEqual([expect.objectContaining({ entity: 'case', entityId: w.caseId, caseId: w.caseId, label: 'Pipeline' })]);
  });

  it('accepts nothing new, and its records cannot be changed', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'cases.delete', { id: w.caseId });
    const attempts: [string, unknown][] = [
      ['claims.create', { caseId: w.caseId, statement: 'x' }],
      ['documents.create', { caseId: w.caseId, title: 'x' }],
      ['notes.create', { caseId: w.caseId, title: 'x' }],
      ['replies.create', { caseId: w.caseId, subject: 'x', contactedAt: '2021-12-01T09:00:00Z' }],
      ['cases.update', { id: w.caseId, title: 'x' }],
    ];
    for (const [name, input] of attempts) {
      const error = callError(ctx, name, input);
      expect(error.code, name).toBe('IN_TRASH');
      expect(error.message).toMatch(/trash/);
    }
  });

  it('comes back with everything in it, and what was trashed on its own stays in the trash', () => {
    const w = populated();
    const { ctx } = w;
    call(ctx, 'notes.delete', { id: w.noteId });
    call(ctx, 'cases.delete', { id: w.caseId });
    call(ctx, 'trash.restore', { entity: 'case', id: w.caseId });
    expect(call(ctx, 'cases.list', {})).toEqual([expect.objectContaining({ id: w.caseId, counts: { claims: 2, documents: 1, notes: 0 } })]);
    expect(call(ctx, 'trash.list', {})).toEqual([expect.objectContaining({ entity: 'note', entityId: w.noteId })]);
  });
});

describe('trash.list', () => {
  it('lists newest first; with caseId, that case’s records and library-wide ones only', () => {
    const w = populated();
    const { ctx } = w;
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    const otherNote = call(ctx, 'notes.create', { caseId: other, title: 'Elsewhere' }).id;
    // A second apart, so the order is the deletion order and not a tie.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      for (const [name, id] of [
        ['notes.delete', w.noteId],
        ['sources.delete', w.org],
        ['notes.delete', otherNote],
      ] as const) {
        vi.advanceTimersByTime(1_000);
        call(ctx, name, { id });
      }
    } finally {
      vi.useRealTimers();
    }
    const all = call(ctx, 'trash.list', {});
    expect(new Set(all.map((t) => t.deletedAt)).size).toBe(3);
    expect(all.map((t) => t.entityId)).toEqual([otherNote, w.org, w.noteId]);
    expect(call(ctx, 'trash.list', { caseId: w.caseId }).map((t) => t.entityId)).toEqual([w.org, w.noteId]);
    expect(call(ctx, 'trash.list', { caseId: other }).map((t) => t.entityId)).toEqual([otherNote, w.org]);
  });

  it('cuts long labels to 200 characters', () => {
    const w = populated();
    const long = call(w.ctx, 'claims.create', { caseId: w.caseId, statement: 'word '.repeat(400) }).id;
    call(w.ctx, 'claims.delete', { id: long });
    expect(call(w.ctx, 'trash.list', {})[0]!.label).toHaveLength(200);
  });
});
