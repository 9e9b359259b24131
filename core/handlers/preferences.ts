import { z } from 'zod';
import { getMeta, setMeta } from '../../db/index.js';
import type { ReadContext } from '../context.js';
import { method } from '../method.js';
import { CHECKER_PREFERENCE, givenName, recordedChecker } from '../preference-keys.js';
import { name } from '../schemas.js';

const THEME_PREFERENCE = 'pref.theme';
const IDLE_LOCK_PREFERENCE = 'pref.idleLockMinutes';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Minutes of no input before an encrypted library locks itself; 0 never does. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const MAX_IDLE_LOCK_MINUTES = 480;

function storedTheme(ctx: ReadContext): Theme {
  const stored = getMeta(ctx.db, THEME_PREFERENCE);
  return THEMES.find((t) => t === stored) ?? 'system';
}

function storedIdleLock(ctx: ReadContext): number {
  const minutes = Number(getMeta(ctx.db, IDLE_LOCK_PREFERENCE) ?? NaN);
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_IDLE_LOCK_MINUTES ? minutes : DEFAULT_IDLE_LOCK_MINUTES;
}

function preferencesOf(ctx: ReadContext) {
  return {
    /** What the log records now: the reporter's name, or UNNAMED_CHECKER. */
    checkerName: recordedChecker(ctx),
    /** Whether the reporter gave a name (the app asks for one on start until then). */
    named: givenName(ctx) !== '',
    theme: storedTheme(ctx),
    idleLockMinutes: storedIdleLock(ctx),
  };
}

export const preferenceMethods = {
  'preferences.get': method({
    summary: 'The reporter’s preferences: the name the verification log records, the theme, the idle lock.',
    input: z.strictObject({}).optional(),
    write: false,
    run: preferencesOf,
  }),
  'preferences.set': method({
    summary: 'Sets the reporter’s preferences; those not given stay as they are.',
    input: z
      .strictObject({
        checkerName: name.optional(),
        theme: z.enum(THEMES).optional(),
        idleLockMinutes: z.number().int('whole minutes').min(0, '0 (never) or more minutes').max(MAX_IDLE_LOCK_MINUTES, `at most ${MAX_IDLE_LOCK_MINUTES} minutes (8 hours)`).optional(),
      })
      .refine((p) => Object.values(p).some((v) => v !== undefined), 'Give at least one preference to set.'),
    write: true,
    run: (ctx, { checkerName, theme, idleLockMinutes }) => {
      if (checkerName !== undefined) setMeta(ctx.db, CHECKER_PREFERENCE, checkerName);
      if (theme !== undefined) setMeta(ctx.db, THEME_PREFERENCE, theme);
      if (idleLockMinutes !== undefined) setMeta(ctx.db, IDLE_LOCK_PREFERENCE, String(idleLockMinutes));
      return preferencesOf(ctx);
    },
  }),
};
