import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../core/csp.js';
import {
  appResponseHeaders,
  clearSessionForLock,
  DENY_WINDOW,
  externalLink,
  keepSpellcheckOffline,
  mayNavigate,
  NEEDED_PERMISSIONS,
  newMainWindow,
  PANIC_STORAGES,
  permissionAllowed,
  resolveAppFile,
} from './security.js';

/** What newMainWindow hands to BrowserWindow (read from its signature: tests do not import electron). */
type BrowserWindowConstructorOptions = ConstructorParameters<Parameters<typeof newMainWindow>[0]>[0];

describe('the app:// resolver', () => {
  // Made now, not in beforeAll: the table of refused URLs below names it.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'corroborate-app-')));
  const root = join(dir, 'renderer');
  beforeAll(() => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'app.js.map'), '{"sourcesContent":["// the source tree"]}');
    writeFileSync(join(root, 'assets', 'old.CSS.MAP'), '{}');
    symlinkSync(join(root, 'assets', 'app.js.map'), join(root, 'assets', 'map-alias.js'));
    writeFileSync(join(dir, 'secret.txt'), 'a source’s name');
    mkdirSync(join(dir, 'renderer-evil'));
    writeFileSync(join(dir, 'renderer-evil', 'x.js'), 'evil');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'outside.txt'));
    symlinkSync(dir, join(root, 'up'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'inside.js'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files of the build, index.html for the root', async () => {
    expect(await resolveAppFile(root, 'app://corroborate/')).toBe(join(root, 'index.html'));
    expect(await resolveAppFile(root, 'app://corroborate/index.html')).toBe(join(root, 'index.html'));
    expect(await resolveAppFile(root, 'app://corroborate/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
    expect(await resolveAppFile(root, 'app://corroborate/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
    // A symlink that stays inside the build is fine: the answer is its real path.
    expect(await resolveAppFile(root, 'app://corroborate/inside.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each([
    ['a parent path', 'app://corroborate/../secret.txt'],
    ['an encoded parent path', 'app://corroborate/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://corroborate/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded parent and slash', 'app://corroborate/%2E%2E%2Fsecret.txt'],
    ['a backslash', 'app://corroborate/..%5csecret.txt'],
    ['an absolute path', `app://corroborate/${encodeURIComponent(join(dir, 'secret.txt'))}`],
    ['a doubled slash', `app://corroborate//${dir.slice(1)}/secret.txt`],
    ['a NUL', 'app://corroborate/index.html%00.js'],
    ['a malformed escape', 'app://corroborate/%E0%A4%A'],
    ['a symlink to a file outside', 'app://corroborate/assets/outside.txt'],
    ['a symlinked folder outside', 'app://corroborate/up/secret.txt'],
    ['a sibling folder sharing the prefix', 'app://corroborate/../renderer-evil/x.js'],
    ['a folder', 'app://corroborate/assets'],
    ['a missing file', 'app://corroborate/nope.js'],
    ['a source map', 'app://corroborate/assets/app.js.map'],
    ['a source map, encoded', 'app://corroborate/assets/app.js%2Emap'],
    ['a source map in capitals', 'app://corroborate/assets/old.CSS.MAP'],
    ['a source map behind a link named .js', 'app://corroborate/assets/map-alias.js'],
    ['another host', 'app://evil/index.html'],
    ['credentials', 'app://user:pw@corroborate/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'corroborate/index.html'],
  ])('refuses %s', async (_what, url) => {
    expect(await resolveAppFile(root, url)).toBeNull();
  });
});

describe('responses', () => {
  it('carry the CSP as a header, without unsafe-inline or unsafe-eval', () => {
    const headers = appResponseHeaders('/x/index.html');
    expect(headers['Content-Security-Policy']).toBe(CSP);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
    expect(CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CSP).toMatch(/object-src 'none'/);
    expect(CSP).toMatch(/frame-ancestors 'none'/);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    // The same headers `corroborate serve` gives the renderer's files (core/renderer-files.ts).
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(appResponseHeaders('/x/evil.exe')['Content-Type']).toBe('application/octet-stream');
  });
});

describe('the spellchecker', () => {
  it('never downloads a dictionary: the download address is a loopback port nothing can listen on', () => {
    const set: string[] = [];
    keepSpellcheckOffline({ setSpellCheckerDictionaryDownloadURL: (url: string) => void set.push(url) });
    expect(set).toHaveLength(1);
    const url = new URL(set[0]!);
    // Port 0 cannot be connected to, nor bound by another local user to serve a dictionary.
    expect([url.protocol, url.hostname, url.port]).toEqual(['http:', '127.0.0.1', '0']);
    // Chromium appends the file name to it.
    expect(url.pathname.endsWith('/')).toBe(true);
  });

  it('stays on in the window (macOS checks with the system’s own)', () => {
    const opened: BrowserWindowConstructorOptions[] = [];
    newMainWindow(
      class {
        constructor(options: BrowserWindowConstructorOptions) {
          opened.push(options);
        }
      },
      '/app/preload.cjs',
    );
    expect(opened[0]?.webPreferences?.spellcheck).toBe(true);
  });
});

describe('the main window', () => {
  it('sandboxes the page, isolates it, gives it no Node and keeps web security', () => {
    const opened: BrowserWindowConstructorOptions[] = [];
    class FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        opened.push(options);
      }
    }
    expect(newMainWindow(FakeWindow, '/app/preload.cjs')).toBeInstanceOf(FakeWindow);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.title).toBe('Corroborate');
    const prefs = opened[0]?.webPreferences ?? {};
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });
});

describe('navigation', () => {
  it.each(['app://corroborate/index.html', 'app://corroborate/index.html#/claims'])('allows %s', (url) => expect(mayNavigate(url)).toBe(true));
  it.each([
    'https://corroborate/',
    'http://example.com/',
    'file:///etc/passwd',
    'app://corroborate.evil.com/',
    'app://evil/corroborate',
    'app://x@corroborate/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'app:corroborate',
    '',
  ])('refuses %s', (url) => expect(mayNavigate(url)).toBe(false));
});

describe('permissions', () => {
  it('denies every permission, even to our own page', () => {
    const permissions = [
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'fullscreen',
      'geolocation',
      'idle-detection',
      'media',
      'mediaKeySystem',
      'midi',
      'midiSysex',
      'notifications',
      'pointerLock',
      'keyboardLock',
      'openExternal',
      'speaker-selection',
      'storage-access',
      'top-level-storage-access',
      'window-management',
      'unknown',
      'fileSystem',
      'hid',
      'serial',
      'usb',
    ];
    expect(NEEDED_PERMISSIONS.size).toBe(0);
    for (const p of permissions) {
      expect(permissionAllowed(p, 'app://corroborate/index.html'), p).toBe(false);
      expect(permissionAllowed(p, 'https://evil.example/'), p).toBe(false);
    }
  });
});

describe('new windows and external links', () => {
  it('never opens a window inside the app', () => {
    expect(DENY_WINDOW).toEqual({ action: 'deny' });
  });
  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:desk@example.com', 'mailto:desk@example.com'],
  ])('opens a clicked %s in the browser', (url, href) => {
    expect(externalLink({ url, disposition: 'foreground-tab' })).toBe(href);
    expect(externalLink({ url, disposition: 'background-tab' })).toBe(href);
    expect(externalLink({ url, disposition: 'new-window' })).toBe(href);
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'vbscript:x',
    'data:text/html,x',
    'app://corroborate/index.html',
    'https://user:pw@example.com/',
    'https://',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('opens nothing for %s', (url) => {
    expect(externalLink({ url, disposition: 'foreground-tab' })).toBeNull();
  });
  it('opens nothing a script asked for in another way than a link click', () => {
    expect(externalLink({ url: 'https://example.com/', disposition: 'default' })).toBeNull();
    expect(externalLink({ url: 'https://example.com/', disposition: 'other' })).toBeNull();
  });
});

describe('the panic lock in the main process', () => {
  it('clears the HTTP cache and every web storage but localStorage', async () => {
    const calls: unknown[] = [];
    const failed = await clearSessionForLock({
      clearCache: async () => void calls.push('cache'),
      clearStorageData: async (o) => void calls.push(o),
    });
    expect(failed).toEqual([]);
    expect(calls[0]).toBe('cache');
    const storages = (calls[1] as { storages: string[] }).storages;
    expect(storages).toEqual(expect.arrayContaining(['cookies', 'indexdb', 'cachestorage', 'serviceworkers', 'shadercache']));
    expect(storages).not.toContain('localstorage');
    expect(storages).toEqual([...PANIC_STORAGES]);
  });
  it('still clears the storages when the cache cannot be cleared, and says what failed', async () => {
    let cleared = false;
    const failed = await clearSessionForLock({
      clearCache: () => Promise.reject(new Error('busy')),
      clearStorageData: async () => void (cleared = true),
    });
    expect(cleared).toBe(true);
    expect(failed).toEqual(['cache']);
  });
});
