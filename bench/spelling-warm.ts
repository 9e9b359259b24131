// `node --expose-gc dist/bench/spelling-warm.js LIBRARY [cold]` (after `tsc -p tsconfig.bench.json`):
// the first misspelt word searched after a library opens. Opens LIBRARY read-only (never writes
// into a cached bench library), starts the warm-up a long-lived door starts (db/spelling-warm.ts)
// and measures: the time from open to warm, a typo query (claims only, and every type) at 0.5 s
// and after warm, the longest gap of the event loop while the worker reads (outside the queries
// this script runs itself), and the process's memory before and after.
// With `cold`: no warm-up; each index's words read whole on this thread, with its leaf pages, to
// show what the first typo query cost before and what READ_WHILE_WARMING's page limit allows.

import { performance } from 'node:perf_hooks';
import { closeLibrary, openLibrary } from '../db/open.js';
import { pages, segments } from '../db/fts5-segments.js';
import { search } from '../db/search.js';
import { keptWords, reads, SPELLING_INDEXES, suggestSpelling } from '../db/spelling.js';
import { observeWarmUp, warmSpelling } from '../db/spelling-warm.js';
import type { DB } from '../db/open.js';

const [path, mode] = process.argv.slice(2);
if (!path) {
  console.error('usage: node dist/bench/spelling-warm.js LIBRARY [cold]');
  process.exit(2);
}

const mb = (n: number) => Math.round(n / 1048576);
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers) };
};

/** A misspelt ending (the last two letters swapped) of a long word of a claim in the middle of the library. */
function typo(db: DB): string {
  const statement = db.prepare('SELECT statement FROM claims ORDER BY rowid LIMIT 1 OFFSET (SELECT count(*) / 2 FROM claims)').pluck().get() as string;
  const word = statement.split(/[^\p{L}]+/u).filter((w) => w.length >= 7).sort((a, b) => b.length - a.length)[0] ?? 'investigation';
  const w = word.toLowerCase();
  return `${w.slice(0, -2)}${w.at(-1)}${w.at(-2)}`;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: Math.round((performance.now() - t) * 10) / 10, value };
}

const query = (db: DB, q: string, claimsOnly: boolean) =>
  timed(() => search(db, { query: q, limit: 50, ...(claimsOnly ? { types: ['claim'] as const } : {}) }));

const describe = (r: ReturnType<typeof query>) => ({ ms: r.ms, hits: r.value.hits.length, suggestion: r.value.suggestion ?? null, spellingPending: r.value.spellingPending ?? false });

async function warm(): Promise<void> {
  const before = memory();
  const opened = performance.now();
  const db = openLibrary(path!, { readonly: true, create: false, check: false });
  const word = typo(db);
  // Every gap between ticks of a 1 ms timer: the longest is how long the thread was not answering.
  let last = performance.now();
  let longest = 0;
  let ours = false;
  const tick = setInterval(() => {
    const now = performance.now();
    if (!ours) longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const own = <T>(fn: () => T): T => {
    ours = true;
    try {
      return fn();
    } finally {
      last = performance.now();
      ours = false;
    }
  };
  let snapshotAt = 0;
  observeWarmUp({ snapshot: () => (snapshotAt = performance.now() - opened) });
  const warmUp = warmSpelling(db, path!);
  const early = new Promise<Record<string, unknown>>((resolve) =>
    setTimeout(() => resolve(own(() => ({ at: Math.round(performance.now() - opened), claims: describe(query(db, word, true)), all: describe(query(db, word, false)) }))), 500 - (performance.now() - opened)),
  );
  const [installed, atHalfSecond] = await Promise.all([warmUp.done, early]);
  const warmMs = Math.round(performance.now() - opened);
  clearInterval(tick);
  const wholeBefore = reads.whole;
  const after = { claims: describe(query(db, word, true)), all: describe(query(db, word, false)), again: describe(query(db, word, false)) };
  const lexicons = Object.fromEntries(SPELLING_INDEXES.map((i) => [i, keptWords(db, i)?.lexicon.starts.length ?? 0]));
  console.log(
    JSON.stringify(
      {
        library: path,
        typed: word,
        installed,
        snapshotMs: Math.round(snapshotAt),
        openToWarmMs: warmMs,
        atHalfSecond,
        afterWarm: after,
        wholeReadsAfterWarm: reads.whole - wholeBefore,
        longestEventLoopGapMs: Math.round(longest * 10) / 10,
        wordsPerIndex: lexicons,
        memoryBefore: before,
        memoryAfter: memory(),
      },
      null,
      2,
    ),
  );
  observeWarmUp(undefined);
  closeLibrary(db);
}

function cold(): void {
  const db = openLibrary(path!, { readonly: true, create: false, check: false });
  const out: Record<string, unknown> = {};
  for (const index of SPELLING_INDEXES) {
    const structure = db.prepare(`SELECT block FROM ${index}_words_data WHERE id = 10`).pluck().get() as Buffer | undefined;
    const leafPages = pages(segments(structure ?? null) ?? []);
    const read = timed(() => suggestSpelling(db, 'qqqqqqq', ['qqqqqqq'], [index]));
    out[index] = { leafPages, readWholeMs: read.ms, msPerThousandPages: leafPages ? Math.round((read.ms / leafPages) * 1000 * 10) / 10 : null };
  }
  console.log(JSON.stringify({ library: path, perIndex: out, memory: memory() }, null, 2));
  closeLibrary(db);
}

if (mode === 'cold') cold();
else await warm();
