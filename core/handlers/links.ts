import { z } from 'zod';
import { evidenceOfClaim, getClaim, getRecord, insertRecord, linksOfClaim, updateRecord, type DB } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id, longText, patchOf, relation, shortText, stance } from '../schemas.js';
import { inCase, trashMethod } from '../record-rules.js';

/** The document and excerpt an evidence link names; the excerpt must lie in the document. */
function resolveEvidence(db: DB, caseId: string, documentId?: string, excerptId?: string | null) {
  let docId = documentId;
  if (excerptId) {
    const excerpt = getRecord(db, 'excerpt', excerptId);
    if (docId && docId !== excerpt.documentId) throw new ApiError('BAD_REFERENCE', 'That excerpt is not from that document.');
    docId = excerpt.documentId;
  }
  if (!docId) throw new ApiError('BAD_INPUT', 'Evidence needs a document or an excerpt.');
  inCase(getRecord(db, 'document', docId) as { caseId: string }, caseId, 'document');
  return { documentId: docId, excerptId: excerptId ?? null };
}

export const linkMethods = {
  'evidence.list': method({
    summary: 'The documents and excerpts linked to a claim, with their stance.',
    input: z.strictObject({ claimId: id }),
    write: false,
    run: (ctx, { claimId }) => evidenceOfClaim(ctx.db, claimId),
  }),
  'evidence.create': method({
    summary: 'Links a claim to a document or an exact excerpt that supports, contradicts or gives context to it.',
    input: z.strictObject({
      claimId: id,
      documentId: id.optional(),
      excerptId: id.optional(),
      stance,
      locator: shortText.optional(),
      note: longText.optional(),
    }),
    write: true,
    run: (ctx, { claimId, documentId, excerptId, ...rest }) => {
      const claim = getClaim(ctx.db, claimId, false);
      const target = resolveEvidence(ctx.db, claim.caseId, documentId, excerptId);
      return insertRecord(ctx.db, 'evidence', { claimId, ...target, ...rest });
    },
  }),
  'evidence.update': method({
    summary: 'Changes an evidence link’s stance, locator or note.',
    input: patchOf({ stance, locator: shortText, note: longText }),
    write: true,
    run: (ctx, { id, revision, ...patch }) => updateRecord(ctx.db, 'evidence', id, patch, revision),
  }),
  'evidence.delete': trashMethod('evidence', 'Moves an evidence link to the trash.'),

  'claimLinks.list': method({
    summary: 'Claims linked to a claim, in either direction.',
    input: z.strictObject({ claimId: id }),
    write: false,
    run: (ctx, { claimId }) => linksOfClaim(ctx.db, claimId),
  }),
  'claimLinks.create': method({
    summary: 'Says that one claim contradicts, supports, qualifies or is the same as another in the same case.',
    input: z.strictObject({ fromClaimId: id, toClaimId: id, relation, note: longText.optional() }),
    write: true,
    run: (ctx, input) => {
      if (input.fromClaimId === input.toClaimId) throw new ApiError('BAD_INPUT', 'A claim cannot be linked to itself.');
      const from = getClaim(ctx.db, input.fromClaimId, false);
      inCase(getClaim(ctx.db, input.toClaimId, false), from.caseId, 'claim');
      const existing = linksOfClaim(ctx.db, input.fromClaimId).find(
        (l) => l.fromClaimId === input.fromClaimId && l.toClaimId === input.toClaimId && l.relation === input.relation,
      );
      if (existing) throw new ApiError('CONFLICT', 'These claims are already linked that way.');
      return insertRecord(ctx.db, 'claimLink', input);
    },
  }),
  'claimLinks.update': method({
    summary: 'Changes a link’s relation or note.',
    input: patchOf({ relation, note: longText }),
    write: true,
    run: (ctx, { id, revision, ...patch }) => updateRecord(ctx.db, 'claimLink', id, patch, revision),
  }),
  'claimLinks.delete': trashMethod('claimLink', 'Moves a link between claims to the trash.'),
};
