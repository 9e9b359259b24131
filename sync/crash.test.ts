// SIGKILL in the middle of syncing, the server's and a client's, round after round: no change the
// server acknowledged is lost, and a killed client catches up at its next start. The children
// run the real CLI (`corroborate sync-server`, `corroborate sync`), transpiled for plain Node.
// SYNC_CRASH_ROUNDS sets the rounds (10 here; the bench runs 50).

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import { removeTree, transpileTree } from '../test/hardening/transpile.js';
import { syncUpdates } from '../db/index.js';
import { openSyncStore } from '../db/sync-server.js';
import { joinCase, shareCase, syncCase } from './client.js';
import { deskCase, testServer } from '../test/sync/desk.js';

const ROUNDS = Number(process.env.SYNC_CRASH_ROUNDS ?? 10);
let OUT: string;
let RUN: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  OUT = transpileTree(['db', 'core', 'shared', 'sync', 'cli'], `corroborate-sync-crash-${process.pid}`, ['assets/demo']);
  RUN = join(OUT, 'run.mjs');
  writeFileSync(RUN, "const { main } = await import('./cli/main.js');\nprocess.exitCode = await main(process.argv.slice(2));\n");
});
afterAll(() => removeTree(OUT));
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
});

/** Starts the CLI; resolves with its first line of output once it has printed one. */
function start(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output from ${args[0]}: ${err}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, line: out.split('\n')[0]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('\n')) reject(new Error(`${args[0]} exited (${code}): ${err}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
    children.delete(child);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL during sync', () => {
  it(`of the server, ${ROUNDS} times: every change it acknowledged is in its database when it restarts`, async () => {
    const dataDir = tempDir();
    const store = openSyncStore(dataDir);
    const invitations = [store.invite('harbour', 'Ana', 'reporter').token, store.invite('harbour', 'Ben', 'reporter').token];
    store.close();
    let server = await start(['sync-server', '--data', dataDir, '--json']);
    const { url, port } = JSON.parse(server.line) as { url: string; port: number };
    const a = deskCase();
    await shareCase(a.ctx, a.caseId, url, invitations[0]!, { timeoutMs: 10_000 });
    const link = syncCase(a.ctx, a.caseId, { pollMs: 20 });
    const statements: string[] = [];
    // Rounds in which the server acknowledged something before it was killed: the test is only
    // worth its name if most rounds kill it with acknowledged changes behind it.
    let roundsWithAcks = 0;
    let lastAcked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Once the server has acknowledged some of this round's edits (or after 5 s), at a random
      // moment while the rest are still being written, sent and acknowledged.
      const ackedBefore = Math.max(0, ...syncUpdates(a.ctx.db, a.caseId).filter((u) => u.acked).map((u) => u.seq));
      const killing = (async () => {
        for (let t = 0; t < 1000 && !syncUpdates(a.ctx.db, a.caseId, ackedBefore).some((u) => u.acked && u.local); t++) await pause(5);
        await pause(Math.floor(Math.random() * 150));
        await kill(server.child);
      })();
      for (let i = 0; i < 8; i++) {
        const s = `Round ${round} claim ${i}`;
        call(a.ctx, 'claims.create', { caseId: a.caseId, statement: s });
        statements.push(s);
        await pause(Math.floor(Math.random() * 40));
      }
      await killing;
      // The server is dead: what the library holds as acknowledged must be in the server's files.
      const saved = openSyncStore(dataDir);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.mergeUpdates(saved.fetch('harbour')));
      saved.close();
      const snapshot = Y.snapshot(doc);
      // Every update the library holds as acknowledged: its own, those it received, and the
      // merged ones it folds them into.
      const acked = syncUpdates(a.ctx.db, a.caseId).filter((u) => u.acked);
      for (const u of acked) expect(Y.snapshotContainsUpdate(snapshot, u.data), `round ${round}: acknowledged update ${u.seq} lost`).toBe(true);
      const newest = Math.max(...acked.map((u) => u.seq));
      if (newest > lastAcked) roundsWithAcks++;
      lastAcked = newest;
      server = await start(['sync-server', '--data', dataDir, '--port', String(port), '--json']);
      // The next kill comes once the client is back (it retries with a back-off).
      for (let t = 0; t < 100 && ['offline', 'connecting'].includes(call(a.ctx, 'sync.status', {})[0]!.state); t++) await pause(50);
    }
    // Back up: everything goes out, and a second member receives every claim.
    for (let t = 0; t < 200 && call(a.ctx, 'sync.status', {})[0]!.waiting > 0; t++) await pause(50);
    expect(call(a.ctx, 'sync.status', {})[0]!.waiting).toBe(0);
    await link.stop();
    expect(roundsWithAcks).toBeGreaterThan(ROUNDS / 2);
    const b = tempLibrary();
    await joinCase(b, url, invitations[1]!, { timeoutMs: 15_000 });
    const got = call(b, 'claims.list', { caseId: a.caseId, limit: 1000 } as never).items.map((c) => c.statement);
    for (const s of statements) expect(got).toContain(s);
    await kill(server.child);
  }, 240_000);

  it(`of a client, ${ROUNDS} times: it catches up at its next start, its own changes included`, async () => {
    const server = await testServer();
    const { token } = server.store.invite('harbour', 'Ana', 'reporter');
    const a = deskCase();
    await shareCase(a.ctx, a.caseId, server.url, token, { timeoutMs: 10_000 });
    const b = tempLibrary();
    await joinCase(b, server.url, server.store.invite('harbour', 'Ben', 'reporter').token, { timeoutMs: 10_000 });
    const fromA: string[] = [];
    const fromB: string[] = [];
    const aLink = syncCase(a.ctx, a.caseId, { pollMs: 20 });
    for (let round = 0; round < ROUNDS; round++) {
      const child = (await start(['sync', '--library', b.libraryPath, '--json'])).child;
      const killAt = 20 + Math.floor(Math.random() * 300);
      const killing = pause(killAt).then(() => kill(child));
      for (let i = 0; i < 4; i++) {
        // Ana's changes come in to Ben's syncing process; Ben's (written here, another process
        // on his library) go out from it.
        const sa = `A round ${round} #${i}`;
        const sb = `B round ${round} #${i}`;
        call(a.ctx, 'claims.create', { caseId: a.caseId, statement: sa });
        call(b, 'claims.create', { caseId: a.caseId, statement: sb });
        fromA.push(sa);
        fromB.push(sb);
        await pause(Math.floor(Math.random() * 60));
      }
      await killing;
    }
    const done = await start(['sync', '--once', '--library', b.libraryPath, '--json']);
    await new Promise((r) => done.child.once('exit', r));
    expect(done.child.exitCode).toBe(0);
    for (let t = 0; t < 200 && call(a.ctx, 'claims.list', { caseId: a.caseId, limit: 1000 } as never).total < 2 + fromA.length + fromB.length; t++) await pause(50);
    await aLink.stop();
    const list = (ctx: typeof b) => call(ctx, 'claims.list', { caseId: a.caseId, limit: 1000 } as never).items.map((c) => c.statement);
    for (const s of [...fromA, ...fromB]) {
      expect(list(a.ctx)).toContain(s);
      expect(list(b)).toContain(s);
    }
    expect(call(b, 'sync.status', {})[0]!.waiting).toBe(0);
    expect(call(b, 'library.doctor', {}).ok).toBe(true);
  }, 240_000);
});
