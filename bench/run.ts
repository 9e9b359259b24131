// `npm run bench`: speed of the workspace's hot paths at 1k, 10k, 100k and 1M claims, measured
// side by side in one run (these machines are noisy: compare rows, not absolute figures).
// BENCH_SIZES=1000,10000 restricts the sizes. Results: bench/results/workspace.{json,md}.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { dispatch } from '../core/dispatcher.js';
import { closeSession, openSession } from '../core/session.js';
import type { Context } from '../core/context.js';
import { cachedLibrary, prng, type Generated } from './generate.js';

interface Row {
  size: number;
  what: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

function time(runs: number, fn: (i: number) => void): { medianMs: number; p95Ms: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 100) / 100;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

function call(ctx: Context, name: string, input: unknown): unknown {
  const res = dispatch(ctx, name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.value;
}

/** A name with two neighbouring letters swapped: the typo a hurried reporter makes. */
function typo(name: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (name.length - 3));
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

function bench(size: number, g: Generated, ctx: Context): Row[] {
  const random = prng(7);
  const rows: Row[] = [];
  const add = (what: string, runs: number, fn: (i: number) => void) => rows.push({ size, what, runs, ...time(runs, fn) });
  const common = g.words.slice(15, 215);
  const rare = g.words.slice(10_000, 10_200);

  add('find.quick: common word prefix (3 letters)', 200, (i) => call(ctx, 'find.quick', { query: common[i % common.length]!.slice(0, 3), caseId: g.caseId }));
  add('find.quick: two words, the last a prefix', 200, (i) => call(ctx, 'find.quick', { query: `${common[i % 50]} ${rare[i % rare.length]!.slice(0, 4)}`, caseId: g.caseId }));
  add('find.quick: rare word', 200, (i) => call(ctx, 'find.quick', { query: rare[i % rare.length]!, caseId: g.caseId }));
  add('find.quick: source name with a typo', 200, (i) => call(ctx, 'find.quick', { query: typo(g.sourceNames[i % g.sourceNames.length]!, random), caseId: g.caseId }));
  add('claims.list: first page of 200', 50, () => call(ctx, 'claims.list', { caseId: g.caseId, limit: 200 }));
  add('claims.list: page at the end (offset)', 50, () => call(ctx, 'claims.list', { caseId: g.caseId, limit: 200, offset: Math.max(0, size - 200) }));
  add('claims.list: status + attribution + date', 50, () =>
    call(ctx, 'claims.list', { caseId: g.caseId, status: ['disputed', 'unverified'], attribution: ['on_record'], saidFrom: '2018', saidTo: '2020-06', limit: 200 }),
  );
  add('claims.list: disputed', 20, () => call(ctx, 'claims.list', { caseId: g.caseId, disputed: true, limit: 200 }));
  add('claims.list: only one source', 10, () => call(ctx, 'claims.list', { caseId: g.caseId, onlyOneSource: true, limit: 200 }));
  add('claims.list: words', 50, (i) => call(ctx, 'claims.list', { caseId: g.caseId, query: common[i % common.length], limit: 200 }));

  // The road not taken: fuse.js over every claim statement (too slow to try at 100k).
  if (size <= 10_000) {
    const statements = ctx.db.prepare('SELECT id, statement FROM claims').all() as { id: string; statement: string }[];
    const fuse = new Fuse(statements, { keys: ['statement'], ignoreLocation: true, threshold: 0.4 });
    add('(fuse.js over all claim statements)', 20, (i) => fuse.search(common[i % common.length]!.slice(0, 3), { limit: 20 }));
  }
  return rows;
}

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const rows: Row[] = [];
for (const size of sizes) {
  // The libraries search.ts measures too, generated once (generate.ts cachedLibrary): only read here.
  const { path, generated: g, ms, cached } = cachedLibrary(size);
  console.log(`${cached ? 'cached library of' : 'generated'} ${size} claims (${(ms / 1000).toFixed(1)} s to generate)`);
  const ctx = openSession(path, { automaticBackups: false });
  try {
    rows.push(...bench(size, g, ctx));
  } finally {
    closeSession(ctx);
  }
}

const table = ['| claims | what | runs | median ms | p95 ms |', '| ---: | --- | ---: | ---: | ---: |', ...rows.map((r) => `| ${r.size} | ${r.what} | ${r.runs} | ${r.medianMs} | ${r.p95Ms} |`)].join('\n');
console.log(`\n${table}`);
const out = join(process.cwd(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'workspace.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2));
writeFileSync(join(out, 'workspace.md'), `${table}\n`);
