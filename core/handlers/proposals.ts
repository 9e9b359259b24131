// "Propose claims from this document": every quotation in its text with its speaker, matched
// to a source already on file where the name (or an alias) agrees; the reporter accepts, edits
// or rejects them in bulk, and accepted ones become verbatim claims anchored by an excerpt.

import Fuse from 'fuse.js';
import { z } from 'zod';
import { insertRecord, listExcerpts, listSources, setClaimSources, type Claim, type DB, type Excerpt } from '../../db/index.js';
import { selectors } from '../anchoring.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { extractQuotes, type QuoteProposal } from '../quotes/extract.js';
import { id, longText, medium, name, partialDate } from '../schemas.js';
import { getClaim } from './claims.js';
import { getDocument } from './documents.js';
import { getSource } from './sources.js';

export interface Proposal extends QuoteProposal {
  /** The source on file this speaker most likely is, or null (the reporter may create one). */
  source: { id: string; name: string } | null;
  /** A claim already made from this very passage. */
  claimed: boolean;
}

/** Sources are matched by exact name or alias first, then by a close fuzzy match of the name. */
function sourceMatcher(db: DB): (speaker: string | null) => Proposal['source'] {
  const sources = listSources(db, {});
  const exact = new Map<string, { id: string; name: string }>();
  for (const s of sources) for (const n of [s.name, ...s.aliases]) exact.set(n.toLowerCase(), { id: s.id, name: s.name });
  const fuse = new Fuse(sources, { keys: ['name', 'aliases'], includeScore: true, threshold: 0.25, ignoreLocation: true });
  return (speaker) => {
    if (!speaker) return null;
    const hit = exact.get(speaker.toLowerCase());
    if (hit) return hit;
    const best = fuse.search(speaker, { limit: 1 })[0];
    return best && (best.score ?? 1) <= 0.15 ? { id: best.item.id, name: best.item.name } : null;
  };
}

export function proposeClaims(ctx: Context, documentId: string): Proposal[] {
  const doc = getDocument(ctx.db, documentId, false);
  const match = sourceMatcher(ctx.db);
  const claimedAt = new Set(
    (ctx.db.prepare('SELECT x.start_offset AS s, x.end_offset AS e FROM claims c JOIN excerpts x ON x.id = c.origin_excerpt_id WHERE x.document_id = ? AND c.deleted_at IS NULL').all(documentId) as {
      s: number;
      e: number;
    }[]).map((r) => `${r.s}:${r.e}`),
  );
  return extractQuotes(doc.text).map((p) => ({ ...p, source: match(p.speaker), claimed: claimedAt.has(`${p.start}:${p.end}`) }));
}

const accepted = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  quote: longText.min(1),
  /** The claim in the reporter's words; the quote itself when left out. */
  statement: longText.min(1).optional(),
  /** An existing source, or null for none. */
  sourceId: id.nullable().optional(),
  /** A new source to create for the speaker (used when sourceId is absent). */
  newSourceName: name.optional(),
  medium: medium.optional(),
  saidOn: partialDate.optional(),
});

export const proposalMethods = {
  'documents.proposeClaims': method({
    summary: 'Finds every quotation in a document with its speaker, matched to sources on file: proposals for claims.',
    input: z.strictObject({ documentId: id }),
    write: false,
    run: (ctx, { documentId }) => proposeClaims(ctx, documentId),
  }),
  'documents.acceptProposals': method({
    summary: 'Turns accepted quotations into verbatim claims, each anchored by an excerpt of the document, creating new sources where asked. All or nothing.',
    input: z.strictObject({ documentId: id, items: z.array(accepted).min(1).max(500) }),
    write: true,
    run: (ctx, { documentId, items }): { claims: Claim[]; sourcesCreated: number } => {
      const doc = getDocument(ctx.db, documentId, false);
      const created = new Map<string, string>();
      const claims: Claim[] = [];
      const known = new Set(listExcerpts(ctx.db, documentId).map((e) => `${e.start}:${e.end}`));
      items.forEach((item, i) => {
        if (item.end > doc.text.length || doc.text.slice(item.start, item.end) !== item.quote) {
          throw new ApiError('BAD_INPUT', `Proposal ${i + 1}: the quote is not at that place in the document (it may have changed); propose again.`);
        }
        let sourceId = item.sourceId ?? null;
        if (sourceId) getSource(ctx.db, sourceId, false);
        if (!sourceId && item.newSourceName) {
          const key = item.newSourceName.toLowerCase();
          if (!created.has(key)) created.set(key, insertRecord(ctx.db, 'source', { name: item.newSourceName, kind: 'person' }).id as string);
          sourceId = created.get(key)!;
        }
        const excerpt = known.has(`${item.start}:${item.end}`)
          ? listExcerpts(ctx.db, documentId).find((e) => e.start === item.start && e.end === item.end)!
          : (insertRecord(ctx.db, 'excerpt', { documentId, ...selectors(doc.text, item.start, item.end), comment: 'Quotation proposed from the document' }) as unknown as Excerpt);
        known.add(`${item.start}:${item.end}`);
        const claim = insertRecord(ctx.db, 'claim', {
          caseId: doc.caseId,
          statement: item.statement ?? item.quote,
          quote: item.quote,
          quoteKind: 'verbatim',
          medium: item.medium ?? (doc.kind === 'transcript' ? 'interview' : 'other'),
          saidOn: item.saidOn ?? doc.publishedOn,
          originExcerptId: excerpt.id,
          status: 'unverified',
        });
        if (sourceId) setClaimSources(ctx.db, claim.id as string, [sourceId]);
        claims.push(getClaim(ctx.db, claim.id as string));
      });
      return { claims, sourcesCreated: created.size };
    },
  }),
};
