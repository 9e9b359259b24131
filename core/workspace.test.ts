// The API behind the reporter's workspace: merging sources, undo, emptying the trash,
// preferences, corroboration, the claims list's filters, quick find and note backlinks.
import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const source = (name: string, more: Record<string, unknown> = {}) => call(ctx, 'sources.create', { name, ...more }).id;
  const claim = (statement: string, more: Record<string, unknown> = {}) => call(ctx, 'claims.create', { caseId, statement, ...more }).id;
  return { ctx, caseId, source, claim };
}

const statuses = (ctx: Context, caseId: string, filter: Record<string, unknown>) =>
  call(ctx, 'claims.list', { caseId, ...filter, sort: 'created' }).items.map((c) => c.statement);

describe('sources.merge', () => {
  it('moves claims, replies and affiliations to the kept source and keeps every detail', () => {
    const { ctx, caseId, source, claim } = setup();
    const keep = source('Vanda Felbab-Brown', { role: 'Senior fellow', tags: ['think-tank'], contact: { email: 'vfb@example.org' } });
    const dup = source('V. Felbab-Brown', { aliases: ['Felbab'], reliability: 'B', notes: 'Met at a conference.', contact: { phone: '555 0100', email: 'old@example.org' }, tags: ['brookings'], confidential: true });
    const analyst = source('An analyst', { affiliationId: dup });
    const c1 = claim('Know-your-customer rules are new in China.', { sourceIds: [dup] });
    const c2 = claim('Both of them said this.', { sourceIds: [dup, keep] });
    const reply = call(ctx, 'replies.create', { caseId, sourceId: dup, subject: 'V. Felbab-Brown', contactedAt: '2021-12-10T15:00:00Z' });

    const res = call(ctx, 'sources.merge', { keepId: keep, mergeId: dup });
    expect(res.movedClaims).toBe(2);
    expect(res.source).toMatchObject({
      name: 'Vanda Felbab-Brown',
      aliases: ['V. Felbab-Brown', 'Felbab'],
      role: 'Senior fellow',
      reliability: 'B',
      confidential: true,
      contact: { email: 'vfb@example.org', phone: '555 0100' },
      tags: ['brookings', 'think-tank'],
    });
    expect(res.source.notes).toContain('Met at a conference.');
    expect(call(ctx, 'claims.get', { id: c1 }).claim.sourceIds).toEqual([keep]);
    expect(call(ctx, 'claims.get', { id: c2 }).claim.sourceIds).toEqual([keep]);
    expect(call(ctx, 'replies.list', { caseId })[0]).toMatchObject({ id: reply.id, sourceId: keep });
    expect(call(ctx, 'sources.get', { id: analyst }).source.affiliationId).toBe(keep);
    expect(call(ctx, 'sources.get', { id: dup }).source.deletedAt).not.toBeNull();
    expect(call(ctx, 'trash.list', {}).map((t) => t.label)).toEqual(['V. Felbab-Brown']);
  });

  it('is undone whole by undo.last', () => {
    const { ctx, caseId, source, claim } = setup();
    const keep = source('Bryce Pardo', { tags: ['rand'] });
    const dup = source('B. Pardo', { notes: 'Duplicate', role: 'Researcher' });
    const c1 = claim('Suppliers flow like water.', { sourceIds: [dup] });
    const c2 = claim('Shared.', { sourceIds: [dup, keep] });
    const before = call(ctx, 'sources.get', { id: keep }).source;
    call(ctx, 'sources.merge', { keepId: keep, mergeId: dup });
    expect(call(ctx, 'undo.peek', {})).toMatchObject({ action: 'merge', label: 'Merged “B. Pardo” into “Bryce Pardo”' });
    expect(call(ctx, 'undo.last', {}).undone).toBe('Undone: merged “B. Pardo” into “Bryce Pardo”.');
    const after = call(ctx, 'sources.get', { id: keep }).source;
    expect({ ...after, revision: 0, updatedAt: '' }).toEqual({ ...before, revision: 0, updatedAt: '' });
    expect(call(ctx, 'sources.get', { id: dup }).source).toMatchObject({ deletedAt: null, role: 'Researcher' });
    expect(call(ctx, 'claims.get', { id: c1 }).claim.sourceIds).toEqual([dup]);
    expect(call(ctx, 'claims.get', { id: c2 }).claim.sourceIds).toEqual([dup, keep]);
    expect(call(ctx, 'trash.list', { caseId })).toEqual([]);
    expect(callError(ctx, 'undo.last', {}).code).toBe('NOTHING_TO_UNDO');
  });

  it('refuses to undo a merge once the kept source was edited, and refuses merging a source with itself', () => {
    const { ctx, source } = setup();
    const keep = source('DEA');
    const dup = source('Drug Enforcement Administration');
    expect(callError(ctx, 'sources.merge', { keepId: keep, mergeId: keep }).code).toBe('BAD_INPUT');
    call(ctx, 'sources.merge', { keepId: keep, mergeId: dup });
    call(ctx, 'sources.update', { id: keep, role: 'U.S. federal agency' });
    expect(callError(ctx, 'undo.last', {})).toMatchObject({ code: 'CONFLICT' });
    expect(call(ctx, 'sources.get', { id: keep }).source.role).toBe('U.S. federal agency');
  });
});

describe('undo of a move to the trash', () => {
  it('brings back the newest deletion first, skipping ones restored or purged since', () => {
    const { ctx, caseId, claim } = setup();
    const a = claim('First');
    const b = claim('Second');
    const c = claim('Third');
    call(ctx, 'claims.delete', { id: a });
    call(ctx, 'claims.delete', { id: b });
    call(ctx, 'claims.delete', { id: c });
    call(ctx, 'trash.restore', { entity: 'claim', id: c });
    call(ctx, 'trash.purge', { entity: 'claim', id: b });
    expect(call(ctx, 'undo.peek', {})).toMatchObject({ action: 'trash', label: 'Moved the claim “First” to the trash' });
    call(ctx, 'undo.last', {});
    expect(statuses(ctx, caseId, {})).toEqual(['First', 'Third']);
    expect(call(ctx, 'undo.peek', {})).toBeNull();
  });

  it('restores a deleted case with everything in it', () => {
    const { ctx, caseId, claim } = setup();
    claim('Inside');
    call(ctx, 'cases.delete', { id: caseId });
    expect(call(ctx, 'cases.list', {})).toEqual([]);
    call(ctx, 'undo.last', {});
    expect(call(ctx, 'cases.list', {}).map((c) => c.counts.claims)).toEqual([1]);
  });
});

describe('trash.empty', () => {
  it('purges everything in the trash (or one case’s share) and nothing else', () => {
    const { ctx, caseId, source, claim } = setup();
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    const keepClaim = claim('Stays');
    const gone = claim('Goes');
    const elsewhere = call(ctx, 'claims.create', { caseId: other, statement: 'Other case' }).id;
    const s = source('Gone source');
    for (const id of [gone, elsewhere]) call(ctx, 'claims.delete', { id });
    call(ctx, 'sources.delete', { id: s });
    expect(call(ctx, 'trash.empty', { caseId })).toEqual({ purged: 1 });
    expect(call(ctx, 'trash.list', {}).map((t) => t.entityId).sort()).toEqual([elsewhere, s].sort());
    expect(call(ctx, 'trash.empty', {})).toEqual({ purged: 2 });
    expect(call(ctx, 'trash.list', {})).toEqual([]);
    expect(call(ctx, 'claims.get', { id: keepClaim }).claim.deletedAt).toBeNull();
    expect(callError(ctx, 'claims.get', { id: gone }).code).toBe('NOT_FOUND');
  });
});

describe('preferences', () => {
  it('names the checker in the verification log when a status change names none', () => {
    const { ctx, claim } = setup();
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ checkerName: 'Test Checker', named: true });
    call(ctx, 'preferences.set', { checkerName: 'Ines Okafor' });
    const id = claim('x');
    call(ctx, 'claims.setStatus', { id, status: 'in_progress' });
    call(ctx, 'claims.setStatus', { id, status: 'verified', checker: 'Desk' });
    expect(call(ctx, 'verification.list', { claimId: id }).map((e) => e.checker)).toEqual(['Ines Okafor', 'Desk']);
    expect(callError(ctx, 'preferences.set', { checkerName: '' }).code).toBe('BAD_INPUT');
  });
});

describe('corroboration', () => {
  it('counts distinct sources of the claim and of claims supporting it, and documents by others', () => {
    const { ctx, caseId, source, claim } = setup();
    const trone = source('David Trone');
    const state = source('U.S. Department of State');
    const dea = source('Drug Enforcement Administration');
    const main = claim('China supplies the precursors.', { sourceIds: [trone] });
    expect(call(ctx, 'claims.get', { id: main }).corroboration.count).toBe(1);

    const support = claim('Cartels buy from China.', { sourceIds: [state, trone] });
    call(ctx, 'claimLinks.create', { fromClaimId: support, toClaimId: main, relation: 'supports' });
    const same = claim('Same thing, said by the DEA.', { sourceIds: [dea] });
    call(ctx, 'claimLinks.create', { fromClaimId: main, toClaimId: same, relation: 'same_as' });
    const contra = claim('No such trade.', { sourceIds: [source('Embassy')] });
    call(ctx, 'claimLinks.create', { fromClaimId: contra, toClaimId: main, relation: 'contradicts' });

    const deaReport = call(ctx, 'documents.create', { caseId, title: 'Threat assessment', publisher: 'Drug Enforcement Administration' }).id;
    const usccReport = call(ctx, 'documents.create', { caseId, title: 'USCC report', publisher: 'USCC' }).id;
    call(ctx, 'evidence.create', { claimId: main, documentId: deaReport, stance: 'supports' });
    call(ctx, 'evidence.create', { claimId: main, documentId: usccReport, stance: 'supports' });
    call(ctx, 'evidence.create', { claimId: main, documentId: usccReport, stance: 'context' });

    const c = call(ctx, 'claims.get', { id: main }).corroboration;
    expect(c.sources.map((s) => s.name)).toEqual(['David Trone', 'Drug Enforcement Administration', 'U.S. Department of State']);
    expect(c.documents.map((d) => d.title)).toEqual(['USCC report']);
    expect(c.count).toBe(4);
    expect(call(ctx, 'claims.list', { caseId }).items.find((i) => i.id === main)).toMatchObject({ corroboration: 4, disputed: true });

    call(ctx, 'sources.delete', { id: state });
    expect(call(ctx, 'claims.get', { id: main }).corroboration.count).toBe(3);
  });
});

describe('claims.list filters', () => {
  it('filters by attribution, dates, disputed, single source and words, and composes them', () => {
    const { ctx, caseId, source, claim } = setup();
    const a = source('A');
    const b = source('B');
    claim('Precursors shipped in 2019', { saidOn: '2019-05', attribution: 'on_record', sourceIds: [a] });
    const dec = claim('Emergency declared over precursors', { saidOn: '2021-12-15', attribution: 'background', sourceIds: [a, b] });
    const month = claim('Seizures rose', { saidOn: '2021-12', attribution: 'on_record', sourceIds: [b] });
    claim('Undated precursor claim', { attribution: 'deep_background' });
    call(ctx, 'claimLinks.create', { fromClaimId: month, toClaimId: dec, relation: 'contradicts' });

    expect(statuses(ctx, caseId, { attribution: ['background', 'deep_background'] })).toEqual(['Emergency declared over precursors', 'Undated precursor claim']);
    expect(statuses(ctx, caseId, { saidFrom: '2021' })).toEqual(['Emergency declared over precursors', 'Seizures rose']);
    expect(statuses(ctx, caseId, { saidTo: '2021-12' })).toEqual(['Precursors shipped in 2019', 'Emergency declared over precursors', 'Seizures rose']);
    expect(statuses(ctx, caseId, { saidFrom: '2021-12-01', saidTo: '2021-12-31' })).toEqual(['Emergency declared over precursors']);
    expect(statuses(ctx, caseId, { disputed: true })).toEqual(['Emergency declared over precursors', 'Seizures rose']);
    expect(statuses(ctx, caseId, { onlyOneSource: true })).toEqual(['Precursors shipped in 2019', 'Seizures rose', 'Undated precursor claim']);
    expect(statuses(ctx, caseId, { query: 'precursor' })).toEqual(['Precursors shipped in 2019', 'Emergency declared over precursors', 'Undated precursor claim']);
    expect(statuses(ctx, caseId, { query: 'precursor', onlyOneSource: true, attribution: ['on_record'] })).toEqual(['Precursors shipped in 2019']);
    expect(statuses(ctx, caseId, { query: '"NEAR(' })).toEqual([]);
    expect(statuses(ctx, caseId, { query: '((' })).toHaveLength(4);
    const items = call(ctx, 'claims.list', { caseId, sourceId: b }).items;
    expect(items.map((i) => i.sourceNames)).toEqual([['A', 'B'], ['B']]);
    expect(callError(ctx, 'claims.list', { caseId, saidFrom: '2021-13' }).code).toBe('BAD_INPUT');
  });
});

describe('find.quick', () => {
  it('forgives typos in names and finds claims by the words they start with', () => {
    const ctx = tempLibrary();
    const { caseId } = call(ctx, 'demo.load', {});
    const felbab = call(ctx, 'find.quick', { query: 'Felbab Brwon' });
    expect(felbab[0]).toMatchObject({ type: 'source', title: 'Vanda Felbab-Brown', caseId: null });
    const claims = call(ctx, 'find.quick', { query: 'precurs', types: ['claim'], caseId });
    expect(claims.length).toBeGreaterThan(3);
    for (const c of claims) expect(c).toMatchObject({ type: 'claim', caseId, status: expect.any(String) });
    expect(claims.every((c) => /precurs/i.test(c.title))).toBe(true);
    expect(call(ctx, 'find.quick', { query: 'story draft', types: ['note'] })[0]).toMatchObject({ type: 'note', title: 'Story draft: the precursor pipeline' });
    expect(call(ctx, 'find.quick', { query: '   ' })).toEqual([]);
    for (const q of ['"', 'NEAR(', '*', 'a:b', '(((', '-']) expect(() => call(ctx, 'find.quick', { query: q })).not.toThrow();
  });

  it('sees a source added a moment ago (its name index follows every change)', () => {
    const { ctx, source } = setup();
    expect(call(ctx, 'find.quick', { query: 'Nadelmann' })).toEqual([]);
    source('Ethan Nadelmann');
    expect(call(ctx, 'find.quick', { query: 'Nadelman' }).map((f) => f.title)).toEqual(['Ethan Nadelmann']);
  });
});

describe('note backlinks', () => {
  it('lists the notes citing a claim, kept in step with every save', () => {
    const { ctx, caseId, claim } = setup();
    const id = claim('Cited claim');
    const cite = (claimIds: string[]) =>
      JSON.stringify({
        root: {
          type: 'root',
          children: [
            { type: 'paragraph', children: [{ type: 'text', text: 'Marked. ' }, { type: 'claim-mark', claimIds, children: [{ type: 'text', text: 'passage' }] }] },
          ],
        },
      });
    const note = call(ctx, 'notes.create', { caseId, title: 'Draft', content: cite([id]) });
    expect(call(ctx, 'claims.get', { id }).citedIn).toEqual([{ noteId: note.id, title: 'Draft' }]);
    call(ctx, 'notes.update', { id: note.id, content: cite([]) });
    expect(call(ctx, 'claims.get', { id }).citedIn).toEqual([]);
    call(ctx, 'notes.update', { id: note.id, content: cite([id]) });
    call(ctx, 'notes.delete', { id: note.id });
    expect(call(ctx, 'claims.get', { id }).citedIn).toEqual([]);
  });

  it('the demo draft cites the claims it was written from', () => {
    const ctx = tempLibrary();
    const { caseId } = call(ctx, 'demo.load', {});
    const cited = call(ctx, 'claims.list', { caseId, limit: 100 }).items.filter((c) => call(ctx, 'claims.get', { id: c.id }).citedIn.length > 0);
    expect(cited.length).toBeGreaterThanOrEqual(6);
  });
});

describe('find.quick in a library with many documents', () => {
  it('matches document titles by word prefix once fuse.js would be too slow', async () => {
    const { ctx, caseId } = setup();
    const { FUZZY_DOCUMENT_LIMIT } = await import('./handlers/find.js');
    const insert = ctx.db.prepare("INSERT INTO documents (id, created_at, updated_at, case_id, title) VALUES (?, 'now', 'now', ?, ?)");
    for (let i = 0; i <= FUZZY_DOCUMENT_LIMIT; i++) insert.run(`D${i}`, caseId, i === 7 ? 'National Drug Threat Assessment' : `Filler report ${i}`);
    expect(call(ctx, 'find.quick', { query: 'threat assess', types: ['document'] }).map((f) => f.id)).toEqual(['D7']);
    // Past the limit, typos in titles are no longer forgiven; names of sources still are.
    expect(call(ctx, 'find.quick', { query: 'thraet', types: ['document'] })).toEqual([]);
  });
});

describe('find.quick for passages and claims.list by ids', () => {
  it('finds marked passages by their words, with their document', () => {
    const ctx = tempLibrary();
    const { caseId } = call(ctx, 'demo.load', {});
    const found = call(ctx, 'find.quick', { query: 'open mark', types: ['excerpt'], caseId });
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f).toMatchObject({ type: 'excerpt', caseId, documentId: expect.any(String) });
      expect(call(ctx, 'excerpts.get', { id: f.id }).documentId).toBe(f.documentId);
    }
  });

  it('lists only the claims asked for', () => {
    const { ctx, caseId, claim } = setup();
    const a = claim('A');
    claim('B');
    const c = claim('C');
    expect(call(ctx, 'claims.list', { caseId, ids: [c, a] }).items.map((i) => i.statement)).toEqual(['A', 'C']);
  });
});
