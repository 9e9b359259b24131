// Backups of the library: made on demand (backups.create), listed (backups.list, the automatic
// ones beside the library) and restored (backups.restore: the session reopens the library).

import { resolve } from 'node:path';
import { z } from 'zod';
import { backupLibrary, backupsDir, findBackup, isBackingUp, listBackups, makePrivateFolder, restoreBackup, type BackupInfo } from '../backup/backup.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { reopenLibrary, withLibraryHeld } from '../session.js';
import { filePath, jobId } from '../schemas.js';

const backupFileName = z.string().min(1).max(255).regex(/^[\w.-]+$/, 'a backup’s name as backups.list gives it');

export const backupMethods = {
  'backups.list': method({
    summary: 'The backups kept beside the library (automatic ones: at most one a day, the last seven), newest first.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => ({ folder: backupsDir(ctx.libraryPath), backups: listBackups(ctx.libraryPath), running: isBackingUp(ctx.db) }),
  }),
  'backups.create': method({
    summary:
      'Backs the library up through SQLite’s online backup API to `path`: a new file, or a folder (a dated file is made in it; the backups folder that backups.list names is made if need be). An existing file is replaced only with `overwrite: true`, and never one of the library’s own.',
    input: z.strictObject({ path: filePath, overwrite: z.boolean().optional(), jobId: jobId.optional() }),
    write: false,
    prepare: (ctx, input, job) => {
      if (resolve(input.path) === resolve(backupsDir(ctx.libraryPath))) makePrivateFolder(input.path);
      return backupLibrary(ctx, input.path, job, { overwrite: input.overwrite === true });
    },
    run: (_ctx, _input, made: BackupInfo) => made,
  }),
  'backups.restore': method({
    summary:
      'Replaces the library with a backup (by its name in backups.list, or a path). The current library is kept aside, never deleted. Needs confirm: true. Refused (LIBRARY_IN_USE) while another process (the app, serve) has the library open.',
    input: z
      .strictObject({ name: backupFileName.optional(), path: filePath.optional(), confirm: z.boolean().optional() })
      .refine((r) => Boolean(r.name) !== Boolean(r.path), 'name a backup, or give its path (one of them)'),
    write: false,
    session: true,
    run: (ctx, input) => {
      if (input.confirm !== true) {
        throw new ApiError('BAD_INPUT', 'Restoring a backup replaces the library as it is now (it is kept aside, not deleted). Confirm to go ahead.');
      }
      return withLibraryHeld(ctx, 'a restore', () => restoreBackup(ctx, findBackup(ctx.libraryPath, input), (passphrase) => reopenLibrary(ctx, passphrase)));
    },
  }),
};
