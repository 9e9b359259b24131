import { z } from 'zod';
import { getClaim, getRecord, insertRecord, repliesOf, updateRecord } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id, longText, name, patchOf, shortText, timestamp } from '../schemas.js';
import { inCase, liveCase, trashMethod } from '../record-rules.js';

const fields = {
  claimId: id.nullable(),
  sourceId: id.nullable(),
  subject: name,
  contactedAt: timestamp,
  channel: shortText,
  response: longText,
  respondedAt: timestamp.nullable(),
};

export const replyMethods = {
  'replies.list': method({
    summary: 'The right-of-reply log of a case or of one claim: who was asked, when, how, and what they said.',
    input: z.union([z.strictObject({ caseId: id }), z.strictObject({ claimId: id })]),
    write: false,
    run: (ctx, by) => repliesOf(ctx.db, by),
  }),
  'replies.create': method({
    summary: 'Logs a request for comment.',
    input: z.strictObject({ caseId: id, ...fields }).partial().required({ caseId: true, subject: true, contactedAt: true }),
    write: true,
    run: (ctx, input) => {
      liveCase(ctx, input.caseId);
      if (input.claimId) inCase(getClaim(ctx.db, input.claimId, false), input.caseId, 'claim');
      if (input.sourceId) getRecord(ctx.db, 'source', input.sourceId);
      if (input.respondedAt && Date.parse(input.respondedAt) < Date.parse(input.contactedAt)) {
        throw new ApiError('BAD_INPUT', 'The response cannot come before the request.');
      }
      return insertRecord(ctx.db, 'reply', input);
    },
  }),
  'replies.update': method({
    summary: 'Records the response to a request for comment, or corrects the entry.',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, ...patch }) => updateRecord(ctx.db, 'reply', id, patch, revision),
  }),
  'replies.delete': trashMethod('reply', 'Moves a right-of-reply entry to the trash.'),
};
