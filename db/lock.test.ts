import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from './driver.js';
import { LibraryError } from './errors.js';
import { acquireLibraryLock, libraryLockHolder, libraryLockPath } from './lock.js';
import { tempDir } from '../test/helpers.js';

function refusal(fn: () => unknown): LibraryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LibraryError) return err;
    throw err;
  }
  throw new Error('expected LIBRARY_IN_USE');
}

describe('the library lock', () => {
  it('one holder at a time, named in the refusal; released, it can be taken again', () => {
    const library = join(tempDir(), 'library.corroborate');
    expect(libraryLockHolder(library)).toBeNull();
    const lock = acquireLibraryLock(library, { what: 'corroborate serve' });
    expect(statSync(libraryLockPath(library)).mode & 0o777).toBe(0o600);
    const err = refusal(() => acquireLibraryLock(library, { what: 'a restore', waitMs: 0 }));
    expect(err.code).toBe('LIBRARY_IN_USE');
    expect(err.message).toMatch(new RegExp(`^The library is open in corroborate serve \\(process ${process.pid}, since \\d\\d:\\d\\d\\)\\. Close it there first`));
    expect(libraryLockHolder(library)).toMatchObject({ pid: process.pid, what: 'corroborate serve' });
    // Looking did not let go of it.
    expect(refusal(() => acquireLibraryLock(library, { what: 'a restore', waitMs: 0 })).code).toBe('LIBRARY_IN_USE');
    lock.release();
    lock.release();
    expect(libraryLockHolder(library)).toBeNull();
    acquireLibraryLock(library, { what: 'a restore' }).release();
  });

  it('the record of a process that is gone holds nothing: the next one takes the lock and replaces it', () => {
    const library = join(tempDir(), 'library.corroborate');
    acquireLibraryLock(library, { what: 'setup' }).release();
    const db = new Database(libraryLockPath(library));
    db.prepare("INSERT INTO holder (pid, hostname, since, what) VALUES (2147483646, 'here', '2026-01-01T00:00:00Z', 'a crashed app')").run();
    db.close();
    const lock = acquireLibraryLock(library, { what: 'corroborate serve', waitMs: 0 });
    expect(libraryLockHolder(library)).toMatchObject({ pid: process.pid, what: 'corroborate serve' });
    lock.release();
  });
});
