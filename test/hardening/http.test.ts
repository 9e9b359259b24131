// The HTTP door under hostile clients: no token or a wrong one, another Host or Origin, bodies
// too large or malformed or of another type, clients that dribble their headers or body, a
// crowd of idle connections. It refuses each with a code, and keeps answering everyone else.

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/http-server.js';
import type { Context } from '../../core/context.js';
import { tempDir, tempLibrary } from '../helpers.js';

let server: RunningServer;
let ctx: Context;
const sockets: Socket[] = [];

async function start(options: Partial<Parameters<typeof startServer>[0]> = {}) {
  ctx = tempLibrary();
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Corroborate</title>');
  server = await startServer({ ctx, port: 0, rendererDir: renderer, log: () => {}, ...options });
}

beforeEach(async () => {
  await start({ bodyLimit: 64 * 1024, timeouts: { headers: 1_000, request: 2_000, keepAlive: 1_000 } });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server.close();
});

interface Reply {
  status: number;
  body: string;
  ms: number;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: Buffer[] } = {}): Promise<Reply> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'POST', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - began }));
      },
    );
    // A refused upload may see its connection closed mid-write: the answer still came first.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' });
const api = (method: string, body: unknown, headers: Record<string, string> = {}) => send(`/api/${method}`, { headers: { ...auth(), ...headers }, body: JSON.stringify(body) });
const code = (r: Reply) => (JSON.parse(r.body) as { error?: { code: string } }).error?.code;

/** A raw connection, to send what no well-behaved client would. */
function raw(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(server.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
    sockets.push(s);
  });
}

/** Resolves when the server closes the socket, with what it sent and how long it took. */
function closed(s: Socket): Promise<{ ms: number; data: string }> {
  const began = performance.now();
  let data = '';
  s.on('data', (c: Buffer) => (data += c.toString('latin1')));
  return new Promise((resolve) => s.on('close', () => resolve({ ms: performance.now() - began, data })));
}

describe('the HTTP door refuses', () => {
  it('a call without the token, with a wrong one, or with the token anywhere but the header', async () => {
    expect(code(await send('/api/cases.list', { headers: { 'Content-Type': 'application/json' }, body: '{}' }))).toBe('UNAUTHORIZED');
    const wrong = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const header of [`Bearer ${wrong}`, `bearer ${server.token}`, `Bearer  ${server.token}`, server.token, `Basic ${server.token}`, 'Bearer ']) {
      const r = await send('/api/cases.list', { headers: { Authorization: header, 'Content-Type': 'application/json' }, body: '{}' });
      expect([r.status, code(r)], header).toEqual([401, 'UNAUTHORIZED']);
    }
    const inQuery = await send(`/api/cases.list?token=${server.token}`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
    expect((await api('cases.list', {})).status).toBe(200);
  });

  it('another Host (DNS rebinding) and another Origin, even with the token', async () => {
    for (const host of ['attacker.example', `attacker.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `[::1]:${server.port}`]) {
      const r = await send('/api/cases.list', { headers: { ...auth(), Host: host }, body: '{}' });
      expect([r.status, code(r)], host).toEqual([403, 'FORBIDDEN']);
    }
    for (const origin of ['http://attacker.example', 'null', `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port}.attacker.example`, `http://localhost:${server.port + 1}`]) {
      const r = await api('cases.list', {}, { Origin: origin });
      expect([r.status, code(r)], origin).toEqual([403, 'FORBIDDEN']);
    }
    expect((await api('cases.list', {}, { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('bodies over the limit, declared or streamed without a length, and answers the next client', async () => {
    const big = Buffer.alloc(200 * 1024, 0x20);
    const declared = await send('/api/cases.create', { headers: auth(), body: big });
    expect([declared.status, code(declared)]).toEqual([413, 'TOO_LARGE']);
    const streamed = await send('/api/cases.create', { headers: { ...auth(), 'Transfer-Encoding': 'chunked' }, chunks: Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024, 0x20)) });
    expect([streamed.status, code(streamed)]).toEqual([413, 'TOO_LARGE']);
    expect((await api('cases.create', { title: 'Still here' })).status).toBe(200);
  });

  it('malformed JSON, JSON nested past any sense, and bodies that are not JSON', async () => {
    for (const body of ['{"title": ', '{title: "x"}', "{'title': 'x'}", '\u0000', '{"title": "x"}{"title": "y"}', 'NaN']) {
      const r = await send('/api/cases.create', { headers: auth(), body });
      expect([r.status, code(r)], body).toEqual([400, 'BAD_JSON']);
    }
    const deep = await send('/api/cases.create', { headers: auth(), body: '['.repeat(30_000) + ']'.repeat(30_000) });
    expect(deep.status).toBe(400);
    expect(['BAD_JSON', 'BAD_INPUT']).toContain(code(deep));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json']) {
      const r = await send('/api/cases.create', { headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': type }, body: '{"title": "x"}' });
      expect([r.status, code(r)], type).toEqual([400, 'BAD_INPUT']);
    }
    expect((await api('cases.create', { title: 'x' }, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
  });
});

describe('the HTTP door under slow and greedy clients', () => {
  it('cuts off a client dribbling its headers (slowloris) while serving another promptly', async () => {
    const slow = await raw();
    const gone = closed(slow);
    slow.write(`POST /api/cases.list HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    const drip = setInterval(() => slow.writable && slow.write(`X-Drip-${Date.now()}: x\r\n`), 150);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const other = await api('cases.list', {});
      expect(other.status).toBe(200);
      expect(other.ms).toBeLessThan(500);
      const { ms, data } = await gone;
      expect(ms).toBeLessThan(4_000);
      expect(data === '' || data.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      clearInterval(drip);
    }
  });

  it('cuts off a client dribbling its body', async () => {
    const slow = await raw();
    const gone = closed(slow);
    slow.write(`POST /api/cases.create HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title": "`);
    const drip = setInterval(() => slow.writable && slow.write('x'), 200);
    try {
      expect((await api('cases.list', {})).status).toBe(200);
      expect((await gone).ms).toBeLessThan(5_000);
      expect((ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(0);
    } finally {
      clearInterval(drip);
    }
  });

  it('keeps answering while a hundred connections sit idle', async () => {
    const idle = await Promise.all(Array.from({ length: 100 }, () => raw()));
    const r = await api('cases.list', {});
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(1_000);
    const gone = await Promise.all(idle.slice(0, 5).map(closed));
    for (const g of gone) expect(g.ms).toBeLessThan(4_000);
  });
});

describe('an import through the HTTP door', () => {
  it('takes a 12 MB text file (base64 in JSON, over the 16 MB body limit of other calls)', async () => {
    await server.close();
    await start(); // the default limits
    const { id: caseId } = (JSON.parse((await api('cases.create', { title: 'Leaks' })).body) as { value: { id: string } }).value;
    const line = 'The broker said the shipment left Manzanillo on a Tuesday, and customs never saw it.\n';
    const text = line.repeat(Math.ceil((12 * 1024 * 1024) / line.length));
    const r = await api('documents.import', { caseId, fileName: 'transcript.txt', data: Buffer.from(text).toString('base64') });
    expect(r.status, r.body.slice(0, 300)).toBe(200);
    const doc = (JSON.parse(r.body) as { value: { document: { id: string } } }).value.document;
    const stored = ctx.db.prepare('SELECT length(text) AS n FROM documents WHERE id = ?').get(doc.id) as { n: number };
    expect(stored.n).toBe(text.trim().length);
  }, 120_000);
});
