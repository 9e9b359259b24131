// `corroborate serve --open`: what reaches the browser's command line (readable by every local
// user through /proc) is a one-time code, and the page can trade it for the token once.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveCommand } from './serve.js';
import { tempDir, tempLibrary } from '../test/helpers.js';

afterEach(() => vi.restoreAllMocks());

function builtRenderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  return dir;
}

describe('serve --open', () => {
  it('opens the window with a one-time code, never the token; the code trades once', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const warned = vi.spyOn(console, 'error').mockImplementation(() => {});
    const opened: string[] = [];
    let stop!: () => void;
    let checked!: Promise<void>;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const openWindow = (url: string) => {
      opened.push(url);
      checked = (async () => {
        const { token, port } = (JSON.parse(printed[0]!) as { value: { token: string; port: number } }).value;
        expect(url).not.toContain(token);
        expect(url).not.toContain('token');
        const code = new URL(url).hash.replace(/^#code=/, '');
        const trade = () =>
          fetch(`http://127.0.0.1:${port}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
        expect(await (await trade()).json()).toEqual({ ok: true, value: { token } });
        expect((await trade()).status).toBe(401);
      })().finally(stop);
      return true;
    };
    const code = await serveCommand(tempLibrary(), { open: true, json: true }, { rendererDir: builtRenderer(), openWindow, stopped });
    await checked;
    expect(code).toBe(0);
    expect(opened).toHaveLength(1);
    // The second trade was told to the terminal.
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/sign-in link was used a second time/));
    // --json is the API envelope on one line, for scripts that wait for it: the address with the token, the port and the token.
    const ready = JSON.parse(printed[0]!) as { ok: boolean; value: object };
    expect(ready.ok).toBe(true);
    expect(Object.keys(ready.value)).toEqual(['url', 'port', 'token']);
  });
});
