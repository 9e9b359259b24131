import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { openLibrary, type DB } from '../db/index.js';
import type { Context } from '../core/context.js';
import { dispatch, dispatchAsync } from '../core/dispatcher.js';
import type { Input, MethodName, Output } from '../core/api.js';

const dirs: string[] = [];
const dbs: DB[] = [];

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** console.log and console.error, line by line, for each test of the file (or describe block) that calls this. */
export function captureConsole(): { out: string[]; err: string[] } {
  const seen = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    seen.out.length = 0;
    seen.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void seen.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void seen.err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  return seen;
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-test-'));
  dirs.push(dir);
  return dir;
}

export function tempLibrary(): Context {
  const libraryPath = join(tempDir(), 'library.corroborate');
  const db = openLibrary(libraryPath);
  dbs.push(db);
  return { db, libraryPath, checker: 'Test Checker' };
}

/** Calls a method through the dispatcher and returns its value, failing loudly on an error. */
export function call<N extends MethodName>(ctx: Context, name: N, input: Input<N>): Output<N> {
  let cause: unknown;
  const res = dispatch(ctx, name, input, (_m, err) => (cause = err));
  if (!res.ok) throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`, { cause });
  return res.value;
}

/** Calls a method expected to fail and returns its error. */
export function callError(ctx: Context, name: string, input: unknown) {
  const res = dispatch(ctx, name, input, () => {});
  if (res.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(res.value).slice(0, 200)}`);
  return res.error;
}

/** Calls a method through the asynchronous dispatcher (methods that read files, say). */
export async function callAsync<N extends MethodName>(ctx: Context, name: N, input: Input<N>): Promise<Output<N>> {
  let cause: unknown;
  const res = await dispatchAsync(ctx, name, input, (_m, err) => (cause = err));
  if (!res.ok) throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`, { cause });
  return res.value;
}

export async function callAsyncError(ctx: Context, name: string, input: unknown) {
  const res = await dispatchAsync(ctx, name, input, () => {});
  if (res.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(res.value).slice(0, 200)}`);
  return res.error;
}
