// `npm start`: opens the desktop app. Runs in plain Node, before Electron: it never loads the
// electron module (whose first load tries a download), it only looks for Electron's binary.
// The decisions are in launcher.ts; this file is the I/O that carries them out. Where the
// runtime or the database module cannot be had, it says why in one line and serves the same
// app to a browser window instead.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../core/paths.js';
// The driver's package (db/driver.ts imports it); its addon is fetched or built here for Electron.
import { DRIVER_PACKAGE as DRIVER } from '../db/driver-name.js';
import {
  type DriverSteps,
  type PrebuiltResult,
  type Progress,
  type Target,
  downloadCause,
  electronExit,
  ensureDriver,
  missingToolchain,
  nodeNote,
  prebuiltResult,
  progressLine,
  relaySignals,
  withRetries,
  withStallWatchdog,
} from './launcher.js';

const require = createRequire(import.meta.url);
const root = packageRoot();
const say = (line: string) => console.log(line);

/** No byte for this long, and the attempt is given up (a slow link that keeps moving is never cut off). */
const STALL_MS = 60_000;
const ATTEMPTS = 4;

/** Where install.js and @electron/get look, so the launcher downloads exactly what install.js will unpack. */
function electronPlatformArch(): { platform: NodeJS.Platform; arch: string } {
  const platform = (process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform) as NodeJS.Platform;
  let arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
  if (platform === 'darwin' && process.platform === 'darwin' && arch === 'x64' && process.env.npm_config_arch === undefined) {
    // Node under Rosetta reports x64 on Apple Silicon; install.js then wants arm64, and so do we.
    try {
      if (execFileSync('sysctl', ['-in', 'sysctl.proc_translated'], { encoding: 'utf8' }).trim() === '1') arch = 'arm64';
    } catch {
      // not under Rosetta
    }
  }
  return { platform, arch };
}

function electronCacheDir(): string {
  if (process.env.electron_config_cache) return process.env.electron_config_cache;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

/** Prints download progress: one line rewritten on a terminal, a line per tenth elsewhere. */
function progressPrinter(): { update(p: Progress): void; done(): void } {
  const started = Date.now();
  const tty = process.stdout.isTTY === true;
  let lastDraw = 0;
  let lastTenth = -1;
  return {
    update(p) {
      const now = Date.now();
      if (tty) {
        if (now - lastDraw < 250) return;
        lastDraw = now;
        process.stdout.write(`\r  ${progressLine(p, now - started)}\x1b[K`);
      } else if (p.total) {
        const tenth = Math.floor((p.transferred / p.total) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          console.log(`  ${progressLine(p, now - started)}`);
        }
      }
    },
    done() {
      if (tty && lastDraw) process.stdout.write('\n');
      lastDraw = 0;
    },
  };
}

/** Electron's binary, downloaded now with progress and retries if it was not yet (electron ≥ 45 fetches lazily). */
async function electronBinary(target: Target, pkgDir: string): Promise<{ ok: true; path: string } | { ok: false; why: string }> {
  const binary = () => {
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const file = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(file) ? file : undefined;
  };
  const present = binary();
  if (present) return { ok: true, path: present };
  const note = nodeNote(process.version);
  if (note) say(note);

  // Node's fetch ignores HTTPS_PROXY unless @electron/get is told to install a proxy agent.
  if (!process.env.ELECTRON_GET_USE_PROXY && Object.keys(process.env).some((k) => /^(https?|all)_proxy$/i.test(k))) process.env.ELECTRON_GET_USE_PROXY = '1';
  const { downloadArtifact } = await import('@electron/get');
  const checksums = JSON.parse(readFileSync(join(pkgDir, 'checksums.json'), 'utf8')) as Record<string, string>;
  const cacheDir = electronCacheDir();
  say(`Downloading Electron ${target.electron} for ${target.platform}-${target.arch} (about 100 MB, once)…`);
  const printer = progressPrinter();
  const fetched = await withRetries(
    () =>
      withStallWatchdog(
        (signal, onProgress) =>
          downloadArtifact({
            version: target.electron,
            artifactName: 'electron',
            platform: target.platform,
            arch: target.arch,
            checksums,
            cacheRoot: process.env.electron_config_cache,
            downloadOptions: { quiet: true, signal, getProgressCallback: (p: Progress) => onProgress(p) },
          }),
        STALL_MS,
        (p) => printer.update(p),
      ),
    (err) => {
      printer.done();
      return downloadCause(err, target, process.env, cacheDir);
    },
    { attempts: ATTEMPTS, backoffMs: 5_000, sleep: (ms) => sleep(ms), say },
  );
  printer.done();
  if (!fetched.ok) return { ok: false, why: fetched.attempts > 1 ? `${fetched.why} (${fetched.attempts} attempts)` : fetched.why };
  // Electron's own installer unpacks the archive now in the cache: no second download.
  const unpack = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { encoding: 'utf8', env: { ...process.env, ELECTRON_GET_NO_PROGRESS: '1' } });
  const path = unpack.status === 0 ? binary() : undefined;
  if (path) return { ok: true, path };
  const output = `${unpack.stderr ?? ''}${unpack.error?.message ?? ''}`;
  return { ok: false, why: /ENOSPC/.test(output) ? `the disk is full: unpacking it into ${pkgDir} needs about 300 MB` : `it was downloaded but could not be unpacked (${output.trim().split('\n').at(-1) ?? 'no output'})` };
}

/** A command on PATH (with Windows' extensions), without running it. */
function onPath(command: string): boolean {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && exts.some((ext) => existsSync(join(dir, command + ext))));
}

function run(command: string, args: readonly string[], cwd: string, capture: boolean): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], { cwd, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (err) => resolve({ status: null, output: output + err.message }));
    child.on('exit', (status) => resolve({ status, output }));
  });
}

/**
 * The driver (better-sqlite3-multiple-ciphers) is built for Node (the CLI and tests use it);
 * Electron needs its addon for Electron's ABI. A second copy of the package lives in .cache/,
 * one per Electron version, handed to the app through CORROBORATE_NATIVE_BINDING, so neither
 * build breaks the other.
 */
function driverSteps(target: Target): DriverSteps & { markReady(how: string): void } {
  const source = dirname(require.resolve(`${DRIVER}/package.json`));
  const dir = join(root, '.cache', `electron-${target.electron}-${target.platform}-${target.arch}`, DRIVER);
  const addonPath = join(dir, 'build', 'Release', 'better_sqlite3.node');
  // Written only after a good build: a half-built copy (or the Node addon copied over) is never taken for Electron's.
  const ready = join(dir, '.corroborate-ready');
  const addon = () => (existsSync(addonPath) ? addonPath : undefined);
  const fromDriver = createRequire(join(source, 'package.json'));
  return {
    cached: () => (existsSync(ready) ? addon() : undefined),
    addon,
    async prebuilt(): Promise<PrebuiltResult> {
      rmSync(dir, { recursive: true, force: true });
      // Without build/: its addon is Node's, and must never be taken for Electron's.
      cpSync(source, dir, { recursive: true, filter: (src) => relative(source, src).split(sep)[0] !== 'build' });
      const result = await run(
        fromDriver.resolve('prebuild-install/bin.js'),
        ['--runtime=electron', `--target=${target.electron}`, `--arch=${target.arch}`, `--platform=${target.platform}`, '--verbose'],
        dir,
        true,
      );
      return prebuiltResult(result.status, result.output);
    },
    missingToolchain: () =>
      missingToolchain({
        platform: process.platform,
        env: process.env,
        onPath,
        output(command, args) {
          const r = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
          return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
        },
      }),
    async compile() {
      let gyp: string;
      try {
        gyp = fromDriver.resolve('node-gyp/bin/node-gyp.js');
      } catch {
        gyp = require.resolve('node-gyp/bin/node-gyp.js');
      }
      const result = await run(gyp, ['rebuild', '--release', `--target=${target.electron}`, `--arch=${target.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], dir, false);
      return result.status === 0;
    },
    markReady: (how) => writeFileSync(ready, `${how}\n`),
  };
}

/** The same app served to a browser window; exits with serve's own code. */
function fallBackToBrowser(reason: string): Promise<number> {
  console.error(`${reason}: opening Corroborate in your browser instead (corroborate serve --open).`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'corroborate.js'), ...process.argv.slice(2), 'serve', '--open'], { stdio: 'inherit' });
    relaySignals(process, child);
    child.on('error', (err) => {
      console.error(`The browser fallback could not start either: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      const decision = electronExit({ code, signal, stderrTail: '', platform: process.platform, chromeSandbox: '' });
      if (decision.exitCode !== 0) console.error(`The browser fallback stopped (exit ${decision.exitCode}).`);
      resolve(decision.exitCode);
    });
  });
}

function runElectron(binary: string, addon: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, [join(root, 'dist', 'electron', 'main.js'), ...process.argv.slice(2)], {
      // Standard error is read (and passed on) to know why Electron stopped, if it did not end normally.
      stdio: ['inherit', 'inherit', 'pipe'],
      env: { ...process.env, CORROBORATE_NATIVE_BINDING: addon },
    });
    relaySignals(process, child);
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-16_384);
    });
    child.on('error', (err) => {
      console.error(`Electron could not be started (${err.message}).`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      const decision = electronExit({ code, signal, stderrTail: tail, platform: process.platform, chromeSandbox: join(dirname(binary), 'chrome-sandbox') });
      if (decision.message) console.error(decision.message);
      resolve(decision.exitCode);
    });
  });
}

async function main(): Promise<number> {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return fallBackToBrowser('Electron is not installed (npm install left out the development packages)');
  }
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const target: Target = { electron: version, ...electronPlatformArch() };
  const electron = await electronBinary(target, pkgDir);
  if (!electron.ok) return fallBackToBrowser(`Electron’s runtime could not be downloaded: ${electron.why}`);
  // The addon must match the Electron that runs (arm64 under a Rosetta Node, say), not this Node.
  const steps = driverSteps(target);
  const driver = await ensureDriver(steps, target, say);
  if (!driver.ok) return fallBackToBrowser(driver.message);
  if (driver.how !== 'cached') {
    steps.markReady(driver.how);
    say(driver.how === 'prebuilt' ? 'The database module is ready (prebuilt).' : 'The database module is ready (compiled).');
  }
  return runElectron(electron.path, driver.addon);
}

process.exit(await main());
