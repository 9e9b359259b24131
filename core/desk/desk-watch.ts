// What `sync.status` answers changes without any call to the library: a link connects or drops,
// a member arrives or leaves, the server confirms a change. The door's links (sync/client.ts,
// sync/note-link.ts) say so here, and `sync.watch` answers a page waiting for it at once, so
// the Desk view follows the desk without polling.

import type { Context, ReadContext } from '../context.js';

type AnyContext = Context | ReadContext;

interface Watch {
  version: number;
  waiters: Set<() => void>;
}

const watches = new WeakMap<AnyContext, Watch>();

function watchOf(ctx: AnyContext): Watch {
  let w = watches.get(ctx);
  if (!w) watches.set(ctx, (w = { version: 1, waiters: new Set() }));
  return w;
}

/** The number of the desk's state now: it grows by one at each change. */
export function deskVersion(ctx: AnyContext): number {
  return watchOf(ctx).version;
}

/** Something `sync.status` shows changed: every page waiting is answered. */
export function deskChanged(ctx: AnyContext): void {
  const w = watchOf(ctx);
  w.version++;
  const waiters = [...w.waiters];
  w.waiters.clear();
  for (const wake of waiters) wake();
}

/** Resolves when the desk's state is past `after` (at once if it is already), or after `timeoutMs`. */
export function deskChange(ctx: AnyContext, after: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const w = watchOf(ctx);
  if (w.version !== after || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      w.waiters.delete(wake);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, timeoutMs);
    signal?.addEventListener('abort', wake);
    w.waiters.add(wake);
  });
}
