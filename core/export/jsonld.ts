// The packet as JSON-LD: excerpts, claim-evidence links and draft citations as W3C Web
// Annotations (TextQuote + TextPosition selectors), and every claim with a verdict as a
// schema.org ClaimReview. Each node carries its own @context, so each reads on its own.

import type { ClaimStatus } from '../../db/index.js';
import type { Packet, PacketClaim, PacketExcerpt } from './packet.js';
import { say } from './packet.js';

const ANNO = 'http://www.w3.org/ns/anno.jsonld';
const urn = (kind: string, id: string) => `urn:corroborate:${kind}:${encodeURIComponent(id)}`;

/** A verdict and where it sits on a 1–5 scale (none for a claim that cannot be checked). */
const VERDICTS: Partial<Record<ClaimStatus, { name: string; value?: number }>> = {
  verified: { name: 'True', value: 5 },
  misleading: { name: 'Misleading', value: 2 },
  false: { name: 'False', value: 1 },
  disputed: { name: 'Disputed', value: 3 },
  unverifiable: { name: 'Unverifiable' },
};

type Json = Record<string, unknown>;

function creator(p: Packet): Json {
  return p.exportedBy ? { creator: { type: 'Person', name: p.exportedBy } } : {};
}

function excerptTarget(p: Packet, x: PacketExcerpt): Json {
  const doc = p.documents.find((d) => d.id === x.documentId);
  return {
    type: 'SpecificResource',
    source: urn('document', x.documentId),
    selector: [
      { type: 'TextQuoteSelector', exact: x.exact, prefix: x.prefix, suffix: x.suffix },
      { type: 'TextPositionSelector', start: x.start, end: x.end },
    ],
    ...(doc?.url && /^https?:\/\//i.test(doc.url) ? { scope: doc.url } : {}),
  };
}

function textBody(value: string, purpose: string): Json {
  return { type: 'TextualBody', value, purpose, format: 'text/plain' };
}

function annotations(p: Packet): Json[] {
  const out: Json[] = [];
  const base = (id: string, motivation: string, created: string) => ({ '@context': ANNO, id, type: 'Annotation', motivation, created, ...creator(p) });
  for (const d of p.documents) {
    for (const x of d.excerpts) {
      out.push({
        ...base(urn('excerpt', x.id), x.comment ? 'commenting' : 'highlighting', x.createdAt),
        ...(x.comment ? { body: textBody(x.comment, 'commenting') } : {}),
        target: excerptTarget(p, x),
      });
    }
  }
  for (const c of p.claims) {
    c.evidence.forEach((e, i) => {
      out.push({
        ...base(`${urn('claim', c.id)}:evidence:${i + 1}`, 'linking', c.createdAt),
        body: [{ id: urn('claim', c.id), type: 'Text' }, textBody(e.stance, 'tagging'), ...(e.note ? [textBody(e.note, 'commenting')] : [])],
        target: e.excerpt ? excerptTarget(p, e.excerpt) : { id: urn('document', e.documentId), type: 'Text' },
      });
    });
  }
  for (const d of p.drafts) {
    for (const cite of d.citations) {
      const f = d.footnotes.find((x) => x.n === cite.n);
      if (!f?.ref || !f.id) continue;
      const at = d.text.slice(0, cite.start);
      out.push({
        ...base(`${urn('note', d.id)}:citation:${cite.n}:${cite.start}`, 'linking', d.updatedAt),
        body: { id: urn(f.type, f.id), type: 'Text' },
        target: {
          type: 'SpecificResource',
          source: urn('note', d.id),
          selector: [
            { type: 'TextQuoteSelector', exact: cite.exact, prefix: at.slice(-32), suffix: d.text.slice(cite.end, cite.end + 32) },
            { type: 'TextPositionSelector', start: cite.start, end: cite.end },
          ],
        },
      });
    }
  }
  return out;
}

function claimReview(p: Packet, c: PacketClaim): Json | null {
  const verdict = VERDICTS[c.status];
  if (!verdict || !c.lastVerification) return null;
  const organisation = (label: string) => p.sources.find((s) => s.label === label)?.kind === 'organisation';
  const authors = c.sources.map((s) => ({ '@type': organisation(s.label) ? 'Organization' : 'Person', name: s.label }));
  const reviewer = p.exportedBy ? { '@type': 'Person', name: p.exportedBy } : { '@type': 'Organization', name: 'Corroborate user' };
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    '@id': urn('claim-review', c.id),
    claimReviewed: c.statement,
    datePublished: c.lastVerification.at.slice(0, 10),
    author: reviewer,
    reviewRating: {
      '@type': 'Rating',
      alternateName: verdict.name,
      ...(verdict.value ? { ratingValue: verdict.value, bestRating: 5, worstRating: 1 } : {}),
      ratingExplanation: [say(c.status), c.lastVerification.note].filter(Boolean).join(': '),
    },
    itemReviewed: {
      '@type': 'Claim',
      '@id': urn('claim', c.id),
      author: authors.length === 1 ? authors[0] : authors,
      ...(c.saidOn ? { datePublished: c.saidOn } : {}),
      ...(c.quote ? { text: c.quote } : {}),
    },
  };
}

/** The annotations, the reviews and a description of the packet, as one JSON-LD document. */
export function renderJsonLd(p: Packet): { annotations: Json[]; reviews: Json[]; text: string } {
  const list = annotations(p);
  const reviews = p.claims.map((c) => claimReview(p, c)).filter((r): r is Json => r !== null);
  const about = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': urn('packet', `${p.case.id}:${p.exportedAt}`),
    name: p.scope.kind === 'note' ? `Source packet: ${p.scope.title}` : `Source packet: ${p.case.title}`,
    description: `${p.profile.label} profile: ${p.profile.description}`,
    dateCreated: p.exportedAt,
    ...(p.exportedBy ? { creator: { '@type': 'Person', name: p.exportedBy } } : {}),
    variableMeasured: Object.entries(p.redactions).map(([name, value]) => ({ '@type': 'PropertyValue', name: `redacted.${name}`, value })),
  };
  const text = JSON.stringify({ '@graph': [about, ...reviews, ...list] }, null, 2);
  return { annotations: list, reviews, text: `${text}\n` };
}
