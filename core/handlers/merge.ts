import { z } from 'zod';
import { method } from '../method.js';
import { id } from '../schemas.js';
import { mergeSources } from '../source-merge.js';

export const mergeMethods = {
  'sources.merge': method({
    summary: 'Merges two records of the same source: the second one’s claims, replies and affiliations move to the first, its names become aliases, and it goes to the trash. undo.last reverses it.',
    input: z.strictObject({ keepId: id, mergeId: id }),
    write: true,
    run: (ctx, { keepId, mergeId }) => mergeSources(ctx, keepId, mergeId),
  }),
};
