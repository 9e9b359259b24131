import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';

const ARTICLE = `WASHINGTON — Chinese suppliers keep shipping precursor chemicals to Mexico, officials say.

“China is practically the only source,” said Rep. David Trone (D-Md.), who co-chairs a commission on synthetic opioids. “Middlemen sell straight to the cartels.”

Bryce Pardo, a drug policy researcher at RAND Corp., said the trade adapts quickly. “They flow like water into the gaps in the law,” Pardo said.

The Chinese Embassy in Washington called the allegations “false” in a written statement.`;

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const trone = call(ctx, 'sources.create', { name: 'David Trone', defaultAttribution: 'on_record' }).id;
  const doc = call(ctx, 'documents.create', { caseId, title: 'Wire story', text: ARTICLE, publishedOn: '2021-12-10' });
  return { ctx, caseId, trone, doc };
}

describe('claims proposed from a document’s quotations', () => {
  it('proposes each quotation with its speaker, matched to sources on file', () => {
    const { ctx, trone, doc } = setup();
    const proposals = call(ctx, 'documents.proposeClaims', { documentId: doc.id });
    for (const p of proposals) expect(ARTICLE.slice(p.start, p.end)).toBe(p.quote);
    const byQuote = new Map(proposals.map((p) => [p.quote, p]));
    expect(byQuote.get('China is practically the only source,')?.source ?? byQuote.get('China is practically the only source')?.source).toEqual({ id: trone, name: 'David Trone' });
    const pardo = [...byQuote.values()].find((p) => p.quote.startsWith('They flow like water'));
    expect(pardo).toMatchObject({ speaker: 'Bryce Pardo', source: null, claimed: false });
  });

  it('turns accepted proposals into verbatim claims anchored by excerpts, creating sources once', () => {
    const { ctx, caseId, doc } = setup();
    const proposals = call(ctx, 'documents.proposeClaims', { documentId: doc.id }).filter((p) => p.speaker);
    const items = proposals.map((p) => ({ start: p.start, end: p.end, quote: p.quote, ...(p.source ? { sourceId: p.source.id } : { newSourceName: p.speaker! }) }));
    const res = call(ctx, 'documents.acceptProposals', { documentId: doc.id, items });
    expect(res.claims).toHaveLength(items.length);
    expect(res.sourcesCreated).toBe(new Set(proposals.filter((p) => !p.source).map((p) => p.speaker)).size);
    for (const c of res.claims) {
      expect(c).toMatchObject({ caseId, quoteKind: 'verbatim', status: 'unverified', saidOn: '2021-12-10' });
      const detail = call(ctx, 'claims.get', { id: c.id });
      expect(detail.origin?.exact).toBe(c.quote);
      expect(c.sourceIds).toHaveLength(1);
    }
    // Proposed again, the accepted ones say so.
    expect(call(ctx, 'documents.proposeClaims', { documentId: doc.id }).filter((p) => p.claimed)).toHaveLength(items.length);
  });

  it('refuses a proposal whose quote is no longer where it was, saving none of the batch', () => {
    const { ctx, doc } = setup();
    const [first] = call(ctx, 'documents.proposeClaims', { documentId: doc.id });
    const error = callError(ctx, 'documents.acceptProposals', {
      documentId: doc.id,
      items: [
        { start: first!.start, end: first!.end, quote: first!.quote, newSourceName: 'Someone' },
        { start: 0, end: 5, quote: 'nope!' },
      ],
    });
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/Proposal 2/) });
    expect(call(ctx, 'library.stats', {}).counts.claim).toEqual({ live: 0, trashed: 0 });
    expect(call(ctx, 'sources.list', {}).map((s) => s.name)).toEqual(['David Trone']);
  });
});
