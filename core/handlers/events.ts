// Events: what happened in a case that nobody in particular said (a law, a listing, a
// declaration), dated as precisely as the reporting allows. The timeline draws them beside the
// claims and documents.

import { z } from 'zod';
import { getRecord, insertRecord, listEvents, updateRecord } from '../../db/index.js';
import { method } from '../method.js';
import { byCase, id, longText, partialDate, patchOf, title } from '../schemas.js';
import { liveCase, trashMethod } from '../record-rules.js';
import { spanRange } from '../dates.js';

const happenedOn = partialDate.unwrap();
const fields = { title, happenedOn, happenedUntil: partialDate, description: longText };

export const eventMethods = {
  'events.list': method({
    summary: 'The events of a case, earliest first.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => {
      return listEvents(ctx.db, caseId);
    },
  }),
  'events.get': method({
    summary: 'One event.',
    input: z.strictObject({ id }),
    write: false,
    run: (ctx, { id }) => getRecord(ctx.db, 'event', id, { includeTrashed: true }),
  }),
  'events.create': method({
    summary: 'Records something that happened in a case, on a date as precise as known (2021, 2021-12 or 2021-12-15).',
    input: z.strictObject({ caseId: id, ...fields }).partial().required({ caseId: true, title: true, happenedOn: true }),
    write: true,
    run: (ctx, input) => {
      liveCase(ctx, input.caseId);
      spanRange(input.happenedOn, input.happenedUntil ?? null);
      return insertRecord(ctx.db, 'event', input);
    },
  }),
  'events.update': method({
    summary: 'Corrects an event.',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, ...patch }) => {
      const current = getRecord(ctx.db, 'event', id);
      spanRange(patch.happenedOn ?? current.happenedOn, patch.happenedUntil === undefined ? current.happenedUntil : patch.happenedUntil);
      return updateRecord(ctx.db, 'event', id, patch, revision);
    },
  }),
  'events.delete': trashMethod('event', 'Moves an event to the trash.'),
};
