// Wrong passphrases, counted per session: from the third wrong one in a row, the next attempt
// must wait (1 s, then 2, 4… up to 5 minutes), on top of the ~0.3 s that deriving each key costs
// (PBKDF2, 256,000 iterations). A right one resets the count. Guessing through the app is then
// hopeless; a copy of the file is guessed offline at the cost of that key derivation.

import type { Context } from '../context.js';
import { ApiError } from '../errors.js';

const FREE_TRIES = 3;
const MAX_WAIT_MS = 5 * 60 * 1000;

interface Attempts {
  failures: number;
  /** No attempt is taken before this time (ms). */
  notBefore: number;
}

const attempts = new WeakMap<Context, Attempts>();

export function waitAfter(failures: number): number {
  return failures < FREE_TRIES ? 0 : Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - FREE_TRIES));
}

/**
 * Runs `attempt`, which checks a passphrase and throws WRONG_PASSPHRASE when it is wrong;
 * refuses (TOO_MANY_ATTEMPTS) while the session must still wait after earlier wrong ones.
 */
export function limitAttempts<T>(ctx: Context, attempt: () => T, now: () => number = Date.now): T {
  const a = attempts.get(ctx) ?? { failures: 0, notBefore: 0 };
  const wait = a.notBefore - now();
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ApiError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
  }
  try {
    const value = attempt();
    attempts.delete(ctx);
    return value;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'WRONG_PASSPHRASE') {
      a.failures++;
      a.notBefore = now() + waitAfter(a.failures);
      attempts.set(ctx, a);
    }
    throw err;
  }
}
