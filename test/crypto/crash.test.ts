// Killed with SIGKILL while encrypting a library, changing its passphrase or decrypting it, in
// turn: after every kill the
// library opens with the old passphrase or the new one, holds every record and its original
// file, and (once opened) nothing of it is left in the clear or under the old passphrase.
//
// The child is plain JS: db/ and core/ are transpiled for it (test/hardening/transpile.ts).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttachment, sha256 } from '../../core/attachments.js';
import { closeSession, lockState, openSession } from '../../core/session.js';
import type { Context } from '../../core/context.js';
import { call, callAsync, tempDir } from '../helpers.js';
import { removeTree, transpileTree } from '../hardening/transpile.js';

const CHILD = fileURLToPath(new URL('./change-child.mjs', import.meta.url));
const ROUNDS = Number(process.env.CRYPTO_CRASH_ROUNDS ?? 18);
/** The cycle: plain → encrypted with A → B → plain → … (undefined: no encryption). */
const CYCLE = [undefined, 'first passphrase of two', 'second passphrase of two'];
const after = (p: string | undefined) => CYCLE[(CYCLE.indexOf(p) + 1) % CYCLE.length];
const SECRET = 'Vellichor-Axolotl-5521';

let OUT: string;
beforeAll(() => {
  OUT = transpileTree(['db', 'core', 'shared'], `corroborate-crypto-crash-${process.pid}`);
});
afterAll(() => removeTree(OUT));

/** Runs the child; kills it `killAfterMs` after it has opened the library (never, if undefined). */
function runChild(library: string, from: string | undefined, to: string | undefined, killAfterMs?: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, OUT, library], { env: { ...process.env, CHANGE_FROM: from ?? '', CHANGE_TO: to ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let readyAt = 0;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      if (!readyAt && d.toString().includes('ready')) {
        readyAt = performance.now();
        if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killed: true, ms: performance.now() - readyAt });
      else if (code === 0) resolve({ killed: false, ms: performance.now() - readyAt });
      else reject(new Error(`the child failed (${code}): ${stderr}`));
    });
  });
}

/** Opens the library with whichever of the passphrases (or none) opens it. */
function openAny(library: string, candidates: (string | undefined)[]): { ctx: Context; passphrase: string | undefined } {
  let last: unknown;
  for (const passphrase of candidates) {
    try {
      const ctx = openSession(library, { automaticBackups: false, ...(passphrase ? { passphrase } : {}) });
      // A plain library opens whatever passphrase is given: it is not encrypted.
      return { ctx, passphrase: lockState(ctx).encrypted ? passphrase : undefined };
    } catch (err) {
      last = err;
      const code = (err as { code?: string }).code;
      if (code !== 'WRONG_PASSPHRASE' && code !== 'PASSPHRASE_REQUIRED') throw err;
    }
  }
  throw last;
}

function filesHolding(dir: string, needle: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && readFileSync(join(e.parentPath, e.name)).includes(Buffer.from(needle)))
    .map((e) => e.name);
}

describe('killed with SIGKILL while changing the encryption', () => {
  it(`${ROUNDS} times: the library opens with the old or the new passphrase and loses nothing`, async () => {
    const dir = tempDir();
    const library = join(dir, 'library.corroborate');
    const setup = openSession(library, { automaticBackups: false });
    const caseId = call(setup, 'cases.create', { title: 'Crash' }).id;
    for (let i = 0; i < 200; i++) call(setup, 'claims.create', { caseId, statement: `Claim ${i} by ${SECRET}.` });
    const original = Buffer.from(`An original file naming ${SECRET}.\n`);
    await callAsync(setup, 'documents.import', { caseId, fileName: 'original.txt', data: original.toString('base64') });
    closeSession(setup);
    const hash = sha256(original);

    // Each change run to its end once: how long the window to kill in is.
    let current: string | undefined = undefined;
    let window = 0;
    for (let i = 0; i < CYCLE.length; i++) {
      const full = await runChild(library, current, after(current));
      expect(full.killed).toBe(false);
      window = Math.max(window, full.ms);
      current = after(current);
    }
    const outcomes = { old: 0, new: 0, finished: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const next = after(current);
      // Spread over the whole change (the three kinds in turn), a little past its end on a busy machine.
      const run = await runChild(library, current, next, Math.round(((round + 0.5) / ROUNDS) * window * 1.1));
      const { ctx, passphrase } = openAny(library, [current, next]);
      try {
        outcomes[!run.killed ? 'finished' : passphrase === current ? 'old' : 'new']++;
        expect(ctx.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(200);
        expect(ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
        expect(readAttachment(library, hash)?.equals(original)).toBe(true);
        current = passphrase;
      } finally {
        closeSession(ctx);
      }
      // Encrypted, nothing is in the clear (an unfinished change is finished by the open above).
      if (current !== undefined) expect(filesHolding(dir, SECRET)).toEqual([]);
    }
    console.log(`crypto crash test: ${JSON.stringify({ rounds: ROUNDS, windowMs: Math.round(window), ...outcomes })}`);
    // Kills must have landed on both sides of the swap for the test to mean anything.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 240_000);
});
