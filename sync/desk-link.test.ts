// The running doors keep shared cases in step: two `serve`s on two libraries and a sync server,
// all on loopback. Share and join go through serve's API (as the page calls them), a change made
// through one serve's API reaches the other library, with who made it; the link stops when the
// library switches away.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveCommand } from '../cli/serve.js';
import type { Context } from '../core/context.js';
import { dispatchAsync } from '../core/dispatcher.js';
import { closeSession, openSession, switchLibrary } from '../core/session.js';
import { shareCase, syncCase } from './client.js';
import { keepDeskInStep } from './desk-link.js';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import { deskCase, joined, testServer } from '../test/sync/desk.js';

afterEach(() => vi.restoreAllMocks());

function builtRenderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  return dir;
}

interface Serving {
  api: (name: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  stop: () => Promise<number>;
}

const printed: string[] = [];

async function serve(ctx: Context): Promise<Serving> {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const before = printed.length;
  const exited = serveCommand(ctx, { port: '0', json: true }, { rendererDir: builtRenderer(), stopped });
  await until(() => printed.length > before);
  const { url, token } = (JSON.parse(printed[before]!) as { value: { url: string; token: string } }).value;
  const origin = new URL(url).origin;
  return {
    api: async (name, input) =>
      (await (await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) })).json()) as never,
    stop: () => {
      stop();
      return exited;
    },
  };
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the link and the lock', () => {
  it('stops when the library locks, stays stopped while locked, and comes back after unlock', async () => {
    const server = await testServer();
    const ctx = openSession(join(tempDir(), 'locked.corroborate'), { automaticBackups: false });
    const desk = keepDeskInStep(ctx, { checkMs: 100 });
    try {
      const caseId = call(ctx, 'cases.create', { title: 'Harbour contracts' }).id;
      call(ctx, 'library.encrypt', { passphrase: 'correct horse battery staple', confirm: true });
      await shareCase(ctx, caseId, server.url, server.store.invite('harbour', 'Ana', 'reporter').token, { timeoutMs: 10_000 });
      await until(() => call(ctx, 'sync.status', {})[0]?.state === 'synced');
      // A page waiting on the desk's news hears at once that the library locked (not an internal error).
      const version = (await dispatchAsync(ctx, 'sync.watch', { after: 0 }, () => {})) as { ok: true; value: { version: number } };
      const waiting = dispatchAsync(ctx, 'sync.watch', { after: version.value.version, waitMs: 20_000 }, () => {});
      await new Promise((r) => setTimeout(r, 50));
      const lockedAt = Date.now();
      call(ctx, 'library.lock', {});
      expect(await waiting).toMatchObject({ ok: false, error: { code: 'LIBRARY_LOCKED' } });
      expect(Date.now() - lockedAt).toBeLessThan(2_000);
      // Stopped before the library closed: nothing of it is left connected.
      expect(ctx.sync?.size ?? 0).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(ctx.sync?.size ?? 0).toBe(0);
      call(ctx, 'library.unlock', { passphrase: 'correct horse battery staple' });
      await until(() => call(ctx, 'sync.status', {})[0]?.state === 'synced');
    } finally {
      await desk.stop();
      closeSession(ctx);
    }
  }, 30_000);
});

describe('sharing from a door that does not keep cases in step', () => {
  it('answers NO_SYNC_LINK, pointing at the commands, and spends no invitation', async () => {
    const server = await testServer();
    const a = deskCase();
    const { token } = server.store.invite('harbour', 'Ana', 'reporter');
    const res = await dispatchAsync(a.ctx, 'sync.share', { caseId: a.caseId, server: server.url, invitation: token }, () => {});
    expect(res).toMatchObject({ ok: false, error: { code: 'NO_SYNC_LINK', message: expect.stringMatching(/corroborate share/) as string } });
    expect(server.store.invitation(token)).toBeTruthy();
  });
});

describe('a running serve keeps its shared cases in step', () => {
  it('shares and joins through the API, carries a change made through serve to the other library, says who made it and who is connected', async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await testServer();
    const a = deskCase();
    const b = tempLibrary();
    const serveA = await serve(a.ctx);
    const serveB = await serve(b);
    try {
      // A mistyped invitation is refused before anything goes out, in words and with a code.
      const bad = await serveA.api('sync.share', { caseId: a.caseId, server: server.url, invitation: 'not an invitation' });
      expect(bad.error?.code).toBe('BAD_INPUT');
      const badServer = await serveA.api('sync.share', { caseId: a.caseId, server: 'ftp://x', invitation: server.store.invite('harbour', 'Zed', 'reporter').token });
      expect(badServer.error?.code).toBe('BAD_INPUT');

      const shared = await serveA.api('sync.share', { caseId: a.caseId, server: server.url, invitation: server.store.invite('harbour', 'Ana', 'reporter').token });
      expect(shared).toMatchObject({ ok: true, value: { caseId: a.caseId, member: 'Ana', role: 'reporter' } });
      // Nobody ran `corroborate sync`: serve's own link sends the case.
      await until(() => call(a.ctx, 'sync.status', {})[0]?.state === 'synced');

      const joined = await serveB.api('sync.accept', { server: server.url, invitation: server.store.invite('harbour', 'Lee', 'fact-checker').token });
      expect(joined).toMatchObject({ ok: true, value: { caseId: a.caseId, member: 'Lee', role: 'fact-checker' } });
      expect(call(b, 'claims.get', { id: a.claimId }).claim.statement).toBe('The dredging contract was awarded without a tender.');

      // A change made through serve A's API reaches library B, and B can say who made it.
      const edited = await serveA.api('claims.update', { id: a.claimId, statement: 'The dredging contract went to a firm without any tender.' });
      expect(edited.ok).toBe(true);
      await until(() => call(b, 'claims.get', { id: a.claimId }).claim.statement === 'The dredging contract went to a firm without any tender.');
      const history = (await serveB.api('sync.history', { caseId: a.caseId, recordId: a.claimId })).value as { entries: { field: string; value: unknown; by: string }[] };
      expect(history.entries.filter((h) => h.field === 'statement').at(-1)).toMatchObject({ by: 'Ana', value: 'The dredging contract went to a firm without any tender.' });

      // The fact-checker's verdict flows back the other way.
      expect((await serveB.api('claims.setStatus', { id: a.claimId, status: 'verified', note: 'Checked with the tender register.' })).ok).toBe(true);
      await until(() => call(a.ctx, 'claims.get', { id: a.claimId }).claim.status === 'verified');

      // Members and who is connected now, as the server tells them.
      await until(() => {
        const m = call(b, 'sync.status', {})[0]?.members ?? [];
        return m.length === 2 && m.every((x) => x.connected);
      });
      expect(call(b, 'sync.status', {})[0]?.members).toEqual(
        expect.arrayContaining([
          { name: 'Ana', role: 'reporter', connected: true, note: null, noteTitle: null },
          { name: 'Lee', role: 'fact-checker', connected: true, note: null, noteTitle: null },
        ]),
      );

      // Switching A's session to another library stops its link at once: the server sees Ana leave.
      switchLibrary(a.ctx, join(tempDir(), 'other.corroborate'), { create: true });
      expect(a.ctx.sync?.size ?? 0).toBe(0);
      await until(() => call(b, 'sync.status', {})[0]?.members.find((m) => m.name === 'Ana')?.connected === false);
      expect(call(a.ctx, 'sync.status', {})).toEqual([]);
    } finally {
      expect(await serveA.stop()).toBe(0);
      expect(await serveB.stop()).toBe(0);
    }
    // serve stopped its links as it exited.
    expect(call(b, 'sync.status', {})[0]).toMatchObject({ state: 'offline', members: [] });
  }, 60_000);

  it('answers a page waiting on sync.watch the moment a member arrives or leaves, and a waiting page holds up no library switch', async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await testServer();
    const a = deskCase();
    const serveA = await serve(a.ctx);
    type Watched = { version: number; cases: { members: { name: string; connected: boolean }[] }[] };
    const watch = async (after = 0) => {
      const r = await serveA.api('sync.watch', { after, waitMs: 20_000 });
      expect(r.ok).toBe(true);
      return r.value as Watched;
    };
    /** Waits, as the page does, until `check` holds; each answer must come long before the 20 s wait ends. */
    const follow = async (from: Watched, check: (w: Watched) => boolean): Promise<Watched> => {
      const started = Date.now();
      let w = from;
      while (!check(w)) {
        w = await watch(w.version);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      return w;
    };
    const lee = (w: Watched) => w.cases[0]?.members.find((m) => m.name === 'Lee');
    try {
      expect((await serveA.api('sync.share', { caseId: a.caseId, server: server.url, invitation: server.store.invite('harbour', 'Ana', 'reporter').token })).ok).toBe(true);
      let w = await follow(await watch(), (x) => x.cases[0]?.members.some((m) => m.name === 'Ana' && m.connected) === true);
      const l = await joined(server, 'Lee', 'fact-checker');
      const leeLink = syncCase(l.ctx, l.caseId);
      w = await follow(w, (x) => lee(x)?.connected === true);
      await leeLink.stop();
      w = await follow(w, (x) => lee(x)?.connected === false);
      // A page still waiting does not stop the reporter opening another library, and hears of it.
      const waiting = watch(w.version);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      switchLibrary(a.ctx, join(tempDir(), 'other.corroborate'), { create: true });
      expect((await waiting).cases).toEqual([]);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      expect(await serveA.stop()).toBe(0);
    }
  }, 60_000);
});
