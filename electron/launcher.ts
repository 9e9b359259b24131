// The decisions of `npm start` (electron/launch.ts), apart from the I/O that carries them out,
// so each can be tested with a fake machine: which way to get the SQLite driver for Electron's
// ABI, what a failed download of Electron's runtime really means, whether to try again, and
// what exit code an Electron that stopped should give back. Runs in plain Node: nothing here
// may load the electron module.

import { constants } from 'node:os';

/** One line, written as the reporter reads it, whenever the launcher does something slow or gives up. */
export type Say = (line: string) => void;

export interface Target {
  electron: string;
  platform: NodeJS.Platform;
  arch: string;
}

/** Electron 45's own tools (its installer, @electron/get) are made for this Node and later. */
export const ELECTRON_TOOLING_NODE = '22.12.0';

const versionParts = (v: string) => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);

/** A line for a Node older than Electron's tools want: it may still work, so it warns rather than stops. */
export function nodeNote(nodeVersion: string): string | undefined {
  const [major = 0, minor = 0] = versionParts(nodeVersion);
  const [wantMajor = 0, wantMinor = 0] = versionParts(ELECTRON_TOOLING_NODE);
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return undefined;
  return `Node ${nodeVersion.replace(/^v/, '')} is older than the Node ${ELECTRON_TOOLING_NODE} Electron’s tools are made for; if setting up the app fails, install Node 22 LTS or later (the command-line tool itself runs on Node 20.19 and later).`;
}

// ---------------------------------------------------------------------------------------------
// The native driver

/** What prebuild-install reported, by its output: a prebuilt binary was found, none is published, or the download failed. */
export type PrebuiltResult = { ok: true } | { ok: false; why: 'none-published' | 'offline' | 'failed'; detail: string };

export function prebuiltResult(status: number | null, output: string): PrebuiltResult {
  if (status === 0) return { ok: true };
  const detail = lastMeaningfulLine(output);
  if (/No prebuilt binaries found|404|Could not detect abi/i.test(output)) return { ok: false, why: 'none-published', detail };
  if (/ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(output)) return { ok: false, why: 'offline', detail };
  return { ok: false, why: 'failed', detail };
}

function lastMeaningfulLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(/^prebuild-install (warn|info|ERR!|err)\s*/i, '').trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'no output';
}

/** What the probes of the machine answer; each is a fake in tests. */
export interface ToolchainProbe {
  platform: NodeJS.Platform;
  /** A command found on PATH. */
  onPath(command: string): boolean;
  /** A command's trimmed standard output when it succeeds, else undefined. */
  output(command: string, args: readonly string[]): string | undefined;
  env: NodeJS.ProcessEnv;
}

/** The parts of a C++ toolchain node-gyp needs that this machine lacks, named as the reporter installs them. */
export function missingToolchain(probe: ToolchainProbe): string[] {
  const missing: string[] = [];
  const python = probe.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  if (!python.some((c) => probe.onPath(c))) missing.push(probe.platform === 'win32' ? 'Python' : 'Python 3');
  if (probe.platform === 'win32') {
    // vswhere ships with every Visual Studio installer since 2017; it answers only when the C++ workload is in.
    const root = Object.entries(probe.env).find(([k]) => k.toUpperCase() === 'PROGRAMFILES(X86)')?.[1] ?? 'C:\\Program Files (x86)';
    const vswhere = `${root}\\Microsoft Visual Studio\\Installer\\vswhere.exe`;
    const found = probe.output(vswhere, ['-latest', '-products', '*', '-requires', 'Microsoft.VisualStudio.Component.VC.Tools.x86.x64', '-property', 'installationPath']);
    if (!found) missing.push('Visual Studio Build Tools with “Desktop development with C++”');
  } else if (probe.platform === 'darwin') {
    // /usr/bin/clang++ exists even without the tools (it is a stub that offers to install them).
    if (probe.output('xcode-select', ['-p']) === undefined) missing.push('Xcode Command Line Tools (xcode-select --install)');
  } else {
    if (!probe.onPath('make')) missing.push('make');
    if (!['c++', 'g++', 'clang++'].some((c) => probe.onPath(c))) missing.push('a C++ compiler (g++)');
  }
  return missing;
}

/** The slow steps of getting the driver, carried out by launch.ts (or a test). */
export interface DriverSteps {
  /** The addon built by an earlier launch for this Electron version, if there is one. */
  cached(): string | undefined;
  prebuilt(): Promise<PrebuiltResult>;
  missingToolchain(): string[];
  /** node-gyp; true when the addon was built. */
  compile(): Promise<boolean>;
  /** The addon after a successful prebuilt or compile step. */
  addon(): string | undefined;
}

export type DriverOutcome = { ok: true; addon: string; how: 'cached' | 'prebuilt' | 'compiled' } | { ok: false; message: string };

const platformName = (t: Target) => `${t.platform}-${t.arch}`;

/**
 * The SQLite driver for Electron's ABI: a prebuilt binary first (no compiler needed), node-gyp
 * only when there is none and the machine can compile, otherwise one line saying what is
 * missing. A message on failure ends in the reason; launch.ts adds what happens next.
 */
export async function ensureDriver(steps: DriverSteps, target: Target, say: Say): Promise<DriverOutcome> {
  const cached = steps.cached();
  if (cached) return { ok: true, addon: cached, how: 'cached' };
  const where = `Electron ${target.electron} on ${platformName(target)}`;
  say(`Setting up the database module for ${where} (once): fetching its prebuilt binary…`);
  const prebuilt = await steps.prebuilt();
  const addon = steps.addon();
  if (prebuilt.ok && addon) return { ok: true, addon, how: 'prebuilt' };
  const noPrebuilt = prebuilt.ok
    ? `the prebuilt database module for ${where} was not where it should be`
    : prebuilt.why === 'none-published'
      ? `no prebuilt database module is published for ${where}`
      : prebuilt.why === 'offline'
        ? `the prebuilt database module for ${where} could not be downloaded (no connection: ${prebuilt.detail})`
        : `the prebuilt database module for ${where} could not be installed (${prebuilt.detail})`;
  const missing = steps.missingToolchain();
  if (missing.length > 0) return { ok: false, message: `${capitalise(noPrebuilt)}, and there is no C++ toolchain to build it (missing: ${missing.join(', ')})` };
  say(`${capitalise(noPrebuilt)}: compiling it with node-gyp instead (once, a few minutes)…`);
  const built = (await steps.compile()) ? steps.addon() : undefined;
  if (built) return { ok: true, addon: built, how: 'compiled' };
  return { ok: false, message: `${capitalise(noPrebuilt)}, and compiling it with node-gyp failed (its output is above)` };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Electron's runtime download

export class StalledError extends Error {
  constructor(readonly seconds: number) {
    super(`no data for ${seconds} s`);
    this.name = 'StalledError';
  }
}

export interface Progress {
  transferred: number;
  total: number | null;
}

/**
 * Runs one download attempt with a watchdog that fires only when no byte has arrived for
 * `stallMs`: a slow link that keeps moving is never cut off, a dead one is within a minute.
 */
export async function withStallWatchdog<T>(
  attempt: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<T>,
  stallMs: number,
  onProgress: (p: Progress) => void = () => {},
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stalled = false;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort(new StalledError(Math.round(stallMs / 1000)));
    }, stallMs);
  };
  arm();
  try {
    return await attempt(controller.signal, (p) => {
      arm();
      onProgress(p);
    });
  } catch (err) {
    if (stalled) throw new StalledError(Math.round(stallMs / 1000));
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export interface DownloadCause {
  /** Whether another attempt may succeed. */
  retry: boolean;
  /** Why, in the reporter's words: completes "Electron's runtime could not be downloaded: …". */
  why: string;
}

const proxyOf = (env: NodeJS.ProcessEnv) => {
  const entry = Object.entries(env).find(([k, v]) => /^(https?|all)_proxy$/i.test(k) && v);
  return entry ? { name: entry[0], value: redactUrl(entry[1] ?? '') } : undefined;
};

/** A proxy address without its password, for a message. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

/** A string field of the error or of its causes (fetch wraps the socket's error in `cause`). */
function errorField(err: unknown, field: 'code' | 'hostname'): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const value = (e as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function httpStatus(err: unknown): number | undefined {
  const status = (err as { response?: { status?: unknown; statusCode?: unknown } } | undefined)?.response;
  const value = status?.status ?? status?.statusCode;
  if (typeof value === 'number') return value;
  const match = /Response code (\d{3})/.exec(err instanceof Error ? err.message : '');
  return match ? Number(match[1]) : undefined;
}

/** What a failed download of Electron's runtime means, and whether it is worth another try. */
export function downloadCause(err: unknown, target: Target, env: NodeJS.ProcessEnv, cacheDir: string): DownloadCause {
  const proxy = proxyOf(env);
  const viaProxy = proxy ? ` through the proxy in ${proxy.name} (${proxy.value})` : '';
  if (err instanceof StalledError) {
    return { retry: true, why: `no data arrived for ${err.seconds} s${viaProxy}: the connection is too slow or was cut` };
  }
  const code = errorField(err, 'code');
  const status = httpStatus(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOSPC') return { retry: false, why: `the disk is full where it is kept (${cacheDir}); it needs about 250 MB free` };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { retry: false, why: `Corroborate may not write to ${cacheDir} (${code})` };
  if (status === 407) return { retry: false, why: `the proxy in ${proxy?.name ?? 'HTTPS_PROXY'} asks for a user name and password (put them in its address: http://user:password@host:port)` };
  if (status === 404) {
    const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror;
    return { retry: false, why: mirror ? `the mirror in ELECTRON_MIRROR (${redactUrl(mirror)}) has no Electron ${target.electron} for ${platformName(target)}` : `no Electron ${target.electron} is published for ${platformName(target)}` };
  }
  if (status !== undefined) return { retry: status >= 500 || status === 429, why: `the download server answered ${status}${viaProxy}; try again later, or set ELECTRON_MIRROR to a mirror` };
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return { retry: false, why: `the secure connection was intercepted (${code}): a company proxy or antivirus replaces certificates; set NODE_EXTRA_CA_CERTS to its certificate file` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = errorField(err, 'hostname') ?? 'the download server';
    return proxy
      ? { retry: code === 'EAI_AGAIN', why: `the proxy in ${proxy.name} (${proxy.value}) or ${host} could not be found (${code})` }
      : { retry: code === 'EAI_AGAIN', why: `this computer seems to be offline (${host} could not be looked up, ${code})` };
  }
  if (code === 'ECONNREFUSED') return { retry: true, why: proxy ? `the proxy in ${proxy.name} (${proxy.value}) refused the connection` : 'the connection was refused: a firewall may block the download server' };
  if (code && /^(ECONNRESET|ETIMEDOUT|EPIPE|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/.test(code)) return { retry: true, why: `the connection failed${viaProxy} (${code})` };
  if (/checksum/i.test(message)) return { retry: true, why: 'the downloaded file was damaged (its checksum did not match)' };
  return { retry: true, why: message.split('\n')[0] ?? 'an unknown error' };
}

export interface RetryOptions {
  attempts: number;
  /** Milliseconds before the second attempt; doubled before each later one. */
  backoffMs: number;
  sleep(ms: number): Promise<void>;
  say: Say;
}

/** Tries `attempt` until it succeeds, a cause says another try is pointless, or attempts run out. */
export async function withRetries<T>(attempt: () => Promise<T>, cause: (err: unknown) => DownloadCause, options: RetryOptions): Promise<{ ok: true; value: T } | { ok: false; why: string; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt() };
    } catch (err) {
      const { retry, why } = cause(err);
      if (!retry || n >= options.attempts) return { ok: false, why, attempts: n };
      const wait = options.backoffMs * 2 ** (n - 1);
      options.say(`Download interrupted: ${why}. Trying again in ${Math.round(wait / 1000)} s (attempt ${n + 1} of ${options.attempts})…`);
      await options.sleep(wait);
    }
  }
}

const MB = 1024 * 1024;

/** The progress line: how much, of how much, and how fast. */
export function progressLine(p: Progress, elapsedMs: number): string {
  const done = (p.transferred / MB).toFixed(1);
  const rate = elapsedMs > 0 ? p.transferred / MB / (elapsedMs / 1000) : 0;
  const speed = rate >= 0.1 ? `, ${rate.toFixed(1)} MB/s` : '';
  if (!p.total) return `${done} MB${speed}`;
  const percent = Math.floor((p.transferred / p.total) * 100);
  return `${percent}% of ${(p.total / MB).toFixed(0)} MB${speed}`;
}

// ---------------------------------------------------------------------------------------------
// How Electron stopped

/** Chromium's words when Linux refuses it the sandbox (Ubuntu 24.04's AppArmor rule on user namespaces). */
const SANDBOX_ABORT = /SUID sandbox helper binary was found, but is not configured correctly|No usable sandbox!|Failed to move to new namespace/;

export interface ElectronExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of what Electron wrote to standard error. */
  stderrTail: string;
  platform: NodeJS.Platform;
  /** Electron's chrome-sandbox helper, for the one-time fix on Linux. */
  chromeSandbox: string;
}

export interface ExitDecision {
  exitCode: number;
  message?: string;
}

/**
 * The launcher waits for its child and exits with the child's code, so a signal is the child's
 * to handle: Ctrl+C reaches the whole process group from the terminal, and a SIGTERM or SIGHUP
 * sent to the launcher alone is passed on. Without this the launcher would die first, with its
 * own code, while the app was still saving.
 */
export function relaySignals(launcher: { on(signal: NodeJS.Signals, listener: () => void): unknown }, child: { kill(signal: NodeJS.Signals): unknown }): void {
  launcher.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) launcher.on(signal, () => child.kill(signal));
}

/** A shell's convention: killed by a signal is 128 + its number; never 0. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal) return 128 + (constants.signals[signal] ?? 1);
  return 1;
}

/** The launcher's own exit code and, when Electron did not end normally, what to tell the reporter. */
export function electronExit(exit: ElectronExit): ExitDecision {
  const exitCode = exitCodeOf(exit.code, exit.signal);
  if (exit.platform === 'linux' && SANDBOX_ABORT.test(exit.stderrTail)) {
    return {
      // Chromium aborts with a trap after that message; a zero would tell a script all is well.
      exitCode: exitCode === 0 ? 1 : exitCode,
      message:
        'Electron stopped before opening a window: this Linux (Ubuntu 23.10 and later) does not let it start its sandbox, and Corroborate will not run without one. ' +
        `Fix it once with: sudo chown root:root '${exit.chromeSandbox}' && sudo chmod 4755 '${exit.chromeSandbox}' — then run npm start again, ` +
        'or run `npx corroborate serve --open` to use Corroborate in your browser.',
    };
  }
  if (exit.signal) return { exitCode, message: `Electron was stopped by ${exit.signal}${exit.signal === 'SIGINT' || exit.signal === 'SIGTERM' ? '' : ' (it crashed)'}.` };
  return { exitCode };
}
