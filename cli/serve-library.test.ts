// serve and its library: the default library is made on the very first run, a library it is
// pointed at only with --create; each library is served on a port of its own, the same at every
// launch (so the browser keeps the case and view left open), falling back when it is taken.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recentLibraries, recentLibrariesFile } from '../core/libraries.js';
import { defaultLibraryPath } from '../core/paths.js';
import { closeSession } from '../core/session.js';
import { captureConsole, tempDir, tempLibrary } from '../test/helpers.js';
import { main, openForCommand } from './main.js';
import { libraryPorts, serveCommand } from './serve.js';

const { out } = captureConsole();
afterEach(() => vi.unstubAllEnvs());

function builtRenderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  return dir;
}

/** Serves until it is ready, then stops: the port it listened on. */
async function servedPort(ctx: ReturnType<typeof tempLibrary>, flags: { port?: string } = {}): Promise<number> {
  out.length = 0;
  expect(await serveCommand(ctx, { ...flags, json: true }, { rendererDir: builtRenderer(), stopped: Promise.resolve() })).toBe(0);
  return (JSON.parse(out[0]!) as { value: { port: number } }).value.port;
}

describe('serve’s library', () => {
  it('makes the default library on the very first run, and puts it on the recent list', async () => {
    vi.stubEnv('XDG_DATA_HOME', tempDir());
    vi.stubEnv('CORROBORATE_LIBRARY', '');
    const path = defaultLibraryPath();
    expect(existsSync(path)).toBe(false);
    const ctx = await openForCommand(path, 'serve', {});
    closeSession(ctx);
    expect(existsSync(path)).toBe(true);
    expect(recentLibraries(recentLibrariesFile()).map((l) => l.path)).toEqual([path]);
  });

  it('refuses a --library that is not there, leaving nothing behind; --create makes it', async () => {
    vi.stubEnv('XDG_DATA_HOME', tempDir());
    const dir = tempDir();
    const mistyped = join(dir, 'libary.corroborate');
    expect(await main(['--library', mistyped, 'serve'])).toBe(1);
    expect(await main(['--library', join(dir, 'new', 'folder', 'lib.corroborate'), 'serve', '--json'])).toBe(1);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: false, error: { code: 'LIBRARY_NOT_FOUND', message: expect.stringContaining('run serve again with --create') } });
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(recentLibrariesFile())).toBe(false);

    const ctx = await openForCommand(mistyped, 'serve', { create: true });
    closeSession(ctx);
    expect(existsSync(mistyped)).toBe(true);
  });
});

describe('serve’s port', () => {
  it('is the library’s own, the same at every launch; another library has another', async () => {
    const ctx = tempLibrary();
    const first = await servedPort(ctx);
    expect(libraryPorts(ctx.libraryPath)).toContain(first);
    expect(first).toBeGreaterThanOrEqual(20_000);
    expect(first).toBeLessThan(32_768);
    expect(await servedPort(ctx)).toBe(first);
    expect(libraryPorts(tempLibrary().libraryPath)).not.toEqual(libraryPorts(ctx.libraryPath));
  });

  it('falls back to the next when one is taken, then to any free port; --port is that port or a failure', async () => {
    const ctx = tempLibrary();
    const own = libraryPorts(ctx.libraryPath);
    const blockers = await Promise.all(
      own.map(
        (port) =>
          new Promise<ReturnType<typeof createServer>>((resolve) => {
            const blocker = createServer();
            // A port another test has is as good as one this test holds.
            blocker.once('error', () => resolve(blocker));
            blocker.listen(port, '127.0.0.1', () => resolve(blocker));
          }),
      ),
    );
    try {
      const fallback = await servedPort(ctx);
      expect(own).not.toContain(fallback);
      blockers[0]!.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await servedPort(ctx)).toBe(own[0]);
      out.length = 0;
      expect(await serveCommand(ctx, { port: String(own[1]), json: true }, { rendererDir: builtRenderer(), stopped: Promise.resolve() })).toBe(1);
      expect(JSON.parse(out[0]!)).toMatchObject({ ok: false, error: { code: 'BUSY' } });
      expect(await servedPort(ctx, { port: '0' })).not.toBe(own[0]);
    } finally {
      for (const b of blockers) b.close();
    }
  });
});
