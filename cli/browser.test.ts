import type { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openAppWindow } from './browser.js';

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
