import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import { reanchor, selectors, similarity } from './anchoring.js';

const REPORT = [
  'Mexican cartels buy precursor chemicals from suppliers in China on the open market.',
  'The chemicals are hidden in legitimate shipments bound for Manzanillo.',
  'Enforcement varies: officials inspected 15 of some 5,000 producers in 2017.',
  'Mexican cartels buy precursor chemicals from suppliers in China on the open market.',
].join('\n\n');

describe('re-anchoring an excerpt in a new version of the text', () => {
  const at = (text: string, quote: string, nth = 0) => {
    let i = -1;
    for (let n = 0; n <= nth; n++) i = text.indexOf(quote, i + 1);
    return selectors(text, i, i + quote.length);
  };

  it('finds the same words again when text is added before them', () => {
    const old = at(REPORT, 'hidden in legitimate shipments');
    const next = `Summary added by the editors.\n\n${REPORT}`;
    expect(reanchor(next, old)).toEqual({ how: 'exact', at: at(next, 'hidden in legitimate shipments') });
  });

  it('tells repeated passages apart by their context', () => {
    const second = at(REPORT, 'buy precursor chemicals', 1);
    const next = REPORT.replace('Enforcement varies', 'Enforcement is uneven');
    const found = reanchor(next, second);
    expect(found).toEqual({ how: 'exact', at: at(next, 'buy precursor chemicals', 1) });
  });

  it('follows a lightly edited passage between its old context', () => {
    const old = at(REPORT, 'officials inspected 15 of some 5,000 producers');
    const next = REPORT.replace('officials inspected 15 of some 5,000 producers', 'officials inspected just 15 of about 5,000 producers');
    const found = reanchor(next, old);
    expect(found.how).toBe('fuzzy');
    if (found.how === 'fuzzy') expect(found.at.exact).toBe('officials inspected just 15 of about 5,000 producers');
  });

  it('orphans a passage that was rewritten or removed', () => {
    const old = at(REPORT, 'hidden in legitimate shipments bound for Manzanillo');
    expect(reanchor(REPORT.replace('The chemicals are hidden in legitimate shipments bound for Manzanillo.', 'Routes vary.'), old)).toEqual({ how: 'orphan' });
    expect(reanchor('Something else entirely.', old)).toEqual({ how: 'orphan' });
  });

  it('measures similarity from 0 to 1', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abc', '')).toBe(0);
    expect(similarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7);
  });
});

describe('documents.replaceText', () => {
  it('re-anchors excerpts, marks orphans, and keeps evidence links', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
    const doc = call(ctx, 'documents.create', { caseId, title: 'RAND analysis', text: REPORT });
    const moved = call(ctx, 'excerpts.create', { documentId: doc.id, exact: 'hidden in legitimate shipments' });
    const edited = call(ctx, 'excerpts.create', { documentId: doc.id, exact: 'officials inspected 15 of some 5,000 producers' });
    const gone = call(ctx, 'excerpts.create', { documentId: doc.id, exact: 'bound for Manzanillo' });
    const claim = call(ctx, 'claims.create', { caseId, statement: 'Regulators inspected few producers.' });
    call(ctx, 'evidence.create', { claimId: claim.id, excerptId: edited.id, stance: 'supports' });

    const next = `Revised edition.\n\n${REPORT.replace('officials inspected 15 of some 5,000 producers', 'officials inspected only 15 of some 5,000 producers').replace(' bound for Manzanillo', '')}`;
    const res = call(ctx, 'documents.replaceText', { id: doc.id, text: next, revision: doc.revision });
    expect(res).toMatchObject({ exact: 1, fuzzy: 1, previousLength: REPORT.length });
    expect(res.orphans.map((o) => o.id)).toEqual([gone.id]);
    expect(res.orphans[0]!.orphanedAt).not.toBeNull();

    const excerpts = call(ctx, 'excerpts.list', { documentId: doc.id });
    const byId = new Map(excerpts.map((e) => [e.id, e]));
    expect(next.slice(byId.get(moved.id)!.start, byId.get(moved.id)!.end)).toBe('hidden in legitimate shipments');
    expect(byId.get(edited.id)).toMatchObject({ exact: 'officials inspected only 15 of some 5,000 producers', orphanedAt: null });
    expect(byId.get(gone.id)).toMatchObject({ exact: 'bound for Manzanillo' });
    expect(call(ctx, 'claims.get', { id: claim.id }).evidence[0]!.excerpt!.exact).toBe('officials inspected only 15 of some 5,000 producers');
    expect(callError(ctx, 'documents.replaceText', { id: doc.id, text: 'x', revision: doc.revision }).code).toBe('CONFLICT');
  });
});
