import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Context, Job, JobState } from './context.js';
import { methods, isMethodName, type MethodName, type Output } from './api.js';
import { ApiError, toErrorBody, type Envelope } from './errors.js';
import type { MethodDef } from './method.js';
import { isLocked, lockedError } from './session.js';
import { captureLocalChanges, dropCaptured, keepCaptured, openCapture } from './desk/engine.js';
import { checkpointAfterPurge, type WriteDB } from '../db/index.js';

export type Logger = (message: string, err: unknown) => void;

const defaultLogger: Logger = (message, err) => console.error(message, err);

type AnyMethod = MethodDef<z.ZodType, unknown, unknown>;

/** The method called `name`, if there is one. */
function methodNamed(name: unknown): AnyMethod | undefined {
  // The entries differ in their input and output types; the dispatcher treats them alike.
  return typeof name === 'string' && isMethodName(name) ? (methods[name] as unknown as AnyMethod) : undefined;
}

/** How large a request body a door should accept for `name`: its own default unless the method needs more. */
export function bodyLimitFor(name: string, doorDefault: number): number {
  return Math.max(doorDefault, methodNamed(name)?.bodyLimit ?? 0);
}

/** The method and its validated input, or the error to answer with. */
function resolve(ctx: Context, name: string, input: unknown): { m: AnyMethod; data: unknown } | { error: Envelope<never> } {
  const m = methodNamed(name);
  if (!m) throw new ApiError('UNKNOWN_METHOD', `There is no method called “${String(name).slice(0, 100)}”. \`corroborate methods\` lists them.`);
  if (isLocked(ctx) && !m.whileLocked) throw lockedError();
  const parsed = m.input.safeParse(input ?? undefined);
  if (!parsed.success) return { error: { ok: false, error: toErrorBody(parsed.error, name) } };
  return { m, data: parsed.data };
}

/**
 * What every write passes through besides its handler, in this order: `beforeWrite` as it
 * begins; `inTransaction` after the handler, in the write's transaction (it may refuse the write
 * by throwing: nothing is saved); then, once the transaction is over, `afterCommit` or
 * `afterRollback`. An after-hook's failure is logged, never reported as the write's: the write
 * is saved (or not) already. A write called inside a transaction of its caller's (a script's
 * batch) gets neither `beforeWrite` nor `afterCommit`: nothing is on disk until the caller
 * commits. A sync engine plugs in here (docs/architecture.md).
 */
export interface WriteHook {
  name: string;
  beforeWrite?: (db: WriteDB) => void;
  inTransaction?: (db: WriteDB) => void;
  afterCommit?: (db: WriteDB) => void;
  afterRollback?: (db: WriteDB) => void;
}

const WRITE_HOOKS: readonly WriteHook[] = [
  // A shared case's changes become its document's changes inside the same transaction: they
  // are saved together, or neither is (docs/sync.md §3). The document is kept for the next
  // write only once this one is saved.
  { name: 'desk', beforeWrite: openCapture, inTransaction: (db) => void captureLocalChanges(db), afterCommit: keepCaptured, afterRollback: dropCaptured },
  // What a purge removed leaves the write-ahead log at once, not at the next checkpoint SQLite chooses.
  // (A purge rolled back leaves its mark: the log is emptied after the next write instead, for nothing.)
  { name: 'purge', afterCommit: checkpointAfterPurge },
];

function after(db: WriteDB, stage: 'afterCommit' | 'afterRollback', log: Logger): void {
  for (const hook of WRITE_HOOKS) {
    try {
      hook[stage]?.(db);
    } catch (err) {
      log(`corroborate: the ${hook.name} hook failed ${stage === 'afterCommit' ? 'after a write was saved' : 'after a write was undone'}`, err);
    }
  }
}

function execute(ctx: Context, m: AnyMethod, data: unknown, prepared: unknown, log: Logger): unknown {
  if (!m.write) return m.run(ctx, data, prepared);
  const runAndHook = () => {
    const value = m.run(ctx, data, prepared);
    for (const hook of WRITE_HOOKS) hook.inTransaction?.(ctx.db);
    return value;
  };
  // Called inside a transaction of its caller's (a script's batch): nothing is on disk until that commits.
  const nested = ctx.db.inTransaction;
  if (!nested) for (const hook of WRITE_HOOKS) hook.beforeWrite?.(ctx.db);
  let value: unknown;
  try {
    // IMMEDIATE: the write lock is taken before the first read, so a second writer (a script
    // beside the app) waits for it (busy_timeout) instead of failing with SQLITE_BUSY when a
    // read-then-write transaction cannot upgrade its snapshot.
    value = ctx.db.transaction(runAndHook).immediate();
  } catch (err) {
    after(ctx.db, 'afterRollback', log);
    throw err;
  }
  if (!nested) after(ctx.db, 'afterCommit', log);
  return value;
}

function failure(err: unknown, name: string, log: Logger): Envelope<never> {
  const error = toErrorBody(err, name);
  if (error.code === 'INTERNAL') log(`corroborate: ${name} failed`, err);
  return { ok: false, error };
}

/**
 * The one way in, for every door: checks the method exists, validates the input against its
 * schema, does any slow preparation (tracked as a job: progress, cancel), runs the handler
 * (writes in one transaction, so a failure leaves nothing half-written) and wraps the outcome
 * in an envelope. It never throws.
 */
export async function dispatchAsync<N extends MethodName>(ctx: Context, name: N, input: unknown, log?: Logger): Promise<Envelope<Output<N>>>;
export async function dispatchAsync(ctx: Context, name: string, input: unknown, log?: Logger): Promise<Envelope<unknown>>;
export async function dispatchAsync(ctx: Context, name: string, input: unknown, log: Logger = defaultLogger): Promise<Envelope<unknown>> {
  let jobId: string | undefined;
  try {
    const r = resolve(ctx, name, input);
    if ('error' in r) return r.error;
    let prepared: unknown;
    if (r.m.prepare) {
      const requested = (r.data as { jobId?: unknown } | undefined)?.jobId;
      jobId = typeof requested === 'string' ? requested : randomUUID();
      const job = startJob(ctx, jobId);
      prepared = await r.m.prepare(ctx, r.data, job);
      if (job.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: nothing was saved.');
    }
    return { ok: true, value: execute(ctx, r.m, r.data, prepared, log) };
  } catch (err) {
    return failure(err, name, log);
  } finally {
    if (jobId) ctx.jobs?.delete(jobId);
  }
}

/** The same pipeline for methods that need no preparation, answered at once (tests, scripts). */
export function dispatch<N extends MethodName>(ctx: Context, name: N, input: unknown, log?: Logger): Envelope<Output<N>>;
export function dispatch(ctx: Context, name: string, input: unknown, log?: Logger): Envelope<unknown>;
export function dispatch(ctx: Context, name: string, input: unknown, log: Logger = defaultLogger): Envelope<unknown> {
  try {
    const r = resolve(ctx, name, input);
    if ('error' in r) return r.error;
    if (r.m.prepare) throw new Error(`${name} does slow work first: call it through dispatchAsync`);
    return { ok: true, value: execute(ctx, r.m, r.data, undefined, log) };
  } catch (err) {
    return failure(err, name, log);
  }
}

function startJob(ctx: Context, id: string): Job {
  ctx.jobs ??= new Map();
  if (ctx.jobs.has(id)) throw new ApiError('CONFLICT', 'A task with that id is already running.');
  const state: JobState = { done: 0, total: 0, stage: 'starting', controller: new AbortController() };
  ctx.jobs.set(id, state);
  return {
    id,
    signal: state.controller.signal,
    progress: (done, total, stage) => Object.assign(state, { done, total, stage }),
  };
}
