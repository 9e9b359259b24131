import type { Context } from './context.js';
import { methods, isMethodName, type MethodName, type Output } from './api.js';
import { ApiError, toErrorBody, type Envelope } from './errors.js';

export type Logger = (message: string, err: unknown) => void;

const defaultLogger: Logger = (message, err) => console.error(message, err);

/**
 * The one way in: checks the method exists, validates the input against its schema, runs the
 * handler (writes in one transaction, so a failure leaves nothing half-written) and wraps the
 * outcome in an envelope. It never throws.
 */
export function dispatch<N extends MethodName>(ctx: Context, name: N, input: unknown, log?: Logger): Envelope<Output<N>>;
export function dispatch(ctx: Context, name: string, input: unknown, log?: Logger): Envelope<unknown>;
export function dispatch(ctx: Context, name: string, input: unknown, log: Logger = defaultLogger): Envelope<unknown> {
  try {
    if (typeof name !== 'string' || !isMethodName(name)) {
      throw new ApiError('UNKNOWN_METHOD', `There is no method called “${String(name).slice(0, 100)}”. \`corroborate methods\` lists them.`);
    }
    const m = methods[name];
    const parsed = m.input.safeParse(input ?? undefined);
    if (!parsed.success) return { ok: false, error: toErrorBody(parsed.error, name) };
    const run = () => (m.run as (c: Context, i: unknown) => unknown)(ctx, parsed.data);
    const value = m.write ? ctx.db.transaction(run)() : run();
    return { ok: true, value };
  } catch (err) {
    const error = toErrorBody(err, name);
    if (error.code === 'INTERNAL') log(`corroborate: ${name} failed`, err);
    return { ok: false, error };
  }
}
