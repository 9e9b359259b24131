// "Propose claims from this document": every quotation in its text with its speaker as the
// extractor understood them (name, person or organisation, role, affiliation, or how an unnamed
// speaker is described), matched to sources on file by the normalised name; the reporter
// accepts, edits or rejects them in bulk. Accepted ones become verbatim claims anchored by an
// excerpt, dated, with their speaker's source created whole; rejected ones stay rejected.

import Fuse from 'fuse.js';
import { z } from 'zod';
import { claimsFromPassages, getClaim, getDocument, getSource, insertRecord, listExcerpts, listRejections, listSources, rejectPassages, setClaimSources, unrejectPassages, updateRecord, type Claim, type DB, type DocumentRecord, type Medium, type SourceKind } from '../../db/index.js';
import { sourceKeys, sourceNameKey } from '../../shared/source-name.js';
import { selectors } from '../anchoring.js';
import type { Context, ReadContext } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { extractQuotes, type QuoteProposal } from '../quotes/extract.js';
import { id, LIMITS, longText, medium, name, partialDate, shortText, sourceKind } from '../schemas.js';

interface OnFile {
  id: string;
  name: string;
  kind: SourceKind;
}

export interface Proposal extends QuoteProposal {
  /** The source on file this speaker is by name (case, apostrophes, accents, titles, aliases set aside), or null. */
  source: OnFile | null;
  /** Sources on file whose names are close to the speaker's without being the same: likely duplicates to decide on. */
  similar: OnFile[];
  /** The speaker's organisation, and the organisation source on file it names, if any. */
  affiliation: { name: string; source: OnFile | null } | null;
  /** The claim already made from this very passage, or null. */
  claimId: string | null;
  claimed: boolean;
  /** The reporter rejected this quotation before (until the rejection is taken back). */
  rejected: boolean;
}

type Passage = { start: number; end: number; quote: string };

/** Sources by the keys of their names and aliases, and a fuzzy search for names that are close. */
function sourceIndex(db: DB) {
  const sources = listSources(db, {}).map((s) => ({ id: s.id, name: s.name, kind: s.kind, keys: sourceKeys(s) }));
  const byKey = new Map<string, OnFile[]>();
  for (const s of sources) for (const k of s.keys) byKey.set(k, [...(byKey.get(k) ?? []), { id: s.id, name: s.name, kind: s.kind }]);
  const fuse = new Fuse(sources, { keys: ['keys'], includeScore: true, threshold: 0.3, ignoreLocation: true });
  const one = (s: OnFile): OnFile => ({ id: s.id, name: s.name, kind: s.kind });
  return {
    /** The source a name is, preferring one of the kind expected. */
    find(name: string, kind?: SourceKind): OnFile | null {
      const hits = byKey.get(sourceNameKey(name)) ?? [];
      return hits.find((s) => s.kind === kind) ?? hits[0] ?? null;
    },
    similar(name: string): OnFile[] {
      return fuse
        .search(sourceNameKey(name), { limit: 3 })
        .filter((r) => (r.score ?? 1) <= 0.3)
        .map((r) => one(r.item));
    },
  };
}

/** Which claims were made from which passage of the document, by offsets. */
function claimsByPassage(db: DB, documentId: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of claimsFromPassages(db, documentId)) if (!map.has(at(c))) map.set(at(c), c.id);
  return map;
}

function at(p: { start: number; end: number }): string {
  return `${p.start}:${p.end}`;
}

/**
 * A rejection holds for its passage. One whose passage a new version of the text moved holds for
 * the same words wherever they are now; a rejection still in place never spreads to the same
 * words said elsewhere (“false” rejected in one paragraph is not rejected in every other).
 */
function rejectionTest(db: DB, doc: DocumentRecord): (p: Passage) => boolean {
  const rejections = listRejections(db, doc.id);
  const places = new Set(rejections.map((r) => `${at(r)}:${r.quote}`));
  const moved = new Set(rejections.filter((r) => doc.text.slice(r.start, r.end) !== r.quote).map((r) => r.quote));
  return (p) => places.has(`${at(p)}:${p.quote}`) || moved.has(p.quote);
}

export function proposeClaims(ctx: ReadContext, documentId: string): Proposal[] {
  const doc = getDocument(ctx.db, documentId, false);
  const index = sourceIndex(ctx.db);
  const claims = claimsByPassage(ctx.db, documentId);
  const isRejected = rejectionTest(ctx.db, doc);
  return extractQuotes(doc.text).map((p) => {
    const detail = p.speakerDetail;
    // An unnamed speaker ("a senior official") is matched to nobody: the same words in two
    // articles are rarely the same person.
    const named = detail ? detail.name : p.speaker;
    const source = named ? index.find(named, detail?.kind) : null;
    const affiliation = detail?.affiliation ? { name: detail.affiliation, source: index.find(detail.affiliation, 'organisation') } : null;
    const claimId = claims.get(at(p)) ?? null;
    return {
      ...p,
      source,
      similar: named && !source ? index.similar(named) : [],
      affiliation,
      claimId,
      claimed: claimId !== null,
      rejected: claimId === null && isRejected(p),
    };
  });
}

/** What a quotation was most likely given as, from the kind of document and the paragraph around it. */
function mediumOf(doc: DocumentRecord, p: { start: number; end: number }): Medium {
  if (doc.kind === 'transcript') return 'interview';
  if (doc.kind === 'statement') return 'written_statement';
  const from = doc.text.lastIndexOf('\n', p.start) + 1;
  const to = doc.text.indexOf('\n', p.end);
  const around = doc.text.slice(from, to < 0 ? undefined : to);
  if (/\b(?:in|issued) a (?:written |joint |brief )?statement\b|\bstatement (?:said|read)\b/i.test(around)) return 'written_statement';
  if (/\bpress release\b/i.test(around)) return 'press_release';
  if (/\b(?:testified|testimony|told (?:the )?(?:committee|subcommittee|hearing))\b/i.test(around)) return 'testimony';
  return 'other';
}

const passage = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  // Compared with the text as it is, so never trimmed.
  quote: z.string().min(1).max(LIMITS.text, `at most ${LIMITS.text} characters`),
});

/** A source to create for the speaker, as the extractor understood them and the reporter edited. */
const newSource = z.strictObject({
  name,
  kind: sourceKind.default('person'),
  role: shortText.optional(),
  /** How the text describes a speaker it does not name; such a source is named by it. */
  description: shortText.optional(),
  /** The speaker is not named: the source is never matched to one on file by its words. */
  unnamed: z.boolean().optional(),
  /** The organisation: one on file, or a name matched to one on file or created. */
  affiliationId: id.optional(),
  affiliation: name.optional(),
});

const accepted = passage.extend({
  /** The claim in the reporter's words; the quote itself when left out. */
  statement: longText.min(1).optional(),
  /** An existing source, or null for none. */
  sourceId: id.nullable().optional(),
  newSource: newSource.optional(),
  /** Create the new source even though one on file has the same name (the reporter said so). */
  createAnyway: z.boolean().optional(),
  medium: medium.optional(),
  saidOn: partialDate.optional(),
});

function checkPlace(doc: DocumentRecord, p: Passage, what: string): void {
  if (p.end > doc.text.length || p.start >= p.end || doc.text.slice(p.start, p.end) !== p.quote) {
    throw new ApiError('BAD_INPUT', `${what}: the quote is not at that place in the document (it may have changed); propose again.`);
  }
}

/** Creates the sources a batch asks for, once each, matching affiliations to organisations on file. */
function sourceMaker(ctx: Context) {
  const index = sourceIndex(ctx.db);
  const made = new Map<string, string>();
  // One key space for speakers and their organisations: "RAND Corp." quoted and "RAND Corp." as
  // someone's employer in the same batch are one source.
  const organisation = (affiliation: string): string => {
    const key = `named:${sourceNameKey(affiliation)}`;
    const found = made.get(key) ?? index.find(affiliation, 'organisation')?.id;
    if (found) return found;
    const created = insertRecord(ctx.db, 'source', { name: affiliation, kind: 'organisation' }).id as string;
    made.set(key, created);
    return created;
  };
  const make = (s: z.output<typeof newSource>, createAnyway: boolean, what: string): string => {
    const key = `${s.unnamed ? 'unnamed' : 'named'}:${sourceNameKey(s.name)}`;
    const already = made.get(key);
    if (already) return already;
    if (!s.unnamed && !createAnyway) {
      const onFile = index.find(s.name, s.kind);
      if (onFile) {
        throw new ApiError(
          'LIKELY_DUPLICATE',
          `${what}: “${s.name}” looks like “${onFile.name}”, already on file. Use that source, or create a new one anyway.`,
        );
      }
    }
    if (s.affiliationId && getSource(ctx.db, s.affiliationId, false).kind !== 'organisation') {
      throw new ApiError('BAD_INPUT', `${what}: the affiliation must be an organisation.`);
    }
    const affiliationId = s.affiliationId ?? (s.affiliation && s.kind === 'person' ? organisation(s.affiliation) : null);
    const created = insertRecord(ctx.db, 'source', {
      name: s.name,
      kind: s.kind,
      role: s.role ?? '',
      affiliationId,
      // Someone an article quotes without naming is the article's anonymous source, not the
      // reporter's: the identity is not the reporter's to protect, so not confidential.
      description: s.description ?? (s.unnamed ? s.name : ''),
    }).id as string;
    made.set(key, created);
    return created;
  };
  // Every source made is under one key of `made`, speakers and organisations alike.
  return { make, made: () => made.size };
}

interface Accepted {
  claims: Claim[];
  sourcesCreated: number;
  rejected: number;
}

export const proposalMethods = {
  'documents.proposeClaims': method({
    summary: 'Finds every quotation in a document with its speaker (name, kind, role, affiliation), matched to sources on file; says which are claims already and which were rejected.',
    input: z.strictObject({ documentId: id }),
    write: false,
    run: (ctx, { documentId }) => proposeClaims(ctx, documentId),
  }),
  'documents.acceptProposals': method({
    summary:
      'Turns accepted quotations into verbatim claims, each anchored by an excerpt of the document and dated, creating their speakers’ sources (with role and organisation) where asked, and records the quotations rejected. All or nothing.',
    input: z.strictObject({
      documentId: id,
      items: z.array(accepted).max(500),
      /** The quotations the reporter rejected: kept rejected when the proposals are opened again. */
      reject: z.array(passage).max(500).optional(),
      /** Where the document was published, stored on it when it names none. */
      outlet: shortText.min(1).optional(),
      /** When it was published, stored on it when it has no date: the said-on date of every claim without one of its own. */
      publishedOn: partialDate.optional(),
    }),
    write: true,
    run: (ctx, input): Accepted => {
      const { documentId, items } = input;
      const reject = input.reject ?? [];
      if (items.length === 0 && reject.length === 0) throw new ApiError('BAD_INPUT', 'Choose at least one quotation to create or reject.');
      let doc = getDocument(ctx.db, documentId, false);
      // What the document lacks is filled in; what it has is never overwritten from here.
      const fill = { ...(input.outlet && !doc.publisher ? { publisher: input.outlet } : {}), ...(input.publishedOn && !doc.publishedOn ? { publishedOn: input.publishedOn } : {}) };
      if (Object.keys(fill).length) {
        updateRecord(ctx.db, 'document', documentId, fill);
        doc = getDocument(ctx.db, documentId, false);
      }
      const claimed = claimsByPassage(ctx.db, documentId);
      const sources = sourceMaker(ctx);
      const excerpts = new Map(listExcerpts(ctx.db, documentId).map((e) => [at(e), e]));
      const claims: Claim[] = [];
      items.forEach((item, i) => {
        const what = `Proposal ${i + 1}`;
        checkPlace(doc, item, what);
        if (claimed.has(at(item))) throw new ApiError('CONFLICT', `${what} is already a claim; open that claim to change it.`);
        const saidOn = item.saidOn ?? input.publishedOn ?? doc.publishedOn;
        if (!saidOn) throw new ApiError('BAD_INPUT', `${what} has no date: give the date it was said, or the date the document was published for all of them.`);
        let sourceId = item.sourceId ?? null;
        if (sourceId) getSource(ctx.db, sourceId, false);
        else if (item.newSource) sourceId = sources.make(item.newSource, item.createAnyway ?? false, what);
        const where = [doc.publisher, doc.publishedOn].filter(Boolean).join(', ');
        const excerpt =
          excerpts.get(at(item)) ??
          (insertRecord(ctx.db, 'excerpt', {
            documentId,
            ...selectors(doc.text, item.start, item.end),
            comment: where ? `Quotation proposed from the document, as published in ${where}` : 'Quotation proposed from the document',
          }));
        excerpts.set(at(item), excerpt);
        const claim = insertRecord(ctx.db, 'claim', {
          caseId: doc.caseId,
          statement: item.statement ?? item.quote,
          quote: item.quote,
          quoteKind: 'verbatim',
          medium: item.medium ?? mediumOf(doc, item),
          saidOn,
          originExcerptId: excerpt.id,
          status: 'unverified',
        });
        claimed.set(at(item), claim.id as string);
        if (sourceId) setClaimSources(ctx.db, claim.id as string, [sourceId]);
        claims.push(getClaim(ctx.db, claim.id as string));
      });
      // A quotation accepted now is no longer rejected.
      unrejectPassages(ctx.db, documentId, items);
      reject.forEach((p, i) => checkPlace(doc, p, `Rejected quotation ${i + 1}`));
      rejectPassages(ctx.db, documentId, reject.filter((p) => !claimed.has(at(p))));
      return { claims, sourcesCreated: sources.made(), rejected: reject.length };
    },
  }),
  'documents.rejectProposals': method({
    summary: 'Rejects quotations proposed from a document, or (with undo) takes the rejection back.',
    input: z.strictObject({ documentId: id, passages: z.array(passage).min(1).max(500), undo: z.boolean().optional() }),
    write: true,
    run: (ctx, { documentId, passages, undo }): { changed: number } => {
      const doc = getDocument(ctx.db, documentId, false);
      passages.forEach((p, i) => checkPlace(doc, p, `Quotation ${i + 1}`));
      if (undo) return { changed: unrejectPassages(ctx.db, documentId, passages) };
      const before = listRejections(ctx.db, documentId).length;
      rejectPassages(ctx.db, documentId, passages);
      return { changed: listRejections(ctx.db, documentId).length - before };
    },
  }),
};
