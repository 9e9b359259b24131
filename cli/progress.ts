// Progress of long work (import, export, archive, unarchive, backup, encrypt, decrypt) on a
// terminal: one line on stderr, rewritten in place, from the job the dispatcher keeps for the
// method (core/context.ts JobState), or, for work that runs synchronously, from the stages it
// reports as it goes (Context.stage). Nothing when stderr is not a terminal (a log file, a pipe)
// or with --json: a script reads stdout and would only get noise.

import type { Context } from '../core/context.js';
import { safeText, type OutputFlags } from './output.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** How often the line is redrawn: quick work finishes before the first draw and shows nothing. */
export const PROGRESS_INTERVAL_MS = 150;

function describe(done: number, total: number, stage: string): string {
  const share = total > 0 ? ` ${Math.min(100, Math.floor((done / total) * 100))}%` : '';
  return `${stage}${share}`;
}

/** Draws one line over the last, and clears it at the end if anything was drawn. */
function lineOn(stream: ProgressStream) {
  let drawn = false;
  return {
    draw(line: string) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r${safeText(line).slice(0, width)}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}

/** Whether progress is shown at all: on a terminal, and not for a script reading --json. */
const shown = (flags: OutputFlags, stream: ProgressStream) => !flags.json && stream.isTTY === true;

/** Runs the work, drawing its job's progress on the terminal meanwhile; the line is cleared at the end. */
export async function withProgress<T>(ctx: Context, flags: OutputFlags, work: Promise<T>, stream: ProgressStream = process.stderr): Promise<T> {
  if (!shown(flags, stream)) return work;
  const line = lineOn(stream);
  const timer = setInterval(() => {
    const job = [...(ctx.jobs?.values() ?? [])].at(-1);
    if (job) line.draw(describe(job.done, job.total, job.stage));
  }, PROGRESS_INTERVAL_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    line.clear();
  }
}

/**
 * Runs synchronous work that reports its stages through ctx.stage (no timer can fire while it
 * runs), drawing each stage as it starts; the line is cleared at the end.
 */
export function withStages<T>(ctx: Context, flags: OutputFlags, work: () => T, stream: ProgressStream = process.stderr): T {
  if (!shown(flags, stream)) return work();
  const line = lineOn(stream);
  const before = ctx.stage;
  ctx.stage = (done, total, stage) => line.draw(describe(done, total, stage));
  try {
    return work();
  } finally {
    ctx.stage = before;
    line.clear();
  }
}
