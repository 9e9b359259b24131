// main.ts wired to a stand-in for the electron module: that the checked functions of
// security.ts are the ones Electron is given (window options, protocol handler, permission and
// navigation handlers, window-open handler, the API's sender check, the Lock Now menu item).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SPELLCHECK_DICTIONARY_URL } from './security.js';

type Fn = (...args: never[]) => unknown;
interface MenuItem {
  label?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

/** What main.ts handed to Electron, filled in by the stand-in below. */
const seen = vi.hoisted(() => ({
  appHandlers: new Map<string, Fn>(),
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  permissionRequest: undefined as Fn | undefined,
  permissionCheck: undefined as Fn | undefined,
  devicePermission: undefined as Fn | undefined,
  ipc: new Map<string, Fn>(),
  menu: [] as unknown[],
  windows: [] as { options: Record<string, unknown>; loaded: string[]; scripts: string[]; cleared: string[] }[],
  opened: [] as string[],
  sessionHandlers: new Map<string, Fn>(),
  saveDialog: undefined as string | undefined,
  errors: [] as string[],
  dictionaryUrls: [] as { url: string; windowsOpen: number }[],
  userData: '',
  displays: [] as { workArea: { x: number; y: number; width: number; height: number } }[],
  theme: 'unset',
  popups: [] as unknown[][],
  instances: [] as { maximized: boolean; handlers: Map<string, Fn> }[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof seen.windows)[number];
    webContents: { executeJavaScript: (code: string) => Promise<void>; session: { clearCache: () => Promise<void>; clearStorageData: (o: unknown) => Promise<void> } };
    handlers = new Map<string, Fn>();
    maximized = false;
    constructor(options: Record<string, unknown>) {
      const record = { options, loaded: [] as string[], scripts: [] as string[], cleared: [] as string[] };
      this.record = record;
      seen.windows.push(record);
      seen.instances.push(this);
      this.webContents = {
        executeJavaScript: async (code) => void record.scripts.push(code),
        session: {
          clearCache: async () => void record.cleared.push('cache'),
          clearStorageData: async (o) => void record.cleared.push(JSON.stringify(o)),
        },
      };
    }
    once() {}
    on(name: string, h: Fn) {
      this.handlers.set(name, h);
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return { x: 40, y: 50, width: 1000, height: 700 };
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    show() {}
    focus() {}
    restore() {}
    static fromWebContents() {
      return null;
    }
  }
  const defaultSession = {
    setPermissionRequestHandler: (h: Fn) => void (seen.permissionRequest = h),
    setPermissionCheckHandler: (h: Fn) => void (seen.permissionCheck = h),
    setDevicePermissionHandler: (h: Fn) => void (seen.devicePermission = h),
    on: (name: string, h: Fn) => void seen.sessionHandlers.set(name, h),
    setSpellCheckerDictionaryDownloadURL: (url: string) => void seen.dictionaryUrls.push({ url, windowsOpen: seen.windows.length }),
  };
  return {
    app: {
      requestSingleInstanceLock: () => true,
      on: (name: string, h: Fn) => void seen.appHandlers.set(name, h),
      whenReady: () => Promise.resolve(),
      getPath: () => seen.userData,
      getVersion: () => '0.1.0',
      getAppPath: () => tmpdir(),
      isPackaged: false,
      quit: () => {},
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, text: string) => void seen.errors.push(`${title}: ${text}`),
      showSaveDialogSync: () => seen.saveDialog,
    },
    Menu: {
      buildFromTemplate: (t: unknown[]) => ({ template: t, popup: () => void seen.popups.push(t) }),
      setApplicationMenu: (m: { template: unknown[] }) => void (seen.menu = m.template),
    },
    nativeTheme: {
      set themeSource(value: string) {
        seen.theme = value;
      },
    },
    screen: { getAllDisplays: () => seen.displays },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void seen.schemes.push(...s),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => void seen.protocolHandlers.set(scheme, h),
    },
    session: { defaultSession },
    shell: { openExternal: async (url: string) => void seen.opened.push(url) },
    ipcMain: {
      handle: (channel: string, h: Fn) => void seen.ipc.set(channel, h),
      on: (channel: string, h: Fn) => void seen.ipc.set(channel, h),
      removeHandler: (channel: string) => void seen.ipc.delete(channel),
      removeAllListeners: (channel: string) => void seen.ipc.delete(channel),
    },
    contextBridge: {},
    ipcRenderer: {},
  };
});

const dir = mkdtempSync(join(tmpdir(), 'corroborate-main-'));

beforeAll(async () => {
  process.env.CORROBORATE_LIBRARY = join(dir, 'lib.corroborate');
  // A library at a chosen path that holds nothing is made only when asked (electron/library-start.ts).
  process.argv.push('--create');
  // Last time, the window was maximised on a display that is still there.
  seen.userData = dir;
  seen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true }));
  await import('./main.js');
  // app.whenReady().then(…) runs on the next turns of the event loop.
  await vi.waitFor(() => expect(seen.windows).toHaveLength(1));
});
afterAll(() => {
  (seen.appHandlers.get('will-quit') as (() => void) | undefined)?.();
  delete process.env.CORROBORATE_LIBRARY;
  process.argv.splice(process.argv.indexOf('--create'), 1);
  rmSync(dir, { recursive: true, force: true });
});

/** A web contents as Electron would create it, with what main.ts attached to it. */
function contentsCreated() {
  const handlers = new Map<string, Fn>();
  let openHandler: Fn | undefined;
  const replaced: string[] = [];
  const added: string[] = [];
  const contents = {
    on: (name: string, h: Fn) => void handlers.set(name, h),
    setWindowOpenHandler: (h: Fn) => void (openHandler = h),
    replaceMisspelling: (word: string) => void replaced.push(word),
    session: { addWordToSpellCheckerDictionary: (word: string) => added.push(word) > 0 },
  };
  (seen.appHandlers.get('web-contents-created') as (event: unknown, contents: unknown) => void)({}, contents);
  return { handlers, replaced, added, openHandler: () => openHandler as (details: { url: string; disposition: string }) => unknown };
}

/** Whether a navigation event was cancelled by the handler. */
function cancels(handler: Fn | undefined, url: string): boolean {
  let cancelled = false;
  (handler as (e: unknown) => void)({ url, preventDefault: () => (cancelled = true) });
  return cancelled;
}

describe('main.ts hands Electron the checked settings', () => {
  it('opens one sandboxed, isolated window without Node from app://', () => {
    const [win] = seen.windows;
    const prefs = win?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(win?.loaded).toEqual(['app://corroborate/index.html']);
    expect(seen.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves app:// through the resolver: nothing outside the build, the CSP on what it serves', async () => {
    const serve = seen.protocolHandlers.get('app');
    expect(serve).toBeDefined();
    for (const url of ['app://corroborate/../../etc/passwd', 'app://corroborate/%2e%2e/package.json', 'app://evil/index.html']) {
      expect((await serve!(new Request(url))).status, url).toBe(404);
    }
  });

  it('refuses every permission, request or check, and every device', () => {
    let granted: boolean | undefined;
    (seen.permissionRequest as (...a: unknown[]) => void)(null, 'media', (ok: boolean) => (granted = ok), { requestingUrl: 'app://corroborate/index.html' });
    expect(granted).toBe(false);
    expect((seen.permissionCheck as (...a: unknown[]) => boolean)(null, 'clipboard-read', 'app://corroborate')).toBe(false);
    expect((seen.devicePermission as () => boolean)()).toBe(false);
  });

  it('points the spellchecker’s dictionary downloads at nowhere before any window opens', () => {
    expect(seen.dictionaryUrls).toEqual([{ url: SPELLCHECK_DICTIONARY_URL, windowsOpen: 0 }]);
  });

  it('keeps every web contents on app://, with no webview and no new window', () => {
    const { handlers, openHandler } = contentsCreated();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(cancels(handlers.get(event), 'https://evil.example/'), event).toBe(true);
      expect(cancels(handlers.get(event), 'app://corroborate/index.html'), event).toBe(false);
    }
    expect(cancels(handlers.get('will-attach-webview'), 'app://corroborate/index.html')).toBe(true);
    expect(openHandler()({ url: 'https://example.com/report', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(openHandler()({ url: 'file:///etc/passwd', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(openHandler()({ url: 'https://example.com/popup', disposition: 'other' })).toEqual({ action: 'deny' });
    expect(seen.opened).toEqual(['https://example.com/report']);
  });

  it('answers the API only to its own page', async () => {
    const call = seen.ipc.get('api') as (event: unknown, name: unknown, input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
    expect(await call({ senderFrame: { url: 'https://evil.example/' } }, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call({ senderFrame: { url: 'app://corroborate/index.html' } }, 'cases.list', {})).toMatchObject({ ok: true });
  });

  it('opens a co-editing link to the notes’ relay only for its own page', async () => {
    const open = seen.ipc.get('coedit:open') as (event: unknown) => Promise<{ ok: boolean; value?: string; error?: { code: string } }>;
    for (const channel of ['coedit:send', 'coedit:close', 'coedit:pong']) expect(seen.ipc.has(channel), channel).toBe(true);
    const contents = { id: 1, send: () => {}, isDestroyed: () => false, once: () => {}, on: () => {} };
    expect(await open({ senderFrame: { url: 'https://evil.example/' }, sender: contents })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ours = await open({ senderFrame: { url: 'app://corroborate/index.html' }, sender: contents });
    expect(ours).toMatchObject({ ok: true });
    (seen.ipc.get('coedit:close') as (event: unknown, id: unknown) => void)({ senderFrame: { url: 'app://corroborate/index.html' }, sender: contents }, ours.value);
  });

  it('has View › Lock Now on Ctrl/Cmd+Shift+L: the page locks and the session’s caches and storages are cleared', async () => {
    const items = (seen.menu as MenuItem[]).flatMap((m) => m.submenu ?? []);
    const lock = items.find((i) => i.label === 'Lock Now');
    expect(lock?.accelerator).toBe('CmdOrCtrl+Shift+L');
    lock?.click?.();
    const [win] = seen.windows;
    await vi.waitFor(() => expect(win?.cleared).toHaveLength(2));
    expect(win?.scripts.at(-1)).toContain(`detail: "lock"`);
    expect(win?.cleared[0]).toBe('cache');
    expect(JSON.parse(win?.cleared[1] ?? '{}').storages).not.toContain('localstorage');
  });

  it('saves a download (an exported packet) where the reporter chose, never over the library', () => {
    const willDownload = seen.sessionHandlers.get('will-download') as ((event: unknown, item: unknown, contents: unknown) => void) | undefined;
    expect(willDownload).toBeDefined();
    const download = (name: string) => {
      const state = { savedTo: '', cancelled: false };
      willDownload!({}, { getFilename: () => name, setSavePath: (p: string) => (state.savedTo = p), cancel: () => (state.cancelled = true) }, {});
      return state;
    };
    seen.saveDialog = join(dir, 'packet.zip');
    expect(download('packet.zip')).toEqual({ savedTo: join(dir, 'packet.zip'), cancelled: false });
    seen.saveDialog = process.env.CORROBORATE_LIBRARY;
    expect(download('packet.zip')).toEqual({ savedTo: '', cancelled: true });
    expect(seen.errors.at(-1)).toMatch(/OUTPUT_IS_LIBRARY/);
  });

  it('restores the window where it was, maximised, and remembers it when it closes', () => {
    const [win] = seen.windows;
    expect(win?.options).toMatchObject({ x: 100, y: 80, width: 1200, height: 800 });
    const [opened] = seen.instances;
    expect(opened?.maximized).toBe(true);
    (opened?.handlers.get('close') as () => void)();
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 40, y: 50, width: 1000, height: 700 }, maximized: true });
  });

  it('opens a right-click menu with spelling from the local dictionary, and none where nothing applies', () => {
    const { handlers, replaced, added } = contentsCreated();
    const rightClick = handlers.get('context-menu') as (event: unknown, params: unknown) => void;
    const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    rightClick({}, { isEditable: true, selectionText: '', misspelledWord: 'fentenyl', dictionarySuggestions: ['fentanyl'], editFlags: flags });
    const items = seen.popups.at(-1) as MenuItem[] & { role?: string }[];
    expect(items.map((i) => i.label ?? (i as { role?: string }).role)).toContain('paste');
    items.find((i) => i.label === 'fentanyl')?.click?.();
    items.find((i) => i.label === 'Add to Dictionary')?.click?.();
    expect(replaced).toEqual(['fentanyl']);
    expect(added).toEqual(['fentenyl']);
    const popups = seen.popups.length;
    rightClick({}, { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags });
    expect(seen.popups).toHaveLength(popups);
  });

  it('follows the library’s theme in native dialogs and menus, from the start and when Preferences change it', async () => {
    expect(seen.theme).toBe('system');
    const call = seen.ipc.get('api') as (event: unknown, name: unknown, input: unknown) => Promise<{ ok: boolean }>;
    const page = { senderFrame: { url: 'app://corroborate/index.html' } };
    expect(await call(page, 'preferences.set', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(seen.theme).toBe('dark');
    // A refused change changes nothing.
    expect(await call(page, 'preferences.set', { theme: 'neon' })).toMatchObject({ ok: false });
    expect(seen.theme).toBe('dark');
  });

  it('clears the window’s caches on every lock the page makes (the Lock button, the idle lock), as Lock Now does', async () => {
    const [win] = seen.windows;
    const before = win?.cleared.length ?? 0;
    const call = seen.ipc.get('api') as (event: unknown, name: unknown, input: unknown) => Promise<{ ok: boolean }>;
    expect(await call({ senderFrame: { url: 'app://corroborate/index.html' } }, 'library.lock', {})).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(win?.cleared.length).toBe(before + 2));
  });
});
