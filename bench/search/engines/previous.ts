// The search.query of an earlier build, for the side-by-side "before" column: BENCH_PREVIOUS
// names that build's output folder (the commit before this work, compiled with
// `tsc -p tsconfig.bench.json`). It opens the same library on a read-only connection of its own
// and answers through its own dispatcher, so the same queries are timed, interleaved, in one run.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '../../../core/context.js';
import type { SearchType } from '../../../db/index.js';
import type { EngineFactory } from '../types.js';

type Dispatch = (ctx: Context, name: string, input: unknown) => { ok: true; value: unknown } | { ok: false; error: { message: string } };
type OpenSession = (path: string, options: { automaticBackups: boolean; readonly: boolean }) => Context;

export interface Previous {
  dispatch: Dispatch;
  /** The same library, opened by the earlier build, read-only. */
  open: (library: string) => Context;
}

/** The earlier build named by BENCH_PREVIOUS, or null when none is. */
export async function previousBuild(): Promise<Previous | null> {
  const dist = process.env.BENCH_PREVIOUS;
  if (!dist) return null;
  const load = async <T>(file: string) => (await import(pathToFileURL(join(dist, file)).href)) as T;
  const [{ dispatch }, { openSession }] = await Promise.all([load<{ dispatch: Dispatch }>('core/dispatcher.js'), load<{ openSession: OpenSession }>('core/session.js')]);
  const opened = new Map<string, Context>();
  return {
    dispatch,
    open: (library) => {
      let ctx = opened.get(library);
      if (!ctx) opened.set(library, (ctx = openSession(library, { automaticBackups: false, readonly: true })));
      return ctx;
    },
  };
}

/** The earlier build's search.query, asked as ours is (searchQuery in sqlite.ts). */
export async function previousSearch(types?: SearchType[]): Promise<EngineFactory> {
  const previous = await previousBuild();
  if (!previous) throw new Error('BENCH_PREVIOUS names no earlier build: set it to its dist folder to compare with it');
  return ({ ctx }) => {
    const theirs = previous.open(ctx.libraryPath);
    return {
      name: `before: search.query (${types ? types.join(', ') : 'all types'})`,
      inMemory: false,
      note: `the build in ${process.env.BENCH_PREVIOUS}, on a read-only connection of its own to the same library`,
      build: () => {},
      search: (q) => {
        const res = previous.dispatch(theirs, 'search.query', types ? { query: q.text, types } : { query: q.text });
        if (!res.ok) throw new Error(`earlier search.query ${JSON.stringify(q.text)}: ${res.error.message}`);
        const value = res.value as { hits: { id: string }[]; suggestion?: string };
        return { ids: value.hits.map((h) => h.id), ...(value.suggestion ? { suggestion: value.suggestion } : {}) };
      },
    };
  };
}
