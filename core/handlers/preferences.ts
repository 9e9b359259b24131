import { z } from 'zod';
import { getMeta, setMeta } from '../../db/index.js';
import { method } from '../method.js';
import { name } from '../schemas.js';

/** Whose name the verification log records when a status change names no checker. */
export const CHECKER_PREFERENCE = 'pref.checkerName';

export const preferenceMethods = {
  'preferences.get': method({
    summary: 'The reporter’s preferences: the name the verification log records.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => ({ checkerName: getMeta(ctx.db, CHECKER_PREFERENCE) ?? ctx.checker }),
  }),
  'preferences.set': method({
    summary: 'Sets the reporter’s preferences.',
    input: z.strictObject({ checkerName: name }),
    write: true,
    run: (ctx, { checkerName }) => {
      setMeta(ctx.db, CHECKER_PREFERENCE, checkerName);
      return { checkerName };
    },
  }),
};
