// What the doors say and offer when the library cannot be opened because it is damaged: the
// latest backup by name and date, and how to put it back (the damaged file is always kept).

import { listBackups, type BackupInfo } from './backup/backup.js';
import { toErrorBody, type ApiErrorBody } from './errors.js';

/** The backup to offer for a damaged library: the newest, automatic or made by hand. */
export function latestBackup(libraryPath: string): BackupInfo | undefined {
  try {
    return listBackups(libraryPath)[0];
  } catch {
    return undefined;
  }
}

/**
 * The error of a failed open, with the way back added when the library is damaged: which backup
 * is the latest and the command that restores it; or that there is none beside it.
 */
export function openFailure(libraryPath: string, err: unknown): ApiErrorBody & { backup?: BackupInfo } {
  const body = toErrorBody(err);
  if (body.code !== 'LIBRARY_DAMAGED') return body;
  const backup = latestBackup(libraryPath);
  if (!backup) return { ...body, message: `${body.message} No backup was found beside it (in ${libraryPath}.backups).` };
  const when = new Date(backup.createdAt).toUTCString();
  return {
    ...body,
    message: `${body.message} The latest backup is ${backup.name} (${backup.kind}, ${when}); restore it with: corroborate restore "${backup.path}" --force`,
    backup,
  };
}
