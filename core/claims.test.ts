import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import { methods } from './api.js';
import type { Context } from './context.js';

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  return { ctx, caseId };
}

const claim = (ctx: Context, caseId: string, statement: string, more: Record<string, unknown> = {}) =>
  call(ctx, 'claims.create', { caseId, statement, ...more });

describe('verification log', () => {
  it('claims.setStatus appends entries in order; the checker defaults to the session’s', () => {
    const { ctx, caseId } = setup();
    const c = claim(ctx, caseId, 'Two tonnes were seized.');
    expect(call(ctx, 'verification.list', { claimId: c.id })).toEqual([]);

    const first = call(ctx, 'claims.setStatus', { id: c.id, status: 'in_progress' });
    expect(first.claim).toMatchObject({ status: 'in_progress', revision: 2 });
    call(ctx, 'claims.setStatus', { id: c.id, status: 'verified', checker: 'Desk editor', method: 'Court records', note: 'Case 21-455.', revision: 2 });
    const third = call(ctx, 'claims.setStatus', { id: c.id, status: 'disputed', checker: '' });

    const log = call(ctx, 'verification.list', { claimId: c.id });
    expect(log.map((e) => [e.status, e.checker, e.method, e.note])).toEqual([
      ['in_progress', 'Test Checker', '', ''],
      ['verified', 'Desk editor', 'Court records', 'Case 21-455.'],
      ['disputed', 'Test Checker', '', ''],
    ]);
    expect(log.map((e) => e.createdAt)).toEqual([...log.map((e) => e.createdAt)].sort());
    expect(third.verification).toEqual(log);
    expect(third.claim).toMatchObject({ status: 'disputed', revision: 4 });
    expect(call(ctx, 'claims.get', { id: c.id }).verification).toEqual(log);
  });

  it('claims.setStatus with a stale revision is refused and logs nothing', () => {
    const { ctx, caseId } = setup();
    const c = claim(ctx, caseId, 'x');
    call(ctx, 'claims.setStatus', { id: c.id, status: 'verified' });
    expect(callError(ctx, 'claims.setStatus', { id: c.id, status: 'false', revision: 1 }).code).toBe('CONFLICT');
    expect(call(ctx, 'verification.list', { claimId: c.id }).map((e) => e.status)).toEqual(['verified']);
    expect(call(ctx, 'claims.get', { id: c.id }).claim.status).toBe('verified');
  });

  it('claims.setStatus refuses a trashed claim and an unknown status', () => {
    const { ctx, caseId } = setup();
    const c = claim(ctx, caseId, 'x');
    expect(callError(ctx, 'claims.setStatus', { id: c.id, status: 'true' }).code).toBe('BAD_INPUT');
    call(ctx, 'claims.delete', { id: c.id });
    expect(callError(ctx, 'claims.setStatus', { id: c.id, status: 'verified' }).code).toBe('IN_TRASH');
    expect(call(ctx, 'verification.list', { claimId: c.id })).toEqual([]);
  });

  it('claims.update cannot change the status', () => {
    const { ctx, caseId } = setup();
    const c = claim(ctx, caseId, 'x');
    const error = callError(ctx, 'claims.update', { id: c.id, status: 'verified' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('status');
    expect(call(ctx, 'claims.get', { id: c.id }).claim).toMatchObject({ status: 'unverified', revision: 1 });
  });

  it('is append-only: the database refuses to change an entry, and no method edits one', () => {
    const { ctx, caseId } = setup();
    const c = claim(ctx, caseId, 'x', { status: 'verified' });
    expect(() => ctx.db.prepare("UPDATE verification_log SET status = 'false', note = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare("UPDATE verification_log SET checker = 'someone else' WHERE claim_id = ?").run(c.id)).toThrow(/append-only/);
    expect(call(ctx, 'verification.list', { claimId: c.id })[0]).toMatchObject({ status: 'verified', checker: 'Test Checker' });
    expect(Object.keys(methods).filter((m) => m.startsWith('verification.'))).toEqual(['verification.list']);
  });

  it('claims.create with a status other than unverified writes exactly one entry', () => {
    const { ctx, caseId } = setup();
    const verified = claim(ctx, caseId, 'x', { status: 'verified', checker: 'Researcher', method: 'Called the port' });
    expect(verified.status).toBe('verified');
    expect(call(ctx, 'verification.list', { claimId: verified.id })).toEqual([
      expect.objectContaining({ status: 'verified', checker: 'Researcher', method: 'Called the port', note: 'Status given when the claim was recorded.' }),
    ]);
    const defaults = claim(ctx, caseId, 'y', { status: 'false' });
    expect(call(ctx, 'verification.list', { claimId: defaults.id })).toEqual([expect.objectContaining({ status: 'false', checker: 'Test Checker' })]);
    for (const plain of [claim(ctx, caseId, 'z'), claim(ctx, caseId, 'w', { status: 'unverified' })]) {
      expect(plain.status).toBe('unverified');
      expect(call(ctx, 'verification.list', { claimId: plain.id })).toEqual([]);
    }
  });

  it('verification.list of a missing claim is NOT_FOUND', () => {
    const { ctx } = setup();
    expect(callError(ctx, 'verification.list', { claimId: 'NOPE' }).code).toBe('NOT_FOUND');
  });
});

describe('claims.create', () => {
  it('takes its attribution from the first source’s default unless one is given', () => {
    const { ctx, caseId } = setup();
    const background = call(ctx, 'sources.create', { name: 'Official', defaultAttribution: 'background' }).id;
    const onRecord = call(ctx, 'sources.create', { name: 'Spokesperson' }).id;
    expect(claim(ctx, caseId, 'a', { sourceIds: [background, onRecord] }).attribution).toBe('background');
    expect(claim(ctx, caseId, 'b', { sourceIds: [onRecord, background] }).attribution).toBe('on_record');
    expect(claim(ctx, caseId, 'c', { sourceIds: [background], attribution: 'off_record' }).attribution).toBe('off_record');
    expect(claim(ctx, caseId, 'd').attribution).toBe('on_record');
  });

  it('keeps its sources in the order given, and claims.update replaces them', () => {
    const { ctx, caseId } = setup();
    const [a, b, c] = ['A', 'B', 'C'].map((name) => call(ctx, 'sources.create', { name }).id);
    const k = claim(ctx, caseId, 'x', { sourceIds: [b, a] });
    expect(k.sourceIds).toEqual([b, a]);
    expect(call(ctx, 'claims.update', { id: k.id, sourceIds: [c!, b!] }).sourceIds).toEqual([c, b]);
    expect(call(ctx, 'claims.get', { id: k.id }).sources.map((s) => s.name)).toEqual(['C', 'B']);
  });

  it('refuses a trashed source, and an origin excerpt from another case', () => {
    const { ctx, caseId } = setup();
    const s = call(ctx, 'sources.create', { name: 'Gone' }).id;
    call(ctx, 'sources.delete', { id: s });
    expect(callError(ctx, 'claims.create', { caseId, statement: 'x', sourceIds: [s] }).code).toBe('IN_TRASH');
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    const doc = call(ctx, 'documents.create', { caseId: other, title: 'D', text: 'Some words here.' }).id;
    const ex = call(ctx, 'excerpts.create', { documentId: doc, exact: 'words' }).id;
    expect(callError(ctx, 'claims.create', { caseId, statement: 'x', originExcerptId: ex }).code).toBe('BAD_REFERENCE');
    expect(call(ctx, 'claims.create', { caseId: other, statement: 'x', originExcerptId: ex }).originExcerptId).toBe(ex);
    expect(call(ctx, 'claims.list', { caseId }).total).toBe(0);
  });

  it('accepts partial dates and refuses impossible ones', () => {
    const { ctx, caseId } = setup();
    for (const saidOn of ['2021', '2021-12', '2021-12-15', '2020-02-29', '1999-01-31', null]) {
      expect(claim(ctx, caseId, 'x', { saidOn }).saidOn, String(saidOn)).toBe(saidOn);
    }
    for (const saidOn of ['2021-13', '2021-02-30', '2021-02-29', '2021-04-31', '21-12', '2021-1', '2021-00', '2021-12-00', '2021-12-32', '', '2021/12/15', '2021-12-15T10:00:00Z', ' 2021']) {
      const error = callError(ctx, 'claims.create', { caseId, statement: 'x', saidOn });
      expect(error.code, saidOn).toBe('BAD_INPUT');
      expect(error.issues?.[0]?.path).toBe('saidOn');
    }
  });
});

describe('claims.list', () => {
  function listed() {
    const { ctx, caseId } = setup();
    const ana = call(ctx, 'sources.create', { name: 'Ana' }).id;
    const ben = call(ctx, 'sources.create', { name: 'Ben' }).id;
    const ids = [
      claim(ctx, caseId, 'one', { sourceIds: [ana], saidOn: '2021-03', tags: ['port'] }).id,
      claim(ctx, caseId, 'two', { sourceIds: [ben], saidOn: '2020', status: 'verified' }).id,
      claim(ctx, caseId, 'three', { sourceIds: [ana, ben], saidOn: '2021-01-15', status: 'false', tags: ['Port', 'money'] }).id,
      claim(ctx, caseId, 'four', { status: 'disputed' }).id,
      claim(ctx, caseId, 'five', { saidOn: '2022', tags: ['money'] }).id,
    ];
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    claim(ctx, other, 'elsewhere', { sourceIds: [ana], tags: ['port'] });
    return { ctx, caseId, ana, ben, ids };
  }
  const statements = (r: { items: { statement: string }[] }) => r.items.map((c) => c.statement);

  it('lists the case’s live claims in creation order with the total', () => {
    const { ctx, caseId, ids } = listed();
    call(ctx, 'claims.delete', { id: ids[3]! });
    const all = call(ctx, 'claims.list', { caseId });
    expect(all.total).toBe(4);
    expect(statements(all)).toEqual(['one', 'two', 'three', 'five']);
    // 'Port' is the tag 'port' already in the library: tags are one per name, whatever the case.
    expect(all.items[2]).toMatchObject({ sourceIds: [expect.any(String), expect.any(String)], tags: ['money', 'port'] });
  });

  it('filters by status, source and tag (tags case-insensitively), alone and together', () => {
    const { ctx, caseId, ana, ben } = listed();
    expect(statements(call(ctx, 'claims.list', { caseId, status: ['verified', 'false'] }))).toEqual(['two', 'three']);
    expect(statements(call(ctx, 'claims.list', { caseId, status: ['unverified'] }))).toEqual(['one', 'five']);
    expect(statements(call(ctx, 'claims.list', { caseId, sourceId: ana }))).toEqual(['one', 'three']);
    expect(statements(call(ctx, 'claims.list', { caseId, tag: 'port' }))).toEqual(['one', 'three']);
    expect(statements(call(ctx, 'claims.list', { caseId, tag: 'PORT' }))).toEqual(['one', 'three']);
    expect(statements(call(ctx, 'claims.list', { caseId, tag: 'money', sourceId: ben, status: ['false'] }))).toEqual(['three']);
    expect(call(ctx, 'claims.list', { caseId, tag: 'nothing' })).toEqual({ total: 0, items: [] });
    expect(callError(ctx, 'claims.list', { caseId, status: ['nonsense'] }).code).toBe('BAD_INPUT');
  });

  it('pages with limit and offset, the total counting every match', () => {
    const { ctx, caseId } = listed();
    const page1 = call(ctx, 'claims.list', { caseId, limit: 2 });
    const page2 = call(ctx, 'claims.list', { caseId, limit: 2, offset: 2 });
    const page3 = call(ctx, 'claims.list', { caseId, limit: 2, offset: 4 });
    expect([page1.total, page2.total, page3.total]).toEqual([5, 5, 5]);
    expect([...statements(page1), ...statements(page2), ...statements(page3)]).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(call(ctx, 'claims.list', { caseId, offset: 10 })).toEqual({ total: 5, items: [] });
    for (const bad of [{ limit: 0 }, { limit: 1001 }, { offset: -1 }, { limit: 1.5 }]) {
      expect(callError(ctx, 'claims.list', { caseId, ...bad }).code).toBe('BAD_INPUT');
    }
  });

  it('sorts by said-on date, status, creation and update, either way', () => {
    const { ctx, caseId, ids } = listed();
    // 'four' has no date: undated claims come last either way.
    expect(statements(call(ctx, 'claims.list', { caseId, sort: 'saidOn' }))).toEqual(['two', 'three', 'one', 'five', 'four']);
    expect(statements(call(ctx, 'claims.list', { caseId, sort: 'saidOn', descending: true }))).toEqual(['five', 'one', 'three', 'two', 'four']);
    expect(statements(call(ctx, 'claims.list', { caseId, sort: 'status' }))).toEqual(['four', 'three', 'one', 'five', 'two']);
    expect(statements(call(ctx, 'claims.list', { caseId, sort: 'created', descending: true }))).toEqual(['five', 'four', 'three', 'two', 'one']);
    call(ctx, 'claims.update', { id: ids[0]!, quote: 'touched last' });
    expect(statements(call(ctx, 'claims.list', { caseId, sort: 'updated', descending: true }))[0]).toBe('one');
  });
});

describe('claim links', () => {
  function linked() {
    const { ctx, caseId } = setup();
    const ana = call(ctx, 'sources.create', { name: 'Ana' }).id;
    const a = claim(ctx, caseId, 'The port closed.').id;
    const b = claim(ctx, caseId, 'The port stayed open.', { sourceIds: [ana] }).id;
    const c = claim(ctx, caseId, 'Ships were seen in May.').id;
    return { ctx, caseId, a, b, c };
  }

  it('refuse a self-link, a link across cases, and a duplicate', () => {
    const { ctx, a, b } = linked();
    expect(callError(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: a, relation: 'supports' }).code).toBe('BAD_INPUT');
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    const elsewhere = claim(ctx, other, 'Elsewhere').id;
    expect(callError(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: elsewhere, relation: 'supports' }).code).toBe('BAD_REFERENCE');
    expect(callError(ctx, 'claimLinks.create', { fromClaimId: elsewhere, toClaimId: a, relation: 'supports' }).code).toBe('BAD_REFERENCE');
    call(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: b, relation: 'contradicts' });
    const dup = callError(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: b, relation: 'contradicts', note: 'again' });
    expect(dup.code).toBe('CONFLICT');
    // Another relation between the same claims is a different statement.
    call(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: b, relation: 'qualifies' });
    expect(callError(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: 'NOPE', relation: 'supports' }).code).toBe('NOT_FOUND');
    expect(call(ctx, 'claimLinks.list', { claimId: a })).toHaveLength(2);
  });

  it('refuse a link to a trashed claim', () => {
    const { ctx, a, b } = linked();
    call(ctx, 'claims.delete', { id: b });
    expect(callError(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: b, relation: 'supports' }).code).toBe('IN_TRASH');
  });

  it('claims.get shows links both ways with their direction, the other claim and its sources', () => {
    const { ctx, a, b, c } = linked();
    const out = call(ctx, 'claimLinks.create', { fromClaimId: a, toClaimId: b, relation: 'contradicts', note: 'Opposite.' }).id;
    const inc = call(ctx, 'claimLinks.create', { fromClaimId: c, toClaimId: a, relation: 'contradicts' }).id;
    const detail = call(ctx, 'claims.get', { id: a });
    const byId = new Map(detail.links.map((l) => [l.link.id, l]));
    expect(byId.get(out)).toMatchObject({ direction: 'outgoing', claim: { id: b }, sourceNames: ['Ana'], link: { note: 'Opposite.' } });
    expect(byId.get(inc)).toMatchObject({ direction: 'incoming', claim: { id: c }, sourceNames: [] });
    expect(call(ctx, 'claims.get', { id: b }).links).toEqual([expect.objectContaining({ direction: 'incoming', claim: expect.objectContaining({ id: a }) })]);
    // A link whose other end is in the trash is not shown.
    call(ctx, 'claims.delete', { id: c });
    expect(call(ctx, 'claims.get', { id: a }).links.map((l) => l.link.id)).toEqual([out]);
  });
});

describe('evidence', () => {
  function withDocs() {
    const { ctx, caseId } = setup();
    const k = claim(ctx, caseId, 'The port closed.').id;
    const doc = call(ctx, 'documents.create', { caseId, title: 'Harbour log', text: 'Ships came every day of May.', url: 'https://example.org/log' }).id;
    const other = call(ctx, 'documents.create', { caseId, title: 'Memo', text: 'The memo says nothing.' }).id;
    const ex = call(ctx, 'excerpts.create', { documentId: doc, exact: 'every day of May' }).id;
    return { ctx, caseId, k, doc, other, ex };
  }

  it('with only an excerpt takes the excerpt’s document', () => {
    const { ctx, k, doc, ex } = withDocs();
    const link = call(ctx, 'evidence.create', { claimId: k, excerptId: ex, stance: 'contradicts', locator: 'p. 3' });
    expect(link).toMatchObject({ documentId: doc, excerptId: ex, stance: 'contradicts', locator: 'p. 3' });
    const [item] = call(ctx, 'claims.get', { id: k }).evidence;
    expect(item).toMatchObject({
      link: { id: link.id },
      document: { id: doc, title: 'Harbour log', url: 'https://example.org/log' },
      excerpt: { id: ex, exact: 'every day of May' },
    });
  });

  it('with a document only has no excerpt', () => {
    const { ctx, k, other } = withDocs();
    expect(call(ctx, 'evidence.create', { claimId: k, documentId: other, stance: 'context' })).toMatchObject({ documentId: other, excerptId: null });
  });

  it('refuses an excerpt that is not from the named document, a document of another case, and neither', () => {
    const { ctx, k, other, ex } = withDocs();
    const wrong = callError(ctx, 'evidence.create', { claimId: k, documentId: other, excerptId: ex, stance: 'supports' });
    expect(wrong.code).toBe('BAD_REFERENCE');
    expect(wrong.message).toMatch(/not from that document/);
    const elsewhere = call(ctx, 'cases.create', { title: 'Elsewhere' }).id;
    const foreign = call(ctx, 'documents.create', { caseId: elsewhere, title: 'Foreign', text: 'Foreign text.' }).id;
    const foreignEx = call(ctx, 'excerpts.create', { documentId: foreign, exact: 'Foreign' }).id;
    expect(callError(ctx, 'evidence.create', { claimId: k, documentId: foreign, stance: 'supports' }).code).toBe('BAD_REFERENCE');
    expect(callError(ctx, 'evidence.create', { claimId: k, excerptId: foreignEx, stance: 'supports' }).code).toBe('BAD_REFERENCE');
    expect(callError(ctx, 'evidence.create', { claimId: k, stance: 'supports' }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'evidence.create', { claimId: k, documentId: other, stance: 'refutes' }).code).toBe('BAD_INPUT');
    expect(call(ctx, 'evidence.list', { claimId: k })).toEqual([]);
  });

  it('is hidden while its document is in the trash', () => {
    const { ctx, k, doc, ex } = withDocs();
    call(ctx, 'evidence.create', { claimId: k, excerptId: ex, stance: 'supports' });
    call(ctx, 'documents.delete', { id: doc });
    expect(call(ctx, 'evidence.list', { claimId: k })).toEqual([]);
    expect(call(ctx, 'claims.get', { id: k }).evidence).toEqual([]);
  });

  it('is hidden while its excerpt is in the trash, and cannot be restored before it', () => {
    const { ctx, k, ex } = withDocs();
    const link = call(ctx, 'evidence.create', { claimId: k, excerptId: ex, stance: 'supports' }).id;
    call(ctx, 'excerpts.delete', { id: ex });
    expect(call(ctx, 'evidence.list', { claimId: k })).toEqual([]);
    expect(call(ctx, 'claims.get', { id: k }).evidence).toEqual([]);
    call(ctx, 'evidence.delete', { id: link });
    expect(callError(ctx, 'trash.restore', { entity: 'evidence', id: link }).code).toBe('IN_TRASH');
    call(ctx, 'trash.restore', { entity: 'excerpt', id: ex });
    call(ctx, 'trash.restore', { entity: 'evidence', id: link });
    expect(call(ctx, 'claims.get', { id: k }).evidence.map((e) => e.excerpt?.id)).toEqual([ex]);
  });
});

describe('excerpts.create', () => {
  const TEXT = 'The minister said the port was closed. Later, the minister said the port was open. The port was busy.';

  function withDoc(text = TEXT) {
    const { ctx, caseId } = setup();
    const documentId = call(ctx, 'documents.create', { caseId, title: 'Transcript', text }).id;
    return { ctx, documentId };
  }

  it('by position reads the quote and up to 32 characters either side', () => {
    const { ctx, documentId } = withDoc();
    const start = TEXT.indexOf('port was open');
    const ex = call(ctx, 'excerpts.create', { documentId, start, end: start + 'port was open'.length });
    expect(ex).toMatchObject({
      start,
      end: start + 13,
      exact: 'port was open',
      prefix: TEXT.slice(start - 32, start),
      suffix: TEXT.slice(start + 13, start + 13 + 32),
    });
    expect(ex.prefix).toHaveLength(32);
    const atStart = call(ctx, 'excerpts.create', { documentId, start: 0, end: 3 });
    expect(atStart).toMatchObject({ exact: 'The', prefix: '', suffix: TEXT.slice(3, 35) });
    const atEnd = call(ctx, 'excerpts.create', { documentId, start: TEXT.length - 5, end: TEXT.length });
    expect(atEnd).toMatchObject({ exact: 'busy.', suffix: '' });
  });

  it('by exact text finds its position', () => {
    const { ctx, documentId } = withDoc();
    const ex = call(ctx, 'excerpts.create', { documentId, exact: 'Later, the minister' });
    expect(ex.start).toBe(TEXT.indexOf('Later, the minister'));
    expect(ex.end).toBe(ex.start + 'Later, the minister'.length);
    expect(TEXT.slice(ex.start, ex.end)).toBe(ex.exact);
  });

  it('chooses among repeats by prefix and suffix, the first one otherwise', () => {
    const { ctx, documentId } = withDoc();
    const first = TEXT.indexOf('minister said the port');
    const second = TEXT.indexOf('minister said the port', first + 1);
    expect(second).toBeGreaterThan(first);
    expect(call(ctx, 'excerpts.create', { documentId, exact: 'minister said the port' }).start).toBe(first);
    expect(call(ctx, 'excerpts.create', { documentId, exact: 'minister said the port', prefix: 'Later, the ' }).start).toBe(second);
    expect(call(ctx, 'excerpts.create', { documentId, exact: 'minister said the port', suffix: ' was open' }).start).toBe(second);
    expect(call(ctx, 'excerpts.create', { documentId, exact: 'minister said the port', suffix: ' was closed' }).start).toBe(first);
  });

  it('accepts positions with a matching exact, and refuses a mismatch, bad ranges and unknown text', () => {
    const { ctx, documentId } = withDoc();
    expect(call(ctx, 'excerpts.create', { documentId, start: 4, end: 12, exact: 'minister' }).exact).toBe('minister');
    expect(callError(ctx, 'excerpts.create', { documentId, start: 4, end: 12, exact: 'ministry' }).code).toBe('BAD_INPUT');
    const out = callError(ctx, 'excerpts.create', { documentId, start: 10, end: TEXT.length + 1 });
    expect(out.code).toBe('BAD_INPUT');
    expect(out.message).toContain(String(TEXT.length));
    for (const range of [
      { start: 5, end: 5 },
      { start: 6, end: 5 },
      { start: -1, end: 5 },
      { start: 0, end: 0 },
      { start: 1.5, end: 3 },
      { start: 3 },
      { end: 3 },
      {},
    ]) {
      expect(callError(ctx, 'excerpts.create', { documentId, ...range }).code, JSON.stringify(range)).toBe('BAD_INPUT');
    }
    expect(callError(ctx, 'excerpts.create', { documentId, exact: 'not in the text' }).code).toBe('NOT_FOUND');
    expect(call(ctx, 'excerpts.list', { documentId })).toHaveLength(1);
  });

  it('refuses a document in the trash', () => {
    const { ctx, documentId } = withDoc();
    call(ctx, 'documents.delete', { id: documentId });
    expect(callError(ctx, 'excerpts.create', { documentId, exact: 'minister' }).code).toBe('IN_TRASH');
  });

  it('lists excerpts in reading order', () => {
    const { ctx, documentId } = withDoc();
    call(ctx, 'excerpts.create', { documentId, exact: 'busy' });
    call(ctx, 'excerpts.create', { documentId, exact: 'closed' });
    call(ctx, 'excerpts.create', { documentId, exact: 'open' });
    expect(call(ctx, 'excerpts.list', { documentId }).map((e) => e.exact)).toEqual(['closed', 'open', 'busy']);
    expect(call(ctx, 'documents.get', { id: documentId }).excerpts.map((e) => e.exact)).toEqual(['closed', 'open', 'busy']);
  });
});
