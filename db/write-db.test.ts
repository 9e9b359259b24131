import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { closeLibrary, getMeta, openLibrary, setMeta, type DB, type WriteDB } from './index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('WriteDB', () => {
  it('a db/ function that writes refuses a connection given for reading, by type', () => {
    // The checks below are the compiler's (npm run typecheck covers this file).
    expectTypeOf(setMeta).parameter(0).toEqualTypeOf<WriteDB>();
    expectTypeOf(getMeta).parameter(0).toEqualTypeOf<DB>();
    expectTypeOf<DB>().not.toMatchTypeOf<WriteDB>();
    expectTypeOf<WriteDB>().toMatchTypeOf<DB>();
    const readOnly = (db: DB) => {
      // @ts-expect-error a reader's connection cannot be handed to a writer
      setMeta(db, 'k', 'v');
    };
    expectTypeOf(readOnly).toBeFunction();
  });

  it('is the same connection at run time: openLibrary answers one that writes and reads back', () => {
    dir = mkdtempSync(join(tmpdir(), 'corroborate-writedb-'));
    const db = openLibrary(join(dir, 'library.corroborate'));
    try {
      expectTypeOf(db).toEqualTypeOf<WriteDB>();
      setMeta(db, 'probe', 'written');
      const reader: DB = db;
      expect(getMeta(reader, 'probe')).toBe('written');
    } finally {
      closeLibrary(db);
    }
  });
});
