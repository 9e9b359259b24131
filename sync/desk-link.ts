// The running doors (serve, the Electron app) keep every shared case of their library in step
// while it is open: the same link `corroborate sync` runs, one per case. Door-neutral: a door
// starts it with its session and stops it at exit; the session itself stops it on lock and on a
// library switch (core/session.ts onLibraryClosing), and the next tick picks up the library that
// is open then. Everything it writes goes through the dispatcher (sync/client.ts).

import type { Context, DeskRemote } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { deskChanged } from '../core/desk/desk-watch.js';
import { isLocked, onLibraryClosing } from '../core/session.js';
import type { DB } from '../db/index.js';
import { fetchDocument, redeemInvitation, syncCase, type CaseSync, type CaseSyncOptions } from './client.js';
import { wsAddress } from './protocol.js';
import { stopNoteHub } from './note-link.js';

export interface DeskLinkOptions {
  /** How often the library is looked at for cases shared or joined meanwhile (ms). */
  checkMs?: number;
  /** First wait before a link that ended (refused, a failure) is tried again; doubles each time (ms). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Passed to each case's link. */
  link?: Omit<CaseSyncOptions, 'once'>;
  /** Where a link's failure is told (the door's log). */
  log?: (message: string) => void;
}

export interface DeskLink {
  stop(): Promise<void>;
}

interface Running {
  link: CaseSync;
  db: DB;
}

/** What the app's Share case… and Join case… reach the server with (sync.share, sync.accept). */
export const deskRemote: DeskRemote = {
  redeem: async (server, invitation, sharing) => ({ ...(await redeemInvitation(server, invitation, sharing)), serverUrl: wsAddress(server) }),
  fetchDocument: (m) => fetchDocument(m.serverUrl, m.docName, m.credential),
};

export function keepDeskInStep(ctx: Context, options: DeskLinkOptions = {}): DeskLink {
  const retryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const running = new Map<string, Running>();
  const retry = new Map<string, { at: number; delay: number }>();
  let stopped = false;

  const stopAll = () => {
    const links = [...running.values()].map((r) => r.link.stop());
    running.clear();
    retry.clear();
    return Promise.all(links).then(() => undefined);
  };

  const start = (caseId: string) => {
    const db = ctx.db;
    const link = syncCase(ctx, caseId, options.link ?? {});
    running.set(caseId, { link, db });
    const ended = (reason?: unknown) => {
      // A link stopped because its library closed is not tried again against another library.
      if (running.get(caseId)?.link !== link) return;
      running.delete(caseId);
      if (stopped || ctx.db !== db) return;
      const delay = Math.min((retry.get(caseId)?.delay ?? retryMs / 2) * 2, maxRetryMs);
      retry.set(caseId, { at: Date.now() + delay, delay });
      if (reason) options.log?.(`Sync of case ${caseId} stopped (${(reason as Error).message ?? reason}); trying again in ${Math.round(delay / 1000)} s.`);
    };
    link.done.then(() => ended(), ended);
  };

  const tick = () => {
    if (stopped || isLocked(ctx)) return;
    const status = dispatch(ctx, 'sync.status', {});
    if (!status.ok) return;
    const shared = new Set(status.value.map((c) => c.caseId));
    for (const [caseId, r] of running) {
      if (!shared.has(caseId) || r.db !== ctx.db) {
        running.delete(caseId);
        void r.link.stop();
      }
    }
    for (const c of status.value) {
      // A link that reached the server starts its backoff afresh next time.
      if (c.state === 'synced') retry.delete(c.caseId);
      if (running.has(c.caseId) || (retry.get(c.caseId)?.at ?? 0) > Date.now()) continue;
      try {
        start(c.caseId);
      } catch (err) {
        options.log?.(`Sync of case ${c.caseId} could not start: ${(err as Error).message}`);
      }
    }
  };

  const unhook = onLibraryClosing(ctx, () => {
    void stopAll();
    stopNoteHub(ctx);
    ctx.sync?.clear();
    ctx.deskMembers?.clear();
    // A page waiting on sync.watch hears at once that the desk it showed is gone.
    deskChanged(ctx);
  });
  ctx.deskRemote = deskRemote;
  const timer = setInterval(tick, options.checkMs ?? 1000);
  timer.unref();
  tick();

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      unhook();
      if (ctx.deskRemote === deskRemote) delete ctx.deskRemote;
      await stopAll();
      stopNoteHub(ctx);
    },
  };
}
