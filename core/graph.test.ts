import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';
import { dateRange, spanRange } from './dates.js';

describe('dateRange', () => {
  it('turns a year, a month and a day into the range [start, end) each stands for', () => {
    expect(dateRange('2017')).toEqual({ start: '2017-01-01T00:00:00.000Z', end: '2018-01-01T00:00:00.000Z', precision: 'year' });
    expect(dateRange('2021-12')).toEqual({ start: '2021-12-01T00:00:00.000Z', end: '2022-01-01T00:00:00.000Z', precision: 'month' });
    expect(dateRange('2024-02')).toMatchObject({ end: '2024-03-01T00:00:00.000Z' });
    expect(dateRange('2021-12-15')).toEqual({ start: '2021-12-15T00:00:00.000Z', end: '2021-12-16T00:00:00.000Z', precision: 'day' });
    expect(dateRange('2021-12-31')).toMatchObject({ end: '2022-01-01T00:00:00.000Z' });
    expect(dateRange('2024-02-29')).toMatchObject({ end: '2024-03-01T00:00:00.000Z' });
  });

  it('reads early years as themselves, not as 19xx', () => {
    expect(dateRange('0050')).toMatchObject({ start: '0050-01-01T00:00:00.000Z', end: '0051-01-01T00:00:00.000Z' });
  });

  it('takes a timestamp as an instant and refuses what is not a date', () => {
    expect(dateRange('2021-12-16T10:30:00Z')).toEqual({ start: '2021-12-16T10:30:00.000Z', end: '2021-12-16T10:30:00.000Z', precision: 'instant' });
    expect(() => dateRange('last winter')).toThrow(/not a date/);
  });

  it('spans from the start of one date to the end of another, never backwards', () => {
    expect(spanRange('2021-06', '2021-12-15')).toEqual({ start: '2021-06-01T00:00:00.000Z', end: '2021-12-16T00:00:00.000Z', precision: 'day' });
    expect(spanRange('2021', null)).toEqual(dateRange('2021'));
    // Inside the same month: the span is the month.
    expect(spanRange('2021-12', '2021-12-03')).toMatchObject({ start: '2021-12-01T00:00:00.000Z', end: '2022-01-01T00:00:00.000Z' });
    expect(() => spanRange('2021-12', '2021-11')).toThrow(/cannot end before/);
  });
});

function demo(): { ctx: Context; caseId: string } {
  const ctx = tempLibrary();
  return { ctx, caseId: call(ctx, 'demo.load', {}).caseId };
}

describe('events', () => {
  it('are records like any other: created, listed in date order, updated with revisions, trashed and restored', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Events' }).id;
    const later = call(ctx, 'events.create', { caseId, title: 'Declaration', happenedOn: '2021-12-15' });
    const earlier = call(ctx, 'events.create', { caseId, title: 'Listing', happenedOn: '2021-06', description: 'Six precursors.' });
    expect(later).toMatchObject({ caseId, title: 'Declaration', happenedOn: '2021-12-15', happenedUntil: null, description: '', revision: 1, deletedAt: null });
    expect(call(ctx, 'events.list', { caseId }).map((e) => e.title)).toEqual(['Listing', 'Declaration']);

    const updated = call(ctx, 'events.update', { id: earlier.id, revision: 1, happenedUntil: '2021-07' });
    expect(updated).toMatchObject({ revision: 2, happenedUntil: '2021-07', description: 'Six precursors.' });
    expect(callError(ctx, 'events.update', { id: earlier.id, revision: 1, title: 'Stale' }).code).toBe('CONFLICT');
    expect(callError(ctx, 'events.update', { id: earlier.id, happenedUntil: '2020' }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'events.create', { caseId, title: 'Backwards', happenedOn: '2021-12', happenedUntil: '2021-01' }).code).toBe('BAD_INPUT');
    expect(callError(ctx, 'events.create', { caseId, title: 'No day', happenedOn: '2021-02-30' }).code).toBe('BAD_INPUT');

    call(ctx, 'events.delete', { id: later.id });
    expect(call(ctx, 'events.list', { caseId }).map((e) => e.title)).toEqual(['Listing']);
    expect(call(ctx, 'trash.list', {})).toEqual([expect.objectContaining({ entity: 'event', entityId: later.id, label: 'Declaration' })]);
    call(ctx, 'undo.last', {});
    expect(call(ctx, 'events.list', { caseId })).toHaveLength(2);
  });

  it('need a live case', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Gone' }).id;
    call(ctx, 'cases.delete', { id: caseId });
    expect(callError(ctx, 'events.create', { caseId, title: 'Too late', happenedOn: '2021' }).code).toBe('IN_TRASH');
  });
});

describe('map.graph', () => {
  it('draws the demo case: every claim, the sources who made them, the documents, and every link', () => {
    const { ctx, caseId } = demo();
    const { nodes, edges } = call(ctx, 'map.graph', { caseId });
    const claims = call(ctx, 'claims.list', { caseId, limit: 1000 }).items;
    const byKind = (k: string) => nodes.filter((n) => n.kind === k);
    expect(byKind('claim').map((n) => n.id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(byKind('document')).toHaveLength(call(ctx, 'documents.list', { caseId }).length);
    const sourceIds = new Set(claims.flatMap((c) => c.sourceIds));
    expect(new Set(byKind('source').map((n) => n.id))).toEqual(sourceIds);

    // Each claim node carries what the filters need.
    for (const c of claims) {
      const node = nodes.find((n) => n.id === c.id)!;
      expect(node).toMatchObject({ status: c.status, label: c.statement, sourceIds: c.sourceIds });
      expect([...node.tags].sort()).toEqual([...c.tags].sort());
    }

    const ids = new Set(nodes.map((n) => n.id));
    for (const e of edges) {
      expect(ids.has(e.from), e.id).toBe(true);
      expect(ids.has(e.to), e.id).toBe(true);
    }
    const saidBy = edges.filter((e) => e.kind === 'said_by');
    expect(saidBy).toHaveLength(claims.reduce((n, c) => n + c.sourceIds.length, 0));
    const links = new Map(claims.flatMap((c) => call(ctx, 'claimLinks.list', { claimId: c.id })).map((l) => [l.id, l]));
    expect(edges.filter((e) => e.kind === 'link').map((e) => [e.id, e.from, e.to, e.relation]).sort()).toEqual(
      [...links.values()].map((l) => [l.id, l.fromClaimId, l.toClaimId, l.relation]).sort(),
    );
    const evidence = claims.flatMap((c) => call(ctx, 'evidence.list', { claimId: c.id }));
    expect(edges.filter((e) => e.kind === 'evidence')).toHaveLength(evidence.length);
    expect(edges.some((e) => e.kind === 'evidence' && e.relation === 'contradicts')).toBe(true);
  });

  it('shows a confidential source by its description, never its name', () => {
    const { ctx, caseId } = demo();
    const confidential = call(ctx, 'sources.list', { caseId }).filter((s) => s.confidential);
    expect(confidential.length).toBeGreaterThan(0);
    const { nodes } = call(ctx, 'map.graph', { caseId });
    for (const s of confidential) {
      const node = nodes.find((n) => n.id === s.id)!;
      expect(node.confidential).toBe(true);
      expect(node.label).toBe(s.description);
      expect(JSON.stringify(nodes)).not.toContain(s.name);
    }
  });

  it('leaves out trashed records and the edges that reach them', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Trash' }).id;
    const source = call(ctx, 'sources.create', { name: 'Ana' }).id;
    const a = call(ctx, 'claims.create', { caseId, statement: 'A', sourceIds: [source], tags: ['ports'] }).id;
    const b = call(ctx, 'claims.create', { caseId, statement: 'B', sourceIds: [source] }).id;
    const doc = call(ctx, 'documents.create', { caseId, title: 'Doc' }).id;
    call(ctx, 'claimLinks.create', { fromClaimId: b, toClaimId: a, relation: 'contradicts' });
    call(ctx, 'evidence.create', { claimId: a, documentId: doc, stance: 'supports' });
    const before = call(ctx, 'map.graph', { caseId });
    expect(before.nodes).toHaveLength(4);
    expect(before.edges.map((e) => e.kind).sort()).toEqual(['evidence', 'link', 'said_by', 'said_by']);
    expect(before.nodes.find((n) => n.id === a)!.tags).toEqual(['ports']);

    call(ctx, 'claims.delete', { id: b });
    call(ctx, 'documents.delete', { id: doc });
    const after = call(ctx, 'map.graph', { caseId });
    expect(after.nodes.map((n) => n.id).sort()).toEqual([a, source].sort());
    expect(after.edges.map((e) => e.kind)).toEqual(['said_by']);
  });

  it('answers a case of 2,000 nodes quickly', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Big' }).id;
    const sources = Array.from({ length: 200 }, (_, i) => call(ctx, 'sources.create', { name: `Source ${i}` }).id);
    const insert = ctx.db.transaction(() => {
      const claims: string[] = [];
      for (let i = 0; i < 1600; i++) {
        claims.push(call(ctx, 'claims.create', { caseId, statement: `Claim ${i}`, sourceIds: [sources[i % 200]!], tags: [`t${i % 7}`] }).id);
        if (i > 0 && i % 2 === 0) call(ctx, 'claimLinks.create', { fromClaimId: claims[i]!, toClaimId: claims[i - 1]!, relation: i % 4 ? 'supports' : 'contradicts' });
      }
      for (let i = 0; i < 200; i++) call(ctx, 'documents.create', { caseId, title: `Document ${i}` });
    });
    insert();
    const started = performance.now();
    const graph = call(ctx, 'map.graph', { caseId });
    const took = performance.now() - started;
    expect(graph.nodes).toHaveLength(2000);
    expect(graph.edges).toHaveLength(1600 + 799);
    expect(took).toBeLessThan(1000);
  });
});

describe('map.positions', () => {
  it('keeps dragged positions per case, merging later saves, and forgets them on reset', () => {
    const ctx = tempLibrary();
    const one = call(ctx, 'cases.create', { title: 'One' }).id;
    const two = call(ctx, 'cases.create', { title: 'Two' }).id;
    expect(call(ctx, 'map.positions.get', { caseId: one })).toEqual({});
    call(ctx, 'map.positions.save', { caseId: one, positions: { a: { x: 1, y: 2 }, b: { x: -3.5, y: 4 } } });
    call(ctx, 'map.positions.save', { caseId: one, positions: { b: { x: 5, y: 6 } } });
    call(ctx, 'map.positions.save', { caseId: two, positions: { a: { x: 9, y: 9 } } });
    expect(call(ctx, 'map.positions.get', { caseId: one })).toEqual({ a: { x: 1, y: 2 }, b: { x: 5, y: 6 } });
    call(ctx, 'map.positions.save', { caseId: one, positions: { c: { x: 0, y: 0 } }, reset: true });
    expect(call(ctx, 'map.positions.get', { caseId: one })).toEqual({ c: { x: 0, y: 0 } });
    expect(call(ctx, 'map.positions.get', { caseId: two })).toEqual({ a: { x: 9, y: 9 } });
    expect(callError(ctx, 'map.positions.save', { caseId: one, positions: { a: { x: Number.NaN, y: 0 } } }).code).toBe('BAD_INPUT');
  });
});

describe('timeline.items', () => {
  it('places the demo case’s events, claims and documents, each partial date as a range', () => {
    const { ctx, caseId } = demo();
    const { items, undatedClaims } = call(ctx, 'timeline.items', { caseId });
    const events = items.filter((i) => i.kind === 'event');
    expect(events.map((e) => [e.date, e.precision])).toEqual([
      ['2019-05', 'month'],
      ['2021-06', 'month'],
      ['2021-12-15', 'day'],
    ]);
    expect(events[0]).toMatchObject({ start: '2019-05-01T00:00:00.000Z', end: '2019-06-01T00:00:00.000Z', what: 'happened' });
    expect(events[2]!.title).toMatch(/emergency/i);

    const claims = call(ctx, 'claims.list', { caseId, limit: 1000 }).items;
    const dated = claims.filter((c) => c.saidOn);
    expect(items.filter((i) => i.kind === 'claim').map((i) => i.recordId).sort()).toEqual(dated.map((c) => c.id).sort());
    expect(undatedClaims).toBe(claims.length - dated.length);
    for (const i of items.filter((x) => x.kind === 'claim')) {
      expect(i.sources.length, i.title).toBeGreaterThan(0);
      expect(i).toMatchObject({ what: 'said', ...dateRange(i.date) });
    }
    const docs = call(ctx, 'documents.list', { caseId });
    const expectedDocItems = docs.reduce((n, d) => n + (d.publishedOn ? 1 : 0) + (d.retrievedAt ? 1 : 0), 0);
    expect(items.filter((i) => i.kind === 'document')).toHaveLength(expectedDocItems);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    // Earliest first.
    expect(items.map((i) => i.start)).toEqual([...items.map((i) => i.start)].sort());
  });

  it('refuses a case that does not exist', () => {
    const ctx = tempLibrary();
    expect(callError(ctx, 'timeline.items', { caseId: 'nope' }).code).toBe('NOT_FOUND');
    expect(callError(ctx, 'map.graph', { caseId: 'nope' }).code).toBe('NOT_FOUND');
  });
});
