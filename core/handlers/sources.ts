import { z } from 'zod';
import { claimsOfSource, getSource, insertRecord, listSources, setTags, updateRecord, type Claim, type DB, type Source } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import {
  attribution,
  byId,
  contact,
  id,
  LIMITS,
  longText,
  name,
  patchOf,
  reliability,
  shortText,
  sourceKind,
  tags,
} from '../schemas.js';
import { trashMethod } from '../record-rules.js';

const fields = {
  kind: sourceKind,
  name,
  aliases: z.array(name).max(LIMITS.aliases),
  role: shortText,
  affiliationId: id.nullable(),
  contact,
  defaultAttribution: attribution,
  confidential: z.boolean(),
  anonymityReason: shortText,
  identityKnownBy: shortText,
  description: shortText,
  reliability,
  notes: longText,
  tags,
};

/** An affiliation must name another live source, and must not make a loop (A in B in A). */
function checkAffiliation(db: DB, sourceId: string | null, affiliationId: string | null | undefined): void {
  if (!affiliationId) return;
  let current: string | null = affiliationId;
  for (let hops = 0; current && hops < 100; hops++) {
    if (current === sourceId) throw new ApiError('BAD_REFERENCE', 'A source cannot be affiliated with itself, directly or through others.');
    current = getSource(db, current, hops > 0).affiliationId;
  }
}


export const sourceMethods = {
  'sources.list': method({
    summary: 'Sources, alphabetical, with how many claims each made; with caseId, only those heard in that case.',
    input: z.strictObject({ caseId: id.optional(), includeTrashed: z.boolean().optional() }).optional(),
    write: false,
    run: (ctx, input) => listSources(ctx.db, input ?? {}),
  }),
  'sources.get': method({
    summary: 'One source with every claim it made, in every case.',
    input: byId,
    write: false,
    run: (ctx, { id }): { source: Source; claims: Claim[] } => ({
      source: getSource(ctx.db, id),
      claims: claimsOfSource(ctx.db, id),
    }),
  }),
  'sources.create': method({
    summary: 'Records a person or organisation who makes claims.',
    input: z.strictObject({ ...fields, kind: sourceKind.optional() }).partial().required({ name: true }),
    write: true,
    run: (ctx, { tags: tagNames, ...input }) => {
      checkAffiliation(ctx.db, null, input.affiliationId);
      const row = insertRecord(ctx.db, 'source', { kind: 'person', ...input });
      if (tagNames) setTags(ctx.db, 'source', row.id as string, tagNames);
      return getSource(ctx.db, row.id as string);
    },
  }),
  'sources.update': method({
    summary: 'Changes any fields of a source.',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, tags: tagNames, ...patch }) => {
      checkAffiliation(ctx.db, id, patch.affiliationId);
      // The record is checked (exists, not trashed, revision) before its tags are touched.
      updateRecord(ctx.db, 'source', id, patch, revision);
      if (tagNames) setTags(ctx.db, 'source', id, tagNames);
      return getSource(ctx.db, id);
    },
  }),
  'sources.delete': trashMethod('source', 'Moves a source to the trash; its claims keep pointing at it.'),
};
