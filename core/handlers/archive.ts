// Case archives: a lossless ZIP of one case (archive.create) and putting one into the library
// (archive.import). Both are long tasks with progress and cancel; the import reads and checks
// the whole archive before it writes, then writes it in one transaction.

import { z } from 'zod';
// The ZIP code (yazl, yauzl) loads when an archive is made or read, not with every command.
import type { ArchiveSummary } from '../archive/archive.js';
import type { ReadArchive } from '../archive/read.js';
import { importArchive } from '../archive/unarchive.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { resolveOutputTarget } from '../output-target.js';
import { filePath, id, jobId } from '../schemas.js';

export const archiveMethods = {
  'archive.create': method({
    summary:
      'Writes a lossless archive of a case (every record, note, link, log and original file) to a ZIP file at `out`: never the library or its files, and never over an existing file unless `overwrite` is true.',
    input: z.strictObject({ caseId: id, out: filePath, overwrite: z.boolean().optional(), jobId: jobId.optional() }),
    write: false,
    prepare: async (ctx, input, job) => {
      const overwrite = input.overwrite === true;
      const out = resolveOutputTarget(input.out, { libraryPath: ctx.libraryPath, overwrite });
      const { writeArchive } = await import('../archive/archive.js');
      return writeArchive({ db: ctx.db, libraryPath: ctx.libraryPath, caseId: input.caseId, out, overwrite, job });
    },
    run: (_ctx, _input, summary: ArchiveSummary) => summary,
  }),
  'archive.import': method({
    summary: 'Puts an archived case into the library, ids preserved. Refuses a damaged or hostile archive (saying what it refused) and a case the library already holds unless `replace` is set.',
    input: z.strictObject({ file: filePath, replace: z.boolean().optional(), jobId: jobId.optional() }),
    write: true,
    prepare: async (ctx, input, job): Promise<ReadArchive> => {
      const { DEFAULT_LIMITS, readArchive } = await import('../archive/read.js');
      const archive = await readArchive(input.file, ctx.libraryPath, DEFAULT_LIMITS, job);
      if (job.signal.aborted) {
        archive.cleanup();
        throw new ApiError('CANCELLED', 'Cancelled: nothing was imported.');
      }
      return archive;
    },
    run: (ctx, input, archive: ReadArchive) => {
      try {
        return importArchive(ctx.db, ctx.libraryPath, archive, { replace: input.replace });
      } finally {
        archive.cleanup();
      }
    },
  }),
};
