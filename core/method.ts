import type { z } from 'zod';
import type { Context, Job, ReadContext } from './context.js';

/**
 * What a handler is given: a writing method the writable connection, a reading one a plain DB,
 * so a db/ function that writes (it takes a WriteDB) cannot be called from it: it does not compile.
 * A method that opens, closes or replaces the library itself (`session: true`) needs the whole
 * context whatever `write` says.
 */
export type HandlerContext<W extends boolean, S extends boolean = false> = W extends true ? Context : S extends true ? Context : ReadContext;

/** One API method: its input schema, whether it writes, and its handler. */
export interface MethodDef<I extends z.ZodType, O, P = undefined, W extends boolean = boolean, S extends boolean = false> {
  summary: string;
  input: I;
  /** Writing methods run inside one transaction: all of it is saved, or none. */
  write: W;
  /**
   * Opens, closes or replaces the library's connection itself (unlock, lock, a change of
   * encryption, a restore, another library), or keeps the session's own bookkeeping in it (the
   * library's id): it runs outside the dispatcher's transaction, which would not survive a swap,
   * and is given the writable context.
   */
  session?: S;
  /** Answered while an encrypted library is locked (what it takes to see the lock and open it); every other method is refused. */
  whileLocked?: true;
  /** The largest request body (bytes) a door accepts for this method, where it needs more than the door's default: a file's bytes in base64. */
  bodyLimit?: number;
  /**
   * Slow work done before the transaction, such as reading a PDF: it may await, reports its
   * progress and can be cancelled through its job. What it returns is handed to `run`.
   */
  prepare?: (ctx: HandlerContext<W, S>, input: z.output<I>, job: Job) => Promise<P>;
  run: (ctx: HandlerContext<W, S>, input: z.output<I>, prepared: P) => O;
}

export function method<I extends z.ZodType, O, P = undefined, W extends boolean = boolean, S extends boolean = false>(def: MethodDef<I, O, P, W, S>): MethodDef<I, O, P, W, S> {
  return def;
}
