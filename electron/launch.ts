// `npm start`: opens the desktop app. Runs in plain Node, before Electron: it never loads the
// electron module (whose first load tries a download), it only looks for Electron's binary.
// Where the runtime cannot be had (an offline machine), it says so and serves the same app
// to a Chromium app window instead.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../core/paths.js';
// The driver's package (db/driver.ts imports it); its addon is rebuilt here for Electron.
import { DRIVER_PACKAGE as DRIVER } from '../db/driver-name.js';

const require = createRequire(import.meta.url);
const root = packageRoot();

/** Electron's binary, fetched now if it was not yet (electron ≥ 45 fetches lazily). */
function electronBinary(): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const binary = () => {
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const file = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(file) ? file : undefined;
  };
  if (binary()) return binary();
  const fetched = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return fetched.status === 0 ? binary() : undefined;
}

/**
 * The SQLite driver (better-sqlite3-multiple-ciphers, named in db/driver.ts) is compiled for
 * Node (the CLI and tests use it); Electron needs it compiled for its own ABI. A second copy is built once per Electron version into .cache/ and handed to the
 * app through CORROBORATE_NATIVE_BINDING, so neither build breaks the other.
 */
function electronNativeBinding(): string | undefined {
  const version = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const dir = join(root, '.cache', `electron-${version}`, DRIVER);
  const addon = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(addon)) return addon;
  console.log(`Building the database module for Electron ${version} (once)…`);
  cpSync(dirname(require.resolve(`${DRIVER}/package.json`)), dir, { recursive: true });
  const gyp = spawnSync(
    'npx',
    ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' },
  );
  return gyp.status === 0 && existsSync(addon) ? addon : undefined;
}

function fallBackToBrowser(reason: string): void {
  console.log(`${reason} Opening Corroborate in a Chromium app window instead (corroborate serve --open).`);
  const child = spawn(process.execPath, [join(root, 'bin', 'corroborate.js'), ...process.argv.slice(2), 'serve', '--open'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (!electron) {
  fallBackToBrowser('Electron’s runtime is not installed and cannot be downloaded on this machine.');
} else {
  const binding = electronNativeBinding();
  if (!binding) {
    fallBackToBrowser('The database module could not be built for Electron.');
  } else {
    const child = spawn(electron, [join(root, 'dist', 'electron', 'main.js'), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, CORROBORATE_NATIVE_BINDING: binding },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
