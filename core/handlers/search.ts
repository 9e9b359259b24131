import { z } from 'zod';
import { deleteSavedSearch, listSavedSearches, saveSearch, search, SEARCH_TYPES } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id, name } from '../schemas.js';
import { liveCase } from '../record-rules.js';

const queryText = z.string().max(10_000, 'a search is at most 10,000 characters');

export const searchMethods = {
  'search.query': method({
    summary:
      'Full-text search over claims, sources, documents, excerpts and notes, best first. Words must all match; "exact phrase"; prefix*; -excluded; a OR b; filters source: status: type: case: tag: before: after:. A word that matches nothing is corrected to the nearest indexed word (see suggestion); spellingPending: true says the library has just opened and some of its words were not read yet, so the same search in a moment may be corrected. typing: the reporter is still typing the last word, so it matches as a prefix (typed: true says it did).',
    input: z.strictObject({
      query: queryText,
      caseId: id.optional(),
      types: z.array(z.enum(SEARCH_TYPES)).max(SEARCH_TYPES.length).optional(),
      limit: z.number().int().min(1).max(500).default(50),
      typing: z.boolean().optional(),
    }),
    write: false,
    run: (ctx, input) => search(ctx.db, input),
  }),
  'searches.list': method({
    summary: 'The searches saved in a case.',
    input: z.strictObject({ caseId: id }),
    write: false,
    run: (ctx, { caseId }) => listSavedSearches(ctx.db, caseId),
  }),
  'searches.save': method({
    summary: 'Saves a search under a name in a case (the same name again replaces it).',
    input: z.strictObject({ caseId: id, name, query: queryText.min(1, 'a search cannot be empty') }),
    write: true,
    run: (ctx, input) => {
      liveCase(ctx, input.caseId);
      return saveSearch(ctx.db, input);
    },
  }),
  'searches.delete': method({
    summary: 'Forgets a saved search (it is only a query: nothing else is lost).',
    input: z.strictObject({ id }),
    write: true,
    run: (ctx, { id: searchId }) => {
      if (!deleteSavedSearch(ctx.db, searchId)) throw new ApiError('NOT_FOUND', 'No saved search has that id.');
      return { deleted: searchId };
    },
  }),
};
