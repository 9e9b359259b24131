// The evidence documents as CSL-JSON, for a reference manager (Zotero, pandoc-citeproc).

import type { DocumentKind } from '../../db/index.js';
import type { Packet } from './packet.js';

const TYPES: Record<DocumentKind, string> = {
  article: 'article-newspaper',
  report: 'report',
  dataset: 'dataset',
  statement: 'document',
  transcript: 'interview',
  image: 'graphic',
  other: 'document',
};

/** 2021, 2021-12 or 2021-12-15 (or a timestamp) as CSL date-parts. */
function dateParts(value: string | null): { 'date-parts': number[][] } | undefined {
  const match = value ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value) : null;
  if (!match) return undefined;
  return { 'date-parts': [match.slice(1).filter(Boolean).map(Number)] };
}

export function renderCsl(p: Packet): string {
  const items = p.documents.map((d) => {
    const issued = dateParts(d.publishedOn);
    const accessed = dateParts(d.retrievedAt);
    return {
      id: d.id,
      type: TYPES[d.kind],
      title: d.title,
      ...(d.author ? { author: [{ literal: d.author }] } : {}),
      ...(d.publisher ? { publisher: d.publisher } : {}),
      ...(issued ? { issued } : {}),
      ...(accessed ? { accessed } : {}),
      ...(d.url ? { URL: d.url } : {}),
      note: `SHA-256 (${d.hashOf === 'file' ? 'original file' : 'text'}): ${d.sha256}`,
      'citation-label': d.ref,
    };
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
