// `corroborate archive | unarchive | backup | backups | restore`: case archives and library
// backups from the command line, through the same methods as the app.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreClosedLibrary } from '../core/backup/backup.js';
import type { Context } from '../core/context.js';
import { dispatch, dispatchAsync } from '../core/dispatcher.js';
import { withProgress } from './progress.js';
import { toErrorBody } from '../core/errors.js';
import { formatTable } from './format.js';
import { fail, succeed } from './output.js';

export interface ArchiveFlags {
  case?: string;
  out?: string;
  replace?: boolean;
  force?: boolean;
  json?: boolean;
}

export const ARCHIVE_COMMANDS = ['archive', 'unarchive', 'backup', 'backups', 'restore'] as const;
export type ArchiveCommand = (typeof ARCHIVE_COMMANDS)[number];

export function isArchiveCommand(command: string): command is ArchiveCommand {
  return (ARCHIVE_COMMANDS as readonly string[]).includes(command);
}

/** Argument problems, said before the library is touched; undefined when the arguments are right. */
export function archiveUsage(command: ArchiveCommand, args: string[], flags: ArchiveFlags): string | undefined {
  switch (command) {
    case 'archive':
      return args.length || !flags.case || !flags.out ? 'archive takes --case ID and --out FILE [--force], e.g. corroborate archive --case 01H… --out case.zip' : undefined;
    case 'unarchive':
      return args.length !== 1 ? 'unarchive takes one archive file, e.g. corroborate unarchive case.zip [--replace]' : undefined;
    case 'backup':
      return args.length !== 1 ? 'backup takes a destination (a new file or a folder), e.g. corroborate backup ~/backups/' : undefined;
    case 'backups':
      return args.length ? 'backups takes no arguments' : undefined;
    case 'restore':
      return args.length !== 1 ? 'restore takes a backup (a file, or a name `corroborate backups` lists), e.g. corroborate restore auto-2026-12-01T09-30-00Z.corroborate --force' : undefined;
  }
}

const count = (n: number | undefined, noun: string) => `${n ?? 0} ${noun}${n === 1 ? '' : 's'}`;

const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A backup named as `backups` lists it, or a path to one. */
function backupRef(arg: string): { name: string } | { path: string } {
  return existsSync(arg) || /[\\/]/.test(arg) ? { path: resolve(arg) } : { name: arg };
}

export async function archiveCommand(ctx: Context, command: ArchiveCommand, args: string[], flags: ArchiveFlags): Promise<number> {
  switch (command) {
    case 'archive': {
      const res = await withProgress(ctx, flags, dispatchAsync(ctx, 'archive.create', { caseId: flags.case, out: resolve(flags.out!), ...(flags.force ? { overwrite: true } : {}) }));
      if (!res.ok) return fail(flags, res.error);
      const r = res.value;
      return succeed(flags, r, () =>
        [
          `Archived “${r.title}” to ${r.out} (${mb(r.bytes)}): ${count(r.counts.claims, 'claim')}, ${count(r.counts.sources, 'source')}, ${count(r.counts.documents, 'document')}, ${count(r.counts.notes, 'note')}, ${count(r.attachments, 'original file')}.`,
          ...(r.missingAttachments.length ? [`${count(r.missingAttachments.length, 'original file')} missing or damaged in the library, so not in the archive.`] : []),
        ].join('\n'),
      );
    }
    case 'unarchive': {
      const res = await withProgress(ctx, flags, dispatchAsync(ctx, 'archive.import', { file: resolve(args[0]!), replace: Boolean(flags.replace) }));
      if (!res.ok) return fail(flags, res.error);
      const r = res.value;
      const rows = Object.values(r.added).reduce((a, b) => a + b, 0);
      return succeed(flags, r, () =>
        [
          `${r.replaced ? 'Replaced' : 'Imported'} the case “${r.title}” (${r.caseId}): ${count(rows, 'record')}, ${count(r.attachments, 'new original file')}.`,
          ...(r.keptSources.length ? [`Kept ${count(r.keptSources.length, 'source')} this library already had, as they were: ${r.keptSources.join(', ')}.`] : []),
        ].join('\n'),
      );
    }
    case 'backup': {
      const res = await withProgress(ctx, flags, dispatchAsync(ctx, 'backups.create', { path: resolve(args[0]!), ...(flags.force ? { overwrite: true } : {}) }));
      if (!res.ok) return fail(flags, res.error);
      return succeed(flags, res.value, () => `Backed up the library to ${res.value.path} (${mb(res.value.size)}).`);
    }
    case 'backups': {
      const res = dispatch(ctx, 'backups.list', {});
      if (!res.ok) return fail(flags, res.error);
      const { folder, backups } = res.value;
      return succeed(flags, res.value, () =>
        backups.length
          ? `${folder}\n${formatTable(['name', 'made', 'kind', 'size'], backups.map((b) => [b.name, b.createdAt.replace('T', ' ').replace('Z', ' UTC'), b.kind, mb(b.size)]))}`
          : `No backups in ${folder} yet. The app makes one a day while it is open; \`corroborate backup DEST\` makes one now.`,
      );
    }
    case 'restore': {
      const ref = backupRef(args[0]!);
      if (!flags.force) {
        return fail(flags, {
          code: 'NEEDS_FORCE',
          message: `restoring replaces the library at ${ctx.libraryPath} with ${'name' in ref ? ref.name : ref.path}. The library as it is now is kept beside it (…replaced-<time>), never deleted. Run again with --force to go ahead.`,
        });
      }
      const res = dispatch(ctx, 'backups.restore', { ...ref, confirm: true });
      if (!res.ok) return fail(flags, res.error);
      return succeed(flags, res.value, () => `Restored ${res.value.restored}.\nThe library it replaced is kept at ${res.value.previousLibrary}.`);
    }
  }
}

/**
 * `restore` when the library cannot be opened at all (damaged): the backup is put in its place
 * without a session (with the passphrase given, when the library is encrypted). Anything else
 * needs the library open.
 */
export function restoreUnopenable(libraryPath: string, args: string[], flags: ArchiveFlags, passphrase?: string): number {
  const ref = backupRef(args[0]!);
  if (!('path' in ref)) {
    return fail(flags, { code: 'BAD_INPUT', message: 'The library cannot be opened, so give the backup’s path (it is in the folder beside the library ending in .backups).' });
  }
  if (!flags.force) {
    return fail(flags, { code: 'NEEDS_FORCE', message: `restoring replaces the library at ${libraryPath} (which cannot be opened) with ${ref.path}; it is kept beside it, never deleted. Run again with --force to go ahead.` });
  }
  try {
    // An encrypted backup is checked before it goes in place, which takes its passphrase.
    const r = restoreClosedLibrary(libraryPath, ref.path, new Date(), passphrase);
    return succeed(flags, r, () => `Restored ${r.restored}.\nThe library it replaced is kept at ${r.previousLibrary}.`);
  } catch (err) {
    return fail(flags, toErrorBody(err));
  }
}
