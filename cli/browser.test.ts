import type { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type BrowserSystem, browserCandidates, findChromium, openAppWindow } from './browser.js';

/** A spawn that records what it was asked to run and starts nothing. */
function recordingSpawn() {
  const calls: { command: string; args: readonly string[] }[] = [];
  const start = ((command: string, args: readonly string[]) => {
    calls.push({ command, args });
    return Object.assign(new EventEmitter(), { unref: () => {} });
  }) as unknown as typeof spawn;
  return { calls, start };
}

const env = { CORROBORATE_BROWSER: '/opt/chromium/chrome', DISPLAY: ':0', PATH: '' };

describe('the app window', () => {
  it('gives the browser the address it is handed and nothing else of ours', () => {
    const { calls, start } = recordingSpawn();
    const url = 'http://127.0.0.1:4173/#code=ABCDEFGHIJKLMNOPQRSTUV';
    expect(openAppWindow(url, env, start)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.command).toBe('/opt/chromium/chrome');
    expect(calls[0]?.args[0]).toBe(`--app=${url}`);
    // Only the address carries anything from the server; the rest are fixed switches and the profile.
    expect(calls[0]?.args.slice(1).filter((a) => !/^--[\w-]+$/.test(a) && !a.startsWith('--user-data-dir='))).toEqual([]);
    expect(calls[0]?.args).toContain('--disable-background-networking');
  });

  it('starts nothing without a display', () => {
    if (process.platform !== 'linux') return;
    const { calls, start } = recordingSpawn();
    expect(openAppWindow('http://127.0.0.1:1/', { CORROBORATE_BROWSER: '/opt/chromium/chrome', PATH: '' }, start)).toBe(false);
    expect(calls).toEqual([]);
  });
});

/** A machine where exactly `installed` may be run. */
function fakeSystem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, installed: string[], home = '/home/rep'): BrowserSystem {
  return { platform, env, home, runnable: (file) => installed.includes(file) };
}

describe('finding a browser where it is installed', () => {
  it.each([
    ['darwin', {}, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Users/rep'],
    ['darwin', {}, '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', '/Users/rep'],
    ['darwin', {}, '/Users/rep/Applications/Brave Browser.app/Contents/MacOS/Brave Browser', '/Users/rep'],
    ['win32', { ProgramFiles: 'C:\\Program Files' }, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Users\\rep'],
    ['win32', { 'ProgramFiles(x86)': 'C:\\Program Files (x86)' }, 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Users\\rep'],
    ['win32', { LocalAppData: 'C:\\Users\\rep\\AppData\\Local' }, 'C:\\Users\\rep\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Users\\rep'],
    ['linux', { PATH: '/usr/bin:/usr/local/bin' }, '/usr/local/bin/google-chrome-stable', '/home/rep'],
    ['linux', { PATH: '/usr/bin' }, '/snap/bin/chromium', '/home/rep'],
    ['linux', { PATH: '/usr/bin' }, '/var/lib/flatpak/exports/bin/com.google.Chrome', '/home/rep'],
    ['linux', { PATH: '/usr/bin' }, '/home/rep/.local/share/flatpak/exports/bin/org.chromium.Chromium', '/home/rep'],
  ] as const)('on %s with %o finds %s', (platform, env, file, home) => {
    expect(findChromium(fakeSystem(platform, { ...env }, [file], home))).toBe(file);
  });

  it('prefers the installed app to a PATH shim on macOS and Windows, and PATH on Linux', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(fakeSystem('darwin', { PATH: '/usr/local/bin' }, ['/usr/local/bin/chromium', mac]))).toBe(mac);
    const win = 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChromium(fakeSystem('win32', { PATH: 'C:\\tools', PROGRAMFILES: 'C:\\Program Files' }, ['C:\\tools\\chrome.exe', win]))).toBe(win);
    expect(findChromium(fakeSystem('linux', { PATH: '/usr/bin' }, ['/usr/bin/chromium', '/snap/bin/chromium']))).toBe('/usr/bin/chromium');
  });

  it('reads Windows variables whatever their case and splits its PATH on ;', () => {
    const candidates = browserCandidates({ platform: 'win32', env: { Path: 'C:\\a;D:\\b', programfiles: 'C:\\PF' }, home: 'C:\\Users\\rep' });
    expect(candidates).toContain('C:\\PF\\Google\\Chrome\\Application\\chrome.exe');
    expect(candidates).toContain('D:\\b\\msedge.exe');
    expect(candidates.every((c) => !c.includes('/'))).toBe(true);
  });

  it('finds nothing when nothing is installed, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(findChromium(fakeSystem(platform, { PATH: '/usr/bin', PROGRAMFILES: 'C:\\Program Files' }, []))).toBeUndefined();
    }
  });

  it('takes $CORROBORATE_BROWSER as given', () => {
    expect(findChromium(fakeSystem('darwin', { CORROBORATE_BROWSER: '/opt/x/chrome' }, []))).toBe('/opt/x/chrome');
  });

  it('opens nothing when no browser is installed', () => {
    const { calls, start } = recordingSpawn();
    expect(openAppWindow('http://127.0.0.1:1/', { DISPLAY: ':0' }, start, fakeSystem('linux', { PATH: '/usr/bin' }, []))).toBe(false);
    expect(calls).toEqual([]);
  });
});
