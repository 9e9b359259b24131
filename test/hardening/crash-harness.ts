// Kills a writing process with SIGKILL at random moments and checks the library after each
// kill: it opens (our checks at open pass), SQLite's integrity_check and every FTS5 table's
// integrity-check pass, and every claim the child reported as committed is there.
// Shared by test/hardening/crash.test.ts (200 kills) and bench/durability.ts (1,000).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openLibrary, openReport } from '../../db/index.js';

/** The child script, beside this file in the source tree (dist keeps no .mjs). */
export const WRITER = fileURLToPath(new URL('./crash-writer.mjs', import.meta.url)).replace(/\/dist\/test\/hardening\//, '/test/hardening/');

export interface CrashOptions {
  /** The compiled db/index.js the child writes with. */
  dbModule: string;
  libraryPath: string;
  kills: number;
  /** Deterministic randomness in [0, 1). */
  random: () => number;
  /** Called after each round, for progress. */
  onRound?: (round: number, committed: number) => void;
  /** An encrypted library's passphrase (the child gets it in its environment, not its arguments). */
  passphrase?: string;
}

export interface CrashResult {
  kills: number;
  /** Claims the children reported committed, all found again. */
  committed: number;
  /** Kills that landed after the child had committed at least one write in that round. */
  killsWhileWriting: number;
  /** Kills while the child was still starting or opening (recovery, checks, migrations). */
  killsWhileOpening: number;
  /** Rounds whose open found the last session unclean and ran the full integrity check. */
  uncleanOpens: number;
  ms: number;
}

export class CrashCheckFailed extends Error {}

/** xorshift32: the same kills for the same seed. */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

interface Round {
  ids: string[];
  ready: boolean;
  stderr: string;
}

/** One child, killed after a random delay: early on (while it opens) or once it writes. */
function round(opts: CrashOptions): Promise<Round> {
  return new Promise((resolve, reject) => {
    const env = opts.passphrase === undefined ? process.env : { ...process.env, CRASH_PASSPHRASE: opts.passphrase };
    const child = spawn(process.execPath, [WRITER, opts.dbModule, opts.libraryPath], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    const early = opts.random() < 0.2;
    if (early) timer = setTimeout(kill, opts.random() * 120);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!early && !timer && out.includes('ready\n')) timer = setTimeout(kill, 5 + opts.random() * 75);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A child that never gets ready (it failed to open the library) is killed anyway.
    const watchdog = setTimeout(kill, 10_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL') {
        reject(new CrashCheckFailed(`the writer exited by itself (${signal ?? _code}): ${stderr.slice(0, 2000)}`));
        return;
      }
      const lines = out.split('\n').slice(0, -1); // the last piece has no newline: not reported
      resolve({ ids: lines.filter((l) => l !== 'ready'), ready: lines.includes('ready'), stderr });
    });
  });
}

/** The checks after a kill; throws CrashCheckFailed with what was wrong. */
export function checkAfterKill(libraryPath: string, committed: readonly string[], passphrase?: string): { unclean: boolean } {
  let db;
  try {
    db = openLibrary(libraryPath, { create: false, ...(passphrase === undefined ? {} : { passphrase }) });
  } catch (err) {
    throw new CrashCheckFailed(`the library did not open after a kill: ${(err as Error).message}`);
  }
  try {
    const report = openReport(db);
    // openLibrary has run the full check already when it found the last session unclean.
    if (report.checked !== 'integrity_check') {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (integrity.join() !== 'ok') throw new CrashCheckFailed(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    }
    const fts = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%'").pluck().all() as string[];
    if (!fts.includes('claims_fts')) throw new CrashCheckFailed(`no claims_fts among the FTS tables (${fts.join(', ')})`);
    for (const t of fts) {
      try {
        db.prepare(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`).run();
      } catch (err) {
        throw new CrashCheckFailed(`${t} integrity-check: ${(err as Error).message}`);
      }
    }
    const missing = db.prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM claims)').pluck().all(JSON.stringify(committed)) as string[];
    if (missing.length) throw new CrashCheckFailed(`${missing.length} committed claims are missing, e.g. ${missing.slice(0, 3).join(', ')}`);
    return { unclean: report.uncleanShutdown };
  } finally {
    db.close();
  }
}

export async function crashLoop(opts: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const committed: string[] = [];
  const result: CrashResult = { kills: 0, committed: 0, killsWhileWriting: 0, killsWhileOpening: 0, uncleanOpens: 0, ms: 0 };
  for (let i = 0; i < opts.kills; i++) {
    const r = await round(opts);
    result.kills++;
    if (r.ids.length) result.killsWhileWriting++;
    if (!r.ready) result.killsWhileOpening++;
    committed.push(...r.ids);
    // The first child creates the library; killed before that, there is nothing to check yet.
    if (!committed.length && !existsSync(opts.libraryPath)) continue;
    if (checkAfterKill(opts.libraryPath, committed, opts.passphrase).unclean) result.uncleanOpens++;
    opts.onRound?.(i + 1, committed.length);
  }
  result.committed = committed.length;
  result.ms = Math.round(performance.now() - started);
  return result;
}

/**
 * Several loops side by side, each on its own library (a child's start-up, ~0.15 s of Node and
 * better-sqlite3 on the build machine, dominates a round): the kills are shared among them.
 */
export async function crashLanes(opts: Omit<CrashOptions, 'libraryPath' | 'kills' | 'random'> & { kills: number; seed: number; libraryPaths: string[] }): Promise<CrashResult> {
  const started = performance.now();
  const lanes = opts.libraryPaths.length;
  const results = await Promise.all(
    opts.libraryPaths.map((libraryPath, i) =>
      crashLoop({ ...opts, libraryPath, kills: Math.floor(opts.kills / lanes) + (i < opts.kills % lanes ? 1 : 0), random: seeded(opts.seed + i * 7919) }),
    ),
  );
  const total: CrashResult = { kills: 0, committed: 0, killsWhileWriting: 0, killsWhileOpening: 0, uncleanOpens: 0, ms: 0 };
  for (const r of results) for (const k of ['kills', 'committed', 'killsWhileWriting', 'killsWhileOpening', 'uncleanOpens'] as const) total[k] += r[k];
  total.ms = Math.round(performance.now() - started);
  return total;
}
