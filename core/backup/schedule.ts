// Automatic backups while a session is open: the first a few seconds after the library opens
// (the window is up by then; the copy runs in steps between other work), then a check every
// hour, so an app left open for days still makes one a day.

import type { Context } from '../context.js';
import { devOverride } from '../../db/dev-overrides.js';
import { automaticBackup } from './backup.js';

const timers = new WeakMap<Context, NodeJS.Timeout[]>();

const EVERY_MS = 60 * 60 * 1000;

/** Read when a session opens, not at import: the packaged app turns overrides off after its imports. */
function firstDelayMs(): number {
  const ms = Number(devOverride('CORROBORATE_BACKUP_DELAY_MS') ?? 5_000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 5_000;
}

async function runOnce(ctx: Context): Promise<void> {
  if (!ctx.db.open) return;
  try {
    await automaticBackup(ctx);
  } catch (err) {
    console.error(`corroborate: the automatic backup of ${ctx.libraryPath} failed: ${(err as Error).message}`);
  }
}

export function startAutomaticBackups(ctx: Context): void {
  stopAutomaticBackups(ctx);
  const first = setTimeout(() => void runOnce(ctx), firstDelayMs());
  const every = setInterval(() => void runOnce(ctx), EVERY_MS);
  first.unref();
  every.unref();
  timers.set(ctx, [first, every]);
}

export function stopAutomaticBackups(ctx: Context): void {
  for (const t of timers.get(ctx) ?? []) clearTimeout(t);
  timers.delete(ctx);
}
