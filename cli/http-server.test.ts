import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './http-server.js';
import { tempDir, tempLibrary } from '../test/helpers.js';
import type { Context } from '../core/context.js';

let server: RunningServer;
let ctx: Context;
let renderer: string;
let warnings: string[];

beforeEach(async () => {
  ctx = tempLibrary();
  const dir = tempDir();
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Corroborate</title>');
  writeFileSync(join(renderer, 'app.js'), 'export {};\n//# sourceMappingURL=app.js.map');
  writeFileSync(join(renderer, 'app.js.map'), '{"sourcesContent":["// the source tree"]}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'link.txt'));
  warnings = [];
  server = await startServer({ ctx, port: 0, rendererDir: renderer, bodyLimit: 64 * 1024, log: () => {}, warn: (m) => void warnings.push(m) });
});

afterEach(async () => {
  await server.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send the headers a browser would never let a page forge. */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, body?: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const errorCode = (r: Reply) => (JSON.parse(r.body) as { error: { code: string } }).error.code;

describe('corroborate serve', () => {
  it('listens on loopback and puts the token in the page address, not the path', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('runs API methods with the token', async () => {
    const created = await api('cases.create', { title: 'Precursors' });
    expect(created.status).toBe(200);
    const list = JSON.parse((await api('cases.list', {})).body) as { ok: boolean; value: { title: string }[] };
    expect(list.ok).toBe(true);
    expect(list.value.map((c) => c.title)).toEqual(['Precursors']);
  });

  it('refuses API calls without the right token (401)', async () => {
    expect((await api('cases.list', {}, { Authorization: '' })).status).toBe(401);
    expect((await api('cases.list', {}, { Authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect((await api('cases.list', {}, { Authorization: `Bearer ${'a'.repeat(server.token.length)}` })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (403)', async () => {
    const rebound = await api('cases.list', {}, { Host: `attacker.example:${server.port}` });
    expect(rebound.status).toBe(403);
    expect(errorCode(rebound)).toBe('FORBIDDEN');
    expect((await send('/', { headers: { Host: 'attacker.example' } })).status).toBe(403);
    expect((await api('cases.list', {}, { Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await api('cases.list', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('cases.list', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses bodies over the limit (413) and keeps serving', async () => {
    const big = await api('cases.create', { title: 'x'.repeat(100 * 1024) });
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe('TOO_LARGE');
    expect((await api('cases.list', {})).status).toBe(200);
  });

  it('takes a larger body only for a method that declares one: an imported file, as base64', async () => {
    const theCase = JSON.parse((await api('cases.create', { title: 'Files' })).body) as { value: { id: string } };
    const data = Buffer.from('word '.repeat(20_000)).toString('base64'); // 133 KB of JSON, over the door's 64 KB
    const imported = await api('documents.import', { caseId: theCase.value.id, fileName: 'big.txt', data });
    expect(imported.status).toBe(200);
    expect((await api('cases.create', { title: 'Files', description: data })).status).toBe(413);
  });

  it('answers malformed JSON, unknown methods and wrong types with coded errors, writing nothing', async () => {
    const bad = await send('/api/cases.create', { method: 'POST', headers: { Authorization: `Bearer ${server.token}` }, body: '{"title": ' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'BAD_JSON']);
    const unknown = await api('cases.explode', {});
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'UNKNOWN_METHOD']);
    const wrong = await api('cases.create', { title: 42 });
    expect([wrong.status, errorCode(wrong)]).toEqual([400, 'BAD_INPUT']);
    expect((await api('cases.get', {})).status).toBe(400);
    const got = await api('cases.get', { id: 'nope' });
    expect([got.status, errorCode(got)]).toEqual([404, 'NOT_FOUND']);
    expect(JSON.parse((await api('cases.list', {})).body).value).toEqual([]);
  });

  it('takes API calls by POST only', async () => {
    const r = await send('/api/cases.list', { headers: { Authorization: `Bearer ${server.token}` } });
    expect(r.status).toBe(400);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Corroborate</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/link.txt', '/..%2fsecret.txt', '/nope.js', '/%00']) {
      const r = await send(path);
      expect([path, r.status]).toEqual([path, r.status === 400 ? 400 : 404]);
      expect(r.body).not.toContain('outside the renderer');
    }
  });

  it('serves the renderer by the same rules as the desktop door: plain segments only', async () => {
    // Both once reached app.js here, through an encoded dot segment the path join folded away;
    // app:// always refused them.
    for (const path of ['/.%2fapp.js', '/assets%2f..%2fapp.js', '/index.html:']) {
      const r = await send(path);
      expect([path, r.status]).toEqual([path, 404]);
    }
    const page = await send('/index.html');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('never serves source maps, however they are asked for', async () => {
    expect((await send('/app.js')).status).toBe(200);
    for (const path of ['/app.js.map', '/app.js%2Emap', '/APP.JS.MAP', '/./app.js.map', '/app.js.map?x=1']) {
      const r = await send(path, { method: path === '/./app.js.map' ? 'HEAD' : 'GET' });
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).not.toContain('source tree');
    }
  });

  describe('one-time sign-in codes', () => {
    const codeOf = (url: string) => new URL(url).hash.replace(/^#code=/, '');
    const signIn = (code: unknown, headers: Record<string, string> = {}, port = server.port) =>
      send('/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, ...headers },
        body: JSON.stringify({ code }),
      });
    const messageOf = (r: Reply) => (JSON.parse(r.body) as { error: { message: string } }).error.message;

    it('puts a code in the address, never the token', () => {
      const url = server.signInUrl();
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#code=[\\w-]{22}$`));
      expect(url).not.toContain(server.token);
      expect(server.signInUrl()).not.toBe(url);
    });

    it('trades a code for the token once; a second use is refused', async () => {
      const code = codeOf(server.signInUrl());
      const first = await signIn(code);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ ok: true, value: { token: server.token } });
      expect(first.headers['cache-control']).toBe('no-store');
      const again = await signIn(code);
      expect([again.status, errorCode(again)]).toEqual([401, 'UNAUTHORIZED']);
      expect(messageOf(again)).toMatch(/^This link has been used\. Run `corroborate serve --open` again/);
      expect(again.body).not.toContain(server.token);
      // A second trade means someone else may hold the token: the terminal says so.
      expect(warnings).toEqual([expect.stringMatching(/used a second time.*stop this server/)]);
    });

    it('refuses an expired code', async () => {
      await server.close();
      server = await startServer({ ctx, port: 0, rendererDir: renderer, signInCodeTtl: 30, log: () => {}, warn: (m) => void warnings.push(m) });
      const code = codeOf(server.signInUrl());
      await new Promise((r) => setTimeout(r, 60));
      const late = await signIn(code);
      expect([late.status, errorCode(late)]).toEqual([401, 'UNAUTHORIZED']);
      expect(messageOf(late)).toMatch(/expired/);
      expect(late.body).not.toContain(server.token);
    });

    it('refuses a made-up code, a near miss and a malformed body', async () => {
      const code = codeOf(server.signInUrl());
      for (const guess of ['A'.repeat(22), `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`, code.slice(0, 10), `${code}x`]) {
        const r = await signIn(guess);
        expect([guess, r.status, errorCode(r)]).toEqual([guess, 401, 'UNAUTHORIZED']);
      }
      for (const bad of [42, '', 'x'.repeat(65), null]) expect((await signIn(bad)).status).toBe(400);
      // The refused guesses did not use the code up.
      expect((await signIn(code)).status).toBe(200);
    });

    it('refuses a foreign Origin or Host, a GET and a form post, leaving the code unused', async () => {
      const code = codeOf(server.signInUrl());
      expect((await signIn(code, { Origin: 'http://attacker.example' })).status).toBe(403);
      expect((await signIn(code, { Origin: 'null' })).status).toBe(403);
      expect((await signIn(code, { Host: `attacker.example:${server.port}` })).status).toBe(403);
      expect((await signIn(code, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(400);
      expect((await send(`/session?code=${code}`)).status).toBe(400);
      expect((await signIn(code)).status).toBe(200);
    });

    it('grants nothing but the trade: the token is still needed for the API', async () => {
      const r = await send('/api/cases.list', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${codeOf(server.signInUrl())}` }, body: '{}' });
      expect(r.status).toBe(401);
    });
  });
});

describe('a page showing a library another tab has since closed', () => {
  it('is refused (LIBRARY_CHANGED), nothing written to the library open now; the page showing it is answered', async () => {
    const first = ctx.libraryPath;
    const next = join(tempDir(), 'Überprüfung ñ.corroborate');
    const shows = (path: string) => ({ 'X-Corroborate-Library': encodeURIComponent(path) });
    expect((await api('cases.create', { title: 'In the first library' }, shows(first))).status).toBe(200);
    // Another tab opens a new library in this one's place.
    expect((await api('libraries.create', { path: next }, shows(first))).status).toBe(200);
    expect(ctx.libraryPath).toBe(next);

    const stale = await api('cases.create', { title: 'Meant for the first library' }, shows(first));
    expect(stale.status).toBe(409);
    expect(errorCode(stale)).toBe('LIBRARY_CHANGED');
    expect(JSON.parse(stale.body).error.message).toMatch(/nothing was saved/);
    for (const garbled of ['%E0%A4%A', next]) expect(errorCode(await api('cases.list', {}, { 'X-Corroborate-Library': garbled }))).toBe('LIBRARY_CHANGED');

    expect((await api('cases.create', { title: 'In the next library' }, shows(next))).status).toBe(200);
    const listed = JSON.parse((await api('cases.list', {})).body) as { value: { title: string }[] };
    expect(listed.value.map((c) => c.title)).toEqual(['In the next library']);
  });
});
