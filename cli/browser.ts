import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { userDataDir } from '../core/paths.js';

/** What the search needs to know about the machine; tests hand in a fake one. */
export interface BrowserSystem {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  /** True when `file` exists and may be run. */
  runnable(file: string): boolean;
}

export const realSystem = (env: NodeJS.ProcessEnv = process.env): BrowserSystem => ({
  platform: process.platform,
  env,
  home: homedir(),
  runnable(file) {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
});

// Where each Chromium-family browser installs itself, in order of preference. Installers put
// them outside PATH on macOS and Windows (and snap/flatpak on Linux), so PATH alone finds
// almost nothing there.
const MAC_APPS: readonly [bundle: string, executable: string][] = [
  ['Google Chrome.app', 'Google Chrome'],
  ['Microsoft Edge.app', 'Microsoft Edge'],
  ['Chromium.app', 'Chromium'],
  ['Brave Browser.app', 'Brave Browser'],
];
const WINDOWS_APPS: readonly string[] = [
  'Google\\Chrome\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
  'Chromium\\Application\\chrome.exe',
  'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
];
/** Windows folders an installer may use: per-user first (Chrome's default without admin rights). */
const WINDOWS_ROOTS = ['LOCALAPPDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMW6432'];
const PATH_NAMES: Record<'win32' | 'other', readonly string[]> = {
  win32: ['chrome.exe', 'msedge.exe', 'brave.exe'],
  other: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'brave-browser', 'brave'],
};
const LINUX_FIXED = [
  '/snap/bin/chromium',
  '/snap/bin/brave',
  '/opt/google/chrome/chrome',
  '/opt/microsoft/msedge/msedge',
  '/opt/brave.com/brave/brave',
];
const FLATPAK_APPS = ['org.chromium.Chromium', 'com.google.Chrome', 'com.microsoft.Edge', 'com.brave.Browser'];

/** Environment variables are case-insensitive on Windows; a copied env object is not. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  const value = key === undefined ? undefined : env[key];
  return value || undefined;
}

/** Where installers put the browsers, outside PATH. */
function installedBrowsers(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  const path = platform === 'win32' ? win32 : posix;
  if (platform === 'darwin') {
    return ['/Applications', path.join(home, 'Applications')].flatMap((apps) => MAC_APPS.map(([bundle, exe]) => path.join(apps, bundle, 'Contents', 'MacOS', exe)));
  }
  if (platform === 'win32') {
    const roots = [...new Set(WINDOWS_ROOTS.map((name) => envValue(env, name)).filter((v): v is string => v !== undefined))];
    return WINDOWS_APPS.flatMap((app) => roots.map((root) => path.join(root, app)));
  }
  const flatpakBins = ['/var/lib/flatpak/exports/bin', path.join(envValue(env, 'XDG_DATA_HOME') ?? path.join(home, '.local', 'share'), 'flatpak', 'exports', 'bin')];
  return [...LINUX_FIXED, ...flatpakBins.flatMap((dir) => FLATPAK_APPS.map((app) => path.join(dir, app)))];
}

/** Every place a Chromium-family browser may be on this system, best first. */
export function browserCandidates(system: Pick<BrowserSystem, 'platform' | 'env' | 'home'>): string[] {
  const { platform, env, home } = system;
  const path = platform === 'win32' ? win32 : posix;
  const onPath = (envValue(env, 'PATH') ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => PATH_NAMES[platform === 'win32' ? 'win32' : 'other'].map((name) => path.join(dir, name)));
  const installed = installedBrowsers(platform, env, home);
  // An installed app bundle is the browser the reporter uses; PATH may hold only a shim.
  return [...new Set(platform === 'linux' ? [...onPath, ...installed] : [...installed, ...onPath])];
}

/** A Chromium-family browser ($CORROBORATE_BROWSER first), or undefined when none is installed. */
export function findChromium(system: BrowserSystem = realSystem()): string | undefined {
  const chosen = envValue(system.env, 'CORROBORATE_BROWSER');
  if (chosen) return chosen;
  return browserCandidates(system).find((file) => system.runnable(file));
}

/**
 * Opens `url` as an app window (no tabs, no address bar) with a profile of its own, so the
 * reporter's everyday browser profile never sees the case file. Returns false if no browser.
 */
export function openAppWindow(url: string, env: NodeJS.ProcessEnv = process.env, start: typeof spawn = spawn, system: BrowserSystem = realSystem(env)): boolean {
  const browser = findChromium(system);
  if (!browser) return false;
  // On Linux without a display server, a browser cannot open a window.
  if (system.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  const child = start(
    browser,
    [`--app=${url}`, `--user-data-dir=${join(userDataDir(), 'browser-profile')}`, '--no-first-run', '--no-default-browser-check', '--disable-background-networking'],
    { stdio: 'ignore', detached: true },
  );
  child.on('error', () => {});
  child.unref();
  return true;
}
