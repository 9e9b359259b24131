// Two sync server processes joined through Redis (Hocuspocus's Redis extension): members on
// different servers see each other's changes. Skipped, saying why, where redis-server cannot
// start (Debian's redis-server; .ci/run installs it).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import type { Context } from '../core/context.js';
import { joinCase, shareCase, syncCase } from './client.js';
import { noteHub, stopNoteHub } from './note-link.js';
import { deskCase, testServer } from '../test/sync/desk.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
let redis: ChildProcess | undefined;
let redisUrl = '';
let why = 'redis-server is not installed here (Debian: apt-get install redis-server)';

beforeAll(async () => {
  if (!hasRedis) return;
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tempDir()], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    redis!.stdout!.on('data', (d: Buffer) => {
      if (/Ready to accept connections/i.test(d.toString())) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    redis!.once('exit', () => resolve(false));
  });
  if (ready) redisUrl = `redis://127.0.0.1:${port}`;
  else why = 'redis-server did not start within 10 s';
}, 20_000);
afterAll(() => {
  redis?.kill('SIGKILL');
});

/** Two sync server processes' worth of servers on one data folder, joined through Redis. */
async function twoServers(redis: string) {
  const dataDir = tempDir();
  return { one: await testServer({ dataDir, redis }), two: await testServer({ dataDir, redis }) };
}

describe('two sync servers through Redis', () => {
  it('members connected to different servers see each other’s edits', async (t) => {
    if (!redisUrl) {
      t.skip(why);
      return;
    }
    const { one, two } = await twoServers(redisUrl);
    const a = deskCase();
    await shareCase(a.ctx, a.caseId, one.url, one.store.invite('harbour', 'Ana', 'reporter').token, { timeoutMs: 10_000 });
    const b = tempLibrary();
    await joinCase(b, two.url, two.store.invite('harbour', 'Ben', 'reporter').token, { timeoutMs: 10_000 });
    const aLink = syncCase(a.ctx, a.caseId, { pollMs: 20 });
    const bLink = syncCase(b, a.caseId, { pollMs: 20 });
    try {
      call(a.ctx, 'claims.update', { id: a.claimId, statement: 'Edited on server one' });
      call(b, 'claims.create', { caseId: a.caseId, statement: 'Written on server two' });
      const seen = async (check: () => boolean) => {
        for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
        return check();
      };
      expect(await seen(() => call(b, 'claims.get', { id: a.claimId }).claim.statement === 'Edited on server one')).toBe(true);
      expect(await seen(() => call(a.ctx, 'claims.list', { caseId: a.caseId }).items.some((c) => c.statement === 'Written on server two'))).toBe(true);
    } finally {
      await aLink.stop();
      await bLink.stop();
    }
  }, 60_000);

  it('shows who is in the case now across servers: a member on server two is seen on server one, with the note they have open, and seen leave and removed at once', async (t) => {
    if (!redisUrl) {
      t.skip(why);
      return;
    }
    const { one, two } = await twoServers(redisUrl);
    // No confidential source anywhere: the case's notes are co-edited, so a member can be "in" one.
    const a = tempLibrary();
    const caseId = call(a, 'cases.create', { title: 'Harbour contracts' }).id;
    const noteId = call(a, 'notes.create', { caseId, title: 'Draft', text: 'The harbour deal' }).id;
    await shareCase(a, caseId, one.url, one.store.invite('harbour', 'Ana', 'reporter').token, { timeoutMs: 10_000 });
    const b = tempLibrary();
    await joinCase(b, two.url, two.store.invite('harbour', 'Ben', 'reporter').token, { timeoutMs: 10_000 });
    const members = (ctx: Context) => call(ctx, 'sync.status', { caseId })[0]?.members ?? [];
    const ben = () => members(a).find((m) => m.name === 'Ben');
    const within = async (ms: number, check: () => boolean) => {
      const end = Date.now() + ms;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      return check();
    };
    const aLink = syncCase(a, caseId, { pollMs: 20 });
    let bLink = syncCase(b, caseId, { pollMs: 20 });
    try {
      expect(await within(10_000, () => ben()?.connected === true)).toBe(true);
      expect(await within(5_000, () => members(b).find((m) => m.name === 'Ana')?.connected === true)).toBe(true);
      // Ben opens the draft in his editor: Ana, on the other server, sees which note he is in.
      const hub = noteHub(b);
      hub.open(noteId);
      const closeEditor = hub.editorOpened(noteId);
      expect(await within(5_000, () => ben()?.note === noteId)).toBe(true);
      closeEditor();
      expect(await within(5_000, () => ben()?.connected === true && ben()?.note === null)).toBe(true);
      // Ben's app quits: Ana sees him leave within seconds, not at the awareness timeout (30 s).
      await bLink.stop();
      stopNoteHub(b);
      expect(await within(3_000, () => ben()?.connected === false)).toBe(true);
      // Back again, then removed on the desk: his link is closed, and Ana's list drops him at once.
      bLink = syncCase(b, caseId, { pollMs: 20 });
      expect(await within(10_000, () => ben()?.connected === true)).toBe(true);
      one.store.remove('harbour', 'Ben');
      expect(await within(1_000, () => ben() === undefined)).toBe(true);
      await expect(bLink.done).rejects.toThrow(/Ben/);
    } finally {
      await aLink.stop();
      await bLink.stop();
      stopNoteHub(a);
      stopNoteHub(b);
    }
  }, 60_000);
});
