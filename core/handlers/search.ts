import { z } from 'zod';
import { search, SEARCH_TYPES } from '../../db/index.js';
import { method } from '../method.js';
import { id } from '../schemas.js';

export const searchMethods = {
  'search.query': method({
    summary: 'Full-text search over claims, sources, documents, excerpts and notes. Words must all match; "quoted phrase"; prefix*.',
    input: z.strictObject({
      query: z.string().max(10_000, 'a search is at most 10,000 characters'),
      caseId: id.optional(),
      types: z.array(z.enum(SEARCH_TYPES)).max(SEARCH_TYPES.length).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    write: false,
    run: (ctx, input) => search(ctx.db, input),
  }),
};
