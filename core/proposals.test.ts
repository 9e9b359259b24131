import { describe, expect, it } from 'vitest';
import type { Context } from './context.js';
import type { Proposal } from './handlers/proposals.js';
import { call, callError, tempLibrary } from '../test/helpers.js';

const ARTICLE = `WASHINGTON — Chinese suppliers keep shipping precursor chemicals to Mexico, officials say.

“China is practically the only source,” said Rep. David Trone (D-Md.), who co-chairs a commission on synthetic opioids. “Middlemen sell straight to the cartels.”

Bryce Pardo, a drug policy researcher at RAND Corp., said the trade adapts quickly. “They flow like water into the gaps in the law,” Pardo said.

The Chinese Embassy in Washington said in a written statement: “We firmly oppose the smears.” A senior State Department official said: “We are watching closely.” “Nothing has changed,” the official added.`;

function setup(doc: { publishedOn?: string; publisher?: string } = { publishedOn: '2021-12-10' }) {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const trone = call(ctx, 'sources.create', { name: 'David Trone', defaultAttribution: 'on_record' }).id;
  const document = call(ctx, 'documents.create', { caseId, title: 'Wire story', text: ARTICLE, ...doc });
  return { ctx, caseId, trone, doc: document };
}

const propose = (ctx: Context, documentId: string) => call(ctx, 'documents.proposeClaims', { documentId });
const find = (ps: Proposal[], start: string) => {
  const p = ps.find((q) => q.quote.startsWith(start));
  if (!p) throw new Error(`no proposal starting “${start}”`);
  return p;
};
const place = (p: Proposal) => ({ start: p.start, end: p.end, quote: p.quote });
/** The new source a proposal stands for, as the panel sends it unedited. */
const asNew = (p: Proposal) => {
  const d = p.speakerDetail!;
  return {
    name: d.name ?? d.description!,
    kind: d.kind,
    ...(d.role ? { role: d.role } : {}),
    ...(d.affiliation ? { affiliation: d.affiliation } : {}),
    ...(d.name ? {} : { unnamed: true, description: d.description! }),
  };
};
const sourceNamed = (ctx: Context, name: string) => call(ctx, 'sources.list', {}).filter((s) => s.name === name);

describe('claims proposed from a document’s quotations', () => {
  it('proposes each quotation with its speaker, matched to sources on file', () => {
    const { ctx, trone, doc } = setup();
    const proposals = propose(ctx, doc.id);
    for (const p of proposals) expect(ARTICLE.slice(p.start, p.end)).toBe(p.quote);
    expect(find(proposals, 'Middlemen').source).toEqual({ id: trone, name: 'David Trone', kind: 'person' });
    expect(find(proposals, 'They flow like water')).toMatchObject({
      speaker: 'Bryce Pardo',
      speakerDetail: { name: 'Bryce Pardo', kind: 'person', role: 'drug policy researcher', affiliation: 'RAND Corp.' },
      affiliation: { name: 'RAND Corp.', source: null },
      source: null,
      claimed: false,
      claimId: null,
      rejected: false,
    });
  });

  it('creates the speaker’s source whole: kind, role, and the organisation created once and linked', () => {
    const { ctx, doc } = setup();
    const ps = propose(ctx, doc.id);
    const pardo = find(ps, 'They flow like water');
    const embassy = find(ps, 'We firmly oppose');
    const res = call(ctx, 'documents.acceptProposals', {
      documentId: doc.id,
      items: [pardo, embassy].map((p) => ({ ...place(p), newSource: asNew(p) })),
    });
    expect(res.sourcesCreated).toBe(3);
    const [person] = sourceNamed(ctx, 'Bryce Pardo');
    const [rand] = sourceNamed(ctx, 'RAND Corp.');
    expect(person).toMatchObject({ kind: 'person', role: 'drug policy researcher', affiliationId: rand!.id, confidential: false });
    expect(rand).toMatchObject({ kind: 'organisation' });
    expect(sourceNamed(ctx, 'Chinese Embassy in Washington')[0]).toMatchObject({ kind: 'organisation', affiliationId: null });
  });

  it('links a person to the organisation on file however its name is written, creating none', () => {
    const { ctx, doc } = setup();
    const rand = call(ctx, 'sources.create', { name: 'RAND Corporation', kind: 'organisation' }).id;
    const pardo = find(propose(ctx, doc.id), 'They flow like water');
    expect(pardo.affiliation).toEqual({ name: 'RAND Corp.', source: { id: rand, name: 'RAND Corporation', kind: 'organisation' } });
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(pardo), newSource: asNew(pardo) }] });
    expect(res.sourcesCreated).toBe(1);
    expect(sourceNamed(ctx, 'Bryce Pardo')[0]!.affiliationId).toBe(rand);
    // An affiliation given by id must be an organisation.
    const other = find(propose(ctx, doc.id), 'We firmly oppose');
    const trone = sourceNamed(ctx, 'David Trone')[0]!.id;
    expect(
      callError(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(other), newSource: { name: 'Somebody', affiliationId: trone } }] }),
    ).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/organisation/) });
  });

  it('names an unnamed speaker by the description, not confidential, and never matches it to a source on file', () => {
    const { ctx, doc } = setup();
    call(ctx, 'sources.create', { name: 'a senior State Department official' });
    const ps = propose(ctx, doc.id);
    const official = find(ps, 'We are watching');
    expect(official.speakerDetail).toMatchObject({ name: null, description: 'a senior State Department official' });
    expect(official.source).toBeNull();
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(official), newSource: asNew(official) }] });
    expect(res.sourcesCreated).toBe(1);
    const created = sourceNamed(ctx, 'a senior State Department official').find((s) => s.id === res.claims[0]!.sourceIds[0]);
    expect(created).toMatchObject({ description: 'a senior State Department official', confidential: false, kind: 'person' });
  });

  it('dates every claim and records where it was published; a claim with no date is refused', () => {
    const { ctx, doc } = setup({});
    const ps = propose(ctx, doc.id);
    const items = [find(ps, 'Middlemen'), find(ps, 'We firmly oppose')].map((p) => ({ ...place(p), sourceId: null }));
    expect(callError(ctx, 'documents.acceptProposals', { documentId: doc.id, items })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/Proposal 1 has no date/) });
    expect(call(ctx, 'library.stats', {}).counts.claim).toMatchObject({ live: 0 });

    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [items[0]!, { ...items[1]!, saidOn: '2021-12-09' }], outlet: 'The Wire', publishedOn: '2021-12-10' });
    expect(res.claims.map((c) => c.saidOn)).toEqual(['2021-12-10', '2021-12-09']);
    // The quotation given in a written statement is one.
    expect(res.claims.map((c) => c.medium)).toEqual(['other', 'written_statement']);
    expect(call(ctx, 'documents.get', { id: doc.id }).document).toMatchObject({ publisher: 'The Wire', publishedOn: '2021-12-10' });
    const origin = call(ctx, 'claims.get', { id: res.claims[0]!.id }).origin;
    expect(origin).toMatchObject({ documentId: doc.id, comment: expect.stringContaining('The Wire, 2021-12-10') });
  });

  it('never overwrites the outlet or date a document has', () => {
    const { ctx, doc } = setup({ publisher: 'Reuters', publishedOn: '2021-12-10' });
    const p = find(propose(ctx, doc.id), 'Middlemen');
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [place(p)], outlet: 'Someone else', publishedOn: '2020-01-01' });
    expect(call(ctx, 'documents.get', { id: doc.id }).document).toMatchObject({ publisher: 'Reuters', publishedOn: '2021-12-10' });
    // The date given for all still dates the claims that have none of their own.
    expect(res.claims[0]!.saidOn).toBe('2020-01-01');
  });

  it('keeps rejections: proposed again they are rejected, not ticked; taken back, they are not', () => {
    const { ctx, doc } = setup();
    const ps = propose(ctx, doc.id);
    const keep = find(ps, 'Middlemen');
    const drop = find(ps, 'Nothing has changed');
    call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(keep), sourceId: keep.source!.id }], reject: [place(drop)] });
    const again = propose(ctx, doc.id);
    expect(find(again, 'Nothing has changed')).toMatchObject({ rejected: true, claimed: false });
    const claimed = find(again, 'Middlemen');
    expect(claimed).toMatchObject({ rejected: false, claimed: true, claimId: expect.any(String) });
    expect(call(ctx, 'claims.get', { id: claimed.claimId! }).claim.quote).toBe(keep.quote);
    expect(again.filter((p) => p.rejected)).toHaveLength(1);

    expect(call(ctx, 'documents.rejectProposals', { documentId: doc.id, passages: [place(drop)], undo: true })).toEqual({ changed: 1 });
    expect(find(propose(ctx, doc.id), 'Nothing has changed').rejected).toBe(false);
    expect(call(ctx, 'documents.rejectProposals', { documentId: doc.id, passages: [place(drop)] })).toEqual({ changed: 1 });
    expect(find(propose(ctx, doc.id), 'Nothing has changed').rejected).toBe(true);
    // A rejected quotation accepted later is a claim, no longer rejected.
    call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [place(drop)] });
    expect(find(propose(ctx, doc.id), 'Nothing has changed')).toMatchObject({ rejected: false, claimed: true });
  });

  it('finds a rejection again when a new version of the text moves the quotation', () => {
    const { ctx, doc } = setup();
    const drop = find(propose(ctx, doc.id), 'Nothing has changed');
    call(ctx, 'documents.rejectProposals', { documentId: doc.id, passages: [place(drop)] });
    call(ctx, 'documents.replaceText', { id: doc.id, text: `CORRECTED: ${ARTICLE}` });
    const moved = find(propose(ctx, doc.id), 'Nothing has changed');
    expect(moved.start).toBe(drop.start + 11);
    expect(moved.rejected).toBe(true);
  });

  it('rejects a passage, not its words: the same words quoted elsewhere stay proposed', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Words' }).id;
    const text = '“We will not comment on that,” said Ann Cole, the ministry’s spokeswoman.\n\n“We will not comment on that,” said Tom Bell, the union’s secretary.';
    const doc = call(ctx, 'documents.create', { caseId, title: 'T', text, publishedOn: '2022' });
    const same = (p: Proposal) => p.quote.startsWith('We will not comment');
    const [first, second] = propose(ctx, doc.id).filter(same);
    expect(first!.quote).toBe(second!.quote);
    expect(second).toBeDefined();
    call(ctx, 'documents.rejectProposals', { documentId: doc.id, passages: [place(first!)] });
    expect(propose(ctx, doc.id).filter(same).map((p) => p.rejected)).toEqual([true, false]);
  });

  it('creates an organisation once when it is both quoted and someone’s employer in one batch', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'RAND' }).id;
    const text = '“Supply adapts,” said Bryce Pardo, a researcher at RAND Corp. “We stand by the study,” RAND Corp. said in a statement.';
    const doc = call(ctx, 'documents.create', { caseId, title: 'T', text, publishedOn: '2022' });
    const ps = propose(ctx, doc.id);
    const items = ps.filter((p) => p.speakerDetail).map((p) => ({ ...place(p), newSource: asNew(p) }));
    expect(items.map((i) => i.newSource)).toEqual([
      expect.objectContaining({ name: 'Bryce Pardo', affiliation: 'RAND Corp.' }),
      expect.objectContaining({ name: 'RAND Corp.', kind: 'organisation' }),
    ]);
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items });
    expect(res.sourcesCreated).toBe(2);
    const rand = sourceNamed(ctx, 'RAND Corp.');
    expect(rand).toHaveLength(1);
    expect(sourceNamed(ctx, 'Bryce Pardo')[0]!.affiliationId).toBe(rand[0]!.id);
  });

  it('does not make a second claim of a passage that is one already', () => {
    const { ctx, doc } = setup();
    const p = find(propose(ctx, doc.id), 'Middlemen');
    call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [place(p)] });
    expect(callError(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [place(p)] })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already a claim/) });
    expect(call(ctx, 'library.stats', {}).counts.claim).toMatchObject({ live: 1 });
  });

  it('matches speakers by normalised name and refuses a duplicate unless asked to create it anyway', () => {
    const { ctx, trone, doc } = setup();
    const embassy = call(ctx, 'sources.create', { name: 'the Chinese Embassy in Washington', kind: 'organisation' }).id;
    const ps = propose(ctx, doc.id);
    expect(find(ps, 'We firmly oppose').source).toMatchObject({ id: embassy });
    expect(find(ps, 'Middlemen').source).toMatchObject({ id: trone });

    const p = find(ps, 'Middlemen');
    for (const name of ['Rep. David Trone', 'DAVID TRONE', 'Dávid Trone']) {
      expect(callError(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(p), newSource: { name } }] })).toMatchObject({
        code: 'LIKELY_DUPLICATE',
        message: expect.stringContaining('“David Trone”, already on file'),
      });
    }
    const e = find(ps, 'We firmly oppose');
    expect(callError(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(e), newSource: { name: 'Chinese Embassy in Washington', kind: 'organisation' } }] })).toMatchObject({
      code: 'LIKELY_DUPLICATE',
    });
    expect(call(ctx, 'sources.list', {})).toHaveLength(2);
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items: [{ ...place(p), newSource: { name: 'Rep. David Trone' }, createAnyway: true }] });
    expect(res.sourcesCreated).toBe(1);
  });

  it('finds a source by an alias and by an apostrophe of another shape, and offers close names as likely duplicates', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Embassy' }).id;
    const oneill = call(ctx, 'sources.create', { name: "Sean O'Neill" }).id;
    const pardo = call(ctx, 'sources.create', { name: 'B. Pardo', aliases: ['Bryce Pardo'] }).id;
    const felbab = call(ctx, 'sources.create', { name: 'Vanda Felbab Brown' }).id;
    const text = '“We oppose it,” said Sean O’Neill. “It adapts,” said Bryce Pardo. “Nobody asked,” said Vanda Felbab-Browne.';
    const doc = call(ctx, 'documents.create', { caseId, title: 'T', text, publishedOn: '2022' });
    const ps = propose(ctx, doc.id);
    expect(find(ps, 'We oppose').source?.id).toBe(oneill);
    expect(find(ps, 'It adapts').source?.id).toBe(pardo);
    expect(find(ps, 'Nobody asked')).toMatchObject({ source: null, similar: [expect.objectContaining({ id: felbab })] });
  });

  it('creates a speaker named twice in a batch once, under each way of writing the name', () => {
    const { ctx, doc } = setup();
    const ps = propose(ctx, doc.id);
    const items = [
      { ...place(find(ps, 'We firmly oppose')), newSource: { name: 'Bryce Pardo' } },
      { ...place(find(ps, 'They flow like water')), newSource: { name: 'Dr. Bryce Pardo' } },
    ];
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items });
    expect(res.sourcesCreated).toBe(1);
    expect(new Set(res.claims.map((c) => c.sourceIds[0])).size).toBe(1);
  });

  it('refuses a proposal whose quote is no longer where it was, saving none of the batch', () => {
    const { ctx, doc } = setup();
    const [first] = propose(ctx, doc.id);
    const error = callError(ctx, 'documents.acceptProposals', {
      documentId: doc.id,
      items: [
        { ...place(first!), newSource: { name: 'Someone' } },
        { start: 0, end: 5, quote: 'nope!' },
      ],
    });
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/Proposal 2/) });
    expect(call(ctx, 'library.stats', {}).counts.claim).toEqual({ live: 0, trashed: 0 });
    expect(call(ctx, 'sources.list', {}).map((s) => s.name)).toEqual(['David Trone']);
    expect(callError(ctx, 'documents.rejectProposals', { documentId: doc.id, passages: [{ start: 0, end: 5, quote: 'nope!' }] })).toMatchObject({ code: 'BAD_INPUT' });
  });
});
