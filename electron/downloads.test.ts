// A packet saved from the desktop app goes where the reporter chose, through the same guard as
// every door's output: never over the library or its own files, whatever the dialog returned.

import { existsSync, linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeSession, openSession } from '../core/session.js';
import type { Context } from '../core/context.js';
import { saveDownload, type DownloadLike } from './downloads.js';

let dir: string;
let ctx: Context;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-download-'));
  ctx = openSession(join(dir, 'library.corroborate'));
});
afterEach(() => {
  closeSession(ctx);
  rmSync(dir, { recursive: true, force: true });
});

function item(): DownloadLike & { savedTo?: string; cancelled: boolean } {
  const it = {
    cancelled: false,
    savedTo: undefined as string | undefined,
    getFilename: () => 'packet-lawyer-2026-12-07.zip',
    setSavePath: (p: string) => void (it.savedTo = p),
    cancel: () => void (it.cancelled = true),
  };
  return it;
}

function save(chosen: string | undefined) {
  const download = item();
  const refusals: string[] = [];
  const saved = saveDownload(download, { libraryPath: ctx.libraryPath, askPath: () => chosen, refuse: (m) => refusals.push(m) });
  return { download, refusals, saved };
}

describe('saving a download in the desktop app', () => {
  it('saves where the reporter chose, and replaces a file the dialog confirmed', () => {
    const out = join(dir, 'packet.zip');
    writeFileSync(out, 'old');
    const { download, refusals, saved } = save(out);
    expect(saved).toBe(out);
    expect(download.savedTo).toBe(out);
    expect(download.cancelled).toBe(false);
    expect(refusals).toEqual([]);
  });

  it('saves nothing when the dialog is cancelled', () => {
    for (const chosen of [undefined, '']) {
      const { download, refusals, saved } = save(chosen);
      expect(saved).toBeNull();
      expect(download.cancelled).toBe(true);
      expect(download.savedTo).toBeUndefined();
      expect(refusals).toEqual([]);
    }
  });

  it('never saves over the library or its own files, however they are named', () => {
    const lib = ctx.libraryPath;
    symlinkSync(lib, join(dir, 'innocent.zip'));
    linkSync(lib, join(dir, 'hard.zip'));
    const before = readFileSync(lib);
    for (const chosen of [lib, `${lib}-wal`, `${lib}-shm`, join(dir, 'innocent.zip'), join(dir, 'hard.zip'), join(dir, 'sub', '..', 'library.corroborate')]) {
      const { download, refusals, saved } = save(chosen);
      expect(saved, chosen).toBeNull();
      expect(download.cancelled, chosen).toBe(true);
      expect(download.savedTo, chosen).toBeUndefined();
      expect(refusals[0], chosen).toMatch(/OUTPUT_IS_LIBRARY/);
    }
    expect(readFileSync(lib).equals(before)).toBe(true);
    expect(existsSync(lib)).toBe(true);
  });
});
