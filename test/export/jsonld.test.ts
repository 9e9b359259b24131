// Every Web Annotation the packet exports passes every MUST assertion of the W3C's own
// conformance schemas (../shared/peer-suites/web-annotation), run as their README says; every
// claim with a verdict is a well-formed schema.org ClaimReview.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { call, callAsync } from '../helpers.js';
import { exportFixture } from './fixture.js';

const suite = fileURLToPath(new URL('../../../shared/peer-suites/web-annotation/', import.meta.url));
const haveSuite = existsSync(join(suite, 'annotations', 'annotationMusts.test'));
if (!haveSuite) console.log(`The W3C Web Annotation schemas are not at ${suite}: the conformance test is skipped.`);

interface Assertion {
  id: string;
  expectedResult: 'valid' | 'invalid';
  onUnexpectedResult: 'failAndContinue' | 'failAndSkip' | 'succeedAndSkip';
  errorMessage?: string;
}

/** The MUST assertions, each compiled against all the definitions, in the order the list gives. */
function loadMusts() {
  // The schemas declare formats uri and date-time; we check them ourselves rather than ignore them.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  for (const file of readdirSync(join(suite, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(suite, 'definitions', file), 'utf8')));
  const list = JSON.parse(readFileSync(join(suite, 'annotations', 'annotationMusts.test'), 'utf8')) as { assertions: string[] };
  return list.assertions.map((path) => {
    const schema = JSON.parse(readFileSync(join(suite, path), 'utf8')) as Assertion;
    return { schema, validate: ajv.compile(schema) };
  });
}

function failures(musts: ReturnType<typeof loadMusts>, annotation: unknown): string[] {
  const out: string[] = [];
  for (const { schema, validate } of musts) {
    const result = validate(annotation) ? 'valid' : 'invalid';
    if (result === schema.expectedResult) continue;
    if (schema.onUnexpectedResult === 'succeedAndSkip') break;
    out.push(`${schema.id}: ${schema.errorMessage ?? ''}`);
    if (schema.onUnexpectedResult === 'failAndSkip') break;
  }
  return out;
}

type Node = Record<string, unknown>;

async function graph(profile: 'factChecker' | 'lawyer' | 'editor', noteId?: (f: { noteId: string }) => string) {
  const f = await exportFixture();
  const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile, format: 'json', ...(noteId ? { noteId: noteId(f) } : {}) });
  return (JSON.parse(r.data) as { '@graph': Node[] })['@graph'];
}

describe('JSON-LD', () => {
  it.skipIf(!haveSuite)('every annotation passes every MUST assertion of the W3C suite', async () => {
    const musts = loadMusts();
    expect(musts.length).toBeGreaterThan(40);
    for (const profile of ['factChecker', 'lawyer'] as const) {
      const annotations = (await graph(profile)).filter((n) => n.type === 'Annotation');
      const motivations = new Set(annotations.map((a) => a.motivation));
      // Excerpts (all commented in the demo), claim-evidence links and draft citations are all there.
      expect(motivations).toEqual(new Set(['commenting', 'linking']));
      expect(annotations.some((a) => String(a.id).includes(':citation:'))).toBe(true);
      expect(annotations.length).toBeGreaterThan(30);
      for (const a of annotations) expect(failures(musts, a), JSON.stringify(a).slice(0, 300)).toEqual([]);
    }
  }, 60_000);

  it.skipIf(!haveSuite)('the suite can fail: a broken annotation is caught', () => {
    const musts = loadMusts();
    const good = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:x:1', type: 'Annotation', target: 'urn:x:doc' };
    expect(failures(musts, good)).toEqual([]);
    expect(failures(musts, { ...good, '@context': 'http://example.org/other' }).length).toBeGreaterThan(0);
    expect(failures(musts, { ...good, created: 'yesterday' }).length).toBeGreaterThan(0);
    expect(failures(musts, { ...good, target: { type: 'SpecificResource', source: 'urn:x:doc', selector: { type: 'TextQuoteSelector' } } }).length).toBeGreaterThan(0);
  });

  it('selectors point at the words: TextQuote and TextPosition agree with the draft and the document', async () => {
    const f = await exportFixture();
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, noteId: f.noteId, profile: 'factChecker', format: 'json' });
    const citations = (JSON.parse(r.data) as { '@graph': Node[] })['@graph'].filter((n) => String(n.id).includes(':citation:'));
    expect(citations.length).toBe(1);
    const [quote, position] = (citations[0]!.target as { selector: Node[] }).selector;
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: `A broker at Manzanillo, ${f.confidential.name}, told us no one asks.` });
    expect(position).toMatchObject({ type: 'TextPositionSelector', start: 0, end: (quote!.exact as string).length });
    expect(citations[0]!.creator).toEqual({ type: 'Person', name: 'Test Checker' });
  });

  it('claims with a verdict are schema.org ClaimReviews', async () => {
    const f = await exportFixture();
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile: 'editor', format: 'json' });
    const reviews = (JSON.parse(r.data) as { '@graph': Node[] })['@graph'].filter((n) => n['@type'] === 'ClaimReview');
    // Verified, disputed, false, misleading and unverifiable claims are reviews; unverified and in-progress ones are not.
    const verdicts = ['verified', 'disputed', 'false', 'misleading', 'unverifiable'] as const;
    const expected = call(f.ctx, 'claims.list', { caseId: f.caseId, status: [...verdicts] }).items.filter((c) => c.attribution !== 'off_record');
    expect(expected.length).toBeGreaterThan(5);
    expect(reviews.map((x) => x.claimReviewed).sort()).toEqual(expected.map((c) => c.statement).sort());
    for (const r of reviews) {
      expect(r['@context']).toBe('https://schema.org');
      expect(typeof r.claimReviewed).toBe('string');
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.author).toMatchObject({ '@type': expect.stringMatching(/^(Person|Organization)$/), name: expect.any(String) });
      const rating = r.reviewRating as Node;
      expect(rating['@type']).toBe('Rating');
      expect(['True', 'False', 'Misleading', 'Disputed', 'Unverifiable']).toContain(rating.alternateName);
      const item = r.itemReviewed as Node;
      expect(item['@type']).toBe('Claim');
      expect(item.author).toBeTruthy();
      expect(JSON.stringify(item.author)).toMatch(/"name":"[^"]+"/);
    }
    expect(reviews.some((r) => (r.itemReviewed as Node).datePublished)).toBe(true);
  });
});
