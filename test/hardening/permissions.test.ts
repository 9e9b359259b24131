// Everything Corroborate keeps is the reporter's alone: the library folder it creates is 0700, the
// library, its -wal, -shm, lock and clean-close stamp 0600, backups and original files (imported
// or unarchived) 0600 in 0700 folders; whatever the umask (tested with the widest, 000). A folder
// the reporter already had is left as it was.

import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLibrary, openLibrary } from '../../db/index.js';
import { closeSession, openSession } from '../../core/session.js';
import { storeAttachment } from '../../core/attachments.js';
import { call, callAsync, tempDir } from '../helpers.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir`, with its mode. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = mode(path);
  }
  return out;
}

let umask: number;
beforeEach(() => {
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
});

describe('file permissions', () => {
  it('a new library: its folders 0700, the library and every file beside it 0600, with umask 000', async () => {
    const home = tempDir();
    chmodSync(home, 0o755);
    const path = join(home, 'made', 'by', 'corroborate', 'library.corroborate');
    const ctx = openSession(path, { automaticBackups: false, hold: 'a test' });
    try {
      const { id: caseId } = call(ctx, 'cases.create', { title: 'Modes' });
      storeAttachment(path, Buffer.from('an original document'));
      await callAsync(ctx, 'backups.create', { path: `${path}.backups` });
      call(ctx, 'claims.create', { caseId, statement: 'Written so the log is not empty' });
      const archive = join(tempDir(), 'case.zip');
      await callAsync(ctx, 'archive.create', { caseId, out: archive });
      expect(mode(archive)).toBe(0o600);

      for (const dir of ['made', 'made/by', 'made/by/corroborate']) expect(mode(join(home, dir)), dir).toBe(0o700);
      expect(mode(home), 'a folder that was there before').toBe(0o755);
      const found = modes(join(home, 'made', 'by', 'corroborate'));
      expect(Object.keys(found)).toEqual(expect.arrayContaining(['library.corroborate', 'library.corroborate-wal', 'library.corroborate-shm', 'library.corroborate.lock', 'library.corroborate.backups', 'library.corroborate.files']));
      for (const [name, m] of Object.entries(found)) {
        const folder = statSync(join(home, 'made', 'by', 'corroborate', name)).isDirectory();
        expect(m, name).toBe(folder ? 0o700 : 0o600);
      }
    } finally {
      closeSession(ctx);
    }
    // The stamp a clean close leaves.
    expect(mode(`${path}-clean`)).toBe(0o600);
  });

  it('an existing library left readable by others is made the reporter’s alone when opened; its folder is left as it was', () => {
    const folder = join(tempDir(), 'mine');
    mkdirSync(folder, { mode: 0o755 });
    const path = join(folder, 'library.corroborate');
    closeLibrary(openLibrary(path));
    chmodSync(path, 0o644);
    writeFileSync(`${path}-shm`, '');
    chmodSync(`${path}-shm`, 0o666);
    const db = openLibrary(path);
    try {
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-shm`)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(folder)).toBe(0o755);
    } finally {
      closeLibrary(db);
    }
  });

  it('originals unarchived into a library are 0600, as imported ones', async () => {
    const from = openSession(join(tempDir(), 'from.corroborate'), { automaticBackups: false });
    const to = openSession(join(tempDir(), 'to.corroborate'), { automaticBackups: false });
    try {
      const { caseId } = call(from, 'demo.load', {});
      const hash = storeAttachment(from.libraryPath, Buffer.from('%PDF-1.4 an original'));
      from.db.prepare("INSERT INTO attachments (sha256, size, media_type, created_at) VALUES (?, 20, 'application/pdf', '2026-12-01T00:00:00Z')").run(hash);
      from.db.prepare('UPDATE documents SET attachment = ? WHERE id = (SELECT id FROM documents WHERE case_id = ? LIMIT 1)').run(hash, caseId);
      const archive = join(tempDir(), 'case.zip');
      await callAsync(from, 'archive.create', { caseId, out: archive });
      await callAsync(to, 'archive.import', { file: archive });
      const store = `${to.libraryPath}.files`;
      const found = modes(store);
      expect(Object.keys(found).length).toBeGreaterThan(1);
      for (const [name, m] of Object.entries(found)) expect(m, name).toBe(statSync(join(store, name)).isDirectory() ? 0o700 : 0o600);
    } finally {
      closeSession(from);
      closeSession(to);
    }
  });
});
