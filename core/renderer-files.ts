// The renderer's files, as both doors serve them: app:// in the desktop app (electron/security.ts)
// and `corroborate serve` (cli/http-server.ts). One set of rules, the stricter of the two they
// kept before: a path names a file inside the build by plain segments only (no `..`, `.`, empty
// segment, backslash, NUL or colon, encoded or not), its real path (symlinks followed) stays
// inside the build, a folder is not a file, and the source maps are never handed out (they stay
// in dist/ for debugging, but a map carries the whole source tree, comments included).

import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, sep } from 'node:path';
import { CSP } from './csp.js';

/** Whether a file of the renderer's build is never served, whatever asks for it. */
export function neverServed(file: string): boolean {
  return /\.map$/i.test(file);
}

/**
 * The real path of the renderer file `pathname` names (already taken from its URL, %-escapes
 * and all), or null for anything the rules above refuse or that does not exist. `/` is the page.
 */
export async function resolveRendererFile(root: string, pathname: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null; // a malformed %-escape
  }
  if (path === '/' || path === '') path = '/index.html';
  const segments = path.split('/').slice(1);
  const refused = (s: string) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0') || s.includes(':');
  if (!path.startsWith('/') || segments.some(refused) || isAbsolute(segments.join('/'))) return null;
  try {
    const realRoot = await realpath(root);
    const file = await realpath(join(realRoot, ...segments));
    if (!file.startsWith(realRoot + sep) || neverServed(file)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** What every answer of a door carries: the CSP as a header, never sniffed, never framed, never read by another origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The headers of every renderer file: its type, and the security headers. */
export function rendererFileHeaders(file: string): Record<string, string> {
  return { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', ...SECURITY_HEADERS };
}
