import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';

describe('demo case', () => {
  it('loads the brief\'s case once, however often it is asked', () => {
    const ctx = tempLibrary();
    const first = call(ctx, 'demo.load', {});
    expect(first.created).toBe(true);
    const second = call(ctx, 'demo.load', {});
    expect(second).toMatchObject({ caseId: first.caseId, created: false });
    const { counts } = call(ctx, 'library.stats', {});
    expect(counts.case).toEqual({ live: 1, trashed: 0 });
    expect((counts.source as { live: number }).live).toBeGreaterThanOrEqual(13);
    expect((counts.claim as { live: number }).live).toBeGreaterThanOrEqual(15);
    expect((counts.document as { live: number }).live).toBeGreaterThanOrEqual(6);
    expect((counts.excerpt as { live: number }).live).toBeGreaterThanOrEqual(6);
    expect((counts.note as { live: number }).live).toBe(1);
    expect((counts.event as { live: number }).live).toBe(3);
  });
});

interface Node {
  type?: string;
  claimId?: string;
  children?: Node[];
}

function citations(node: Node): string[] {
  const own = node.type === 'claim-citation' ? [node.claimId ?? ''] : [];
  return [...own, ...(node.children ?? []).flatMap(citations)];
}

function loaded(): { ctx: Context; caseId: string } {
  const ctx = tempLibrary();
  return { ctx, caseId: call(ctx, 'demo.load', {}).caseId };
}

function loadedWithClaims() {
  const { ctx, caseId } = loaded();
  const claims = call(ctx, 'claims.list', { caseId, limit: 1000 }).items;
  return { ctx, caseId, claims, claimIds: new Set(claims.map((c) => c.id)) };
}

describe('demo case contents', () => {

  it('has at least 13 sources, one of them confidential with a description of who they are', () => {
    const { ctx, caseId } = loaded();
    const sources = call(ctx, 'sources.list', { caseId });
    expect(sources.length).toBeGreaterThanOrEqual(13);
    const confidential = sources.filter((s) => s.confidential);
    expect(confidential.length).toBeGreaterThanOrEqual(1);
    for (const s of confidential) {
      expect(s.description, s.name).toMatch(/\S/);
      expect(s.anonymityReason, s.name).toMatch(/\S/);
    }
    expect(sources.filter((s) => s.claimCount > 0).length).toBeGreaterThanOrEqual(13);
  });

  it('has at least 15 claims, in more than one status, each with a source', () => {
    const { claims } = loadedWithClaims();
    expect(claims.length).toBeGreaterThanOrEqual(15);
    expect(new Set(claims.map((c) => c.status)).size).toBeGreaterThanOrEqual(3);
    for (const c of claims) expect(c.sourceIds.length, c.statement).toBeGreaterThanOrEqual(1);
  });

  it('has at least 4 claims contradicting others, all within the case', () => {
    const { ctx, claims, claimIds } = loadedWithClaims();
    const links = new Map(claims.flatMap((c) => call(ctx, 'claimLinks.list', { claimId: c.id })).map((l) => [l.id, l]));
    const contradicts = [...links.values()].filter((l) => l.relation === 'contradicts');
    expect(contradicts.length).toBeGreaterThanOrEqual(4);
    for (const l of links.values()) {
      expect(claimIds.has(l.fromClaimId)).toBe(true);
      expect(claimIds.has(l.toClaimId)).toBe(true);
    }
  });

  it('has at least 6 documents, each with at least one excerpt anchored exactly in its text', () => {
    const { ctx, caseId } = loaded();
    const documents = call(ctx, 'documents.list', { caseId });
    expect(documents.length).toBeGreaterThanOrEqual(6);
    for (const summary of documents) {
      const { document, excerpts } = call(ctx, 'documents.get', { id: summary.id });
      expect(excerpts.length, document.title).toBeGreaterThanOrEqual(1);
      for (const e of excerpts) {
        expect(document.text.slice(e.start, e.end)).toBe(e.exact);
        expect(document.text.slice(0, e.start).endsWith(e.prefix)).toBe(true);
        expect(document.text.slice(e.end).startsWith(e.suffix)).toBe(true);
      }
    }
  });

  it('links evidence for and against, and keeps verification and right-of-reply logs', () => {
    const { ctx, claims } = loadedWithClaims();
    const details = claims.map((c) => call(ctx, 'claims.get', { id: c.id }));
    const stances = new Set(details.flatMap((d) => d.evidence.map((e) => e.link.stance)));
    expect(stances).toContain('supports');
    expect(stances).toContain('contradicts');
    expect(details.some((d) => d.verification.length > 0)).toBe(true);
    expect(details.some((d) => d.replies.length > 0)).toBe(true);
  });

  it('has a draft note whose claim citations point at claims of the case', () => {
    const { ctx, caseId, claimIds } = loadedWithClaims();
    const [summary] = call(ctx, 'notes.list', { caseId });
    const note = call(ctx, 'notes.get', { id: summary!.id });
    const cited = citations((JSON.parse(note.content) as { root: Node }).root);
    expect(cited.length).toBeGreaterThanOrEqual(3);
    for (const id of cited) expect(claimIds.has(id), id).toBe(true);
    expect(summary!.words).toBeGreaterThan(50);
  });

  it('leaves a healthy library', () => {
    const { ctx } = loaded();
    expect(call(ctx, 'library.doctor', {})).toMatchObject({ ok: true, integrityCheck: 'ok', ftsIntegrity: 'ok' });
  });
});

describe('demo.load', () => {
  it('reuses a source already on file under the same name', () => {
    const ctx = tempLibrary();
    const trone = call(ctx, 'sources.create', { name: 'David Trone', role: 'Member of Congress (my own notes)' }).id;
    const { caseId } = call(ctx, 'demo.load', {});
    const named = call(ctx, 'sources.list', {}).filter((s) => s.name.toLowerCase() === 'david trone');
    expect(named.map((s) => s.id)).toEqual([trone]);
    expect(named[0]!.role).toBe('Member of Congress (my own notes)');
    expect(call(ctx, 'claims.list', { caseId, sourceId: trone }).total).toBeGreaterThanOrEqual(1);
  });

  it('loads afresh once the demo case is trashed and purged, without doubling the sources', () => {
    const ctx = tempLibrary();
    const first = call(ctx, 'demo.load', {});
    const sources = call(ctx, 'sources.list', {}).length;
    call(ctx, 'cases.delete', { id: first.caseId });
    call(ctx, 'trash.purge', { entity: 'case', id: first.caseId });
    const again = call(ctx, 'demo.load', {});
    expect(again.created).toBe(true);
    expect(again.caseId).not.toBe(first.caseId);
    expect(call(ctx, 'cases.list', {}).map((c) => c.id)).toEqual([again.caseId]);
    expect(call(ctx, 'sources.list', {})).toHaveLength(sources);
    expect(call(ctx, 'claims.list', { caseId: again.caseId }).total).toBeGreaterThanOrEqual(15);
  });

  it('brings a trashed demo case back from the trash rather than loading a second copy', () => {
    const ctx = tempLibrary();
    const first = call(ctx, 'demo.load', {});
    const claims = call(ctx, 'claims.list', { caseId: first.caseId }).total;
    call(ctx, 'cases.delete', { id: first.caseId });
    expect(call(ctx, 'cases.list', {})).toEqual([]);
    expect(call(ctx, 'demo.load', {})).toEqual({ caseId: first.caseId, created: false, restored: true });
    expect(call(ctx, 'cases.list', {})).toEqual([expect.objectContaining({ id: first.caseId, demo: true, deletedAt: null })]);
    expect(call(ctx, 'claims.list', { caseId: first.caseId }).total).toBe(claims);
    expect(call(ctx, 'trash.list', {})).toEqual([]);
    expect(call(ctx, 'demo.load', {})).toEqual({ caseId: first.caseId, created: false, restored: false });
  });

  it('marks only the demo case as the demo in cases.list', () => {
    const ctx = tempLibrary();
    const mine = call(ctx, 'cases.create', { title: 'My own case' }).id;
    expect(call(ctx, 'cases.list', {})).toEqual([expect.objectContaining({ id: mine, demo: false })]);
    const { caseId } = call(ctx, 'demo.load', {});
    const flags = Object.fromEntries(call(ctx, 'cases.list', {}).map((c) => [c.id, c.demo]));
    expect(flags).toEqual({ [mine]: false, [caseId]: true });
  });

  it('writes nothing when it fails partway', () => {
    const ctx = tempLibrary();
    // The draft note is the last thing loaded.
    ctx.db.exec("CREATE TEMP TRIGGER no_notes BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'no notes'); END");
    expect(callError(ctx, 'demo.load', {}).code).toBe('INTERNAL');
    const { counts } = call(ctx, 'library.stats', {});
    for (const [entity, n] of Object.entries(counts)) expect(n, entity).toEqual(typeof n === 'number' ? 0 : { live: 0, trashed: 0 });
    ctx.db.exec('DROP TRIGGER temp.no_notes');
    expect(call(ctx, 'demo.load', {}).created).toBe(true);
  });
});

describe('the demo case names each body once', () => {
  it('the timeline shows the DEA’s report under the source on file, not as a second DEA', () => {
    const { ctx, caseId } = loaded();
    const dea = call(ctx, 'sources.list', {}).filter((s) => /drug enforcement/i.test([s.name, ...s.aliases].join(' ')));
    expect(dea.map((s) => s.name)).toEqual(['Drug Enforcement Administration']);
    const { items } = call(ctx, 'timeline.items', { caseId });
    const named = new Set(items.flatMap((i) => i.sources.map((s) => s.name)).filter((n) => /drug enforcement/i.test(n)));
    expect([...named]).toEqual(['Drug Enforcement Administration']);
    const report = items.find((i) => i.kind === 'document' && i.sources.some((s) => s.id === dea[0]!.id));
    expect(report, 'the DEA’s threat assessment, published by the DEA').toBeDefined();
  });

  it('a confidential source is never tied to a document’s byline', () => {
    const { ctx, caseId } = loaded();
    call(ctx, 'sources.create', { kind: 'person', name: 'Ana Ruiz', confidential: true, description: 'a port official' });
    call(ctx, 'documents.create', { caseId, title: 'Op-ed', author: 'Ana Ruiz', publishedOn: '2021-05-01' });
    const oped = call(ctx, 'timeline.items', { caseId }).items.find((i) => i.title === 'Op-ed');
    expect(oped?.sources).toEqual([{ id: null, name: 'Ana Ruiz' }]);
  });
});
