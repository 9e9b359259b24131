// The spelling words read off the main thread when a long-lived door opens a library: what is
// installed equals a whole read, a write while the worker reads is not lost, an encrypted library
// warms through its key, a library closed, locked or switched meanwhile drops the warm-up, and a
// search during it does not block on a large index but says its spelling is not ready.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockSession, openSession, spellingWarmUp, switchLibrary, closeSession } from '../core/session.js';
import { call, tempDir, tempLibrary } from '../test/helpers.js';
import type { Context } from '../core/context.js';
import { closeLibrary, openLibrary } from './open.js';
import { search } from './search.js';
import { keptWords, readWhileWarming, reads, SPELLING_INDEXES, suggestSpelling, type Index } from './spelling.js';
import { observeWarmUp, warmSpelling } from './spelling-warm.js';

const readWhileWarmingPages = readWhileWarming.pages;
afterEach(() => {
  observeWarmUp(undefined);
  readWhileWarming.pages = readWhileWarmingPages;
});

function fill(ctx: Context): void {
  const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
  call(ctx, 'sources.create', { name: 'Ratecalmex Logistics' });
  call(ctx, 'claims.create', { caseId, statement: 'Cargo seized at Marvolia by the investigators' });
  call(ctx, 'claims.create', { caseId, statement: 'The prosecutor named Manzanillo twice' });
  call(ctx, 'documents.create', { caseId, title: 'Manifest', text: 'Zolpidemo shipping manifest from Marvolia' });
}

/** What a connection that reads every index whole, just now, keeps. */
function readWhole(path: string, passphrase?: string) {
  const db = openLibrary(path, { readonly: true, create: false, ...(passphrase ? { passphrase } : {}) });
  try {
    for (const index of SPELLING_INDEXES) suggestSpelling(db, 'qqqqqq', ['qqqqqq'], [index]);
    return Object.fromEntries(SPELLING_INDEXES.map((i) => [i, keptWords(db, i)]));
  } finally {
    closeLibrary(db);
  }
}

const kept = (ctx: Context) => Object.fromEntries(SPELLING_INDEXES.map((i) => [i, keptWords(ctx.db, i)]));

describe('the spelling warm-up', () => {
  it('installs every index as a whole read of the same moment would', async () => {
    const ctx = tempLibrary();
    fill(ctx);
    const installed = await warmSpelling(ctx.db, ctx.libraryPath).done;
    expect([...installed].sort()).toEqual([...SPELLING_INDEXES].sort());
    expect(kept(ctx)).toEqual(readWhole(ctx.libraryPath));
    const whole = reads.whole;
    // Nothing read again here: the words are the worker's.
    expect(suggestSpelling(ctx.db, 'marvolai', ['marvolai'])?.suggestion).toBe('marvolia');
    expect(reads.whole).toBe(whole);
  });

  it('loses no record saved after the worker’s snapshot: the next search takes it in incrementally', async () => {
    const ctx = tempLibrary();
    fill(ctx);
    const caseId = call(ctx, 'cases.list', {})[0]!.id;
    let saved = false;
    observeWarmUp({
      snapshot: () => {
        call(ctx, 'claims.create', { caseId, statement: 'Quetzalcoatlo tablets were seized' });
        saved = true;
      },
    });
    await warmSpelling(ctx.db, ctx.libraryPath).done;
    expect(saved).toBe(true);
    // The word was written after the worker read: what it installed does not list it.
    expect(keptWords(ctx.db, 'claims')!.lexicon.text).not.toContain('quetzalcoatlo');
    const whole = reads.whole;
    expect(suggestSpelling(ctx.db, 'quetzalcoatla', ['quetzalcoatla'], ['claims'])?.suggestion).toBe('quetzalcoatlo');
    expect(reads.whole).toBe(whole);
  });

  it('warms an encrypted library through its key', async () => {
    const path = join(tempDir(), 'sealed.corroborate');
    const db = openLibrary(path, { passphrase: 'correct horse battery' });
    const ctx: Context = { db, libraryPath: path, checker: 'Test Checker' };
    try {
      fill(ctx);
      const installed = await warmSpelling(db, path, 'correct horse battery').done;
      expect(installed).toHaveLength(SPELLING_INDEXES.length);
      expect(kept(ctx)).toEqual(readWhole(path, 'correct horse battery'));
      // A wrong key installs nothing and leaves spelling to read whole when asked.
      const other = openLibrary(path, { passphrase: 'correct horse battery' });
      try {
        expect(await warmSpelling(other, path, 'wrong').done).toEqual([]);
        expect(keptWords(other, 'claims')).toBeUndefined();
        expect(suggestSpelling(other, 'marvolai', ['marvolai'], ['claims'])?.suggestion).toBe('marvolia');
      } finally {
        closeLibrary(other);
      }
    } finally {
      closeLibrary(db);
    }
  });

  it('drops the warm-up of a library closed before it ends', async () => {
    const ctx = tempLibrary();
    fill(ctx);
    const warm = warmSpelling(ctx.db, ctx.libraryPath);
    observeWarmUp({ snapshot: () => closeLibrary(ctx.db) });
    expect(await warm.done).toEqual([]);
  });

  it('a session held by a door warms up; locked or switched meanwhile, the warm-up is dropped', async () => {
    const dir = tempDir();
    const path = join(dir, 'first.corroborate');
    const seed = openLibrary(path, { passphrase: 'hunter2 hunter2' });
    fill({ db: seed, libraryPath: path, checker: 'Test Checker' });
    closeLibrary(seed);

    const held = openSession(path, { automaticBackups: false, hold: 'a test', passphrase: 'hunter2 hunter2' });
    try {
      expect(await spellingWarmUp(held)).toHaveLength(SPELLING_INDEXES.length);
      expect(keptWords(held.db, 'claims')).toBeDefined();
      // Through the dispatcher, as the doors ask: corrected from what the worker read.
      const whole = reads.whole;
      expect(call(held, 'search.query', { query: 'marvolai' }).suggestion).toBe('marvolia');
      expect(reads.whole).toBe(whole);
    } finally {
      closeSession(held);
    }

    const locked = openSession(path, { automaticBackups: false, hold: 'a test', passphrase: 'hunter2 hunter2' });
    try {
      const warm = spellingWarmUp(locked)!;
      lockSession(locked);
      expect(await warm).toEqual([]);
    } finally {
      closeSession(locked);
    }

    const switched = openSession(path, { automaticBackups: false, hold: 'a test', passphrase: 'hunter2 hunter2' });
    try {
      const first = switched.db;
      const warm = spellingWarmUp(switched)!;
      switchLibrary(switched, join(dir, 'second.corroborate'), { create: true });
      expect(await warm).toEqual([]);
      expect(keptWords(first, 'claims')).toBeUndefined();
      // The library switched to warms up in its turn.
      expect(await spellingWarmUp(switched)).toHaveLength(SPELLING_INDEXES.length);
    } finally {
      closeSession(switched);
    }

    // A one-shot command's session (no door holding it) reads nothing ahead.
    const once = openSession(path, { automaticBackups: false, passphrase: 'hunter2 hunter2' });
    try {
      expect(spellingWarmUp(once)).toBeUndefined();
    } finally {
      closeSession(once);
    }
  });

  it('answers a search meanwhile without blocking on a large index, and says its spelling is not ready', async () => {
    const ctx = tempLibrary();
    fill(ctx);
    // Every index counts as large: none is read here while the worker reads.
    readWhileWarming.pages = 0;
    const whole = reads.whole;
    let during: ReturnType<typeof search> | undefined;
    observeWarmUp({
      snapshot: () => {
        during = search(ctx.db, { query: 'marvolai', limit: 10, types: ['claim'] });
      },
    });
    const warm = warmSpelling(ctx.db, ctx.libraryPath, undefined, ['claims', 'documents'] satisfies Index[]);
    await warm.done;
    expect(during).toMatchObject({ hits: [], spellingPending: true });
    expect(during?.suggestion).toBeUndefined();
    expect(reads.whole).toBe(whole);
    // Installed: the same search is corrected, and says nothing is pending.
    const after = search(ctx.db, { query: 'marvolai', limit: 10, types: ['claim'] });
    expect(after.suggestion).toBe('marvolia');
    expect(after.spellingPending).toBeUndefined();
    const both = suggestSpelling(ctx.db, 'marvolai', ['marvolai'], ['claims', 'documents']);
    expect(both?.unready).toBeUndefined();
    expect(reads.whole).toBe(whole);
  });

  it('reads a small index at once while the warm-up runs', async () => {
    const ctx = tempLibrary();
    fill(ctx);
    let during: ReturnType<typeof search> | undefined;
    observeWarmUp({ snapshot: () => (during = search(ctx.db, { query: 'marvolai', limit: 10, types: ['claim'] })) });
    await warmSpelling(ctx.db, ctx.libraryPath).done;
    expect(during?.suggestion).toBe('marvolia');
    expect(during?.spellingPending).toBeUndefined();
  });
});
