import type { z } from 'zod';
import type { Context } from './context.js';

/** One API method: its input schema, whether it writes, and its handler. */
export interface MethodDef<I extends z.ZodType, O> {
  summary: string;
  input: I;
  /** Writing methods run inside one transaction: all of it is saved, or none. */
  write: boolean;
  run: (ctx: Context, input: z.output<I>) => O;
}

export function method<I extends z.ZodType, O>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
