// The name the library records for the reporter, as the handlers that log a checker and the
// packet's cover read it: kept as a preference in the library, set by preferences.set.

import { getMeta } from '../db/index.js';
import type { ReadContext } from './context.js';

/** Whose name the verification log records when a status change names no checker. */
export const CHECKER_PREFERENCE = 'pref.checkerName';

/**
 * What the verification log and a packet's cover record until the reporter gives a name. Not the
 * OS account ("root", "admin", a laptop's login): that is no one's name, and it would stay in the
 * append-only log for good. This says plainly that nobody was named.
 */
export const UNNAMED_CHECKER = 'Unnamed reporter';

/** The name the library records for the reporter: the one given in Preferences, else the door's (CORROBORATE_CHECKER). */
export function givenName(ctx: ReadContext): string {
  return getMeta(ctx.db, CHECKER_PREFERENCE) || ctx.checker;
}

/** The checker a status change without one is logged under, and the exporter a packet names. */
export function recordedChecker(ctx: ReadContext): string {
  return givenName(ctx) || UNNAMED_CHECKER;
}
