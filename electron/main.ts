// The desktop door: one sandboxed window showing the renderer from app://, the API on one IPC
// channel, native menus. No business logic lives here.

import { readFile, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import { toErrorBody } from '../core/errors.js';
import { rendererDir, resolveLibraryPath } from '../core/paths.js';
import { closeSession, openSession } from '../core/session.js';
import type { Context } from '../core/context.js';
import { CSP } from '../core/csp.js';
import { bindApi } from './ipc.js';
import { APP_ORIGIN, isAppUrl } from './origin.js';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

let ctx: Context | undefined;
let win: BrowserWindow | undefined;

/** app://corroborate/<path> → a file of the built renderer; never anything outside it. */
async function serveApp(request: Request): Promise<Response> {
  const root = await realpath(rendererDir());
  const url = new URL(request.url);
  if (url.host !== 'corroborate') return new Response('Not found', { status: 404 });
  const rel = decodeURIComponent(url.pathname) === '/' ? '/index.html' : decodeURIComponent(url.pathname);
  try {
    const file = await realpath(join(root, rel));
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file), {
      headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Runs a menu command in the page: a fixed event name, never data from outside. */
function command(name: 'new-case' | 'new-claim' | 'new-source' | 'import'): void {
  void win?.webContents.executeJavaScript(`window.dispatchEvent(new CustomEvent('corroborate:command', { detail: ${JSON.stringify(name)} }))`);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Case', accelerator: 'CmdOrCtrl+Shift+N', click: () => command('new-case') },
        { label: 'New Claim', accelerator: 'CmdOrCtrl+N', click: () => command('new-claim') },
        { label: 'New Source', accelerator: 'CmdOrCtrl+Alt+N', click: () => command('new-source') },
        { type: 'separator' },
        // The page asks for the files itself, so it knows which case they go to.
        { label: 'Import Documents…', accelerator: 'CmdOrCtrl+O', click: () => command('import') },
        // Packet export arrives with issue 6/8.
        { label: 'Export…', enabled: false },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function lockDown(): void {
  // Nothing the app does needs a permission: camera, notifications, geolocation… all refused.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, target) => {
      if (!isAppUrl(target)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // A link the reporter clicked opens in their browser; nothing opens inside the app.
      const protocolName = new URL(url).protocol;
      if (protocolName === 'https:' || protocolName === 'http:' || protocolName === 'mailto:') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Corroborate',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

function libraryFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--library');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--library='))?.slice('--library='.length);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.whenReady().then(() => {
    const libraryPath = resolveLibraryPath(libraryFlag(process.argv));
    try {
      ctx = openSession(libraryPath, { nativeBinding: process.env.CORROBORATE_NATIVE_BINDING });
    } catch (err) {
      const { message, code } = toErrorBody(err);
      dialog.showErrorBox('Corroborate cannot open the library', `${message}\n\n(${code})`);
      app.exit(1);
      return;
    }
    lockDown();
    protocol.handle('app', serveApp);
    bindApi(ctx);
    buildMenu();
    createWindow();
  }, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    if (ctx) closeSession(ctx);
  });
}
