// main.ts in a packaged app (app.isPackaged), started as an AppImage without the sandbox: a
// development override in the environment (here a native module to load into the main process)
// is neither used nor passed on, and the missing sandbox is said, not silent.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({ openOptions: [] as { nativeBinding?: string }[], exits: [] as number[], warnings: [] as { message: string; buttons: string[] }[] }));

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on: () => {},
    whenReady: () => Promise.resolve(),
    quit: () => {},
    exit: (code: number) => void seen.exits.push(code),
  },
  BrowserWindow: class {},
  dialog: {
    showErrorBox: () => {},
    // The reporter chooses to go on without the sandbox.
    showMessageBoxSync: (options: { message: string; buttons: string[] }) => {
      seen.warnings.push(options);
      return 1;
    },
  },
  Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => {} },
  protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  session: { defaultSession: {} },
  shell: {},
  ipcMain: { handle: () => {} },
}));

// The library is not opened here: what matters is what main.ts asks the session to load.
vi.mock('../core/session.js', () => ({
  openSessionOrLocked: (_path: string, options: { nativeBinding?: string }) => {
    seen.openOptions.push(options);
    throw new Error('not opened in this test');
  },
  closeSession: () => {},
  lockSession: () => {},
  unlockedAt: () => undefined,
}));
vi.mock('../core/recovery.js', () => ({ openFailure: () => ({ message: 'not opened', code: 'TEST' }) }));

const EVIL = '/tmp/evil/better_sqlite3.node';

beforeAll(async () => {
  process.env.CORROBORATE_NATIVE_BINDING = EVIL;
  process.env.PLAYWRIGHT_CHROMIUM_PATH = '/tmp/evil/chrome';
  process.env.CORROBORATE_LIBRARY = '/tmp/corroborate-packaged-test/lib.corroborate';
  // As electron-builder's AppRun starts an AppImage where user namespaces are refused.
  process.argv.push('--no-sandbox', '--create');
  await import('./main.js');
  await vi.waitFor(() => expect(seen.exits).toEqual([1]));
});
afterAll(() => {
  for (const flag of ['--no-sandbox', '--create']) process.argv.splice(process.argv.indexOf(flag), 1);
  for (const name of ['CORROBORATE_NATIVE_BINDING', 'PLAYWRIGHT_CHROMIUM_PATH', 'CORROBORATE_LIBRARY']) delete process.env[name];
});

describe('a packaged app', () => {
  it('opens the library with its own driver, not the module CORROBORATE_NATIVE_BINDING names', () => {
    expect(seen.openOptions).toHaveLength(1);
    expect(seen.openOptions[0]?.nativeBinding).toBeUndefined();
  });

  it('removes the overrides from the environment its workers and children inherit, and keeps the rest', () => {
    expect(process.env.CORROBORATE_NATIVE_BINDING).toBeUndefined();
    expect(process.env.PLAYWRIGHT_CHROMIUM_PATH).toBeUndefined();
    expect(process.env.CORROBORATE_LIBRARY).toBe('/tmp/corroborate-packaged-test/lib.corroborate');
  });

  it('asks before running without Chromium’s sandbox, and goes on only when told to', () => {
    expect(seen.warnings).toHaveLength(1);
    expect(seen.warnings[0]?.message).toMatch(/without Chromium’s sandbox/);
    expect(seen.warnings[0]?.buttons).toEqual(['Quit', 'Open without the sandbox']);
  });
});
