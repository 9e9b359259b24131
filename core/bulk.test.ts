import { describe, expect, it } from 'vitest';
import { search } from '../db/index.js';
import { journalBelongs } from '../db/case-tables.js';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';
import { normalName } from './handlers/bulk.js';

function world() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
  return { ctx, caseId };
}

const count = (ctx: Context, table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('records.import', () => {
  it('writes sources, claims, documents, claim links and evidence in one call, refs standing for ids', () => {
    const { ctx, caseId } = world();
    const pardo = call(ctx, 'sources.create', { name: 'Bryce Pardo' }).id;
    const res = call(ctx, 'records.import', {
      caseId,
      records: [
        { type: 'source', ref: 'dea', name: 'DEA', kind: 'organisation', line: 1 },
        { type: 'claim', ref: 'c1', statement: 'Precursors arrive through Manzanillo', sources: ['bryce  PARDO', 'Vanda Felbab-Brown'], tags: ['port'], status: 'disputed', line: 2 },
        { type: 'claim', ref: 'c2', statement: 'No precursors arrive by sea', sourceIds: ['dea'], saidOn: '2023-04', medium: 'report', line: 3 },
        { type: 'document', ref: 'd1', title: 'Port ledger', text: 'Forty drums of precursors unloaded.', line: 4 },
        { type: 'claimLink', fromClaimId: 'c2', toClaimId: 'c1', relation: 'contradicts', line: 5 },
        { type: 'evidence', claimId: 'c1', documentId: 'd1', stance: 'supports', line: 6 },
        { type: 'claim', statement: 'Vanda Felbab-Brown said it again', sources: ['Vanda Felbab Brown'], line: 7 },
      ],
    });
    expect(res.landed).toBe(true);
    expect(res.rejected).toEqual([]);
    expect(res.created.map((c) => [c.line, c.type, c.ref ?? c.fromName ?? null])).toEqual([
      [1, 'source', 'dea'],
      [2, 'source', 'Vanda Felbab-Brown'],
      [2, 'claim', 'c1'],
      [3, 'claim', 'c2'],
      [4, 'document', 'd1'],
      [5, 'claimLink', null],
      [6, 'evidence', null],
      [7, 'claim', null],
    ]);
    const id = (ref: string) => res.created.find((c) => c.ref === ref)!.id;
    const vanda = res.created.find((c) => c.fromName)!.id;
    const c1 = call(ctx, 'claims.get', { id: id('c1') });
    // An existing source matched however its name was typed; a new name made once, then matched.
    expect(c1.claim.sourceIds).toEqual([pardo, vanda]);
    expect(c1.claim.tags).toEqual(['port']);
    expect(c1.verification.map((v) => v.status)).toEqual(['disputed']);
    expect(c1.links.map((l) => [l.direction, l.claim.id])).toEqual([['incoming', id('c2')]]);
    expect(c1.evidence.map((e) => e.document.id)).toEqual([id('d1')]);
    expect(call(ctx, 'claims.get', { id: res.created[7]!.id }).claim.sourceIds).toEqual([vanda]);
    // A ref of this batch stands for the source's id.
    expect(call(ctx, 'claims.get', { id: id('c2') }).claim.sourceIds).toEqual([id('dea')]);
    // Full-text search and spelling know the records at once.
    expect(search(ctx.db, { query: 'manzanillo', types: ['claim'], limit: 5 }).hits.map((h) => h.id)).toEqual([id('c1')]);
    expect(search(ctx.db, { query: 'manzanilo', types: ['claim'], limit: 5 }).suggestion).toBe('manzanillo');
  });

  it('lists every refused record with its line and reason, and saves none of the batch', () => {
    const { ctx, caseId } = world();
    const res = call(ctx, 'records.import', {
      caseId,
      records: [
        { type: 'claim', ref: 'ok', statement: 'A fine claim', line: 10 },
        { type: 'claim', statement: '', line: 11 },
        { type: 'claim', statement: 'Bad status', status: 'probably', line: 12 },
        { type: 'claimLink', fromClaimId: 'ok', toClaimId: 'nowhere', relation: 'supports', line: 13 },
        { type: 'evidence', claimId: 'ok', documentId: 'ok', stance: 'supports', line: 14 },
        { type: 'claim', ref: 'ok', statement: 'Same ref again', line: 15 },
        { type: 'claim', statement: 'Unknown field', colour: 'red', line: 16 },
      ],
    });
    expect(res.landed).toBe(false);
    expect(res.created).toEqual([]);
    expect(res.rejected.map((r) => r.line)).toEqual([11, 12, 13, 14, 15, 16]);
    const reason = (line: number) => res.rejected.find((r) => r.line === line)!.reason;
    expect(reason(11)).toMatch(/statement/i);
    expect(reason(12)).toMatch(/status/i);
    expect(reason(13)).toMatch(/nowhere/);
    expect(reason(14)).toBe('documentId names “ok”, which is a claim, not a document');
    expect(reason(15)).toMatch(/ref “ok” is already used/);
    expect(reason(16)).toMatch(/colour/);
    expect(count(ctx, 'claims')).toBe(0);
    expect(count(ctx, 'claims_words_vocab')).toBe(0);
  });

  it('with partial, saves the valid records, refuses what points at a refused one, and leaves nothing of a record refused half-way', () => {
    const { ctx, caseId } = world();
    const res = call(ctx, 'records.import', {
      caseId,
      partial: true,
      records: [
        { type: 'document', ref: 'd', title: '', line: 1 },
        { type: 'claim', ref: 'c', statement: 'Kept', line: 2 },
        { type: 'evidence', claimId: 'c', documentId: 'd', stance: 'supports', line: 3 },
        // A new source is made for the name, then the claim is refused: the source goes too.
        { type: 'claim', statement: 'Refused after its source was made', sources: ['Nadia Okafor'], status: 'probably', line: 4 },
      ],
    });
    expect(res.landed).toBe(true);
    expect(res.created.map((c) => [c.line, c.type])).toEqual([[2, 'claim']]);
    expect(res.rejected.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(res.rejected[1]!.reason).toBe('documentId names “d”, the record of line 1, which was refused');
    expect(count(ctx, 'claims')).toBe(1);
    expect(count(ctx, 'sources')).toBe(0);
  });

  it('refuses a name two sources share, and a ref used for the wrong kind', () => {
    const { ctx, caseId } = world();
    call(ctx, 'sources.create', { name: 'Omar Haddad' });
    call(ctx, 'sources.create', { name: 'Omar  Haddád' });
    const res = call(ctx, 'records.import', { caseId, partial: true, records: [{ type: 'claim', ref: 'x', statement: 'Who said it?', sources: ['omar haddad'] }, { type: 'claim', statement: 'Sourced by a claim', sourceIds: ['x'] }] });
    expect(res.rejected).toEqual([
      { line: 1, reason: 'sources: 2 sources are named “omar haddad”; give the one meant in sourceIds' },
      { line: 2, reason: 'sourceIds names “x”, the record of line 1, which was refused' },
    ]);
  });

  it('takes refs of earlier batches, and refuses a batch for a case in the trash or too large', () => {
    const { ctx, caseId } = world();
    const first = call(ctx, 'records.import', { caseId, records: [{ type: 'claim', ref: 'a', statement: 'First batch' }] });
    const second = call(ctx, 'records.import', { caseId, refs: { a: { type: 'claim', id: first.created[0]!.id } }, records: [{ type: 'claim', ref: 'b', statement: 'Second batch' }, { type: 'claimLink', fromClaimId: 'b', toClaimId: 'a', relation: 'supports' }] });
    expect(second.rejected).toEqual([]);
    expect(call(ctx, 'claims.get', { id: first.created[0]!.id }).links).toHaveLength(1);
    expect(callError(ctx, 'records.import', { caseId, records: Array.from({ length: 10_001 }, () => ({ type: 'claim', statement: 'x' })) }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'records.import', { caseId, records: [{ type: 'note', title: 'x' }] }).message).toMatch(/source, claim, document, claimLink, evidence/);
    call(ctx, 'cases.delete', { id: caseId });
    expect(callError(ctx, 'records.import', { caseId, records: [{ type: 'claim', statement: 'x' }] }).code).toBe('IN_TRASH');
  });

  it('normalises names for matching: case, accents, spacing and punctuation', () => {
    expect(normalName('  Rafael Entrena SOLÍS ')).toBe('rafael entrena solis');
    expect(normalName('Felbab-Brown, Vanda')).toBe('felbab brown vanda');
    expect(normalName('Ｏｍａｒ')).toBe('omar');
  });
});

describe('undoing a bulk import', () => {
  it('one undo.last moves every batch of an import to the trash, leaving what was there before and what came since', () => {
    const { ctx, caseId } = world();
    const pardo = call(ctx, 'sources.create', { name: 'Bryce Pardo' }).id;
    const before = call(ctx, 'claims.create', { caseId, statement: 'Written by hand before the import', sourceIds: [pardo] }).id;
    const importId = '01J00000000000000000000001';
    const first = call(ctx, 'records.import', {
      caseId,
      importId,
      file: 'claims.jsonl',
      records: [
        { type: 'claim', ref: 'c1', statement: 'Imported precursor claim', sources: ['Bryce Pardo', 'Vanda Felbab-Brown'] },
        { type: 'document', ref: 'd1', title: 'Imported ledger', text: 'Drums unloaded.' },
        { type: 'evidence', claimId: 'c1', documentId: 'd1', stance: 'supports' },
      ],
    });
    expect(first.importId).toBe(importId);
    const refs = Object.fromEntries(first.created.filter((c) => c.ref).map((c) => [c.ref!, { type: c.type, id: c.id }]));
    const later = call(ctx, 'claims.create', { caseId, statement: 'Written by hand between the batches' }).id;
    call(ctx, 'records.import', {
      caseId,
      importId,
      file: 'claims.jsonl',
      refs,
      records: [
        { type: 'claim', statement: 'Second batch claim', sources: ['Vanda Felbab-Brown'] },
        // Between records the import did not make: nothing else would take it out of sight.
        { type: 'claimLink', fromClaimId: before, toClaimId: later, relation: 'supports' },
      ],
    });
    // A claim written since, citing a source the import made: that source stays.
    const vanda = first.created.find((c) => c.fromName === 'Vanda Felbab-Brown')!.id;
    const since = call(ctx, 'claims.create', { caseId, statement: 'Written after the import', sourceIds: [vanda] }).id;

    expect(call(ctx, 'undo.peek', {})).toMatchObject({ action: 'import', label: 'Imported 6 records from claims.jsonl' });
    expect(call(ctx, 'undo.last', {}).undone).toBe('Undone: imported 6 records from claims.jsonl.');

    const live = (table: string) => ctx.db.prepare(`SELECT id FROM ${table} WHERE deleted_at IS NULL ORDER BY rowid`).pluck().all();
    expect(live('claims')).toEqual([before, later, since]);
    expect(live('documents')).toEqual([]);
    expect(live('sources')).toEqual([pardo, vanda]);
    expect(live('claim_links')).toEqual([]);
    // In the trash, each can be brought back; the evidence link comes back with its claim.
    const trashed = call(ctx, 'trash.list', {}).map((t: { entity: string }) => t.entity).sort();
    expect(trashed).toEqual(['claim', 'claim', 'claimLink', 'document']);
    call(ctx, 'trash.restore', { entity: 'document', id: refs.d1!.id });
    call(ctx, 'trash.restore', { entity: 'claim', id: refs.c1!.id });
    expect(call(ctx, 'claims.get', { id: refs.c1!.id }).evidence).toHaveLength(1);
    expect(search(ctx.db, { query: 'precursor', types: ['claim'], limit: 10 }).hits.map((h) => h.id)).toEqual([refs.c1!.id]);
    // Nothing left to undo of it.
    expect(call(ctx, 'undo.peek', {})).toBeNull();
  });

  it('an import’s undo entry stays in its library: an archive of the case does not carry it', () => {
    const { ctx, caseId } = world();
    call(ctx, 'records.import', { caseId, records: [{ type: 'claim', statement: 'Imported' }] });
    const claimId = ctx.db.prepare('SELECT id FROM claims').pluck().get() as string;
    call(ctx, 'claims.delete', { id: claimId });
    const entries = ctx.db.prepare('SELECT * FROM undo_log ORDER BY created_at').all() as Record<string, unknown>[];
    const ids = new Set<unknown>([caseId, claimId]);
    expect(entries.map((e) => [e.action, journalBelongs(e, ids)])).toEqual([
      ['import', false],
      ['trash', true],
    ]);
  });

  it('a batch that did not land adds nothing to the undo entry; a file that did not land leaves none', () => {
    const { ctx, caseId } = world();
    const refused = call(ctx, 'records.import', { caseId, records: [{ type: 'claim', statement: 'Fine' }, { type: 'claim' }] });
    expect(refused.landed).toBe(false);
    expect(call(ctx, 'undo.peek', {})).toBeNull();
  });
});
