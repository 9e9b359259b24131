// A damaged library: the doors name its latest backup and how to restore it.

import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { backupLibrary, backupName, backupsDir } from '../../core/backup/backup.js';
import { openFailure } from '../../core/recovery.js';
import { closeLibrary, insertRecord, openLibrary } from '../../db/index.js';
import { tempDir } from '../helpers.js';

afterEach(() => vi.restoreAllMocks());

/** A library with a backup beside it (when asked), then damaged: leaf pages of claims garbled. */
async function damagedLibrary(withBackup: boolean): Promise<string> {
  const path = join(tempDir(), 'library.corroborate');
  const db = openLibrary(path);
  const c = insertRecord(db, 'case', { title: 'Damaged', description: '' });
  db.transaction(() => {
    for (let i = 0; i < 300; i++) insertRecord(db, 'claim', { caseId: c.id, statement: `Claim ${i} about precursor shipments through port ${i % 13}`, quote: '', quoteKind: 'paraphrase', saidOn: null, medium: 'interview', attribution: 'on_record', status: 'unverified' });
  })();
  if (withBackup) {
    mkdirSync(backupsDir(path), { recursive: true });
    await backupLibrary({ db, libraryPath: path }, join(backupsDir(path), backupName('manual', new Date())));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'claims' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
  closeLibrary(db);
  const fd = openSync(path, 'r+');
  for (const p of leaves.slice(1, 4)) {
    const at = (p - 1) * 4096 + 8;
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, at);
    writeSync(fd, Buffer.from(head.map((b) => b ^ 0xa5)), 0, 8, at);
  }
  closeSync(fd);
  return path;
}

const openError = (path: string) => {
  try {
    openLibrary(path).close();
  } catch (err) {
    return err;
  }
  throw new Error('the damaged library opened');
};

describe('a damaged library', () => {
  it('is refused with its latest backup named, and the command that restores it', async () => {
    const path = await damagedLibrary(true);
    const failure = openFailure(path, openError(path));
    expect(failure.code).toBe('LIBRARY_DAMAGED');
    expect(failure.backup?.path).toContain(`${path}.backups`);
    expect(failure.message).toContain(`corroborate restore "${failure.backup!.path}" --force`);

    // The CLI says the same, and restoring that backup opens.
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--library', path, 'stats'])).not.toBe(0);
    expect(errors.join('\n')).toContain(failure.backup!.path);
    expect(await main(['--library', path, 'restore', failure.backup!.path, '--force'])).toBe(0);
    const db = openLibrary(path);
    expect((db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n).toBe(300);
    db.close();
  });

  it('without a backup says there is none', async () => {
    const path = await damagedLibrary(false);
    const failure = openFailure(path, openError(path));
    expect(failure.backup).toBeUndefined();
    expect(failure.message).toMatch(/No backup was found/);
  });
});
