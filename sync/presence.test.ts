// Who is in a shared case now, over the wire (one server; sync/redis.test.ts does two): each
// member's link announces itself in the case document's awareness, the server pushes the members
// list to every link the moment it changes (no polling), and nobody can announce another member.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Context } from '../core/context.js';
import { call } from '../test/helpers.js';
import { joined, shared, testServer } from '../test/sync/desk.js';
import { syncCase, type CaseSync } from './client.js';
import { PRESENCE_FIELD, type DeskMember } from './protocol.js';
import { DeskWebSocket } from './sockets.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function within(ms: number, check: () => boolean): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}

function link(ctx: Context, caseId: string): CaseSync {
  const l = syncCase(ctx, caseId, { pollMs: 50 });
  cleanup.push(() => l.stop());
  return l;
}

const members = (ctx: Context, caseId: string) => call(ctx, 'sync.status', { caseId })[0]?.members ?? [];

/** A bare provider on the case's document as a member, announcing whatever presence it is given. */
function rawLink(url: string, credential: string, presence: unknown) {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: DeskWebSocket, delay: 60_000, minDelay: 60_000, maxDelay: 60_000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'harbour', document: new Y.Doc(), token: credential });
  provider.setAwarenessField(PRESENCE_FIELD, presence);
  const lists: DeskMember[][] = [];
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const m = JSON.parse(payload) as { type: string; data: DeskMember[] };
    if (m.type === 'members') lists.push(m.data);
  });
  const closed = new Promise<number | undefined>((resolve) => provider.on('close', ({ event }: { event: { code?: number } }) => resolve(event.code)));
  provider.attach();
  cleanup.push(() => {
    provider.destroy();
    socket.destroy();
  });
  return { provider, lists, closed };
}

describe('presence on a shared case', () => {
  it('pushes who arrives, leaves and is removed to every member at once, without being asked', async () => {
    const server = await testServer();
    const a = await shared(server);
    const lee = await joined(server, 'Lee', 'fact-checker');
    link(a.ctx, a.caseId);
    const lee1 = link(lee.ctx, lee.caseId);
    const leeOnAna = () => members(a.ctx, a.caseId).find((m) => m.name === 'Lee');
    expect(await within(10_000, () => leeOnAna()?.connected === true)).toBe(true);

    // A bare link that never asks for the list still hears each change as it happens.
    const { credential } = server.store.redeem(server.store.invite('harbour', 'Kai', 'lawyer').token)!;
    const kai = rawLink(server.url, credential, { member: 'Kai', role: 'lawyer', note: null });
    const kaiSees = (name: string, connected: boolean) => kai.lists.at(-1)?.some((m) => m.name === name && m.connected === connected) ?? false;
    expect(await within(5_000, () => kaiSees('Lee', true) && kaiSees('Kai', true))).toBe(true);
    await lee1.stop();
    expect(await within(1_000, () => kaiSees('Lee', false))).toBe(true);
    expect(await within(1_000, () => leeOnAna()?.connected === false)).toBe(true);

    // Removed on the desk: their link is closed and the others' list drops them within a second.
    const lee2 = link(lee.ctx, lee.caseId);
    expect(await within(10_000, () => leeOnAna()?.connected === true)).toBe(true);
    server.store.remove('harbour', 'Lee');
    expect(await within(1_000, () => leeOnAna() === undefined && kai.lists.at(-1)?.every((m) => m.name !== 'Lee') === true)).toBe(true);
    const removedAt = Date.now();
    await expect(lee2.done).rejects.toThrow(/Lee/);
    expect(Date.now() - removedAt).toBeLessThan(1_500);

    // A member invited and joining is pushed too.
    await joined(server, 'Mo', 'editor');
    expect(await within(1_000, () => members(a.ctx, a.caseId).some((m) => m.name === 'Mo' && !m.connected))).toBe(true);
  }, 60_000);

  it('refuses a link that announces another member, and that member is not shown here', async () => {
    const server = await testServer();
    const a = await shared(server);
    const { credential } = server.store.redeem(server.store.invite('harbour', 'Kai', 'reporter').token)!;
    const forger = rawLink(server.url, credential, { member: 'Ana', role: 'reporter', note: null });
    // Closed by the server (Hocuspocus reports the document's close to the provider as a normal one).
    expect(await Promise.race([forger.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 5_000))])).toBe('closed');
    const watcher = rawLink(server.url, server.store.redeem(server.store.invite('harbour', 'Sam', 'editor').token)!.credential, { member: 'Sam', role: 'editor', note: null });
    expect(await within(5_000, () => watcher.lists.length > 0)).toBe(true);
    expect(watcher.lists.at(-1)!.find((m) => m.name === 'Ana')?.connected).toBe(false);
    expect(watcher.lists.at(-1)!.find((m) => m.name === 'Kai')?.connected).toBe(false);
    // A well-formed presence of their own gets in: the refusal was about the name.
    const honest = rawLink(server.url, credential, { member: 'Kai', role: 'reporter', note: null });
    expect(await within(5_000, () => honest.lists.at(-1)?.find((m) => m.name === 'Kai')?.connected === true)).toBe(true);
    void a;
  }, 30_000);
});
