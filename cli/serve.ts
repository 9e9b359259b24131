import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../core/context.js';
import { rendererDir } from '../core/paths.js';
import { lockState } from '../core/session.js';
import { openAppWindow } from './browser.js';
import { startServer } from './http-server.js';
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

export async function serveCommand(ctx: Context, flags: { port?: string; open?: boolean; json?: boolean }, deps: Partial<ServeDeps> = {}): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(flags, `--port must be a number from 0 to 65535 (got “${flags.port}”)`, 'serve');
  const dir = deps.rendererDir ?? rendererDir();
  if (!existsSync(join(dir, 'index.html'))) return fail(flags, { code: 'NOT_FOUND', message: 'The app is not built yet. Run `npm run build` (npm install does it), then try again.' });
  let server;
  try {
    server = await startServer({ ctx, port, rendererDir: dir, log: (m, e) => console.error(m, e) });
  } catch (err) {
    return fail(flags, { code: 'BUSY', message: `Could not listen on port ${port}: ${(err as Error).message}` });
  }
  if (flags.json) {
    // One line, not the indented envelope: scripts read the first line to know serve is ready.
    console.log(JSON.stringify({ ok: true, value: { url: server.url, port: server.port, token: server.token } }));
  } else {
    console.log(`Corroborate is serving ${ctx.libraryPath}\nOpen ${server.url}\n(only this machine can reach it; Ctrl+C stops it)`);
    if (lockState(ctx).locked) console.log('The library is encrypted: the page asks for its passphrase.');
  }
  // The browser's command line is readable by every local user: it gets a one-time code, never the token.
  if (flags.open && !(deps.openWindow ?? openAppWindow)(server.signInUrl())) {
    console.log('No Chromium-family browser (or no display) was found for an app window: open the address above in your browser.');
  }
  await (deps.stopped ?? untilSignalled());
  await server.close();
  return 0;
}
