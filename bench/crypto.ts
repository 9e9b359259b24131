// `node dist/bench/crypto.js` (after `tsc -p tsconfig.bench.json`): what encryption at rest and
// its driver cost, side by side in one run, at BENCH_CRYPTO_CLAIMS claims (default 10,000):
//
// 1. the driver: better-sqlite3-multiple-ciphers against better-sqlite3's own addon (the same
//    library file, a plain one), when BENCH_BASELINE_BINDING names that addon (a
//    better_sqlite3.node built from better-sqlite3 12.11.1; the fork's JavaScript loads it as it
//    loads its own): bulk insert, open + first query, search.query latency;
// 2. encryption: the same measurements on a plain library and an encrypted one (SQLCipher 4).
//
// Every latency is taken interleaved (query by query, each contender in turn), so a burst of
// other work on the machine lands on all alike. Results: bench/results/crypto.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../core/dispatcher.js';
import type { Context } from '../core/context.js';
import { closeSession, openSession, type SessionOptions } from '../core/session.js';
import { generateLibrary, prng } from './generate.js';

const CLAIMS = Number(process.env.BENCH_CRYPTO_CLAIMS ?? 10_000);
const QUERIES = 300;
const OPENS = 7;
const BULK_RUNS = 3;
const PASS = 'benchmark passphrase, not a secret';
const baseline = process.env.BENCH_BASELINE_BINDING;

interface Contender {
  name: string;
  library: string;
  open: SessionOptions;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number) => Math.round(x * 100) / 100;

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);
}

/** One-word, two-word and prefix queries drawn from the library's claims (a fixed seed). */
function queries(ctx: Context): string[] {
  const statements = ctx.db.prepare('SELECT statement FROM claims ORDER BY rowid').pluck().all() as string[];
  const random = prng(7);
  const words = (s: string) => (s.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  const out: string[] = [];
  while (out.length < QUERIES) {
    const w = words(statements[Math.floor(random() * statements.length)]!);
    if (w.length < 2) continue;
    const a = w[Math.floor(random() * w.length)]!;
    const b = w[Math.floor(random() * w.length)]!;
    const kind = out.length % 3;
    out.push(kind === 0 ? a : kind === 1 ? `${a} ${b}` : `${a.slice(0, 3)}*`);
  }
  return out;
}

function search(ctx: Context, query: string): void {
  const res = dispatch(ctx, 'search.query', { query });
  if (!res.ok) throw new Error(`search.query ${query}: ${res.error.message}`);
}

/**
 * Generating the library: the bulk insert (one transaction, as the benchmark library is made),
 * BULK_RUNS times each, interleaved, into fresh files; the median. The last files are kept.
 */
function bulkInsert(contenders: Contender[]): Record<string, number> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let run = 0; run < BULK_RUNS; run++) {
    for (const c of run % 2 ? [...contenders].reverse() : contenders) {
      for (const suffix of ['', '-wal', '-shm', '-clean']) rmSync(c.library + suffix, { force: true });
      const t0 = process.hrtime.bigint();
      generateLibrary(c.library, CLAIMS, 42, c.open);
      samples.get(c.name)!.push(ms(t0));
    }
  }
  // Closed as the app closes it: the next opens find it closed cleanly (no check at open).
  for (const c of contenders) closeSession(openSession(c.library, { ...c.open, automaticBackups: false }));
  return Object.fromEntries([...samples].map(([k, v]) => [k, percentile(v, 0.5)]));
}

/** Opening the library and answering the first search, OPENS times each, interleaved; the median. */
function openToFirstAnswer(contenders: Contender[], query: string): Record<string, number> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let i = 0; i < OPENS; i++) {
    for (const c of contenders) {
      const t0 = process.hrtime.bigint();
      const ctx = openSession(c.library, { ...c.open, automaticBackups: false });
      search(ctx, query);
      samples.get(c.name)!.push(ms(t0));
      closeSession(ctx);
    }
  }
  return Object.fromEntries([...samples].map(([k, v]) => [k, percentile(v, 0.5)]));
}

function searchLatency(contenders: Contender[]): Record<string, { medianMs: number; p95Ms: number }> {
  const ctxs = contenders.map((c) => openSession(c.library, { ...c.open, automaticBackups: false }));
  try {
    const qs = queries(ctxs[0]!);
    for (const q of qs.slice(0, 30)) for (const ctx of ctxs) search(ctx, q); // warm-up
    const samples = ctxs.map(() => [] as number[]);
    qs.forEach((q, i) => {
      for (let j = 0; j < ctxs.length; j++) {
        const at = (i + j) % ctxs.length;
        const t0 = process.hrtime.bigint();
        search(ctxs[at]!, q);
        samples[at]!.push(ms(t0));
      }
    });
    return Object.fromEntries(contenders.map((c, i) => [c.name, { medianMs: percentile(samples[i]!, 0.5), p95Ms: percentile(samples[i]!, 0.95) }]));
  } finally {
    ctxs.forEach(closeSession);
  }
}

function compare(title: string, contenders: Contender[]) {
  console.log(`${title}: ${contenders.map((c) => c.name).join(' vs ')}`);
  const bulk = bulkInsert(contenders);
  const open = openToFirstAnswer(contenders, 'shipment');
  const latency = searchLatency(contenders);
  return { bulkInsertMs: bulk, openToFirstAnswerMs: open, search: latency };
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-crypto-'));
try {
  const started = new Date().toISOString();
  const load = loadavg()[0];
  const driver = baseline
    ? compare('driver', [
        { name: 'better-sqlite3', library: join(dir, 'baseline.corroborate'), open: { nativeBinding: baseline } },
        { name: 'better-sqlite3-multiple-ciphers', library: join(dir, 'fork.corroborate'), open: {} },
      ])
    : undefined;
  if (!baseline) console.log('driver: BENCH_BASELINE_BINDING not set, skipped');
  const encryption = compare('encryption', [
    { name: 'plain', library: join(dir, 'plain.corroborate'), open: {} },
    { name: 'encrypted', library: join(dir, 'encrypted.corroborate'), open: { passphrase: PASS } },
  ]);
  const result = { started, claims: CLAIMS, queries: QUERIES, cpus: cpus().length, loadBefore: load, loadAfter: loadavg()[0], driver, encryption };
  const out = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'crypto.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
