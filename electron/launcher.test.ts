// The launcher's decisions on fake machines: no real download, compiler or Electron is run.

import { describe, expect, it } from 'vitest';
import {
  type DriverSteps,
  type PrebuiltResult,
  type Progress,
  type Target,
  StalledError,
  downloadCause,
  electronExit,
  ensureDriver,
  exitCodeOf,
  missingToolchain,
  nodeNote,
  prebuiltResult,
  progressLine,
  relaySignals,
  withRetries,
  withStallWatchdog,
} from './launcher.js';

const target: Target = { electron: '45.5.0', platform: 'win32', arch: 'arm64' };
const ADDON = '/cache/electron-45.5.0/build/Release/better_sqlite3.node';

/** Steps that record what was run; the addon appears only after a step that makes it. */
function fakeSteps(options: { cached?: boolean; prebuilt: PrebuiltResult; missing?: string[]; compiles?: boolean }) {
  const ran: string[] = [];
  let made = options.cached ?? false;
  const steps: DriverSteps = {
    cached: () => (options.cached ? ADDON : undefined),
    addon: () => (made ? ADDON : undefined),
    prebuilt: async () => {
      ran.push('prebuilt');
      if (options.prebuilt.ok) made = true;
      return options.prebuilt;
    },
    missingToolchain: () => {
      ran.push('toolchain');
      return options.missing ?? [];
    },
    compile: async () => {
      ran.push('compile');
      made = options.compiles ?? false;
      return made;
    },
  };
  const said: string[] = [];
  return { steps, ran, said, say: (l: string) => said.push(l) };
}

describe('the database module for Electron', () => {
  it('takes the one a previous launch made, and runs nothing', async () => {
    const f = fakeSteps({ cached: true, prebuilt: { ok: true } });
    expect(await ensureDriver(f.steps, target, f.say)).toEqual({ ok: true, addon: ADDON, how: 'cached' });
    expect(f.ran).toEqual([]);
    expect(f.said).toEqual([]);
  });

  it('uses the prebuilt binary when one is published, without looking for a compiler', async () => {
    const f = fakeSteps({ prebuilt: { ok: true } });
    expect(await ensureDriver(f.steps, target, f.say)).toEqual({ ok: true, addon: ADDON, how: 'prebuilt' });
    expect(f.ran).toEqual(['prebuilt']);
    expect(f.said).toEqual(['Setting up the database module for Electron 45.5.0 on win32-arm64 (once): fetching its prebuilt binary…']);
  });

  it('compiles only when no prebuilt binary is published and a toolchain is there, and says so', async () => {
    const f = fakeSteps({ prebuilt: { ok: false, why: 'none-published', detail: 'No prebuilt binaries found' }, compiles: true });
    expect(await ensureDriver(f.steps, target, f.say)).toEqual({ ok: true, addon: ADDON, how: 'compiled' });
    expect(f.ran).toEqual(['prebuilt', 'toolchain', 'compile']);
    expect(f.said[1]).toBe('No prebuilt database module is published for Electron 45.5.0 on win32-arm64: compiling it with node-gyp instead (once, a few minutes)…');
  });

  it('says in one line what is missing when there is neither a prebuilt binary nor a toolchain', async () => {
    const f = fakeSteps({ prebuilt: { ok: false, why: 'none-published', detail: '' }, missing: ['Python', 'Visual Studio Build Tools'] });
    const outcome = await ensureDriver(f.steps, target, f.say);
    expect(outcome).toEqual({
      ok: false,
      message: 'No prebuilt database module is published for Electron 45.5.0 on win32-arm64, and there is no C++ toolchain to build it (missing: Python, Visual Studio Build Tools)',
    });
    expect(f.ran).not.toContain('compile');
  });

  it('names a failed prebuilt download as such, not as a missing binary', async () => {
    const f = fakeSteps({ prebuilt: { ok: false, why: 'offline', detail: 'getaddrinfo ENOTFOUND github.com' }, missing: ['make'] });
    const outcome = await ensureDriver(f.steps, target, f.say);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/could not be downloaded \(no connection: getaddrinfo ENOTFOUND github\.com\).*missing: make/);
  });

  it('reports a failed compile instead of starting Electron with no module', async () => {
    const f = fakeSteps({ prebuilt: { ok: false, why: 'none-published', detail: '' }, compiles: false });
    const outcome = await ensureDriver(f.steps, target, f.say);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/compiling it with node-gyp failed/);
  });

  it('does not take a prebuilt step that reported success but left no addon', async () => {
    const f = fakeSteps({ prebuilt: { ok: true } });
    f.steps.addon = () => undefined;
    const outcome = await ensureDriver(f.steps, target, f.say);
    expect(outcome.ok).toBe(false);
    expect(f.ran).toEqual(['prebuilt', 'toolchain', 'compile']);
  });

  it.each([
    [0, 'prebuild-install info install Successfully installed prebuilt binary!', true, undefined],
    [1, 'prebuild-install warn install No prebuilt binaries found (target=45.5.0 runtime=electron arch=arm64 platform=win32)', false, 'none-published'],
    [1, 'prebuild-install warn install Request returned 404', false, 'none-published'],
    [1, 'prebuild-install warn install getaddrinfo ENOTFOUND github.com', false, 'offline'],
    [1, 'prebuild-install warn install tar: unexpected end of data', false, 'failed'],
  ])('reads prebuild-install exiting %i with %j', (status, output, ok, why) => {
    const result = prebuiltResult(status, output);
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.why).toBe(why);
      expect(result.detail).not.toMatch(/^prebuild-install/);
    }
  });
});

describe('the C++ toolchain', () => {
  const probe = (platform: NodeJS.Platform, onPath: string[], outputs: Record<string, string> = {}) => ({
    platform,
    env: { 'ProgramFiles(x86)': 'C:\\PF86' },
    onPath: (c: string) => onPath.includes(c),
    output: (c: string) => outputs[c],
  });

  it('on Linux needs Python 3, make and a C++ compiler', () => {
    expect(missingToolchain(probe('linux', ['python3', 'make', 'g++']))).toEqual([]);
    expect(missingToolchain(probe('linux', ['python3']))).toEqual(['make', 'a C++ compiler (g++)']);
  });

  it('on macOS asks xcode-select, not the clang stub', () => {
    expect(missingToolchain(probe('darwin', ['python3', 'clang++']))).toEqual(['Xcode Command Line Tools (xcode-select --install)']);
    expect(missingToolchain(probe('darwin', ['python3'], { 'xcode-select': '/Library/Developer/CommandLineTools' }))).toEqual([]);
  });

  it('on Windows asks vswhere for the C++ workload', () => {
    const vswhere = 'C:\\PF86\\Microsoft Visual Studio\\Installer\\vswhere.exe';
    expect(missingToolchain(probe('win32', ['py'], { [vswhere]: 'C:\\BuildTools' }))).toEqual([]);
    expect(missingToolchain(probe('win32', []))).toEqual(['Python', 'Visual Studio Build Tools with “Desktop development with C++”']);
  });
});

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Electron’s download', () => {
  it('lets a slow download that keeps moving run far past the stall limit', async () => {
    const seen: Progress[] = [];
    const started = Date.now();
    const result = await withStallWatchdog(
      async (signal, onProgress) => {
        for (let i = 1; i <= 12; i++) {
          await sleepMs(25);
          if (signal.aborted) throw new Error('aborted');
          onProgress({ transferred: i, total: 12 });
        }
        return 'done';
      },
      80,
      (p) => seen.push(p),
    );
    expect(result).toBe('done');
    expect(Date.now() - started).toBeGreaterThan(3 * 80);
    expect(seen).toHaveLength(12);
  });

  it('gives up on one that stops sending, aborting the request', async () => {
    let aborted = false;
    const attempt = withStallWatchdog(
      (signal) =>
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('This operation was aborted'));
          }),
        ),
      50,
    );
    await expect(attempt).rejects.toBeInstanceOf(StalledError);
    expect(aborted).toBe(true);
  });

  const netError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code, hostname: 'github.com' }) });
  const httpError = (status: number) => Object.assign(new Error(`Response code ${status} (x) for https://github.com/…`), { name: 'HTTPError' });
  const linux: Target = { electron: '45.5.0', platform: 'linux', arch: 'x64' };

  it.each([
    ['offline', netError('ENOTFOUND'), {}, false, /^this computer seems to be offline \(github\.com could not be looked up, ENOTFOUND\)$/],
    ['a proxy that cannot be found', netError('ENOTFOUND'), { HTTPS_PROXY: 'http://bob:secret@proxy.example:3128' }, false, /proxy in HTTPS_PROXY \(http:\/\/…@proxy\.example:3128\)/],
    ['a proxy that refuses', netError('ECONNREFUSED'), { https_proxy: 'http://proxy:8080' }, true, /proxy in https_proxy .* refused/],
    ['a proxy asking for a password', httpError(407), { HTTPS_PROXY: 'http://proxy:8080' }, false, /user name and password/],
    ['a full disk', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), {}, false, /disk is full where it is kept \(\/cache\)/],
    ['an unwritable cache', Object.assign(new Error('EACCES'), { code: 'EACCES' }), {}, false, /may not write to \/cache/],
    ['a stalled link', new StalledError(60), {}, true, /no data arrived for 60 s: the connection is too slow or was cut/],
    ['a reset connection', netError('ECONNRESET'), {}, true, /connection failed \(ECONNRESET\)/],
    ['a server error', httpError(503), {}, true, /answered 503/],
    ['a missing build', httpError(404), {}, false, /no Electron 45\.5\.0 is published for linux-x64/],
    ['a mirror without the build', httpError(404), { ELECTRON_MIRROR: 'http://127.0.0.1:8/' }, false, /mirror in ELECTRON_MIRROR \(http:\/\/127\.0\.0\.1:8\/\) has no Electron 45\.5\.0/],
    ['an intercepted certificate', netError('SELF_SIGNED_CERT_IN_CHAIN'), {}, false, /NODE_EXTRA_CA_CERTS/],
    ['a damaged file', new Error('Generated checksum for "electron.zip" did not match expected checksum.'), {}, true, /damaged/],
  ])('names %s', (_name, err, env, retry, why) => {
    const cause = downloadCause(err, linux, env, '/cache');
    expect(cause.retry).toBe(retry);
    expect(cause.why).toMatch(why);
    expect(cause.why).not.toMatch(/secret|cannot be downloaded/);
  });

  it('retries what may pass with a doubling wait, and stops at once on what will not', async () => {
    const waits: number[] = [];
    const said: string[] = [];
    let tries = 0;
    const options = { attempts: 4, backoffMs: 1000, sleep: async (ms: number) => void waits.push(ms), say: (l: string) => said.push(l) };
    const flaky = await withRetries(
      async () => {
        if (++tries < 3) throw netError('ECONNRESET');
        return 'zip';
      },
      (e) => downloadCause(e, linux, {}, '/cache'),
      options,
    );
    expect(flaky).toEqual({ ok: true, value: 'zip' });
    expect(waits).toEqual([1000, 2000]);
    expect(said[0]).toMatch(/^Download interrupted: the connection failed \(ECONNRESET\)\. Trying again in 1 s \(attempt 2 of 4\)/);

    waits.length = 0;
    tries = 0;
    const full = await withRetries(
      async () => {
        tries++;
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
      (e) => downloadCause(e, linux, {}, '/cache'),
      options,
    );
    expect(full).toMatchObject({ ok: false, attempts: 1 });
    expect(tries).toBe(1);
    expect(waits).toEqual([]);

    const dead = await withRetries(
      async () => {
        throw new StalledError(60);
      },
      (e) => downloadCause(e, linux, {}, '/cache'),
      options,
    );
    expect(dead).toMatchObject({ ok: false, attempts: 4 });
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('shows how much, of how much and how fast', () => {
    expect(progressLine({ transferred: 52 * 1024 * 1024, total: 104 * 1024 * 1024 }, 10_000)).toBe('50% of 104 MB, 5.2 MB/s');
    expect(progressLine({ transferred: 3 * 1024 * 1024, total: null }, 0)).toBe('3.0 MB');
  });
});

describe('how Electron stopped', () => {
  const base = { stderrTail: '', platform: 'linux' as const, chromeSandbox: '/app/node_modules/electron/dist/chrome-sandbox' };

  it('passes the app’s own exit code on', () => {
    expect(electronExit({ ...base, code: 0, signal: null })).toEqual({ exitCode: 0 });
    expect(electronExit({ ...base, code: 3, signal: null })).toEqual({ exitCode: 3 });
  });

  it('turns a crash into a non-zero code and says so', () => {
    expect(exitCodeOf(null, 'SIGSEGV')).toBe(139);
    expect(exitCodeOf(null, 'SIGABRT')).toBe(134);
    expect(exitCodeOf(null, null)).toBe(1);
    const crash = electronExit({ ...base, code: null, signal: 'SIGSEGV' });
    expect(crash.exitCode).toBe(139);
    expect(crash.message).toMatch(/SIGSEGV \(it crashed\)/);
  });

  it('explains the Ubuntu 24.04 sandbox abort with its fix, never exiting 0 and never offering --no-sandbox', () => {
    const stderrTail =
      '[30783:0831/200557.279232:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I’m aborting now.';
    for (const [code, signal] of [
      [null, 'SIGTRAP'],
      [0, null],
    ] as const) {
      const decision = electronExit({ ...base, stderrTail, code, signal });
      expect(decision.exitCode).not.toBe(0);
      expect(decision.message).toContain("sudo chown root:root '/app/node_modules/electron/dist/chrome-sandbox'");
      expect(decision.message).not.toMatch(/--no-sandbox/);
    }
    expect(electronExit({ ...base, stderrTail, code: null, signal: 'SIGTRAP' }).exitCode).toBe(133);
  });
});

describe('the Node running npm start', () => {
  it('is warned about when older than Electron’s tools want, and only then', () => {
    expect(nodeNote('v20.20.2')).toMatch(/^Node 20\.20\.2 is older than the Node 22\.12\.0/);
    expect(nodeNote('v22.11.0')).toBeDefined();
    expect(nodeNote('v22.12.0')).toBeUndefined();
    expect(nodeNote('v24.1.0')).toBeUndefined();
  });
});

describe('signals while the app runs', () => {
  it('leaves Ctrl+C to the app and passes SIGTERM and SIGHUP on, so the launcher outlives it', async () => {
    const { EventEmitter } = await import('node:events');
    const launcher = new EventEmitter();
    const killed: string[] = [];
    relaySignals(launcher, { kill: (s) => killed.push(s) });
    // A listener on each is what keeps Node from dying of the signal itself.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) expect(launcher.listenerCount(signal), signal).toBe(1);
    launcher.emit('SIGINT');
    launcher.emit('SIGTERM');
    launcher.emit('SIGHUP');
    expect(killed).toEqual(['SIGTERM', 'SIGHUP']);
  });
});
