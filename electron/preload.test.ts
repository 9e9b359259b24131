// The preload is the whole surface the page gets (electron/preload.cts). Sandboxed, it cannot
// import the channel names from coedit.ts, so this checks that the two agree, and that the page
// gets the relay's messages without the IPC event (which carries the sender).

import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COEDIT_CHANNELS } from './coedit.js';

const seen = {
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
};

/** What the sandboxed preload may require: the electron module only (here a stand-in). */
const electron = {
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void seen.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => void seen.invoked.push(args),
    send: (...args: unknown[]) => void seen.sent.push(args),
    on: (channel: string, h: (...args: unknown[]) => void) => {
      if (!seen.listeners.has(channel)) seen.listeners.set(channel, new Set());
      seen.listeners.get(channel)!.add(h);
    },
    removeListener: (channel: string, h: (...args: unknown[]) => void) => void seen.listeners.get(channel)?.delete(h),
  },
};

/** Runs preload.cts as Electron runs its build: compiled to CommonJS, with nothing but `electron` to require. */
function runPreload(): void {
  const source = readFileSync(new URL('./preload.cts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const require = (name: string) => {
    if (name !== 'electron') throw new Error(`the sandboxed preload required ${name}`);
    return electron;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', outputText)(require, module, module.exports);
}

interface Exposed {
  invoke: (method: string, input?: unknown) => Promise<unknown>;
  coedit: {
    open: () => Promise<unknown>;
    send: (id: string, data: Uint8Array) => void;
    close: (id: string) => void;
    pong: (id: string) => void;
    listen: (receive: (...args: unknown[]) => void) => () => void;
  };
}

describe('the preload', () => {
  it('exposes invoke and the co-editing link only, on the channels the main process binds', async () => {
    runPreload();
    expect([...seen.exposed.keys()]).toEqual(['corroborate']);
    const page = seen.exposed.get('corroborate') as Exposed;
    expect(Object.keys(page).sort()).toEqual(['coedit', 'invoke']);
    expect(Object.keys(page.coedit).sort()).toEqual(['close', 'listen', 'open', 'pong', 'send']);

    await page.coedit.open();
    const bytes = new Uint8Array([1, 2, 3]);
    page.coedit.send('w1s1', bytes);
    page.coedit.pong('w1s1');
    page.coedit.close('w1s1');
    expect(seen.invoked).toEqual([[COEDIT_CHANNELS.open]]);
    expect(seen.sent).toEqual([
      [COEDIT_CHANNELS.send, 'w1s1', bytes],
      [COEDIT_CHANNELS.pong, 'w1s1'],
      [COEDIT_CHANNELS.close, 'w1s1'],
    ]);

    const heard: unknown[][] = [];
    const stop = page.coedit.listen((...args) => heard.push(args));
    const sender = { send: () => {} };
    for (const h of seen.listeners.get(COEDIT_CHANNELS.down) ?? []) h({ sender }, 'w1s1', 'message', bytes);
    expect(heard).toEqual([['w1s1', 'message', bytes, undefined]]);
    stop();
    expect(seen.listeners.get(COEDIT_CHANNELS.down)?.size).toBe(0);
  });
});
