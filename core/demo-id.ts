import { getMeta, getRow } from '../db/index.js';
import type { ReadContext } from './context.js';

/** Where the library remembers which case is the demo, so loading it twice adds nothing. */
export const DEMO_CASE_KEY = 'demo.caseId';

/** The demo case's id, while it is in the library (in the trash or not). */
export function demoCaseId(ctx: ReadContext): string | undefined {
  const known = getMeta(ctx.db, DEMO_CASE_KEY);
  return known && getRow(ctx.db, 'case', known) ? known : undefined;
}
