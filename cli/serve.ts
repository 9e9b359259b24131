import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../core/context.js';
import { rendererDir } from '../core/paths.js';
import { lockState } from '../core/session.js';
import { keepDeskInStep } from '../sync/desk-link.js';
import { openAppWindow } from './browser.js';
import { startServer, type RunningServer } from './http-server.js';
import { fail, usageError } from './output.js';

/** What serve reaches outside itself, passed in by tests. */
export interface ServeDeps {
  rendererDir: string;
  /** Starts a browser at the address; false when there is none. */
  openWindow: (url: string) => boolean;
  /** Resolves when serving should stop. */
  stopped: Promise<void>;
}

function untilSignalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * Where a library's page is served unless --port says otherwise: ports derived from the library's
 * path, the same at every launch, so the page keeps its origin and the browser keeps what it
 * remembers for it (the case and view open last; see renderer/src/navigation.tsx). Below 32768,
 * where no operating system hands out ports on its own (Linux from 32768, macOS and Windows from
 * 49152), so one is rarely taken. A few candidates, each tried in turn, then any free port.
 */
export function libraryPorts(libraryPath: string): number[] {
  let path = libraryPath;
  try {
    path = realpathSync(libraryPath);
  } catch {
    // a path that is not there yet is its own name
  }
  const digest = createHash('sha256').update(path).digest();
  return Array.from({ length: PORT_TRIES }, (_, i) => PORT_BASE + (digest.readUInt32BE(i * 4) % PORT_SPAN));
}

const PORT_BASE = 20_000;
const PORT_SPAN = 12_000;
const PORT_TRIES = 3;

/** The server on the first of the ports that is free; the last one's failure when none is. */
async function listenOnFirst(ports: number[], start: (port: number) => Promise<RunningServer>): Promise<RunningServer> {
  for (const port of ports.slice(0, -1)) {
    try {
      return await start(port);
    } catch {
      // taken: the next one
    }
  }
  return start(ports.at(-1)!);
}

export async function serveCommand(ctx: Context, flags: { port?: string; open?: boolean; json?: boolean }, deps: Partial<ServeDeps> = {}): Promise<number> {
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return usageError(flags, `--port must be a number from 0 to 65535 (got “${flags.port}”)`, 'serve');
  const dir = deps.rendererDir ?? rendererDir();
  if (!existsSync(join(dir, 'index.html'))) return fail(flags, { code: 'NOT_FOUND', message: 'The app is not built yet. Run `npm run build` (npm install does it), then try again.' });
  // A port asked for is that port or a failure; the library's own ports fall back to any free one.
  const own = port === undefined ? libraryPorts(ctx.libraryPath) : [];
  const candidates = port === undefined ? [...own, 0] : [port];
  let server: RunningServer;
  try {
    server = await listenOnFirst(candidates, (p) => startServer({ ctx, port: p, rendererDir: dir, log: (m, e) => console.error(m, e) }));
  } catch (err) {
    return fail(flags, { code: 'BUSY', message: `Could not listen on port ${candidates.at(-1)}: ${(err as Error).message}` });
  }
  const elsewhere = own.length > 0 && !own.includes(server.port);
  if (flags.json) {
    // One line, not the indented envelope: scripts read the first line to know serve is ready.
    console.log(JSON.stringify({ ok: true, value: { url: server.url, port: server.port, token: server.token } }));
  } else {
    console.log(`Corroborate is serving ${ctx.libraryPath}\nOpen ${server.url}\n(only this machine can reach it; Ctrl+C stops it)`);
    if (lockState(ctx).locked) console.log('The library is encrypted: the page asks for its passphrase.');
    if (elsewhere) console.log('This library’s own ports are taken by other programs: the browser starts afresh this time, without the case and view open last.');
  }
  // The browser's command line is readable by every local user: it gets a one-time code, never the token.
  if (flags.open && !(deps.openWindow ?? openAppWindow)(server.signInUrl())) {
    console.log('No Chromium-family browser (or no display) was found for an app window: open the address above in your browser.');
  }
  // Shared cases stay in step while serve runs (stopped by the session on lock and library switch).
  const desk = keepDeskInStep(ctx, { log: (m) => console.error(`corroborate: ${m}`) });
  await (deps.stopped ?? untilSignalled());
  await desk.stop();
  await server.close();
  return 0;
}
