// `node dist/bench/sync-write.js` (after `tsc -p tsconfig.bench.json`): what one write to a shared
// case costs the reporter who makes it, by the size of the case. A case of N claims (each with a
// source and a tag, some sources confidential so the desk's mask has work) is shared, then single
// claims are edited through the dispatcher, one transaction each, as the app saves them; the time
// of each save is taken, sharing excluded. No server is needed: what is timed is the library's
// half (the change journal, the case's document, the update kept for the server).
// The machine may be shared: CPU milliseconds are given beside wall ones.
// SYNC_WRITE_SIZES=400,5000,50000 (the default), SYNC_WRITE_EDITS=30. Results: bench/results/sync-write.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { closeLibrary, openLibrary } from '../db/index.js';

const SIZES = (process.env.SYNC_WRITE_SIZES ?? '400,5000,50000').split(',').map(Number);
const EDITS = Number(process.env.SYNC_WRITE_EDITS ?? 30);

function call(ctx: Context, name: string, input: unknown): Record<string, unknown> {
  const r = dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => Math.round(x * 10) / 10;

function measure(size: number, dir: string) {
  const path = join(dir, `case-${size}.corroborate`);
  const ctx: Context = { db: openLibrary(path), libraryPath: path, checker: 'Bench' };
  try {
    const caseId = call(ctx, 'cases.create', { title: 'Port investigation' }).id as string;
    const sources = Array.from({ length: 50 }, (_, i) => call(ctx, 'sources.create', { name: `Witness Number${i} Person`, confidential: i % 10 === 0 }).id as string);
    const claims: string[] = [];
    // One transaction for the case's making: not what is measured.
    ctx.db.transaction(() => {
      for (let i = 0; i < size; i++) {
        const said = `Number${i % 50} said shipment ${i} left the port`;
        claims.push(call(ctx, 'claims.create', { caseId, statement: said, sourceIds: [sources[i % sources.length]], tags: [`lot-${i % 20}`] }).id as string);
      }
    })();
    let started = performance.now();
    const cpu = process.cpuUsage();
    // As the app shares a case once the server has said yes (no server needed for the library's half).
    call(ctx, 'sync.attach', { caseId, serverUrl: 'ws://127.0.0.1:1', docName: 'bench', member: 'Bench', role: 'reporter', credential: `mem_${'a'.repeat(24)}` });
    const shareMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const shareCpuMs = (used.user + used.system) / 1000;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let e = 0; e < EDITS; e++) {
      const id = claims[(e * 7919) % claims.length];
      started = performance.now();
      const before = process.cpuUsage();
      call(ctx, 'claims.update', { id, statement: `Edited statement ${e} of a claim` });
      const spent = process.cpuUsage(before);
      times.push(performance.now() - started);
      cpuTimes.push((spent.user + spent.system) / 1000);
    }
    // The first save after the library is opened again: the case's document is rebuilt from its updates, once.
    closeLibrary(ctx.db);
    ctx.db = openLibrary(path);
    started = performance.now();
    call(ctx, 'claims.update', { id: claims[1], statement: 'Edited after reopening' });
    const reopenedMs = performance.now() - started;
    // The same edit with no case shared: the floor the journal and the document add to.
    ctx.db.prepare('DELETE FROM sync_cases').run();
    const unshared: number[] = [];
    for (let e = 0; e < EDITS; e++) {
      const id = claims[(e * 104729) % claims.length];
      started = performance.now();
      call(ctx, 'claims.update', { id, statement: `Unshared edit ${e}` });
      unshared.push(performance.now() - started);
    }
    return { claims: size, shareMs: ms(shareMs), shareCpuMs: ms(shareCpuMs), writeP50Ms: ms(pct(times, 50)), writeP95Ms: ms(pct(times, 95)), writeCpuP50Ms: ms(pct(cpuTimes, 50)), firstAfterReopenMs: ms(reopenedMs), unsharedP50Ms: ms(pct(unshared, 50)) };
  } finally {
    closeLibrary(ctx.db);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-sync-write-'));
try {
  const rows = SIZES.map((size) => {
    const row = measure(size, dir);
    console.log(`sync-write: ${size} claims: share ${row.shareMs} ms (CPU ${row.shareCpuMs} ms); a one-claim save p50 ${row.writeP50Ms} ms (CPU ${row.writeCpuP50Ms} ms), p95 ${row.writeP95Ms} ms, first after reopening ${row.firstAfterReopenMs} ms (unshared ${row.unsharedP50Ms} ms)`);
    return row;
  });
  const out = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'sync-write.json'), JSON.stringify({ at: new Date().toISOString(), edits: EDITS, load: loadavg()[0], rows }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
