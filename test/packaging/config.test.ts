// electron-builder.yml and its afterPack hook, checked offline: electron-builder's own loading
// and validation of the file, the targets, icons and file globs, the fuses the hook burns in,
// and a real `electron-builder --dir` run on a stand-in Electron binary (the real one cannot be
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
const fuses = require('@electron/fuses') as {
  FuseV1Options: Record<string, number>;
  getCurrentFuseWire(path: string): Promise<FuseWire>;
};
const afterPack = require('../../scripts/after-pack.cjs') as ((context: unknown) => Promise<void>) & {
  FUSES: Record<string, boolean>;
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
  return Object.fromEntries(Object.keys(afterPack.FUSES).map((name) => [name, wire[fuses.FuseV1Options[name]!] === ENABLE]));
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

  it('packs only the built app into an asar, rebuilds native modules and burns fuses after packing', () => {
    const globs = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(globs).toContain('package.json');
    expect(globs.filter((g) => !g.startsWith('!')).every((g) => g === 'package.json' || g.startsWith('dist/'))).toBe(true);
    expect(globs).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.test.js', '!dist/test/**', '!dist/bench/**']));
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(existsSync(join(root, config.afterPack ?? 'missing'))).toBe(true);
  });
});

describe('the afterPack hook', () => {
  it('sets the fuses the checklist asks for', () => {
    expect(afterPack.FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
    });
  });

  // [platform, the file holding the fuse wire, the path the hook hands to @electron/fuses]
  it.each([
    ['linux', ['corroborate'], []],
    ['win32', ['Corroborate.exe'], []],
    ['darwin', ['Corroborate.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework'], ['Corroborate.app']],
  ])('burns them into the %s binary', async (platform, file, bundle) => {
    const out = join(dir, `hook-${platform}`);
    const binary = join(out, ...file);
    mkdirSync(join(binary, '..'), { recursive: true });
    fakeElectron(binary);
    const target = bundle.length ? join(out, ...bundle) : binary;
    expect((await readFuses(target)).RunAsNode).toBe(true);
    await afterPack({ appOutDir: out, electronPlatformName: platform, arch: 1, packager: { appInfo: { productFilename: 'Corroborate' }, executableName: 'corroborate' } });
    expect(await readFuses(target)).toEqual(afterPack.FUSES);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const out = join(dir, 'hook-nowire');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'corroborate'), 'not electron');
    await expect(
      afterPack({ appOutDir: out, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Corroborate' }, executableName: 'corroborate' } }),
    ).rejects.toThrow(/sentinel/);
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
    const log = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, args, { cwd: root, timeout: 170_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`electron-builder failed: ${stderr || stdout}`)) : resolve(stdout + stderr),
      ),
    );
    expect(log).toMatch(/fuses set in/);
    const appDir = join(out, 'linux-unpacked');
    expect(await readFuses(join(appDir, 'corroborate'))).toEqual(afterPack.FUSES);

    const asar = require('@electron/asar') as { listPackage(file: string, options: object): string[] };
    const entries = asar.listPackage(join(appDir, 'resources', 'app.asar'), {}).map((e) => e.replaceAll('\\', '/'));
    const ours = entries.filter((e) => !e.startsWith('/node_modules'));
    expect(ours).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html']));
    const stray = ours.filter((e) => !/^\/(package\.json|dist|dist\/(electron|core|db|shared|renderer|assets)(\/.*)?)$/.test(e));
    expect(stray, 'files outside the built app').toEqual([]);
    expect(ours.filter((e) => /\.(ts|tsx|map)$|\.test\.js$/.test(e))).toEqual([]);
    // Production dependencies only: no test runner, bundler or Electron itself.
    for (const dev of ['vitest', 'vite', 'typescript', 'electron', 'electron-builder', '@playwright/test']) expect(entries).not.toContain(`/node_modules/${dev}`);
    expect(entries).toContain('/node_modules/better-sqlite3-multiple-ciphers');
    // The packet's claim map is laid out in the main process (core/export/map.ts).
    expect(ours).toContain('/dist/shared/map-svg.js');
    for (const dependency of ['cytoscape', 'cytoscape-fcose']) expect(entries).toContain(`/node_modules/${dependency}`);
  });
});
