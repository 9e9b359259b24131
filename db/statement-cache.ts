// Prepared statements made once per connection, not once per call. Every function of db/ calls
// `db.prepare(sql)` where it needs a statement, which keeps each query beside the code that reads
// it; preparing is SQLite parsing and planning the text again, about 30% of a claim's creation
// through the API when measured. So the connection's prepare answers a text it has prepared
// before with the same statement (`npm run bench` measures the ratio: bench/run.ts).
//
// A statement is one cursor. While one is being stepped through (`iterate()` not finished),
// better-sqlite3 refuses to run it again ("This statement is busy executing a query"), and a
// nested use of the same text — a row handler that runs the query it is iterating — would hit
// that; so a busy statement is never handed out: the caller gets a fresh one, not kept. A
// statement's modes (pluck, raw, expand) are the caller's to set and would leak into the next
// caller's rows, so they are put back to the default on every hand-out. `bind()` fixes a
// statement's parameters for good: nothing in db/ uses it, and a caller needing it must
// prepare through `uncached`.

import type { DB, Statement } from './driver.js';

/** Distinct texts kept per connection; search builds some texts from values, so this is a bound. */
export const MAX_STATEMENTS = 1_000;

const originals = new WeakMap<DB, DB['prepare']>();

/** The connection's own prepare, bypassing the cache: for a statement that will be bound. */
export function uncached(db: DB): DB['prepare'] {
  return originals.get(db) ?? db.prepare.bind(db);
}

/** How many statements the connection has prepared (cache misses), for tests and the bench. */
const prepared = new WeakMap<DB, { count: number }>();
export const preparedCount = (db: DB): number => prepared.get(db)?.count ?? 0;

function reset(stmt: Statement): Statement {
  if (stmt.reader) stmt.raw(false).expand(false).pluck(false);
  return stmt;
}

/** Makes `db.prepare` answer a text it prepared before with the same statement (least recently used dropped past `max`). */
export function cacheStatements(db: DB, max = MAX_STATEMENTS): DB {
  if (originals.has(db)) return db;
  const prepare = db.prepare.bind(db) as (source: string) => Statement;
  const cache = new Map<string, Statement>();
  const counter = { count: 0 };
  originals.set(db, prepare as DB['prepare']);
  prepared.set(db, counter);
  const cachedPrepare = (source: string): Statement => {
    const known = cache.get(source);
    if (known && !known.busy) {
      // Map order is insertion order: moved to the end, it is the most recently used.
      cache.delete(source);
      cache.set(source, known);
      return reset(known);
    }
    counter.count++;
    const fresh = prepare(source);
    if (!known) {
      cache.set(source, fresh);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
    }
    return fresh;
  };
  db.prepare = cachedPrepare as DB['prepare'];
  return db;
}
