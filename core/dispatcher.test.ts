import { describe, expect, it, vi } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import { methods, type MethodName } from './api.js';
import type { Context } from './context.js';
import { bodyLimitFor, dispatch } from './dispatcher.js';

const ID = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const AT = '2021-12-15T14:30:00Z';

/**
 * One well-formed input per method. The type makes a new method without a sample a type error,
 * and the first test below makes it a test failure: either way it cannot go untested.
 */
const SAMPLES: Record<MethodName, unknown> = {
  'cases.list': {},
  'cases.get': { id: ID },
  'cases.create': { title: 'A case' },
  'cases.update': { id: ID, title: 'Renamed' },
  'cases.delete': { id: ID },
  'sources.list': {},
  'sources.get': { id: ID },
  'sources.create': { name: 'A source' },
  'sources.update': { id: ID, role: 'minister' },
  'sources.delete': { id: ID },
  'claims.list': { caseId: ID },
  'claims.get': { id: ID },
  'claims.create': { caseId: ID, statement: 'Something happened.' },
  'claims.update': { id: ID, statement: 'Something else happened.' },
  'claims.setStatus': { id: ID, status: 'verified' },
  'claims.delete': { id: ID },
  'verification.list': { claimId: ID },
  'replies.list': { caseId: ID },
  'replies.create': { caseId: ID, subject: 'The ministry', contactedAt: AT },
  'replies.update': { id: ID, response: 'No comment.' },
  'replies.delete': { id: ID },
  'documents.list': { caseId: ID },
  'documents.get': { id: ID },
  'documents.create': { caseId: ID, title: 'A report' },
  'documents.update': { id: ID, author: 'Someone' },
  'documents.delete': { id: ID },
  'excerpts.list': { documentId: ID },
  'excerpts.get': { id: ID },
  'excerpts.create': { documentId: ID, exact: 'a passage' },
  'excerpts.update': { id: ID, comment: 'Key line.' },
  'excerpts.delete': { id: ID },
  'evidence.list': { claimId: ID },
  'evidence.create': { claimId: ID, documentId: ID, stance: 'supports' },
  'evidence.update': { id: ID, note: 'See page 2.' },
  'evidence.delete': { id: ID },
  'claimLinks.list': { claimId: ID },
  'claimLinks.create': { fromClaimId: ID, toClaimId: `${ID}2`, relation: 'contradicts' },
  'claimLinks.update': { id: ID, note: 'Flatly.' },
  'claimLinks.delete': { id: ID },
  'notes.list': { caseId: ID },
  'notes.get': { id: ID },
  'notes.create': { caseId: ID, title: 'Draft' },
  'notes.update': { id: ID, text: 'New text.' },
  'notes.delete': { id: ID },
  'trash.list': {},
  'trash.restore': { entity: 'case', id: ID },
  'trash.purge': { entity: 'case', id: ID },
  'search.query': { query: 'fentanyl' },
  'library.stats': {},
  'library.doctor': {},
  'library.info': {},
  'library.lockState': {},
  'library.unlock': { passphrase: 'correct horse battery staple' },
  'library.lock': {},
  'library.encrypt': { passphrase: 'correct horse battery staple', confirm: true },
  'library.changePassphrase': { current: 'correct horse battery staple', next: 'another horse battery staple' },
  'library.decrypt': { passphrase: 'correct horse battery staple', confirm: true },
  'tags.list': {},
  'libraries.current': {},
  'libraries.recent': {},
  'libraries.open': { path: '/home/reporter/Investigations/pipeline.corroborate' },
  'libraries.create': { path: '/home/reporter/Investigations/new.corroborate' },
  'libraries.forget': { path: '/home/reporter/Investigations/old.corroborate' },
  'demo.load': {},
  'sync.status': {},
  'sync.history': { caseId: ID, recordId: ID },
  'sync.attach': { caseId: ID, serverUrl: 'ws://127.0.0.1:1', docName: 'desk', member: 'Ana', role: 'reporter', credential: 'mem_aaaaaaaaaaaaaaaaaaaaaaaa' },
  'sync.join': { serverUrl: 'ws://127.0.0.1:1', docName: 'desk', member: 'Ana', role: 'reporter', credential: 'mem_aaaaaaaaaaaaaaaaaaaaaaaa', update: 'AAA=' },
  'sync.share': { caseId: ID, server: 'ws://127.0.0.1:1', invitation: `inv_${'a'.repeat(43)}` },
  'sync.accept': { server: 'ws://127.0.0.1:1', invitation: `inv_${'a'.repeat(43)}` },
  'sync.receive': { caseId: ID, update: 'AAA=' },
  'sync.acknowledge': { caseId: ID, snapshot: 'AAA=' },
  'sync.check': {},
  'sync.source': { sourceId: ID },
  'sync.grant': { caseId: ID, sourceId: ID, member: 'Ben' },
  'sync.revoke': { caseId: ID, sourceId: ID, member: 'Ben' },
  'sync.memberKey': { caseId: ID },
  'sync.peers': { caseId: ID, members: [{ name: 'Ben', publicKey: 'a'.repeat(43) }] },
  'sync.noteOpen': { noteId: ID },
  'sync.noteMember': { noteId: ID },
  'sync.noteChange': { noteId: ID, update: 'AAA=', from: 'here', settle: true },
  'sync.noteChanges': { after: 0 },
  'sync.noteAcknowledge': { noteId: ID, snapshot: 'AAA=' },
  'sync.watch': { after: 1, waitMs: 0 },
  'sources.merge': { keepId: ID, mergeId: 'OTHER' },
  'undo.peek': {},
  'undo.last': {},
  'trash.empty': {},
  'preferences.get': {},
  'preferences.set': { checkerName: 'Ines Okafor' },
  'find.quick': { query: 'felbab' },
  'documents.import': { caseId: ID, fileName: 'note.txt', data: Buffer.from('Some text.').toString('base64') },
  'records.import': { caseId: ID, records: [{ type: 'claim', statement: 'Something happened.', sources: ['A source'] }] },
  'jobs.progress': { jobId: 'job-12345678' },
  'jobs.cancel': { jobId: 'job-12345678' },
  'documents.replaceText': { id: ID, text: 'A new version.' },
  'documents.proposeClaims': { documentId: ID },
  'documents.acceptProposals': { documentId: ID, items: [{ start: 0, end: 4, quote: 'Some' }] },
  'documents.rejectProposals': { documentId: ID, passages: [{ start: 0, end: 4, quote: 'Some' }] },
  'searches.list': { caseId: ID },
  'searches.save': { caseId: ID, name: 'Disputed', query: 'status:disputed' },
  'searches.delete': { id: ID },
  'packets.profiles': {},
  'packets.rememberChoice': { profile: 'lawyer', format: 'html' },
  'packets.preview': { caseId: ID, profile: 'lawyer' },
  'packets.export': { caseId: ID, profile: { base: 'editor', fields: { replies: false } }, format: 'csv' },
  'archive.create': { caseId: ID, out: '/tmp/case-archive.zip' },
  'archive.import': { file: '/tmp/case-archive.zip' },
  'backups.list': {},
  'backups.create': { path: '/tmp/library-backup.corroborate' },
  'backups.restore': { name: 'auto-2026-12-01T09-30-00Z.corroborate', confirm: true },
  'events.list': { caseId: ID },
  'events.get': { id: ID },
  'events.create': { caseId: ID, title: 'Emergency declared', happenedOn: '2021-12-15' },
  'events.update': { id: ID, happenedUntil: '2022' },
  'events.delete': { id: ID },
  'map.graph': { caseId: ID },
  'map.positions.get': { caseId: ID },
  'map.positions.save': { caseId: ID, positions: { [ID]: { x: 10, y: -20.5 } } },
  'timeline.items': { caseId: ID },
};

const NAMES = Object.keys(methods) as MethodName[];
const optionalInput = (name: MethodName) => methods[name].input.safeParse(undefined).success;

function expectBadInput(ctx: Context, name: string, input: unknown) {
  const error = callError(ctx, name, input);
  expect(error.code, `${name} ${JSON.stringify(input)?.slice(0, 60)}`).toBe('BAD_INPUT');
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.issues?.length).toBeGreaterThan(0);
  return error;
}

function count(ctx: Context, table: string): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

const TABLES = ['cases', 'sources', 'claims', 'claim_sources', 'verification_log', 'replies', 'documents', 'excerpts', 'evidence_links', 'claim_links', 'notes', 'tags', 'claim_tags', 'source_tags', 'document_tags', 'trash'];
const snapshot = (ctx: Context) => Object.fromEntries(TABLES.map((t) => [t, count(ctx, t)]));

describe('input samples', () => {
  it('cover every method, and each is accepted by its schema', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const parsed = methods[name].input.safeParse(SAMPLES[name]);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe.each(NAMES)('%s', (name) => {
  it('rejects malformed input with BAD_INPUT and the fields at fault, writing nothing', () => {
    const ctx = tempLibrary();
    const before = snapshot(ctx);
    for (const input of [42, 'a string', '', true, [], [SAMPLES[name]], () => 1]) expectBadInput(ctx, name, input);
    const unknownKey = expectBadInput(ctx, name, { ...(SAMPLES[name] as object), sneaky: 1 });
    expect(unknownKey.message).toContain('sneaky');
    expectBadInput(ctx, name, { sneaky: 1 });
    // JSON.parse makes __proto__ an own key: refused like any other, and nothing is polluted.
    expectBadInput(ctx, name, { ...(SAMPLES[name] as object), ...JSON.parse('{"__proto__": {"polluted": true}}') });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(snapshot(ctx)).toEqual(before);
  });

  if (optionalInput(name)) {
    it('accepts no input at all (and null, as a door sends it)', () => {
      const ctx = tempLibrary();
      for (const input of [undefined, null]) {
        const res = dispatch(ctx, name, input, () => {});
        // On an empty library there is nothing to undo: the input was fine, the answer says so.
        if (name === 'undo.last') expect(res).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_UNDO' } });
        else expect(res.ok, JSON.stringify(res)).toBe(true);
      }
    });
  } else {
    it('refuses a missing input', () => {
      const ctx = tempLibrary();
      expectBadInput(ctx, name, undefined);
      expectBadInput(ctx, name, null);
      expectBadInput(ctx, name, {});
    });
  }
});

describe('dispatch', () => {
  it('refuses an unknown method with UNKNOWN_METHOD, including names inherited from Object', () => {
    const ctx = tempLibrary();
    for (const name of ['cases.nope', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'cases', 'CASES.LIST', 'x'.repeat(10_000)]) {
      const error = callError(ctx, name, {});
      expect(error.code, name.slice(0, 20)).toBe('UNKNOWN_METHOD');
      expect(error.message.length).toBeLessThan(300);
    }
    expect(callError(ctx, 42 as unknown as string, {}).code).toBe('UNKNOWN_METHOD');
  });

  it('refuses oversized strings with BAD_INPUT and writes nothing', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Size limits' }).id;
    const documentId = call(ctx, 'documents.create', { caseId, title: 'Doc', text: 'Some text here.' }).id;
    const before = snapshot(ctx);
    const cases: [MethodName, unknown, string][] = [
      ['cases.create', { title: 'x'.repeat(600) }, 'title'],
      ['cases.create', { title: 'ok', description: 'x'.repeat(20_001) }, 'description'],
      ['claims.create', { caseId, statement: 'x'.repeat(30_000) }, 'statement'],
      ['claims.create', { caseId, statement: 'ok', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      ['claims.create', { caseId, statement: 'ok', tags: ['x'.repeat(81)] }, 'tags'],
      ['sources.create', { name: 'x'.repeat(301) }, 'name'],
      ['sources.create', { name: 'ok', aliases: Array.from({ length: 51 }, (_, i) => `a${i}`) }, 'aliases'],
      ['documents.create', { caseId, title: 'ok', url: `https://example.org/${'x'.repeat(2_000)}` }, 'url'],
      ['excerpts.create', { documentId, exact: 'x'.repeat(20_001) }, 'exact'],
      ['notes.create', { caseId, title: 'ok', content: 'x'.repeat(5_000_001) }, 'content'],
      ['search.query', { query: 'x'.repeat(10_001) }, 'query'],
      ['cases.get', { id: 'x'.repeat(65) }, 'id'],
    ];
    for (const [name, input, field] of cases) {
      const error = expectBadInput(ctx, name, input);
      expect(error.issues?.[0]?.path, name).toContain(field);
    }
    expect(snapshot(ctx)).toEqual(before);
  });

  it('trims strings and refuses a title of only spaces', () => {
    const ctx = tempLibrary();
    expect(call(ctx, 'cases.create', { title: '  Padded  ' }).title).toBe('Padded');
    expectBadInput(ctx, 'cases.create', { title: '   ' });
  });

  it('turns an unexpected failure into INTERNAL with a generic message, and logs it', () => {
    const ctx = tempLibrary();
    ctx.db.close();
    const log = vi.fn();
    const res = dispatch(ctx, 'cases.list', {}, log);
    expect(res).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/Something went wrong/) },
    });
    expect(JSON.stringify(res)).not.toMatch(/connection|not open|TypeError|at /);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toContain('cases.list');
    expect(log.mock.calls[0]![1]).toBeInstanceOf(Error);
  });

  it('does not log the errors a reporter caused', () => {
    const ctx = tempLibrary();
    const log = vi.fn();
    expect(dispatch(ctx, 'cases.get', { id: 'missing' }, log)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(dispatch(ctx, 'cases.get', 42, log)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(dispatch(ctx, 'no.such', {}, log)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(log).not.toHaveBeenCalled();
  });

  it('a SQLite error inside a write rolls it all back and is reported as INTERNAL', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Rollback' }).id;
    const sourceId = call(ctx, 'sources.create', { name: 'A source' }).id;
    // Fail on the last write claims.create makes (its tags), after the claim and its sources are in.
    ctx.db.exec("CREATE TEMP TRIGGER boom BEFORE INSERT ON claim_tags BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const before = snapshot(ctx);
    const log = vi.fn();
    const res = dispatch(ctx, 'claims.create', { caseId, statement: 'Half-written', sourceIds: [sourceId], tags: ['new-tag'], status: 'verified' }, log);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledTimes(1);
    expect(snapshot(ctx)).toEqual(before);
    expect(ctx.db.inTransaction).toBe(false);
    ctx.db.exec('DROP TRIGGER temp.boom');
    expect(call(ctx, 'claims.create', { caseId, statement: 'Whole', sourceIds: [sourceId], tags: ['new-tag'] }).tags).toEqual(['new-tag']);
  });

  it('claims.create naming one real and one missing source writes nothing', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Refs' }).id;
    const sourceId = call(ctx, 'sources.create', { name: 'Real' }).id;
    const before = snapshot(ctx);
    const error = callError(ctx, 'claims.create', { caseId, statement: 'x', sourceIds: [sourceId, 'NOPE'], tags: ['t'] });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('NOPE');
    expect(snapshot(ctx)).toEqual(before);
  });

  it('an update refused for a stale revision leaves its earlier writes (tags, sources) undone', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Conflicts' }).id;
    const a = call(ctx, 'sources.create', { name: 'A', tags: ['old'] });
    const b = call(ctx, 'sources.create', { name: 'B' });
    const claim = call(ctx, 'claims.create', { caseId, statement: 'x', sourceIds: [a.id], tags: ['old'] });
    const doc = call(ctx, 'documents.create', { caseId, title: 'D', tags: ['old'] });
    const before = snapshot(ctx);
    expect(callError(ctx, 'sources.update', { id: a.id, revision: 99, tags: ['fresh'] }).code).toBe('CONFLICT');
    expect(callError(ctx, 'claims.update', { id: claim.id, revision: 99, sourceIds: [b.id], tags: ['fresh'] }).code).toBe('CONFLICT');
    expect(callError(ctx, 'documents.update', { id: doc.id, revision: 99, tags: ['fresh'] }).code).toBe('CONFLICT');
    expect(snapshot(ctx)).toEqual(before);
    expect(call(ctx, 'claims.get', { id: claim.id }).claim).toMatchObject({ sourceIds: [a.id], tags: ['old'], revision: 1 });
    expect(call(ctx, 'tags.list', {}).map((t) => t.name)).toEqual(['old']);
  });
});

describe('what a method declares for the doors and the dispatcher', () => {
  it('lets only seeing the lock and opening or closing it answer while the library is locked', () => {
    const whileLocked = Object.entries(methods).filter(([, m]) => 'whileLocked' in m && m.whileLocked).map(([name]) => name);
    expect(whileLocked.sort()).toEqual(['library.lock', 'library.lockState', 'library.unlock']);
  });

  it('gives a method its own body limit only above the door’s default', () => {
    const door = 16 * 1024 * 1024;
    expect(bodyLimitFor('documents.import', door)).toBeGreaterThan(door);
    expect(bodyLimitFor('documents.import', 1024 ** 3)).toBe(1024 ** 3);
    expect(bodyLimitFor('cases.create', door)).toBe(door);
    expect(bodyLimitFor('no.such.method', door)).toBe(door);
  });
});
