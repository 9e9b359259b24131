// Create, read, update and delete for every kind of record, through the API: the same rules for
// each (revision, timestamps, optimistic concurrency, the trash).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Entity } from '../db/index.js';
import type { MethodName } from './api.js';
import type { Context } from './context.js';

interface Fixture {
  ctx: Context;
  caseId: string;
  sourceId: string;
  claimId: string;
  otherClaimId: string;
  documentId: string;
  excerptId: string;
}

function fixture(): Fixture {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'The case' }).id;
  const sourceId = call(ctx, 'sources.create', { name: 'Ana Ruiz' }).id;
  const claimId = call(ctx, 'claims.create', { caseId, statement: 'The port was closed in May.', sourceIds: [sourceId] }).id;
  const otherClaimId = call(ctx, 'claims.create', { caseId, statement: 'The port stayed open all year.' }).id;
  const documentId = call(ctx, 'documents.create', { caseId, title: 'Harbour log', text: 'The harbour log shows ships every day of May.' }).id;
  const excerptId = call(ctx, 'excerpts.create', { documentId, exact: 'ships every day of May' }).id;
  return { ctx, caseId, sourceId, claimId, otherClaimId, documentId, excerptId };
}

type Rec = { id: string; revision: number; createdAt: string; updatedAt: string; deletedAt: string | null } & Record<string, unknown>;

interface Spec {
  entity: Entity;
  create: (f: Fixture) => Rec;
  /** The record as the API shows it, or undefined when the API no longer lists it. */
  read: (f: Fixture, id: string) => Rec | undefined;
  /** Ids the entity's list method shows. */
  list: (f: Fixture) => string[];
  update: MethodName;
  patch: Record<string, unknown>;
  remove: MethodName;
  label: (f: Fixture) => string;
  caseOf: (f: Fixture, id: string) => string | null;
}

const asRec = (x: unknown) => x as Rec;

const SPECS: Spec[] = [
  {
    entity: 'case',
    create: (f) => asRec(call(f.ctx, 'cases.create', { title: 'Second case', description: 'Opened in March.' })),
    read: (f, id) => asRec(call(f.ctx, 'cases.get', { id })),
    list: (f) => call(f.ctx, 'cases.list', {}).map((c) => c.id),
    update: 'cases.update',
    patch: { title: 'Second case, renamed' },
    remove: 'cases.delete',
    label: () => 'Second case',
    caseOf: (_f, id) => id,
  },
  {
    entity: 'source',
    create: (f) => asRec(call(f.ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation', tags: ['official'] })),
    read: (f, id) => asRec(call(f.ctx, 'sources.get', { id }).source),
    list: (f) => call(f.ctx, 'sources.list', {}).map((s) => s.id),
    update: 'sources.update',
    patch: { role: 'regulator', reliability: 'B' },
    remove: 'sources.delete',
    label: () => 'Port Authority',
    caseOf: () => null,
  },
  {
    entity: 'claim',
    create: (f) => asRec(call(f.ctx, 'claims.create', { caseId: f.caseId, statement: 'Customs seized 2 tonnes.', tags: ['seizure'] })),
    read: (f, id) => asRec(call(f.ctx, 'claims.get', { id }).claim),
    list: (f) => call(f.ctx, 'claims.list', { caseId: f.caseId }).items.map((c) => c.id),
    update: 'claims.update',
    patch: { statement: 'Customs seized 3 tonnes.', saidOn: '2021-12' },
    remove: 'claims.delete',
    label: () => 'Customs seized 2 tonnes.',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'document',
    create: (f) => asRec(call(f.ctx, 'documents.create', { caseId: f.caseId, title: 'Customs bulletin', text: 'Bulletin text.' })),
    read: (f, id) => asRec(call(f.ctx, 'documents.get', { id }).document),
    list: (f) => call(f.ctx, 'documents.list', { caseId: f.caseId }).map((d) => d.id),
    update: 'documents.update',
    patch: { publisher: 'Customs Office', publishedOn: '2021-12-15' },
    remove: 'documents.delete',
    label: () => 'Customs bulletin',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'excerpt',
    create: (f) => asRec(call(f.ctx, 'excerpts.create', { documentId: f.documentId, exact: 'The harbour log' })),
    read: (f, id) => asRec(call(f.ctx, 'excerpts.get', { id })),
    list: (f) => call(f.ctx, 'excerpts.list', { documentId: f.documentId }).map((e) => e.id),
    update: 'excerpts.update',
    patch: { comment: 'Daily entries.', page: 3 },
    remove: 'excerpts.delete',
    label: () => 'The harbour log',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'evidence',
    create: (f) => asRec(call(f.ctx, 'evidence.create', { claimId: f.claimId, excerptId: f.excerptId, stance: 'contradicts' })),
    read: (f, id) => asRec(call(f.ctx, 'evidence.list', { claimId: f.claimId }).find((e) => e.id === id)),
    list: (f) => call(f.ctx, 'evidence.list', { claimId: f.claimId }).map((e) => e.id),
    update: 'evidence.update',
    patch: { stance: 'context', note: 'Ships, not necessarily trade.' },
    remove: 'evidence.delete',
    label: () => 'contradicts: Harbour log',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'claimLink',
    create: (f) => asRec(call(f.ctx, 'claimLinks.create', { fromClaimId: f.claimId, toClaimId: f.otherClaimId, relation: 'contradicts' })),
    read: (f, id) => asRec(call(f.ctx, 'claimLinks.list', { claimId: f.claimId }).find((l) => l.id === id)),
    list: (f) => call(f.ctx, 'claimLinks.list', { claimId: f.claimId }).map((l) => l.id),
    update: 'claimLinks.update',
    patch: { relation: 'qualifies', note: 'Partly.' },
    remove: 'claimLinks.delete',
    label: () => 'contradicts: The port stayed open all year.',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'reply',
    create: (f) =>
      asRec(call(f.ctx, 'replies.create', { caseId: f.caseId, claimId: f.claimId, sourceId: f.sourceId, subject: 'Ana Ruiz', contactedAt: '2021-12-01T09:00:00Z', channel: 'email' })),
    read: (f, id) => asRec(call(f.ctx, 'replies.list', { caseId: f.caseId }).find((r) => r.id === id)),
    list: (f) => call(f.ctx, 'replies.list', { caseId: f.caseId }).map((r) => r.id),
    update: 'replies.update',
    patch: { response: 'Declined to comment.', respondedAt: '2021-12-02T10:00:00Z' },
    remove: 'replies.delete',
    label: () => 'Reply from Ana Ruiz',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'note',
    create: (f) => asRec(call(f.ctx, 'notes.create', { caseId: f.caseId, title: 'Draft one', text: 'First words.' })),
    read: (f, id) => asRec(call(f.ctx, 'notes.get', { id })),
    list: (f) => call(f.ctx, 'notes.list', { caseId: f.caseId }).map((n) => n.id),
    update: 'notes.update',
    patch: { title: 'Draft two', text: 'Second words.' },
    remove: 'notes.delete',
    label: () => 'Draft one',
    caseOf: (f) => f.caseId,
  },
  {
    entity: 'event',
    create: (f) => asRec(call(f.ctx, 'events.create', { caseId: f.caseId, title: 'Emergency declaration', happenedOn: '2021-12' })),
    read: (f, id) => asRec(call(f.ctx, 'events.get', { id })),
    list: (f) => call(f.ctx, 'events.list', { caseId: f.caseId }).map((e) => e.id),
    update: 'events.update',
    patch: { happenedOn: '2021-12-15', description: 'Executive order on synthetic opioids.' },
    remove: 'events.delete',
    label: () => 'Emergency declaration',
    caseOf: (f) => f.caseId,
  },
];

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let clock = Date.parse('2024-03-01T12:00:00.000Z');
/** Moves the clock on, so updated_at can be seen to change. */
function tick(): void {
  clock += 1_000;
  vi.setSystemTime(clock);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  tick();
});
afterEach(() => {
  vi.useRealTimers();
});

it('covers every entity', async () => {
  const { ENTITY_NAMES } = await import('../db/index.js');
  expect(SPECS.map((s) => s.entity).sort()).toEqual([...ENTITY_NAMES].sort());
});

describe.each(SPECS.map((s) => [s.entity, s] as const))('%s', (_name, spec) => {
  function created() {
    const f = fixture();
    tick();
    const record = spec.create(f);
    return { f, record };
  }

  it('is created with a ULID, revision 1 and equal timestamps, and reads back the same', () => {
    const { f, record } = created();
    expect(record.id).toMatch(ULID);
    expect(record.revision).toBe(1);
    expect(record.deletedAt).toBeNull();
    expect(record.createdAt).toBe(new Date(clock).toISOString());
    expect(record.updatedAt).toBe(record.createdAt);
    expect(spec.read(f, record.id)).toMatchObject(record);
    expect(spec.list(f)).toContain(record.id);
  });

  it('update changes the fields, bumps the revision each time and updated_at, never created_at', () => {
    const { f, record } = created();
    tick();
    const first = asRec(call(f.ctx, spec.update, { id: record.id, ...spec.patch } as never));
    expect(first).toMatchObject(spec.patch);
    expect(first.revision).toBe(2);
    expect(first.createdAt).toBe(record.createdAt);
    expect(first.updatedAt).toBe(new Date(clock).toISOString());
    expect(first.updatedAt > record.updatedAt).toBe(true);
    tick();
    const second = asRec(call(f.ctx, spec.update, { id: record.id, revision: 2 } as never));
    expect(second.revision).toBe(3);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect(second.createdAt).toBe(record.createdAt);
    expect(spec.read(f, record.id)).toMatchObject({ ...spec.patch, revision: 3, updatedAt: second.updatedAt });
  });

  it('refuses an update made from a stale revision (CONFLICT) and changes nothing', () => {
    const { f, record } = created();
    call(f.ctx, spec.update, { id: record.id, revision: 1, ...spec.patch } as never);
    const current = spec.read(f, record.id);
    tick();
    for (const stale of [1, 3, 99]) {
      const error = callError(f.ctx, spec.update, { id: record.id, revision: stale, ...spec.patch });
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/changed elsewhere/);
    }
    expect(spec.read(f, record.id)).toEqual(current);
  });

  it('refuses to update what does not exist (NOT_FOUND)', () => {
    const { f } = created();
    expect(callError(f.ctx, spec.update, { id: 'NO-SUCH-RECORD', ...spec.patch }).code).toBe('NOT_FOUND');
  });

  it('delete moves it to the trash, restore brings it back, purge removes it for good', () => {
    const { f, record } = created();
    tick();
    expect(call(f.ctx, spec.remove, { id: record.id } as never)).toEqual({ trashed: record.id });
    const deletedAt = new Date(clock).toISOString();
    expect(spec.list(f)).not.toContain(record.id);
    expect(call(f.ctx, 'trash.list', {})).toEqual([
      { entity: spec.entity, entityId: record.id, caseId: spec.caseOf(f, record.id), label: spec.label(f), deletedAt },
    ]);
    // In the trash it cannot be changed or deleted again.
    expect(callError(f.ctx, spec.update, { id: record.id, ...spec.patch }).code).toBe('IN_TRASH');
    expect(callError(f.ctx, spec.remove, { id: record.id }).code).toBe('IN_TRASH');
    expect(callError(f.ctx, 'trash.purge', { entity: spec.entity, id: 'NO-SUCH-RECORD' }).code).toBe('NOT_FOUND');

    tick();
    const restored = asRec(call(f.ctx, 'trash.restore', { entity: spec.entity, id: record.id }));
    expect(restored).toMatchObject({ id: record.id, deletedAt: null, revision: record.revision + 2, createdAt: record.createdAt });
    expect(restored.updatedAt > record.updatedAt).toBe(true);
    expect(spec.list(f)).toContain(record.id);
    expect(call(f.ctx, 'trash.list', {})).toEqual([]);

    const live = callError(f.ctx, 'trash.purge', { entity: spec.entity, id: record.id });
    expect(live.code).toBe('NOT_IN_TRASH');
    expect(callError(f.ctx, 'trash.restore', { entity: spec.entity, id: record.id }).code).toBe('NOT_IN_TRASH');
    expect(spec.read(f, record.id)).toMatchObject({ id: record.id, deletedAt: null });

    call(f.ctx, spec.remove, { id: record.id } as never);
    expect(call(f.ctx, 'trash.purge', { entity: spec.entity, id: record.id })).toEqual({ purged: record.id });
    expect(call(f.ctx, 'trash.list', {})).toEqual([]);
    expect(spec.list(f)).not.toContain(record.id);
    expect(callError(f.ctx, 'trash.restore', { entity: spec.entity, id: record.id }).code).toBe('NOT_FOUND');
    expect(callError(f.ctx, 'trash.purge', { entity: spec.entity, id: record.id }).code).toBe('NOT_FOUND');
  });
});

describe('get of a trashed record', () => {
  it('still shows cases, sources, claims, documents, excerpts and notes, marked with deletedAt', () => {
    const f = fixture();
    const note = call(f.ctx, 'notes.create', { caseId: f.caseId, title: 'N' }).id;
    call(f.ctx, 'excerpts.delete', { id: f.excerptId });
    call(f.ctx, 'documents.delete', { id: f.documentId });
    call(f.ctx, 'claims.delete', { id: f.claimId });
    call(f.ctx, 'sources.delete', { id: f.sourceId });
    call(f.ctx, 'notes.delete', { id: note });
    call(f.ctx, 'cases.delete', { id: f.caseId });
    expect(call(f.ctx, 'cases.get', { id: f.caseId }).deletedAt).toBeTruthy();
    expect(call(f.ctx, 'sources.get', { id: f.sourceId }).source.deletedAt).toBeTruthy();
    expect(call(f.ctx, 'claims.get', { id: f.claimId }).claim.deletedAt).toBeTruthy();
    expect(call(f.ctx, 'documents.get', { id: f.documentId }).document.deletedAt).toBeTruthy();
    expect(call(f.ctx, 'excerpts.get', { id: f.excerptId }).deletedAt).toBeTruthy();
    expect(call(f.ctx, 'notes.get', { id: note }).deletedAt).toBeTruthy();
  });

  it('get of an id that never existed is NOT_FOUND for every reader', () => {
    const f = fixture();
    for (const name of ['cases.get', 'sources.get', 'claims.get', 'documents.get', 'excerpts.get', 'notes.get'] as const) {
      const error = callError(f.ctx, name, { id: 'NOPE' });
      expect(error.code, name).toBe('NOT_FOUND');
      expect(error.message).toContain('NOPE');
    }
  });
});

describe('updates of records with tags', () => {
  it('refuse a missing record as NOT_FOUND even when tags are given', () => {
    const f = fixture();
    for (const name of ['sources.update', 'documents.update', 'claims.update'] as const) {
      expect(callError(f.ctx, name, { id: 'NO-SUCH-RECORD', tags: ['x'] }).code, name).toBe('NOT_FOUND');
    }
    expect(call(f.ctx, 'tags.list', {})).toEqual([]);
  });

  it('replace the tags, case-insensitively deduplicated, and tags.list counts their uses', () => {
    const f = fixture();
    const s = call(f.ctx, 'sources.update', { id: f.sourceId, tags: ['Customs', 'customs', 'port'] });
    expect(s.tags).toEqual(['customs', 'port']);
    expect(call(f.ctx, 'sources.get', { id: f.sourceId }).source.tags.map((t) => t.toLowerCase()).sort()).toEqual(['customs', 'port']);
    call(f.ctx, 'documents.update', { id: f.documentId, tags: ['port'] });
    call(f.ctx, 'claims.update', { id: f.claimId, tags: ['PORT'] });
    const tags = call(f.ctx, 'tags.list', {});
    expect(tags.map((t) => [t.name.toLowerCase(), t.uses])).toEqual([
      ['customs', 1],
      ['port', 3],
    ]);
    expect(call(f.ctx, 'documents.update', { id: f.documentId, tags: [] }).tags).toEqual([]);
  });
});

describe('sources', () => {
  it('refuse affiliation loops, directly or through others', () => {
    const f = fixture();
    const a = call(f.ctx, 'sources.create', { name: 'Ministry', kind: 'organisation' }).id;
    const b = call(f.ctx, 'sources.create', { name: 'Department', kind: 'organisation', affiliationId: a }).id;
    const c = call(f.ctx, 'sources.create', { name: 'Desk officer', affiliationId: b }).id;
    expect(callError(f.ctx, 'sources.update', { id: a, affiliationId: a }).code).toBe('BAD_REFERENCE');
    expect(callError(f.ctx, 'sources.update', { id: a, affiliationId: b }).code).toBe('BAD_REFERENCE');
    const error = callError(f.ctx, 'sources.update', { id: a, affiliationId: c });
    expect(error.code).toBe('BAD_REFERENCE');
    expect(error.message).toMatch(/affiliated with itself/);
    expect(call(f.ctx, 'sources.get', { id: a }).source.affiliationId).toBeNull();
    // A chain without a loop is fine.
    expect(call(f.ctx, 'sources.update', { id: f.sourceId, affiliationId: c }).affiliationId).toBe(c);
  });

  it('refuse an affiliation with a missing or trashed source', () => {
    const f = fixture();
    expect(callError(f.ctx, 'sources.create', { name: 'X', affiliationId: 'NOPE' }).code).toBe('NOT_FOUND');
    const gone = call(f.ctx, 'sources.create', { name: 'Gone' }).id;
    call(f.ctx, 'sources.delete', { id: gone });
    expect(callError(f.ctx, 'sources.create', { name: 'X', affiliationId: gone }).code).toBe('IN_TRASH');
    expect(call(f.ctx, 'sources.list', {}).map((s) => s.name)).toEqual(['Ana Ruiz']);
  });

  it('keep contact details, confidentiality and aliases as given', () => {
    const f = fixture();
    const s = call(f.ctx, 'sources.create', {
      name: 'Source K',
      confidential: true,
      anonymityReason: 'fears dismissal',
      identityKnownBy: 'editor',
      description: 'a clerk at the port',
      contact: { email: 'k@example.org', phone: '+1 555 0100' },
      aliases: ['K'],
      defaultAttribution: 'deep_background',
    });
    expect(call(f.ctx, 'sources.get', { id: s.id }).source).toMatchObject({
      confidential: true,
      contact: { email: 'k@example.org', phone: '+1 555 0100' },
      aliases: ['K'],
      defaultAttribution: 'deep_background',
      kind: 'person',
    });
    expect(callError(f.ctx, 'sources.create', { name: 'X', contact: { fax: '1' } }).code).toBe('BAD_INPUT');
  });

  it('sources.get lists the claims a source made, and sources.list counts them (per case with caseId)', () => {
    const f = fixture();
    const other = call(f.ctx, 'cases.create', { title: 'Other case' }).id;
    call(f.ctx, 'claims.create', { caseId: other, statement: 'Elsewhere', sourceIds: [f.sourceId] });
    expect(call(f.ctx, 'sources.get', { id: f.sourceId }).claims).toHaveLength(2);
    expect(call(f.ctx, 'sources.list', {}).find((s) => s.id === f.sourceId)?.claimCount).toBe(2);
    const silent = call(f.ctx, 'sources.create', { name: 'Silent' }).id;
    expect(call(f.ctx, 'sources.list', { caseId: f.caseId }).map((s) => s.id)).toEqual([f.sourceId]);
    expect(call(f.ctx, 'sources.list', {}).map((s) => s.id)).toContain(silent);
  });
});

describe('replies', () => {
  it('refuse a response dated before the request, and a claim of another case', () => {
    const f = fixture();
    expect(
      callError(f.ctx, 'replies.create', { caseId: f.caseId, subject: 'X', contactedAt: '2021-12-02T00:00:00Z', respondedAt: '2021-12-01T00:00:00Z' }).code,
    ).toBe('BAD_INPUT');
    const other = call(f.ctx, 'cases.create', { title: 'Other' }).id;
    expect(callError(f.ctx, 'replies.create', { caseId: other, claimId: f.claimId, subject: 'X', contactedAt: '2021-12-02T00:00:00Z' }).code).toBe('BAD_REFERENCE');
    expect(callError(f.ctx, 'replies.create', { caseId: f.caseId, subject: 'X', contactedAt: 'yesterday' }).code).toBe('BAD_INPUT');
  });

  it('are listed by case or by claim, oldest request first', () => {
    const f = fixture();
    const later = call(f.ctx, 'replies.create', { caseId: f.caseId, claimId: f.claimId, subject: 'B', contactedAt: '2021-12-05T00:00:00Z' }).id;
    const earlier = call(f.ctx, 'replies.create', { caseId: f.caseId, subject: 'A', contactedAt: '2021-12-01T00:00:00Z' }).id;
    expect(call(f.ctx, 'replies.list', { caseId: f.caseId }).map((r) => r.id)).toEqual([earlier, later]);
    expect(call(f.ctx, 'replies.list', { claimId: f.claimId }).map((r) => r.id)).toEqual([later]);
    expect(call(f.ctx, 'claims.get', { id: f.claimId }).replies.map((r) => r.id)).toEqual([later]);
  });
});

describe('documents', () => {
  it('cannot have their text edited (excerpts are anchored in it)', () => {
    const f = fixture();
    expect(callError(f.ctx, 'documents.update', { id: f.documentId, text: 'new' }).code).toBe('BAD_INPUT');
  });

  it('list without their text but with its length', () => {
    const f = fixture();
    const [doc] = call(f.ctx, 'documents.list', { caseId: f.caseId });
    expect(doc).not.toHaveProperty('text');
    expect(doc!.textLength).toBe('The harbour log shows ships every day of May.'.length);
  });

  it('accept only web addresses and partial or full dates', () => {
    const f = fixture();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(callError(f.ctx, 'documents.create', { caseId: f.caseId, title: 'X', url }).code, url).toBe('BAD_INPUT');
    }
    expect(call(f.ctx, 'documents.create', { caseId: f.caseId, title: 'X', url: 'https://example.org/a', retrievedAt: '2024-01-02T03:04:05Z' }).url).toBe('https://example.org/a');
    expect(call(f.ctx, 'documents.create', { caseId: f.caseId, title: 'Y', retrievedAt: '2024-01' }).retrievedAt).toBe('2024-01');
  });
});
