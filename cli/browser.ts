import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { userDataDir } from '../core/paths.js';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'];

/** A Chromium-family browser on PATH (or $CORROBORATE_BROWSER), for an app window. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CORROBORATE_BROWSER) return env.CORROBORATE_BROWSER;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Opens `url` as an app window (no tabs, no address bar) with a profile of its own, so the
 * reporter's everyday browser profile never sees the case file. Returns false if no browser.
 */
export function openAppWindow(url: string, env: NodeJS.ProcessEnv = process.env, start: typeof spawn = spawn): boolean {
  const browser = findChromium(env);
  if (!browser) return false;
  // On Linux without a display server, a browser cannot open a window.
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  const child = start(
    browser,
    [`--app=${url}`, `--user-data-dir=${join(userDataDir(), 'browser-profile')}`, '--no-first-run', '--no-default-browser-check', '--disable-background-networking'],
    { stdio: 'ignore', detached: true },
  );
  child.on('error', () => {});
  child.unref();
  return true;
}
