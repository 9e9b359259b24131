// `corroborate serve`: the renderer and the API over HTTP, for a browser on this machine only.
// Loopback only; every API call carries the per-launch token; Host and Origin must be our own
// (a page elsewhere cannot reach us through DNS rebinding); bodies are size-limited.
// A browser this process starts is given a one-time sign-in code, never the token: a command
// line is readable by every local user (/proc/<pid>/cmdline), and the page trades the code for
// the token once (POST /session).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Context } from '../core/context.js';
import { bodyLimitFor, dispatchAsync, type Logger } from '../core/dispatcher.js';
import type { ApiErrorBody, ErrorCode } from '../core/errors.js';
import { rendererFileHeaders, resolveRendererFile, SECURITY_HEADERS } from '../core/renderer-files.js';
import { RELAY_PATH, startNoteRelay } from '../sync/note-relay.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  BAD_JSON: 400,
  BAD_REFERENCE: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  IN_TRASH: 409,
  NOT_IN_TRASH: 409,
  CONFLICT: 409,
  LIBRARY_IN_USE: 409,
  LIBRARY_CHANGED: 409,
  OUTPUT_IS_LIBRARY: 409,
  OUTPUT_EXISTS: 409,
  OUTPUT_IS_FOLDER: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
  DISK_FULL: 507,
  BUSY: 503,
  INTERNAL: 500,
};

export interface ServerOptions {
  ctx: Context;
  /** 0 picks a free port. */
  port?: number;
  rendererDir: string;
  /** Largest API request body, in bytes. */
  bodyLimit?: number;
  token?: string;
  log?: Logger;
  /** How long a client may take, in ms (tests shorten them). */
  timeouts?: Partial<Timeouts>;
  /** How long a one-time sign-in code may wait to be traded, in ms. */
  signInCodeTtl?: number;
  /** Tells the person at the terminal something they should act on (default: stderr). */
  warn?: (message: string) => void;
}

export interface Timeouts {
  /** To send all its headers: a client dribbling them (slowloris) is cut off. */
  headers: number;
  /** To send a whole request, body included (a 100 MB import takes a few seconds locally). */
  request: number;
  /** An idle kept-alive connection. */
  keepAlive: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { headers: 10_000, request: 120_000, keepAlive: 5_000 };

export interface RunningServer {
  /** The page's address with the token itself: printed for scripts, never put on a command line. */
  url: string;
  port: number;
  token: string;
  /** The page's address with a fresh one-time sign-in code, for a browser this process starts. */
  signInUrl: () => string;
  close: () => Promise<void>;
}

/** Long enough for a browser to start cold; short enough that a leaked code is soon worthless. */
export const SIGN_IN_CODE_TTL = 60_000;
/** A code is 128 random bits: guessing one within its minute is hopeless. */
const SIGN_IN_CODE_BYTES = 16;
/** Codes are issued only when this process opens a window: a handful at most. */
const MAX_SIGN_IN_CODES = 16;
const SIGN_IN_BODY_LIMIT = 1024;

interface SignInCode {
  digest: Buffer;
  expiresAt: number;
  used: boolean;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The library the page shows, as it names it (the path, URI-encoded: a header carries no other
 * characters). Two tabs share one server: after one opens another library, the other still
 * shows the first, and its calls must not land in the library open now.
 */
export const LIBRARY_HEADER = 'x-corroborate-library';

function showsAnother(header: string | string[] | undefined, libraryPath: string): boolean {
  if (header === undefined) return false;
  try {
    return typeof header !== 'string' || decodeURIComponent(header) !== libraryPath;
  } catch {
    return true;
  }
}

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const root = await realpath(opts.rendererDir);
  let port = 0;

  const signInTtl = opts.signInCodeTtl ?? SIGN_IN_CODE_TTL;
  const warn = opts.warn ?? ((message: string) => console.error(message));
  const signInCodes: SignInCode[] = [];

  const ownHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function issueSignInCode(): string {
    const now = Date.now();
    // Expired codes are kept only while they can still explain themselves (“used”, “expired”).
    for (let i = signInCodes.length - 1; i >= 0; i--) if (signInCodes[i]!.expiresAt + signInTtl < now) signInCodes.splice(i, 1);
    if (signInCodes.length >= MAX_SIGN_IN_CODES) signInCodes.shift();
    const code = randomBytes(SIGN_IN_CODE_BYTES).toString('base64url');
    signInCodes.push({ digest: digestOf(code), expiresAt: now + signInTtl, used: false });
    return code;
  }

  /** The token for a code never traded before and not expired; each code is compared in constant time. */
  function tradeSignInCode(code: string): string {
    const digest = digestOf(code);
    let match: SignInCode | undefined;
    for (const entry of signInCodes) if (timingSafeEqual(entry.digest, digest)) match = entry;
    const again = 'Run `corroborate serve --open` again (or `npm start`) for a new window.';
    if (!match) throw new HttpError('UNAUTHORIZED', `This sign-in link is not valid. ${again}`);
    if (match.used) {
      // The page takes the code out of its address before trading it, so a second trade is
      // not a reload: the link was opened twice, or another program read it and got there first.
      warn('corroborate serve: a sign-in link was used a second time. If you did not open it twice, another program on this machine may have signed in with it: stop this server (Ctrl+C) to end its session.');
      throw new HttpError('UNAUTHORIZED', `This link has been used. ${again} If you did not open it twice, stop the server: another program may have used it.`);
    }
    if (Date.now() > match.expiresAt) throw new HttpError('UNAUTHORIZED', `This link has expired (it works for ${Math.round(signInTtl / 1000)} seconds). ${again}`);
    match.used = true;
    return token;
  }

  /** What a request a page sends must show: our own origin, a POST, and JSON. */
  function checkPagePost(req: IncomingMessage, hosts: Set<string>, what: string): void {
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) {
      throw new HttpError('FORBIDDEN', 'Requests from other sites are refused.');
    }
    if (req.method !== 'POST') throw new HttpError('BAD_INPUT', `${what} are POST requests.`);
    // A JSON API: a form or text/plain post (what a page elsewhere can send without asking) is refused.
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) throw new HttpError('BAD_INPUT', `${what} send JSON (Content-Type: application/json).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hosts = ownHosts();
    if (!hosts.has(req.headers.host ?? '')) throw new HttpError('FORBIDDEN', 'This server answers only to its own address.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/session') {
      checkPagePost(req, hosts, 'Sign-ins');
      const code = (parseJson(await readBody(req, SIGN_IN_BODY_LIMIT)) as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string' || code.length === 0 || code.length > 64) throw new HttpError('BAD_INPUT', 'A sign-in sends {"code": "…"} from the page’s address.');
      sendJson(res, 200, { ok: true, value: { token: tradeSignInCode(code) } });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      checkPagePost(req, hosts, 'API calls');
      const auth = Buffer.from(req.headers.authorization ?? '');
      if (auth.length !== tokenBytes.length || !timingSafeEqual(auth, tokenBytes)) {
        throw new HttpError('UNAUTHORIZED', 'This page is not signed in to the Corroborate server: open Corroborate from the address that `corroborate serve` printed.');
      }
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        throw new HttpError('UNKNOWN_METHOD', 'That method name is malformed.');
      }
      if (showsAnother(req.headers[LIBRARY_HEADER], opts.ctx.libraryPath)) {
        throw new HttpError(
          'LIBRARY_CHANGED',
          'Another library has been opened since this page showed this one (from another window or tab): nothing was saved. Copy anything you typed here, then reload the page to see the library open now.',
        );
      }
      const input = parseJson(await readBody(req, bodyLimitFor(method, bodyLimit)));
      const envelope = await dispatchAsync(opts.ctx, method, input, opts.log);
      sendJson(res, envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 400), envelope);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError('BAD_INPUT', 'Only GET here.');
    await sendFile(res, root, url.pathname, req.method === 'HEAD');
  }

  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  // Node checks the header and request timeouts this often (by default only every 30 s).
  const server = createServer({ connectionsCheckingInterval: Math.min(1_000, timeouts.headers / 2) }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const error: ApiErrorBody =
        err instanceof HttpError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'The server could not answer that request.' };
      if (!(err instanceof HttpError)) opts.log?.('corroborate serve: request failed', err);
      // A refused request's body is not read: the connection closes once the answer is sent.
      if (!res.headersSent) sendJson(res, STATUS[error.code] ?? 500, { ok: false, error }, { Connection: 'close' });
      else res.destroy();
    });
  });
  server.headersTimeout = timeouts.headers;
  server.requestTimeout = timeouts.request;
  server.keepAliveTimeout = timeouts.keepAlive;
  // Loopback serves one person's browser: a flood of connections is refused, not queued.
  server.maxConnections = 256;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Co-edited notes: the page's editor talks Yjs to this door over a WebSocket (sync/note-relay.ts),
  // signed in with the same token as the API; the handshake must come from our own page. Made
  // once listening, so a port that was taken leaves nothing behind.
  const relay = startNoteRelay(opts.ctx, {
    authorized: (t) => {
      const sent = Buffer.from(`Bearer ${t}`);
      return sent.length === tokenBytes.length && timingSafeEqual(sent, tokenBytes);
    },
    log: (m) => opts.log?.(`corroborate serve: ${m}`, undefined),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const hosts = ownHosts();
    const origin = req.headers.origin?.replace(/^http:\/\//, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!hosts.has(req.headers.host ?? '') || origin === undefined || !hosts.has(origin) || path !== RELAY_PATH) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    relay.handleUpgrade(req, socket, head);
  });

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    signInUrl: () => `http://127.0.0.1:${port}/#code=${issueSignInCode()}`,
    close: async () => {
      await relay.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Equal-length digests, so that comparing a guess with a code takes the same time whatever it is. */
function digestOf(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

/** An empty body is no input; anything else must be JSON. */
function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError('BAD_JSON', 'The request body is not valid JSON.');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError('TOO_LARGE', `The request is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...extra,
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** A file of the built renderer; nothing outside its folder, whatever the path or links say. */
async function sendFile(res: ServerResponse, root: string, pathname: string, headOnly: boolean): Promise<void> {
  const file = await resolveRendererFile(root, pathname);
  if (!file) throw new HttpError('NOT_FOUND', 'No such page.');
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new HttpError('NOT_FOUND', 'No such page.');
  }
  res.writeHead(200, {
    ...rendererFileHeaders(file),
    'Content-Length': data.length,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  res.end(headOnly ? undefined : data);
}
