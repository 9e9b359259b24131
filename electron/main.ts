// The desktop door: one sandboxed window showing the renderer from app://, the API on one IPC
// channel, native menus. No business logic lives here.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import { dispatch } from '../core/dispatcher.js';
import { toErrorBody } from '../core/errors.js';
import { devOverride, ignoreDevOverrides } from '../db/dev-overrides.js';
import { setPdfEngine } from '../core/export/pdf.js';
import { rendererDir } from '../core/paths.js';
import { recentLibrariesFile } from '../core/libraries.js';
import { closeSession, lockSession, openSessionOrLocked, unlockedAt } from '../core/session.js';
import { keepDeskInStep } from '../sync/desk-link.js';
import type { Context } from '../core/context.js';
import { restoreClosedLibrary } from '../core/backup/backup.js';
import { openFailure } from '../core/recovery.js';
import { sqliteVersion } from '../db/driver.js';
import { bindCoedit, type WindowRelay } from './coedit.js';
import { contextMenuTemplate } from './context-menu.js';
import { saveDownload } from './downloads.js';
import { sandboxWarning } from './sandbox.js';
import { bindApi } from './ipc.js';
import { libraryStart } from './library-start.js';
import { aboutDetail, menuTemplate, type PageCommand } from './menu.js';
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
import { placeWindow, readWindowState, writeWindowState } from './window-state.js';

// Before anything reads the environment: a packaged app honours no development override.
if (app.isPackaged) ignoreDevOverrides();

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);

let ctx: Context | undefined;
let win: BrowserWindow | undefined;
let coedit: WindowRelay | undefined;

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
function command(name: PageCommand): void {
  void win?.webContents.executeJavaScript(`window.dispatchEvent(new CustomEvent('corroborate:command', { detail: ${JSON.stringify(name)} }))`);
}

const APP_NAME = 'Corroborate';

function buildMenu(): void {
  const template = menuTemplate(process.platform, APP_NAME, { command, lockNow: () => void panicLock(), documentation: openDocumentation, about: showAbout });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function showAbout(): void {
  let sqlite: string;
  try {
    sqlite = sqliteVersion(devOverride('CORROBORATE_NATIVE_BINDING'));
  } catch {
    sqlite = 'unknown';
  }
  const versions = { app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node, sqlite };
  const options = { type: 'info' as const, title: `About ${APP_NAME}`, message: APP_NAME, detail: aboutDetail(versions), buttons: ['OK'] };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/**
 * Help › Documentation: the README that ships with the app (beside it in a packaged build, at the
 * project's root from a clone), opened by the system's viewer. A fixed path of ours, checked to
 * be a file: nothing the page says can choose what is opened.
 */
function openDocumentation(): void {
  const places = [...(app.isPackaged ? [join(process.resourcesPath, 'README.md')] : []), join(app.getAppPath(), 'README.md')];
  const readme = places.find((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
  if (!readme) {
    dialog.showErrorBox('The documentation is not here', `Corroborate looked for its README in:\n${places.join('\n')}`);
    return;
  }
  void shell.openPath(readme).then((failed) => {
    if (failed) dialog.showErrorBox('The documentation could not be opened', `${failed}\n\n${readme}`);
  });
}

/** Native dialogs, menus and the title bar follow the library's theme; the page follows it itself. */
function followTheme(): void {
  if (!ctx) return;
  const prefs = dispatch(ctx, 'preferences.get', {});
  if (prefs.ok) nativeTheme.themeSource = prefs.value.theme;
}

/** What the window does after the page's calls: every lock (button, idle, keys) clears the caches as Lock Now does. */
function afterCall(name: string, envelope: { ok: boolean }): void {
  if (!envelope.ok) return;
  if (name === 'preferences.set' || name === 'library.unlock') followTheme();
  if (name === 'library.lock' && win) {
    void clearSessionForLock(win.webContents.session).then((failed) => {
      if (failed.length) console.error(`Lock: could not clear the session's ${failed.join(' and ')}.`);
    });
  }
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
      // The library open now: the reporter may have switched since the window opened.
      libraryPath: ctx?.libraryPath ?? libraryPath,
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
    contents.on('context-menu', (_event, params) => {
      const items = contextMenuTemplate(params, {
        replaceMisspelling: (word) => contents.replaceMisspelling(word),
        // Into the profile's own custom dictionary: nothing leaves the machine.
        addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
      });
      const window = BrowserWindow.fromWebContents(contents);
      if (items.length) Menu.buildFromTemplate(items).popup(window ? { window } : {});
    });
  });
}

function createWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const place = placeWindow(readWindowState(stateFile), screen.getAllDisplays());
  const opened = newMainWindow(BrowserWindow, fileURLToPath(new URL('./preload.cjs', import.meta.url)), place);
  win = opened;
  if (place.maximized) opened.maximize();
  opened.once('ready-to-show', () => opened.show());
  opened.on('close', () => {
    try {
      // The size to come back to from maximised, and whether it was.
      writeWindowState(stateFile, { bounds: opened.getNormalBounds(), maximized: opened.isMaximized() });
    } catch (err) {
      console.error(`Could not remember the window's size: ${(err as Error).message}`);
    }
  });
  void opened.loadURL(`${APP_ORIGIN}/index.html`);
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
  const open = () => openSessionOrLocked(libraryPath, { nativeBinding, hold: 'the Corroborate app', recentFile: recentLibrariesFile() });
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
    const start = libraryStart(process.argv, process.env, existsSync);
    if (start.action === 'ask') {
      const choice = dialog.showMessageBoxSync({
        type: 'question',
        title: 'No library there',
        message: `There is no library at ${start.path}.`,
        detail: 'Check the path you gave (--library or CORROBORATE_LIBRARY), or make a new, empty library there.',
        buttons: ['Quit', 'Create a new library there'],
        defaultId: 0,
        cancelId: 0,
      });
      if (choice !== 1) {
        app.exit(1);
        return;
      }
    }
    ctx = openOrRecover(start.path);
    if (!ctx) {
      app.exit(1);
      return;
    }
    lockDown(ctx.libraryPath);
    setPdfEngine(electronPrintToPdf(BrowserWindow));
    protocol.handle('app', serveApp);
    bindApi(ctx, afterCall);
    // Co-edited notes: the window's editor reaches the relay over IPC (electron/coedit.ts).
    coedit = bindCoedit(ctx, ipcMain, { log: (m) => console.error(`corroborate: ${m}`) });
    // Shared cases stay in step while the app runs; the session stops the links on lock, switch and quit.
    keepDeskInStep(ctx, { log: (m) => console.error(`corroborate: ${m}`) });
    followTheme();
    buildMenu();
    createWindow();
  }, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void coedit?.close();
    if (ctx) closeSession(ctx);
  });
}
