// Every security decision of the desktop door, as plain functions and constants. main.ts wires
// them into Electron; electron/security.test.ts checks them in plain Node (Electron's runtime is
// not needed, and this file never loads the electron module: its types only).
// docs/security.md maps each item of Electron's security checklist to what here covers it.

import type { BrowserWindowConstructorOptions, ClearStorageDataOptions, HandlerDetails, Session } from 'electron';
import { rendererFileHeaders, resolveRendererFile } from '../core/renderer-files.js';
import { APP_ORIGIN, isAppUrl } from './origin.js';

const APP_HOST = new URL(APP_ORIGIN).host;

/**
 * Opens the main window with its security settings: the page is a sandboxed web page with no
 * Node, isolated from the preload's world, every web-security default kept. Electron's defaults
 * already say most of this; it is spelled out so a change of default cannot loosen it silently.
 * The constructor is passed in so that Node tests can check the options without Electron, and
 * so that electronegativity sees them written inside `new BrowserWindow(…)`.
 */
export function newMainWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  preload: string,
  place: { width: number; height: number; x?: number; y?: number } = { width: 1360, height: 860 },
): W {
  return new BrowserWindow({
    width: place.width,
    height: place.height,
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Corroborate',
    show: false,
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
}

/**
 * Where Chromium fetches Hunspell dictionaries on Windows and Linux (by default Google's CDN,
 * which would learn when and in which languages the reporter writes): a loopback port nothing
 * can listen on, so the download fails at once, without a DNS lookup or a packet leaving the
 * machine, and no other local user can serve a dictionary in its place. Spellcheck stays on:
 * macOS uses the system's checker (the setting is a no-op there), and a dictionary the reporter
 * copies into the profile's Dictionaries folder is used as is.
 */
export const SPELLCHECK_DICTIONARY_URL = 'http://127.0.0.1:0/dictionaries/';

/** Set on the session before any window opens, so no dictionary request ever goes out. */
export function keepSpellcheckOffline(session: Pick<Session, 'setSpellCheckerDictionaryDownloadURL'>): void {
  session.setSpellCheckerDictionaryDownloadURL(SPELLCHECK_DICTIONARY_URL);
}

/** The privileges of the app:// scheme: a standard, secure origin that fetch() may read. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The headers of every app:// response: the same as `corroborate serve` gives the renderer's files. */
export const appResponseHeaders = rendererFileHeaders;

/**
 * The file of the built renderer an app:// URL names, or null: for another host or credentials,
 * and for whatever core/renderer-files.ts refuses (a path that leaves the build, encoded or not,
 * a symlink out of it, a folder, a missing file, a source map). The answer is a real path inside `root`.
 */
export async function resolveAppFile(root: string, requestUrl: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'app:' || url.host !== APP_HOST || url.username || url.password) return null;
  return resolveRendererFile(root, url.pathname);
}

/** Whether the window may go to `url`: only pages of our own app:// origin. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** Nothing the app does needs a browser permission: camera, notifications, clipboard reads… */
export const NEEDED_PERMISSIONS: ReadonlySet<string> = new Set();

/** The permission handlers' answer: granted only when needed and asked by our own page. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return NEEDED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** How a click on a link (target=_blank, or with Ctrl or Shift held) reaches the window-open handler. */
const CLICK_DISPOSITIONS: ReadonlySet<HandlerDetails['disposition']> = new Set(['foreground-tab', 'background-tab', 'new-window']);
const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);
const MAX_EXTERNAL_URL = 2048;

/**
 * The one check before shell.openExternal: the URL the reporter clicked (a document's web
 * address), if it is an http(s) or mailto link without credentials, of a sane length, asked as
 * a link click. Anything else — file:, javascript:, smb:, custom schemes, a scripted
 * window.open() with another disposition — is null and opens nothing.
 */
export function externalLink(details: Pick<HandlerDetails, 'url' | 'disposition'>): string | null {
  if (!CLICK_DISPOSITIONS.has(details.disposition)) return null;
  if (typeof details.url !== 'string' || details.url.length > MAX_EXTERNAL_URL) return null;
  let url: URL;
  try {
    url = new URL(details.url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol) || url.username || url.password) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

/** The window-open handler's answer: no window ever opens inside the app. */
export const DENY_WINDOW = { action: 'deny' } as const;

/** What the panic lock wipes from the window's session: every cache and web storage but the case id and view (localStorage). */
export const PANIC_STORAGES: NonNullable<ClearStorageDataOptions['storages']> = ['cookies', 'filesystem', 'indexdb', 'shadercache', 'serviceworkers', 'cachestorage'];

type ClearableSession = Pick<Session, 'clearCache' | 'clearStorageData'>;

/**
 * The panic lock's part in the main process: the HTTP cache and the web storages go. A failure
 * to clear one does not stop the other (the window locks in any case); it is reported.
 */
export async function clearSessionForLock(session: ClearableSession): Promise<string[]> {
  const failed: string[] = [];
  await session.clearCache().catch(() => failed.push('cache'));
  await session.clearStorageData({ storages: [...PANIC_STORAGES] }).catch(() => failed.push('storage'));
  return failed;
}
