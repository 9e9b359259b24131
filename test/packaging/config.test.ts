// electron-builder.yml, checked offline: electron-builder's own loading and validation of the
// file, the targets, icons and file globs, the fuses its `electronFuses` option burns in, and a
// real `electron-builder --dir` run on a stand-in Electron binary (the real one cannot be
// downloaded here) whose asar and fuses are read back.

import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  npmRebuild?: boolean;
  afterPack?: string;
  electronFuses?: Record<string, boolean>;
  toolsets?: { appimage?: string };
  appImage?: { executableArgs?: string[] };
  deb?: { appArmorProfile?: string };
  directories?: { output?: string };
  files?: { filter?: string[] }[] | string[];
  linux?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string };
  win?: { target?: string[]; icon?: string };
  [key: string]: unknown;
}
const configModule = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const validate = (config: BuilderConfig) => configModule.validateConfiguration(config, { isEnabled: false, add: () => {} });

interface FuseWire {
  [fuse: number]: number;
  version: string;
}
// electron-builder's own copy of @electron/fuses: the one that burns the fuses in.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const fuses = builderRequire('@electron/fuses') as {
  FuseV1Options: Record<string, number>;
  getCurrentFuseWire(path: string): Promise<FuseWire>;
};
/** The fuses docs/security.md lists, by @electron/fuses' names: true = on. */
const FUSES: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};
const ENABLE = 49;
const DISABLE = 48;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

const dir = mkdtempSync(join(tmpdir(), 'corroborate-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's binary: its fuse wire (version 1, nine fuses) as Electron ships it. */
function fakeElectron(path: string): void {
  const wire = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF stand-in\0'), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.from('\0end')]));
  chmodSync(path, 0o755);
}

/** Each fuse of the hook's table as read back from a binary: true = on. */
async function readFuses(binary: string): Promise<Record<string, boolean>> {
  const wire = await fuses.getCurrentFuseWire(binary);
  return Object.fromEntries(Object.keys(FUSES).map((name) => [name, wire[fuses.FuseV1Options[name]!] === ENABLE]));
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', async () => {
  const config = await configModule.getConfig(root);

  it('passes electron-builder’s own validation, which refuses a broken copy', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, bogus: true })).rejects.toThrow(/unknown property 'bogus'/);
    await expect(validate({ ...config, nsis: { oneClick: 'yes' } })).rejects.toThrow(/nsis\.oneClick should be a boolean/);
  });

  it('names the app and builds AppImage and deb, dmg and an NSIS installer', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Corroborate');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    // Not dist/, which holds the built app itself.
    expect(config.directories?.output).toBe('release');
  });

  it('uses icons from assets/icons of the sizes each platform needs', () => {
    expect(config.linux?.icon).toBe('assets/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(join(root, 'assets/icons', `${size}x${size}.png`))).toEqual([size, size]);
    expect(pngSize(join(root, config.mac?.icon ?? 'missing'))).toEqual([1024, 1024]);
    expect(pngSize(join(root, config.win?.icon ?? 'missing'))).toEqual([256, 256]);
  });

  it('packs only the built app into an asar, rebuilds native modules, and leaves the fuses to electron-builder', () => {
    const globs = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(globs).toContain('package.json');
    expect(globs.filter((g) => !g.startsWith('!')).every((g) => g === 'package.json' || g.startsWith('dist/'))).toBe(true);
    expect(globs).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.test.js', '!dist/test/**', '!dist/bench/**']));
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(globs).toEqual(expect.arrayContaining(['!dist/electron/launch.js', '!dist/electron/launcher.js', '!node_modules/playwright-core{,/**}']));
    // electron-builder's electronFuses, not a hook of our own that re-implements it.
    expect(config.afterPack).toBeUndefined();
    expect(existsSync(join(root, 'scripts/after-pack.cjs'))).toBe(false);
  });

  it('runs Linux builds with Chromium’s sandbox: the deb’s AppArmor profile, no --no-sandbox by default in the AppImage', () => {
    expect(config.deb?.appArmorProfile).toBeUndefined();
    expect(config.appImage?.executableArgs).toEqual([]);
    // The static runtime: no libfuse2, which Ubuntu 24.04 lacks.
    expect(config.toolsets?.appimage).not.toBe('0.0.0');
    expect(config.toolsets?.appimage).toBeDefined();
  });
});

describe('package.json', () => {
  it('asks for the Node that Electron’s tooling needs, the same the launcher warns below', async () => {
    const { ELECTRON_TOOLING_NODE } = await import('../../electron/launcher.js');
    const ours = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const electrons = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(ours).toBe(`>=${ELECTRON_TOOLING_NODE}`);
    expect(electrons.replace(/\s/g, '')).toBe(`>=${ELECTRON_TOOLING_NODE}`);
  });

  it('declares no build-only package the app does not import itself', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    // electron-builder brings its own @electron/fuses for electronFuses; d3-scale brings d3-time.
    for (const name of ['@electron/fuses', 'd3-time']) {
      expect(pkg.dependencies[name], name).toBeUndefined();
      expect(pkg.devDependencies[name], name).toBeUndefined();
    }
  });
});

describe('the fuses', () => {
  // electronFuses' key for each fuse: @electron/fuses' name with a lower-case first letter.
  const key = (fuse: string) => fuse.charAt(0).toLowerCase() + fuse.slice(1);

  it('are the ones the checklist asks for, each set in electronFuses', async () => {
    const config = await configModule.getConfig(root);
    for (const [fuse, on] of Object.entries(FUSES)) expect(config.electronFuses?.[key(fuse)], fuse).toBe(on);
    expect(config.electronFuses?.resetAdHocDarwinSignature).toBe(true);
  });

  it('become the @electron/fuses configuration electron-builder flips, with no fuse dropped', async () => {
    const config = await configModule.getConfig(root);
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string | number, unknown>> } };
    };
    const generated = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    for (const [fuse, on] of Object.entries(FUSES)) expect(generated[fuses.FuseV1Options[fuse]!], fuse).toBe(on);
  });
});

const built = existsSync(join(root, 'dist/electron/main.js')) && existsSync(join(root, 'dist/renderer/index.html'));
if (!built) console.log('packaging: dist/ is not built (npm run build), so the electron-builder --dir run is skipped');

describe('electron-builder --dir on a stand-in Electron', () => {
  it.skipIf(!built)('packs package.json and dist/ only, with the fuses burnt in', { timeout: 180_000 }, async () => {
    const electronDist = join(dir, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    fakeElectron(join(electronDist, 'electron'));
    copyFileSync(require.resolve('electron/package.json'), join(electronDist, 'package.json.txt'));
    writeFileSync(join(electronDist, 'version'), (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version);
    const out = join(dir, 'release');
    const cli = require.resolve('electron-builder/cli.js');
    // npmRebuild off here only: rebuilding the SQLite driver for Electron downloads its headers.
    const args = [cli, '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${out}`];
    await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, args, { cwd: root, timeout: 170_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`electron-builder failed: ${stderr || stdout}`)) : resolve(stdout + stderr),
      ),
    );
    const appDir = join(out, 'linux-unpacked');
    expect(await readFuses(join(appDir, 'corroborate'))).toEqual(FUSES);

    const asar = require('@electron/asar') as { listPackage(file: string, options: object): string[] };
    const entries = asar.listPackage(join(appDir, 'resources', 'app.asar'), {}).map((e) => e.replaceAll('\\', '/'));
    const ours = entries.filter((e) => !e.startsWith('/node_modules'));
    expect(ours).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html']));
    const stray = ours.filter((e) => !/^\/(package\.json|dist|dist\/(electron|core|db|shared|sync|renderer|assets)(\/.*)?)$/.test(e));
    expect(stray, 'files outside the built app').toEqual([]);
    expect(ours.filter((e) => /\.(ts|tsx|map)$|\.test\.js$/.test(e))).toEqual([]);
    // Production dependencies only: no test runner, bundler or Electron itself.
    for (const dev of ['vitest', 'vite', 'typescript', 'electron', 'electron-builder', '@playwright/test']) expect(entries).not.toContain(`/node_modules/${dev}`);
    // The CLI's PDF printer and the `npm start` launcher are not part of the app.
    expect(entries.filter((e) => e.startsWith('/node_modules/playwright-core'))).toEqual([]);
    expect(ours).not.toContain('/dist/electron/launch.js');
    expect(ours).not.toContain('/dist/electron/launcher.js');
    expect(entries).toContain('/node_modules/better-sqlite3-multiple-ciphers');
    // The packet's claim map is laid out in the main process (core/export/map.ts).
    expect(ours).toContain('/dist/shared/map-svg.js');
    for (const dependency of ['cytoscape', 'cytoscape-fcose']) expect(entries).toContain(`/node_modules/${dependency}`);
    // Help › Documentation opens the README kept beside the asar (electron/main.ts looks there first).
    expect(readFileSync(join(appDir, 'resources', 'README.md'), 'utf8')).toBe(readFileSync(join(root, 'README.md'), 'utf8'));
  });
});
