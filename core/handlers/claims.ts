import { z } from 'zod';
import { addClaimSources, addTags, appendVerification, corroborationOf, evidenceOfClaim, getClaim, getRecord, getSource, insertRecordId, linksOfClaim, listClaims, newId, notesCiting, nowIso, repliesOf, setClaimSources, setTags, sourcesOfClaims, updateRecord, verificationOf, type Claim, type ClaimLink, type ClaimStatus, type Corroboration, type DB, type DocumentSummary, type EvidenceLink, type Excerpt, type Reply, type Source, type VerificationEntry } from '../../db/index.js';
import type { Context } from '../context.js';
import { method } from '../method.js';
import {
  attribution,
  byId,
  claimStatus,
  id,
  LIMITS,
  longText,
  medium,
  partialDate,
  patchOf,
  quoteKind,
  revision,
  shortText,
  tags,
} from '../schemas.js';
import { recordedChecker } from '../preference-keys.js';
import { inCase, liveCase, trashMethod } from '../record-rules.js';

const fields = {
  statement: longText.min(1, 'a claim needs a statement'),
  quote: longText,
  quoteKind,
  revision,
  saidOn: partialDate,
  medium,
  attribution,
  originExcerptId: id.nullable(),
  sourceIds: z.array(id).max(LIMITS.sources, `at most ${LIMITS.sources} sources`),
  tags,
};

const verification = {
  checker: shortText.optional(),
  method: shortText.optional(),
  note: longText.optional(),
};

function checkSources(db: DB, sourceIds: string[] | undefined): void {
  for (const s of sourceIds ?? []) getRecord(db, 'source', s);
}

function checkOrigin(db: DB, caseId: string, excerptId: string | null | undefined): void {
  if (!excerptId) return;
  const excerpt = getRecord(db, 'excerpt', excerptId);
  inCase(getRecord(db, 'document', excerpt.documentId) as { caseId: string }, caseId, 'excerpt');
}

function logStatus(ctx: Context, claimId: string, status: ClaimStatus, v: { checker?: string; method?: string; note?: string }) {
  appendVerification(ctx.db, {
    id: newId(),
    at: nowIso(),
    claimId,
    status,
    checker: v.checker || recordedChecker(ctx),
    method: v.method ?? '',
    note: v.note ?? '',
  });
}

/** A claim at the other end of a link, with enough to show it in a for/against column. */
export interface LinkedClaim {
  link: ClaimLink;
  /** outgoing: this claim → the other; incoming: the other → this claim. */
  direction: 'outgoing' | 'incoming';
  claim: Claim;
  sourceNames: string[];
}

export interface EvidenceItem {
  link: EvidenceLink;
  document: Pick<DocumentSummary, 'id' | 'title' | 'kind' | 'publishedOn' | 'url'>;
  excerpt: Excerpt | null;
}

export interface ClaimDetail {
  claim: Claim;
  corroboration: Corroboration;
  /** The notes and drafts that cite this claim. */
  citedIn: { noteId: string; title: string }[];
  sources: Source[];
  evidence: EvidenceItem[];
  links: LinkedClaim[];
  verification: VerificationEntry[];
  replies: Reply[];
  origin: Excerpt | null;
}

function sourceNames(db: DB, ids: string[]): string[] {
  return ids.map((s) => getSource(db, s).name);
}

export function claimDetail(db: DB, claimId: string): ClaimDetail {
  const claim = getClaim(db, claimId);
  const links = linksOfClaim(db, claimId);
  const others = links.map((l) => (l.fromClaimId === claimId ? l.toClaimId : l.fromClaimId));
  const otherSources = sourcesOfClaims(db, others);
  return {
    claim,
    corroboration: corroborationOf(db, [claimId]).get(claimId)!,
    citedIn: notesCiting(db, 'claim', claimId),
    sources: claim.sourceIds.map((s) => getSource(db, s)),
    evidence: evidenceOfClaim(db, claimId).map((link) => {
      const d = getRecord(db, 'document', link.documentId, { includeTrashed: true });
      return {
        link,
        document: { id: d.id, title: d.title, kind: d.kind, publishedOn: d.publishedOn, url: d.url } as EvidenceItem['document'],
        excerpt: link.excerptId ? (getRecord(db, 'excerpt', link.excerptId, { includeTrashed: true })) : null,
      };
    }),
    links: links.map((link, i) => ({
      link,
      direction: link.fromClaimId === claimId ? 'outgoing' : 'incoming',
      claim: getClaim(db, others[i]!),
      sourceNames: sourceNames(db, otherSources.get(others[i]!) ?? []),
    })),
    verification: verificationOf(db, claimId),
    replies: repliesOf(db, { claimId }),
    origin: claim.originExcerptId ? (getRecord(db, 'excerpt', claim.originExcerptId, { includeTrashed: true })) : null,
  };
}

const createInput = z
  .strictObject({ caseId: id, status: claimStatus.optional(), ...fields, ...verification })
  .partial()
  .required({ caseId: true, statement: true });

/**
 * The cases and sources a batch of claims (records.import) has found live, so that each claim
 * does not read them again (measured: a fifth of an import's time). Nothing a batch does moves
 * a case or a source to the trash, so what was live at its first claim is live at its last.
 */
export interface LiveMemo {
  cases: Set<string>;
  sources: Map<string, Source>;
}

export const liveMemo = (): LiveMemo => ({ cases: new Set(), sources: new Map() });

function liveSource(db: DB, memo: LiveMemo, sourceId: string): Source {
  let source = memo.sources.get(sourceId);
  if (!source) memo.sources.set(sourceId, (source = getRecord(db, 'source', sourceId)));
  return source;
}

/**
 * Records a claim and returns its id: claims.create, and records.import for each claim of a
 * file (which reads none back, and passes the memo of its batch).
 */
export function createClaim(ctx: Context, { tags: tagNames, sourceIds = [], status = 'unverified', checker, method: how, note, ...input }: z.output<typeof createInput>, memo: LiveMemo = liveMemo()): string {
  if (!memo.cases.has(input.caseId)) {
    liveCase(ctx, input.caseId);
    memo.cases.add(input.caseId);
  }
  const sources = sourceIds.map((s) => liveSource(ctx.db, memo, s));
  checkOrigin(ctx.db, input.caseId, input.originExcerptId);
  // A claim is said on the terms its source usually gives, unless the reporter says otherwise.
  const terms = input.attribution ?? sources[0]?.defaultAttribution;
  const claimId = insertRecordId(ctx.db, 'claim', { ...input, attribution: terms, status });
  addClaimSources(ctx.db, claimId, sourceIds);
  if (tagNames) addTags(ctx.db, 'claim', claimId, tagNames);
  if (status !== 'unverified') logStatus(ctx, claimId, status, { checker, method: how, note: note ?? 'Status given when the claim was recorded.' });
  return claimId;
}

export const claimMethods = {
  'claims.list': method({
    summary:
      'Claims of a case, a page at a time, filtered by status, source, tag or words. A page starts at offset, or after a claim (after: the last of the page before, found on the index: use it to read on). total is exact unless estimated is true (a filter matching more than 5,000 claims): then it is about that many.',
    input: z.strictObject({
      caseId: id,
      ids: z.array(id).max(1000).optional(),
      status: z.array(claimStatus).max(7).optional(),
      attribution: z.array(attribution).max(4).optional(),
      sourceId: id.optional(),
      tag: shortText.optional(),
      saidFrom: partialDate.unwrap().optional(),
      saidTo: partialDate.unwrap().optional(),
      disputed: z.boolean().optional(),
      onlyOneSource: z.boolean().optional(),
      query: z.string().max(2_000).optional(),
      sort: z.enum(['created', 'updated', 'saidOn', 'status']).optional(),
      descending: z.boolean().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0),
      after: id.optional(),
    }),
    write: false,
    run: (ctx, input) => listClaims(ctx.db, input),
  }),
  'claims.get': method({
    summary: 'One claim with its sources, evidence, linked claims, verification history and right-of-reply log.',
    input: byId,
    write: false,
    run: (ctx, { id }) => claimDetail(ctx.db, id),
  }),
  'claims.create': method({
    summary: 'Records a claim; a status other than unverified is written to the verification log.',
    input: createInput,
    write: true,
    run: (ctx, input) => getClaim(ctx.db, createClaim(ctx, input)),
  }),
  'claims.update': method({
    summary: 'Changes a claim’s fields. Its status changes only through claims.setStatus, so the log stays whole.',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, tags: tagNames, sourceIds, ...patch }) => {
      const claim = getClaim(ctx.db, id, false);
      checkSources(ctx.db, sourceIds);
      checkOrigin(ctx.db, claim.caseId, patch.originExcerptId);
      if (sourceIds) setClaimSources(ctx.db, id, sourceIds);
      if (tagNames) setTags(ctx.db, 'claim', id, tagNames);
      updateRecord(ctx.db, 'claim', id, patch, revision);
      return getClaim(ctx.db, id);
    },
  }),
  'claims.setStatus': method({
    summary: 'Sets a claim’s verification status and appends who checked it, how, and why to its log.',
    input: z.strictObject({ id, status: claimStatus, revision, ...verification }),
    write: true,
    run: (ctx, { id, status, revision, ...v }) => {
      getClaim(ctx.db, id, false);
      updateRecord(ctx.db, 'claim', id, { status }, revision);
      logStatus(ctx, id, status, v);
      return claimDetail(ctx.db, id);
    },
  }),
  'claims.delete': trashMethod('claim', 'Moves a claim to the trash, with its links and log kept for a restore.'),
  'verification.list': method({
    summary: 'A claim’s verification history, oldest first.',
    input: z.strictObject({ claimId: id }),
    write: false,
    run: (ctx, { claimId }) => {
      getClaim(ctx.db, claimId);
      return verificationOf(ctx.db, claimId);
    },
  }),
};
