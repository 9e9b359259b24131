// Progress of long work (import, export, archive, unarchive, backup) on a terminal: one line on
// stderr, rewritten in place, from the job the dispatcher keeps for the method (core/context.ts
// JobState). Nothing when stderr is not a terminal (a log file, a pipe) or with --json: a script
// reads stdout and would only get noise.

import type { Context } from '../core/context.js';
import { safeText, type OutputFlags } from './output.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** How often the line is redrawn: quick work finishes before the first draw and shows nothing. */
export const PROGRESS_INTERVAL_MS = 150;

function describe(ctx: Context): string | undefined {
  const job = [...(ctx.jobs?.values() ?? [])].at(-1);
  if (!job) return undefined;
  const share = job.total > 0 ? ` ${Math.min(100, Math.floor((job.done / job.total) * 100))}%` : '';
  return `${job.stage}${share}`;
}

/** Runs the work, drawing its job's progress on the terminal meanwhile; the line is cleared at the end. */
export async function withProgress<T>(ctx: Context, flags: OutputFlags, work: Promise<T>, stream: ProgressStream = process.stderr): Promise<T> {
  if (flags.json || !stream.isTTY) return work;
  let drawn = false;
  const draw = () => {
    const line = describe(ctx);
    if (line === undefined) return;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r${safeText(line).slice(0, width)}\u001b[K`);
    drawn = true;
  };
  const timer = setInterval(draw, PROGRESS_INTERVAL_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (drawn) stream.write('\r\u001b[K');
  }
}
