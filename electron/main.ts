// The desktop door: one sandboxed window showing the renderer from app://, the API on one IPC
// channel, native menus. No business logic lives here.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import { toErrorBody } from '../core/errors.js';
import { devOverride, ignoreDevOverrides } from '../db/dev-overrides.js';
import { setPdfEngine } from '../core/export/pdf.js';
import { rendererDir, resolveLibraryPath } from '../core/paths.js';
import { closeSession, lockSession, openSessionOrLocked, unlockedAt } from '../core/session.js';
import type { Context } from '../core/context.js';
import { restoreClosedLibrary } from '../core/backup/backup.js';
import { openFailure } from '../core/recovery.js';
import { saveDownload } from './downloads.js';
import { sandboxWarning } from './sandbox.js';
import { bindApi } from './ipc.js';
import { electronPrintToPdf } from './pdf.js';
import { APP_ORIGIN } from './origin.js';
import {
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  clearSessionForLock,
  DENY_WINDOW,
  externalLink,
  keepSpellcheckOffline,
  mayNavigate,
  newMainWindow,
  permissionAllowed,
  resolveAppFile,
} from './security.js';

// Before anything reads the environment: a packaged app honours no development override.
if (app.isPackaged) ignoreDevOverrides();

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);

let ctx: Context | undefined;
let win: BrowserWindow | undefined;

/** app://corroborate/<path> → a file of the built renderer; never anything outside it. */
async function serveApp(request: Request): Promise<Response> {
  const file = await resolveAppFile(rendererDir(), request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    return new Response(await readFile(file), { headers: appResponseHeaders(file) });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** How long the page has to save an open note and lock the library itself (library.lock). */
const PAGE_LOCK_GRACE_MS = 3_000;

/**
 * The panic lock: the session's caches and storages go, then the page drops the case and locks;
 * the page saves what it has open and closes an encrypted library (library.lock). Should the page
 * not do it in time (a page that hangs), the library is closed from here.
 */
async function panicLock(): Promise<void> {
  if (!win) return;
  const askedAt = Date.now();
  command('lock');
  setTimeout(() => {
    if (ctx && unlockedAt(ctx) < askedAt) lockSession(ctx);
  }, PAGE_LOCK_GRACE_MS).unref();
  const failed = await clearSessionForLock(win.webContents.session);
  if (failed.length) console.error(`Panic lock: could not clear the session's ${failed.join(' and ')}.`);
}

/** Runs a menu command in the page: a fixed event name, never data from outside. */
function command(name: 'new-case' | 'new-claim' | 'new-source' | 'import' | 'export' | 'lock'): void {
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
        // The page opens its Export packet dialog for the case on screen.
        { label: 'Export Packet…', accelerator: 'CmdOrCtrl+Shift+E', click: () => command('export') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { label: 'Lock Now', accelerator: 'CmdOrCtrl+Shift+L', click: () => void panicLock() },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function lockDown(libraryPath: string): void {
  // Nothing the app does needs a permission: camera, notifications, geolocation… all refused.
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl ?? wc?.getURL())));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
  session.defaultSession.setDevicePermissionHandler(() => false);
  // An exported packet arrives as a download: saved where the reporter chooses, never over the library.
  session.defaultSession.on('will-download', (_event, item, contents) => {
    const owner = BrowserWindow.fromWebContents(contents) ?? win;
    const options = { defaultPath: join(app.getPath('downloads'), item.getFilename()), properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    saveDownload(item, {
      libraryPath,
      askPath: () => (owner ? dialog.showSaveDialogSync(owner, options) : dialog.showSaveDialogSync(options)),
      refuse: (message) => dialog.showErrorBox('The file was not saved', message),
    });
  });
  keepSpellcheckOffline(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => {
    const stay = (event: { preventDefault(): void; url: string }) => {
      if (!mayNavigate(event.url)) event.preventDefault();
    };
    contents.on('will-navigate', stay);
    contents.on('will-frame-navigate', stay);
    contents.on('will-redirect', stay);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler((details) => {
      // A link the reporter clicked opens in their browser; nothing opens inside the app.
      const link = externalLink(details);
      if (link) void shell.openExternal(link);
      return DENY_WINDOW;
    });
  });
}

function createWindow(): void {
  win = newMainWindow(BrowserWindow, fileURLToPath(new URL('./preload.cjs', import.meta.url)));
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

function libraryFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--library');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--library='))?.slice('--library='.length);
}

/**
 * Opens the library; when it is damaged, offers its latest backup. Restoring keeps the damaged
 * file beside it (never overwritten) and opens the backup in its place.
 */
function openOrRecover(libraryPath: string): Context | undefined {
  // An encrypted library starts locked: the window asks for its passphrase (library.unlock).
  // The app holds the library's lock while it runs: a restore, a change of encryption or a
  // second app or serve elsewhere is refused instead of replacing the file under it.
  const nativeBinding = devOverride('CORROBORATE_NATIVE_BINDING');
  const open = () => openSessionOrLocked(libraryPath, { nativeBinding, hold: 'the Corroborate app' });
  try {
    return open();
  } catch (err) {
    const failure = openFailure(libraryPath, err);
    if (!failure.backup) {
      dialog.showErrorBox('Corroborate cannot open the library', `${failure.message}\n\n(${failure.code})`);
      return undefined;
    }
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'The library is damaged',
      message: 'Corroborate cannot open the library: it is damaged.',
      detail: `${failure.message}\n\nRestoring keeps the damaged file beside the library; nothing is deleted.`,
      buttons: ['Restore the latest backup', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice !== 0) return undefined;
    try {
      const { previousLibrary } = restoreClosedLibrary(libraryPath, failure.backup.path, new Date(), undefined, nativeBinding);
      const restored = open();
      dialog.showMessageBoxSync({ type: 'info', message: 'The latest backup is open.', detail: `The damaged library was kept as ${previousLibrary}.` });
      return restored;
    } catch (again) {
      const { message, code } = toErrorBody(again);
      dialog.showErrorBox('Corroborate could not restore the backup', `${message}\n\n(${code})`);
      return undefined;
    }
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.whenReady().then(() => {
    const unsandboxed = sandboxWarning(process.argv, process.env);
    if (unsandboxed) {
      console.error(`corroborate: ${unsandboxed.message}`);
      const choice = dialog.showMessageBoxSync({ type: 'warning', title: 'No sandbox', ...unsandboxed, defaultId: 0, cancelId: 0 });
      if (choice === 0) {
        app.exit(1);
        return;
      }
    }
    const libraryPath = resolveLibraryPath(libraryFlag(process.argv));
    ctx = openOrRecover(libraryPath);
    if (!ctx) {
      app.exit(1);
      return;
    }
    lockDown(ctx.libraryPath);
    setPdfEngine(electronPrintToPdf(BrowserWindow));
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
