import type { z } from 'zod';
import type { Context, Job } from './context.js';

/** One API method: its input schema, whether it writes, and its handler. */
export interface MethodDef<I extends z.ZodType, O, P = undefined> {
  summary: string;
  input: I;
  /** Writing methods run inside one transaction: all of it is saved, or none. */
  write: boolean;
  /** Answered while an encrypted library is locked (what it takes to see the lock and open it); every other method is refused. */
  whileLocked?: true;
  /** The largest request body (bytes) a door accepts for this method, where it needs more than the door's default: a file's bytes in base64. */
  bodyLimit?: number;
  /**
   * Slow work done before the transaction, such as reading a PDF: it may await, reports its
   * progress and can be cancelled through its job. What it returns is handed to `run`.
   */
  prepare?: (ctx: Context, input: z.output<I>, job: Job) => Promise<P>;
  run: (ctx: Context, input: z.output<I>, prepared: P) => O;
}

export function method<I extends z.ZodType, O, P = undefined>(def: MethodDef<I, O, P>): MethodDef<I, O, P> {
  return def;
}
