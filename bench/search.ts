// `node --expose-gc dist/bench/search.js` (after `tsc -p tsconfig.bench.json`): full-text search
// at 1k, 10k, 100k and 1M claims, measured side by side in one run — search.query through the
// dispatcher, plain FTS5 SQL (bm25 over every match: the floor a first version would stand on),
// with BENCH_PREVIOUS=<dist of an earlier build> that build's search.query on the same library,
// and MiniSearch, FlexSearch and fuse.js over the same claim statements. Per engine and size:
// latency of five kinds of query, index build time and memory, typo recall (top 10 and top 50),
// cold start (the file in the OS cache and evicted from it) and what the answering process
// holds; per size, the claims list, quick switcher and mentions per keystroke (search/paths.ts,
// ours and the earlier build's) and the bulk insert of the library.
// Libraries are generated once and kept in ~/.cache/corroborate-bench (generate.ts cachedLibrary;
// CORROBORATE_BENCH_CACHE for another folder): the million takes many minutes to make. At a
// million, fuse.js and FlexSearch's forward mode are left out (they scan or hold too much to
// answer in a run's time).
// BENCH_SIZES=1000,10000 restricts the sizes; BENCH_ENGINES=raw,ours,… the engines.
// Results: bench/results/search.{json,md}.

import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeSession, openSession } from '../core/session.js';
import type { Context } from '../core/context.js';
import { cachedLibrary, prng } from './generate.js';
import type { ColdStart } from './search/cold.js';
import { defaultEngines, ENGINES, isEngineName, type EngineName } from './search/engines.js';
import { previousBuild } from './search/engines/previous.js';
import { benchPaths } from './search/paths.js';
import { collect, elapsedMs, measureBuild, stats, type Stats } from './search/measure.js';
import { loadClaims, makeQueries, type QuerySet } from './search/queries.js';
import { markdown } from './search/report.js';
import { KINDS, type Answer, type Engine, type EngineResult, type Kind, type Query, type Recall, type SizeResult } from './search/types.js';

/** BENCH_QUERIES=100 for a quicker run (the million on a busy machine). */
const QUERIES_PER_KIND = Number(process.env.BENCH_QUERIES ?? 200);
const WARMUP_PER_KIND = 20;
const COLD_RUNS = 5;
/** Rebuilding an in-memory index at 100k takes seconds: fewer fresh processes for those. */
const COLD_RUNS_REBUILDING_100K = 3;
const TOP = 10;
/** Words (and surnames) typed letter by letter into the quick switcher and the mentions, and how often each is timed. */
const PATH_WORDS = Number(process.env.BENCH_PATH_WORDS ?? 12);
const PATH_REPEAT = 3;
/** Queries of each kind an in-memory engine answers at a million claims. */
const IN_MEMORY_QUERIES_AT_1M = 40;

const found = (answers: readonly Answer[], queries: readonly Query[]): Recall => ({
  found: answers.filter((a, i) => a.ids.slice(0, TOP).includes(queries[i]!.intended)).length,
  // Every engine answers LIMIT hits at most: the first page the Search view shows.
  inResults: answers.filter((a, i) => a.ids.includes(queries[i]!.intended)).length,
  of: answers.length,
  suggested: answers.filter((a) => a.suggestion !== undefined).length,
});

interface Timings {
  samples: Record<Kind, number[]>;
  answers: Record<Kind, Answer[]>;
}

const perKind = <T>(make: () => T): Record<Kind, T> => Object.fromEntries(KINDS.map((k) => [k, make()])) as Record<Kind, T>;

/**
 * Times every engine on the same queries, interleaved: query by query, each engine in turn
 * (starting with a different one each time), so a burst of other work on the machine lands on
 * all of them alike. Each engine is warmed up on other queries of the kind first.
 */
function timeInterleaved(engines: readonly Engine[], set: QuerySet): Timings[] {
  const timings = engines.map(() => ({ samples: perKind<number[]>(() => []), answers: perKind<Answer[]>(() => []) }));
  const cap = (e: Engine) => e.maxQueries ?? Infinity;
  for (const kind of KINDS) {
    console.log(`  ${kind}: ${set.timed[kind].length} queries, ${engines.length} engines`);
    for (const e of engines) {
      const warmup = set.warmup[kind].slice(0, Math.min(WARMUP_PER_KIND, Math.ceil(cap(e) / 10)));
      e.prepare?.([...warmup, ...set.timed[kind]]);
      warmup.forEach((q) => e.search(q));
    }
    set.timed[kind].forEach((q, i) => {
      for (let j = 0; j < engines.length; j++) {
        const at = (i + j) % engines.length;
        if (i >= cap(engines[at]!)) continue;
        const { ms, value } = elapsedMs(() => engines[at]!.search(q));
        timings[at]!.samples[kind].push(ms);
        timings[at]!.answers[kind].push(value);
      }
    });
  }
  return timings;
}

function summarize(engine: Engine, t: Timings, set: QuerySet, build?: EngineResult['build']): EngineResult {
  const pooled = (kinds: readonly Kind[]) => stats(kinds.flatMap((k) => t.samples[k]));
  const result: EngineResult = {
    engine: engine.name,
    ...(engine.note ? { note: engine.note } : {}),
    ...(build ? { build } : {}),
    queries: Object.fromEntries(KINDS.map((k) => [k, stats(t.samples[k])])) as Record<Kind, Stats>,
    allKinds: pooled(KINDS),
    allButTypo: pooled(KINDS.filter((k) => k !== 'typo')),
    typo: found(t.answers.typo, set.timed.typo),
  };
  console.log(`  ${engine.name}: p95 ${result.allKinds.p95Ms} ms (all kinds), typo found ${result.typo.found}/${result.typo.of}${build ? `, built in ${build.ms.toFixed(0)} ms` : ''}`);
  return result;
}

function typoCeiling(raw: Engine, typos: readonly Query[]): Recall {
  const spelt = typos.map((q) => ({ ...q, text: q.word!, terms: [q.word!], typo: false }));
  raw.prepare?.(spelt);
  return found(spelt.map((q) => raw.search(q)), spelt);
}

const coldScript = fileURLToPath(new URL('./search/cold.js', import.meta.url));

/** Takes the file out of the OS's page cache (GNU dd, which asks the kernel to drop it), so an open reads the disk. */
function evict(path: string): boolean {
  return spawnSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0;
}

/** Median over fresh processes of open → first answer; `uncached`: the library evicted from the OS cache before each. */
function coldStart(library: string, name: EngineName, size: number, query: Query, runs: number, uncached = false): NonNullable<EngineResult['cold']> {
  const samples: ColdStart[] = [];
  for (let i = 0; i < runs; i++) {
    if (uncached && !evict(library)) throw new Error('cannot evict the library from the OS cache (GNU dd with iflag=nocache is needed)');
    const child = spawnSync(process.execPath, ['--expose-gc', coldScript, library, name, String(size), JSON.stringify(query)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`cold start of ${name} failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout) as ColdStart);
  }
  const median = (key: keyof ColdStart) => stats(samples.map((s) => s[key])).medianMs;
  return { runs, openToAnswerMs: median('openToAnswerMs'), sinceProcessStartMs: median('sinceProcessStartMs'), importMs: median('importMs'), rebuildMs: median('rebuildMs'), rssMb: Math.round(median('rssMb')) };
}

function ftsIndexMb(ctx: Context): number {
  const { bytes } = ctx.db.prepare('SELECT coalesce(sum(length(block)), 0) AS bytes FROM claims_fts_data').get() as { bytes: number };
  return Math.round(bytes / 1e5) / 10;
}

/** Engines whose cold start is measured: ours, and the in-memory indexes that must be rebuilt at launch. */
const COLD: readonly EngineName[] = ['ours', 'ours-all', 'minisearch', 'flexsearch'];

/** Engines that cannot answer a million claims in a run's time: fuse.js scans every claim per query. */
const TOO_SLOW_FOR_1M: readonly EngineName[] = ['fuse', 'flexsearch-forward'];

async function benchSize(size: number, asked: readonly EngineName[]): Promise<SizeResult> {
  const names = size >= 1_000_000 ? asked.filter((n) => !TOO_SLOW_FOR_1M.includes(n)) : asked;
  const { path: library, generated: g, ms: genMs, cached } = cachedLibrary(size);
  const gen = { ms: genMs };
  console.log(`${cached ? 'cached library of' : 'generated'} ${size} claims (${(gen.ms / 1000).toFixed(1)} s to generate)`);
  // Read-only: the cached library is shared by every run and never written by one.
  const ctx = openSession(library, { automaticBackups: false, readonly: true });
  try {
    const claims = loadClaims(ctx.db);
    const set = makeQueries(claims, { stopwords: g.words.slice(0, 10), vocabulary: g.words, count: QUERIES_PER_KIND, warmup: WARMUP_PER_KIND, random: prng(size) });
    // An in-memory engine at a million answers in seconds: a few queries of each kind tell its
    // speed and recall, and the run still ends the same day.
    const engines = (await Promise.all(names.map(async (name) => (await ENGINES[name]())({ ctx, size })))).map((e) =>
      size >= 1_000_000 && e.inMemory ? { ...e, maxQueries: Math.min(e.maxQueries ?? Infinity, IN_MEMORY_QUERIES_AT_1M) } : e,
    );
    const builds = engines.map((e) => (e.inMemory ? measureBuild(() => e.build(claims)) : undefined));
    const timings = timeInterleaved(engines, set);
    const results = engines.map((e, i) => summarize(e, timings[i]!, set, builds[i]));
    engines.length = 0; // the in-memory indexes can go before the cold starts
    collect();
    // The keystrokes of the list, the switcher and the mentions: the words of the one-word queries
    // and the sources' surnames, typed letter by letter.
    console.log('  claims list, quick switcher, mentions');
    const surnames = [...new Set(g.sourceNames.map((n) => n.split(' ').at(-1)!.replace(/\d+$/, '')))].slice(0, PATH_WORDS);
    const paths = benchPaths(ctx, { caseId: g.caseId, words: set.timed['one word'].slice(0, PATH_WORDS).map((q) => q.text), surnames, previous: await previousBuild(), repeat: PATH_REPEAT });
    const raw = (await ENGINES.raw())({ ctx, size });
    const ceiling = typoCeiling(raw, set.timed.typo);
    const indexMb = ftsIndexMb(ctx);
    // What an open after an unclean shutdown (or once a day) adds: SQLite's quick_check.
    const quickCheck = elapsedMs(() => ctx.db.pragma('quick_check', { simple: true }));
    // The cold starts open the library as the app does after it was closed cleanly: its check
    // at open is skipped (db/open.ts, the -clean stamp).
    closeSession(ctx);
    names.forEach((name, i) => {
      if (!COLD.includes(name)) return;
      const runs = results[i]!.build && size >= 100_000 ? COLD_RUNS_REBUILDING_100K : COLD_RUNS;
      results[i]!.cold = coldStart(library, name, size, set.timed['one word'][0]!, runs);
      if (!results[i]!.build) {
        const { runs: n, openToAnswerMs, rssMb } = coldStart(library, name, size, set.timed['one word'][0]!, COLD_RUNS, true);
        results[i]!.coldUncached = { runs: n, openToAnswerMs, rssMb };
      }
    });
    return {
      claims: size,
      documents: Math.round(size / 10),
      generate: { ms: Math.round(gen.ms), claimsPerSec: Math.round(size / (gen.ms / 1000)), fileMb: Math.round(statSync(library).size / 1e5) / 10, cached },
      ftsClaimIndexMb: indexMb,
      typoWordMedianClaims: set.typoWordMedianClaims,
      typoCeiling: ceiling,
      quickCheckMs: Math.round(quickCheck.ms),
      engines: results,
      paths,
    };
  } finally {
    closeSession(ctx);
  }
}

async function main(): Promise<void> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') console.warn('run node with --expose-gc: memory figures are taken without a collection');
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
  const engines = (process.env.BENCH_ENGINES ?? defaultEngines().join(',')).split(',').filter(isEngineName);
  const loadBefore = loadavg()[0]!;
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await benchSize(size, engines));
  const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverage: [loadBefore, loadavg()[0]!].map((l) => Math.round(l * 10) / 10) };
  const table = markdown(results, machine);
  console.log(`\n${table}`);
  const out = join(process.cwd(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'search.json'), `${JSON.stringify({ date: new Date().toISOString(), ...machine, queriesPerKind: QUERIES_PER_KIND, sizes: results }, null, 2)}\n`);
  writeFileSync(join(out, 'search.md'), `${table}\n`);
}

await main();
