// `node dist/bench/bulk.js` (after `tsc -p tsconfig.bench.json`): writing many claims, side by
// side in one run on the same records —
//   - raw bulk SQL: prepared INSERTs in one transaction, indexed for search once, as the
//     transaction commits, as an import of a whole file is (db/bulk.ts beginFileTransaction):
//     the floor no import can beat;
//   - import-records: a JSONL file streamed through records.import in batches, one transaction
//     for the file (the CLI's own function, parsing included);
//   - claims.create through the dispatcher, one call a claim, with and without the statement
//     cache (each call its own transaction, as the app makes them, and all inside one transaction,
//     which leaves out the disk's flush and shows the CPU work the cache saves).
// Each import runs into an empty library (BENCH_BULK_SIZES=100000,1000000, the default) and into
// a copy of the benchmark's cached library (BENCH_BULK_INTO=100000, the default; 0 for none).
// The machine is shared: CPU seconds are given beside wall seconds. Results: bench/results/bulk.{json,md}.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRecords } from '../cli/import-records.js';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { beginFileTransaction, closeLibrary, commitFileTransaction, newId, nowIso, openLibrary } from '../db/index.js';
import { cachedLibrary, prng, vocabulary, vocabularySize, zipf } from './generate.js';

const SOURCE_NAMES = Array.from({ length: 200 }, (_, i) => `Source ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} Person`);
const TAGS = Array.from({ length: 40 }, (_, i) => `tag-${i}`);
const STATUSES = ['unverified', 'in_progress', 'verified', 'disputed'] as const;
const PER_CALL = 2_000;

interface ClaimRecord {
  statement: string;
  sources: string[];
  tags?: string[];
  saidOn?: string;
  status: (typeof STATUSES)[number];
}

function* claimRecords(n: number): Generator<ClaimRecord> {
  const random = prng(1234);
  const words = vocabulary(vocabularySize(n), random);
  const word = zipf(words.length, random);
  for (let i = 0; i < n; i++) {
    const length = 15 + Math.floor(random() * 46);
    const out: string[] = [];
    for (let j = 0; j < length; j++) out.push(words[word()]!);
    const r: ClaimRecord = { statement: `${out.join(' ')}.`, sources: [SOURCE_NAMES[Math.floor(random() * SOURCE_NAMES.length)]!], status: STATUSES[Math.floor(random() * STATUSES.length)]! };
    if (random() < 0.5) r.tags = [TAGS[Math.floor(random() * TAGS.length)]!];
    if (random() < 0.3) r.saidOn = `${2015 + Math.floor(random() * 8)}-0${1 + Math.floor(random() * 9)}`;
    yield r;
  }
}

const seconds = (t: number) => (performance.now() - t) / 1000;

/** Wall and CPU seconds of `work` (CPU: this process's user + system time, which other work on the machine leaves alone). */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; s: number; cpuS: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, s: (performance.now() - t) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

/** A library to write into: a new one, or a copy of `base` (never `base` itself: other benchmarks read it). */
function library(dir: string, name: string, statementCache = true, base?: string): Context {
  const libraryPath = join(dir, `${name}.corroborate`);
  if (base) for (const suffix of ['', '-wal']) if (existsSync(base + suffix)) copyFileSync(base + suffix, libraryPath + suffix);
  return { db: openLibrary(libraryPath, { statementCache }), libraryPath, checker: 'Bench' };
}

function call<T>(ctx: Context, name: string, input: unknown): T {
  const res = dispatch(ctx, name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.value as T;
}

interface Target {
  /** Set when importing into a copy of the cached library: its path, and the case to import into. */
  base?: { path: string; caseId: string };
  label: string;
}

const caseFor = (ctx: Context, target: Target, title: string) => target.base?.caseId ?? call<{ id: string }>(ctx, 'cases.create', { title }).id;

/** The floor: every row of what an import writes, by prepared INSERTs in one transaction. */
async function raw(dir: string, n: number, target: Target) {
  const ctx = library(dir, `raw-${target.label}-${n}`, true, target.base?.path);
  const db = ctx.db;
  const caseId = caseFor(ctx, target, 'Raw');
  const now = nowIso();
  const sourceIds = new Map(SOURCE_NAMES.map((name) => [name, call<{ id: string }>(ctx, 'sources.create', { name }).id]));
  const tagIds = new Map(TAGS.map((t) => [t, newId()]));
  const run = await timed(() => {
    beginFileTransaction(db);
    const addTag = db.prepare('INSERT INTO tags (id, created_at, updated_at, name) VALUES (?, ?, ?, ?)');
    for (const [name, id] of tagIds) addTag.run(id, now, now, name);
    const addClaim = db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement, said_on, status, attribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const addSource = db.prepare('INSERT INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, 0)');
    const addTagLink = db.prepare('INSERT INTO claim_tags (claim_id, tag_id) VALUES (?, ?)');
    const addLog = db.prepare("INSERT INTO verification_log (id, created_at, updated_at, claim_id, status, checker) VALUES (?, ?, ?, ?, ?, 'Bench')");
    for (const r of claimRecords(n)) {
      const id = newId();
      addClaim.run(id, now, now, caseId, r.statement, r.saidOn ?? null, r.status, 'on_record');
      addSource.run(id, sourceIds.get(r.sources[0]!));
      if (r.tags) addTagLink.run(id, tagIds.get(r.tags[0]!));
      if (r.status !== 'unverified') addLog.run(newId(), now, now, id, r.status);
    }
    commitFileTransaction(db);
  });
  closeLibrary(db);
  rmSync(ctx.libraryPath, { force: true });
  return run;
}

async function writeJsonl(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  for (const r of claimRecords(n)) if (!out.write(`${JSON.stringify({ type: 'claim', ...r })}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function imported(dir: string, file: string, n: number, target: Target) {
  const ctx = library(dir, `import-${target.label}-${n}`, true, target.base?.path);
  const caseId = caseFor(ctx, target, 'Imported');
  const run = await timed(() => importRecords(ctx, file, { case: caseId, json: true }));
  const r = run.value;
  if ('code' in r) throw new Error(`import-records: ${r.message}`);
  if (r.imported.claim !== n || !r.landed) throw new Error(`import-records landed ${r.imported.claim ?? 0} of ${n} claims`);
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  closeLibrary(ctx.db);
  const fileMb = Math.round(statSync(ctx.libraryPath).size / 1e6);
  rmSync(ctx.libraryPath, { force: true });
  return { s: run.s, cpuS: run.cpuS, rssMb, fileMb };
}

/** claims.create, one dispatcher call a claim; `outer`: all in one transaction (no flush per call). */
function perCall(dir: string, statementCache: boolean, outer: boolean): number {
  const ctx = library(dir, `per-call-${statementCache}-${outer}`, statementCache);
  const caseId = call<{ id: string }>(ctx, 'cases.create', { title: 'Per call' }).id;
  const sources = new Map(SOURCE_NAMES.map((name) => [name, call<{ id: string }>(ctx, 'sources.create', { name }).id]));
  const records = [...claimRecords(PER_CALL)];
  const t = performance.now();
  const run = () => {
    for (const r of records) call(ctx, 'claims.create', { caseId, statement: r.statement, sourceIds: [sources.get(r.sources[0]!)!], ...(r.tags ? { tags: r.tags } : {}), ...(r.saidOn ? { saidOn: r.saidOn } : {}), status: r.status });
  };
  if (outer) ctx.db.transaction(run)();
  else run();
  const s = seconds(t);
  closeLibrary(ctx.db);
  return PER_CALL / s;
}

/** Claims edited and claims purged, one dispatcher call each, to price FTS5 secure-delete. */
const SECURE_DELETE_OPS = 1_000;

/**
 * What secure-delete (migration 12) costs the writes it touches: a claim's statement edited, and
 * a claim moved to the trash and purged, one call each as the app makes them, in two libraries of
 * the same 20,000 claims, one with secure-delete turned back off. The two are interleaved call by
 * call, so other work on the machine lands on both alike.
 */
async function secureDeleteCost(dir: string) {
  const file = join(dir, 'secure-delete.jsonl');
  await writeJsonl(file, 20_000);
  const libs = await Promise.all(
    [true, false].map(async (on) => {
      const ctx = library(dir, `secure-delete-${on}`);
      const caseId = call<{ id: string }>(ctx, 'cases.create', { title: 'Secure delete' }).id;
      const r = await importRecords(ctx, file, { case: caseId, json: true });
      if ('code' in r) throw new Error(r.message);
      if (!on) {
        const indexes = ctx.db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%'").pluck().all() as string[];
        for (const index of indexes) ctx.db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('secure-delete', 0)`).run();
      }
      const ids = ctx.db.prepare('SELECT id FROM claims ORDER BY rowid').pluck().all() as string[];
      return { ctx, ids, updateS: 0, purgeS: 0 };
    }),
  );
  for (let i = 0; i < SECURE_DELETE_OPS; i++) {
    for (const lib of i % 2 ? libs : [...libs].reverse()) {
      const id = lib.ids[i]!;
      const revision = call<{ claim: { revision: number } }>(lib.ctx, 'claims.get', { id }).claim.revision;
      let t = performance.now();
      call(lib.ctx, 'claims.update', { id, revision, statement: `Edited statement number ${i} about customs` });
      lib.updateS += seconds(t);
      const gone = lib.ids[SECURE_DELETE_OPS + i]!;
      t = performance.now();
      call(lib.ctx, 'claims.delete', { id: gone });
      call(lib.ctx, 'trash.purge', { entity: 'claim', id: gone });
      lib.purgeS += seconds(t);
    }
  }
  for (const lib of libs) closeLibrary(lib.ctx.db);
  rmSync(file, { force: true });
  const [on, off] = libs as [(typeof libs)[0], (typeof libs)[0]];
  return { ops: SECURE_DELETE_OPS, updateMsOn: (on.updateS * 1000) / SECURE_DELETE_OPS, updateMsOff: (off.updateS * 1000) / SECURE_DELETE_OPS, purgeMsOn: (on.purgeS * 1000) / SECURE_DELETE_OPS, purgeMsOff: (off.purgeS * 1000) / SECURE_DELETE_OPS };
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_BULK_SIZES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
  const into = Number(process.env.BENCH_BULK_INTO ?? 100_000);
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-bulk-bench-'));
  const rows: Record<string, unknown>[] = [];
  const lines: string[] = [];
  try {
    const cache = process.env.BENCH_BULK_PER_CALL === '0' ? null : { on: perCall(dir, true, false), off: perCall(dir, false, false), onOuter: perCall(dir, true, true), offOuter: perCall(dir, false, true) };
    if (cache) console.log('per call', cache);
    const secure = process.env.BENCH_BULK_SECURE_DELETE === '0' ? null : await secureDeleteCost(dir);
    if (secure) console.log('secure-delete', secure);
    const runs: { n: number; target: Target }[] = sizes.map((n) => ({ n, target: { label: 'empty' } }));
    if (into > 0) {
      const { path, generated } = cachedLibrary(into);
      runs.push({ n: 100_000, target: { label: `${into}`, base: { path, caseId: generated.caseId } } });
    }
    for (const { n, target } of runs) {
      const file = join(dir, `claims-${n}.jsonl`);
      await writeJsonl(file, n);
      const floor = await raw(dir, n, target);
      console.log(`raw ${n} into ${target.label}: ${floor.s.toFixed(1)} s (CPU ${floor.cpuS.toFixed(1)} s)`);
      const ours = await imported(dir, file, n, target);
      console.log(`import-records ${n} into ${target.label}: ${ours.s.toFixed(1)} s (CPU ${ours.cpuS.toFixed(1)} s)`);
      rows.push({ claims: n, into: target.base ? into : 0, rawSeconds: floor.s, rawCpuSeconds: floor.cpuS, importSeconds: ours.s, importCpuSeconds: ours.cpuS, ratio: floor.s / ours.s, importRssMb: ours.rssMb, libraryMb: ours.fileMb, jsonlMb: Math.round(statSync(file).size / 1e6) });
      rmSync(file, { force: true });
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const rate = (r: Record<string, unknown>, key: string) => fmt((r.claims as number) / (r[key] as number));
    lines.push(
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}; load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (other work on the machine: compare rows of one run, not runs; CPU seconds are this process's own).`,
      '',
      '### Bulk import against the raw bulk SQL (claims with a source by name, half with a tag, a status logged when not unverified)',
      '| claims | into a library of | raw SQL s (CPU s) | raw claims/s | import-records s (CPU s) | import claims/s | import ÷ raw rate | RSS after, MB | library MB | JSONL MB |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${fmt(r.claims as number)} | ${r.into ? `${fmt(r.into as number)} claims` : 'nothing'} | ${(r.rawSeconds as number).toFixed(1)} (${(r.rawCpuSeconds as number).toFixed(1)}) | ${rate(r, 'rawSeconds')} | ${(r.importSeconds as number).toFixed(1)} (${(r.importCpuSeconds as number).toFixed(1)}) | ${rate(r, 'importSeconds')} | ${(r.ratio as number).toFixed(2)} (≥ 0.5 ${(r.ratio as number) >= 0.5 ? 'met' : '**not met**'}) | ${String(r.importRssMb)} | ${String(r.libraryMb)} | ${String(r.jsonlMb)} |`,
      ),
    );
    if (cache)
      lines.push(
        '',
        `### claims.create, one dispatcher call a claim (${fmt(PER_CALL)} claims), claims/s`,
        '| | statement cache on | off | on ÷ off |',
        '| --- | ---: | ---: | ---: |',
        `| each call its own transaction (as the app) | ${fmt(cache.on)} | ${fmt(cache.off)} | ${(cache.on / cache.off).toFixed(2)}× |`,
        `| all in one transaction (no flush per call: the CPU work) | ${fmt(cache.onOuter)} | ${fmt(cache.offOuter)} | ${(cache.onOuter / cache.offOuter).toFixed(2)}× |`,
      );
    if (secure)
      lines.push(
        '',
        `### FTS5 secure-delete: what it costs the writes it touches (${fmt(secure.ops)} of each, one call each, 20,000 claims), ms a write`,
        '| | secure-delete on | off | on ÷ off |',
        '| --- | ---: | ---: | ---: |',
        `| claims.update (the statement) | ${secure.updateMsOn.toFixed(2)} | ${secure.updateMsOff.toFixed(2)} | ${(secure.updateMsOn / secure.updateMsOff).toFixed(2)}× |`,
        `| claims.delete + trash.purge | ${secure.purgeMsOn.toFixed(2)} | ${secure.purgeMsOff.toFixed(2)} | ${(secure.purgeMsOn / secure.purgeMsOff).toFixed(2)}× |`,
      );
    const million = rows.find((r) => r.claims === 1_000_000 && !r.into);
    const largest = rows.filter((r) => !r.into).sort((a, b) => (b.claims as number) - (a.claims as number))[0];
    if (million) lines.push('', `Target: 1,000,000 claims imported in under 2 minutes: ${(million.importSeconds as number).toFixed(0)} s, ${(million.importSeconds as number) < 120 ? 'met' : '**not met**'}.`);
    else if (largest) lines.push('', `1,000,000 claims at the rate of ${fmt(largest.claims as number)} (an extrapolation; the rate falls as a library grows): ${((1e6 / (largest.claims as number)) * (largest.importSeconds as number)).toFixed(0)} s.`);
    const md = lines.join('\n');
    console.log(`\n${md}`);
    const out = join(process.cwd(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'bulk.json'), `${JSON.stringify({ date: new Date().toISOString(), perCall: cache, secureDelete: secure, sizes: rows }, null, 2)}\n`);
    writeFileSync(join(out, 'bulk.md'), `${md}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
