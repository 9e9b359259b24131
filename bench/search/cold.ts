// One cold start, in a process of its own: open the library and answer the first query (for an
// in-memory engine: open, read every claim, build the index, then answer). Prints one JSON line.
// Usage: node --expose-gc dist/bench/search/cold.js LIBRARY ENGINE SIZE QUERY-JSON

import { isEngineName, ENGINES } from './engines.js';
import type { Query } from './types.js';

export interface ColdStart {
  /** Loading the modules: Node's work, and the same for every library size. */
  importMs: number;
  /** openSession: file checks, pragmas, migrations check. */
  openMs: number;
  /** Reading the claims and building an in-memory index (0 for SQLite). */
  rebuildMs: number;
  firstQueryMs: number;
  /** open → first answer: what the target counts. */
  openToAnswerMs: number;
  /** From the process's start (Node's own boot included) to the first answer. */
  sinceProcessStartMs: number;
  hits: number;
  /** The process's resident memory once it has answered: what a query process holds. */
  rssMb: number;
}

const [library, engineName, size, queryJson] = process.argv.slice(2);
if (!library || !engineName || !isEngineName(engineName) || !size || !queryJson) {
  console.error('usage: cold.js LIBRARY ENGINE SIZE QUERY-JSON');
  process.exit(2);
}

const t0 = performance.now();
const [{ openSession, closeSession }, { loadClaims }, factory] = await Promise.all([import('../../core/session.js'), import('./queries.js'), ENGINES[engineName]()]);
const t1 = performance.now();
const ctx = openSession(library, { automaticBackups: false });
const engine = factory({ ctx, size: Number(size) });
const t2 = performance.now();
if (engine.inMemory) engine.build(loadClaims(ctx.db));
const query = JSON.parse(queryJson) as Query;
engine.prepare?.([query]);
const t3 = performance.now();
const answer = engine.search(query);
const t4 = performance.now();

const result: ColdStart = {
  importMs: t1 - t0,
  openMs: t2 - t1,
  rebuildMs: t3 - t2,
  firstQueryMs: t4 - t3,
  openToAnswerMs: t4 - t1,
  sinceProcessStartMs: t4,
  hits: answer.ids.length,
  rssMb: process.memoryUsage().rss / 1e6,
};
// Closed as the app closes it, so the next fresh process finds the library closed cleanly.
closeSession(ctx);
console.log(JSON.stringify(result));
