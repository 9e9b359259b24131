// `npm run bench`, desk sync: ten members' libraries on one case through one `corroborate
// sync-server` process, all editing at once. Measures the time from an edit saved in one library
// to the moment it is in each of the nine others (p50, p95), and the server's memory (peak RSS).
// SYNC_BENCH_CLIENTS and SYNC_BENCH_ROUNDS change the size. Results: bench/results/sync.json.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { openLibrary } from '../db/index.js';
import { openSyncStore } from '../db/sync-server.js';
import { joinCase, shareCase, syncCase, type CaseSync } from '../sync/client.js';

const CLIENTS = Number(process.env.SYNC_BENCH_CLIENTS ?? 10);
const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'corroborate-sync-bench-'));
const bin = fileURLToPath(new URL('../../bin/corroborate.js', import.meta.url));

function call(ctx: Context, name: string, input: unknown): Record<string, unknown> {
  const r = dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const data = join(dir, 'server');
const store = openSyncStore(data);
const tokens = Array.from({ length: CLIENTS }, (_, i) => store.invite('bench', `Member ${i}`, 'reporter').token);
store.close();
const server = spawn(process.execPath, [bin, 'sync-server', '--data', data, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const links: CaseSync[] = [];
try {
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.once('data', (d: Buffer) => resolve((JSON.parse(d.toString().split('\n')[0]!) as { url: string }).url));
    server.once('exit', () => reject(new Error('the sync server did not start')));
  });
  const libs: Context[] = Array.from({ length: CLIENTS }, (_, i) => ({ db: openLibrary(join(dir, `m${i}.corroborate`)), libraryPath: join(dir, `m${i}.corroborate`), checker: `Member ${i}` }));
  const caseId = call(libs[0]!, 'cases.create', { title: 'Bench case' }).id as string;
  const claims = Array.from({ length: CLIENTS }, (_, i) => call(libs[0]!, 'claims.create', { caseId, statement: `Claim of member ${i}` }).id as string);
  await shareCase(libs[0]!, caseId, url, tokens[0]!, { timeoutMs: 30_000 });
  for (let i = 1; i < CLIENTS; i++) await joinCase(libs[i]!, url, tokens[i]!, { timeoutMs: 30_000 });
  for (const ctx of libs) links.push(syncCase(ctx, caseId, { pollMs: 10 }));
  await new Promise((r) => setTimeout(r, 500));

  // Read straight from each library's file: claims.get's joins, ninety times a tick, would time the bench itself.
  const statementIn = libs.map((ctx) => ctx.db.prepare('SELECT statement FROM claims WHERE id = ?'));
  const latencies: number[] = [];
  let peakRss = rssKb(server.pid!);
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    // Every member edits their own claim at the same moment; each edit is timed to each other member.
    const edits = libs.map((ctx, i) => {
      const statement = `Round ${round}, member ${i}`;
      call(ctx, 'claims.update', { id: claims[i], statement });
      return { from: i, statement, at: performance.now() };
    });
    const pending = new Set(edits.flatMap((e) => libs.map((_, j) => (j === e.from ? '' : `${e.from}>${j}`)).filter(Boolean)));
    const deadline = performance.now() + 30_000;
    while (pending.size && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      for (const key of [...pending]) {
        const [from, to] = key.split('>').map(Number) as [number, number];
        const got = (statementIn[to]!.get(claims[from]) as { statement: string }).statement;
        if (got === edits[from]!.statement) {
          latencies.push(performance.now() - edits[from]!.at);
          pending.delete(key);
        }
      }
      peakRss = Math.max(peakRss, rssKb(server.pid!));
    }
    if (pending.size) throw new Error(`round ${round}: ${pending.size} deliveries did not arrive within 30 s`);
  }
  const result = {
    at: new Date().toISOString(),
    clients: CLIENTS,
    rounds: ROUNDS,
    deliveries: latencies.length,
    p50Ms: Math.round(pct(latencies, 50)),
    p95Ms: Math.round(pct(latencies, 95)),
    maxMs: Math.round(Math.max(...latencies)),
    serverPeakRssMb: Math.round(peakRss / 102.4) / 10,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  const out = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'sync.json'), JSON.stringify(result, null, 2));
  console.log(`sync: ${CLIENTS} members, ${result.deliveries} deliveries: edit → every other member p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms; server peak RSS ${result.serverPeakRssMb} MB`);
} finally {
  await Promise.all(links.map((l) => l.stop()));
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
