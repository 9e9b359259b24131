// Importing a file as an evidence document: read (slowly, outside any transaction, with
// progress and cancel), store the original by hash, then create the document in one
// transaction. The same file imported twice into a case gives back the first document.

import { z } from 'zod';
import { addAttachment, documentWithAttachment, getDocument, insertRecord, nowIso, restoreRecord, type DocumentRecord } from '../../db/index.js';
import { storeAttachment } from '../attachments.js';
import { ApiError } from '../errors.js';
import { MAX_FILE_BYTES, readFile, type ImportedText } from '../import/index.js';
import { method } from '../method.js';
import { id, jobId } from '../schemas.js';
import { liveCase } from '../record-rules.js';

const fileName = z
  .string()
  .trim()
  .min(1, 'a file name is required')
  .max(255, 'at most 255 characters')
  .refine((n) => !/[\\/\0]/.test(n), 'a file name, not a path');

/** Base64, as a door sends a file's bytes (JSON carries no raw bytes). */
const base64 = z
  .string()
  .max(Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4, `a file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file’s bytes in base64');

interface Prepared {
  imported: ImportedText;
  sha256: string;
  size: number;
}

export const importMethods = {
  'documents.import': method({
    summary: 'Imports a file (.txt, .md, .html, .pdf, .docx) as an evidence document: its text (with pages), metadata where the file carries it, and the original kept by its SHA-256. Importing the same file again returns the first document.',
    input: z.strictObject({ caseId: id, fileName, data: base64, jobId: jobId.optional() }),
    write: true,
    // The file travels as base64 in JSON: a third larger than the file itself.
    bodyLimit: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024,
    prepare: async (ctx, input, job): Promise<Prepared> => {
      liveCase(ctx, input.caseId);
      const bytes = Buffer.from(input.data, 'base64');
      const imported = await readFile(input.fileName, bytes, job);
      if (job.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: nothing was saved.');
      // Written before the transaction: content-addressed and renamed into place, so an import
      // that fails later leaves at most a whole, unreferenced file, never half of one.
      return { imported, sha256: storeAttachment(ctx.libraryPath, bytes), size: bytes.length };
    },
    run: (ctx, input, p: Prepared): { document: DocumentRecord; created: boolean } => {
      liveCase(ctx, input.caseId);
      const existing = documentWithAttachment(ctx.db, input.caseId, p.sha256);
      if (existing) {
        if (existing.deleted) restoreRecord(ctx.db, 'document', existing.id);
        return { document: getDocument(ctx.db, existing.id), created: false };
      }
      const at = nowIso();
      addAttachment(ctx.db, { sha256: p.sha256, size: p.size, mediaType: p.imported.mediaType, at });
      const { meta } = p.imported;
      const row = insertRecord(ctx.db, 'document', {
        caseId: input.caseId,
        title: meta.title || input.fileName,
        kind: meta.kind ?? 'other',
        author: meta.author ?? '',
        publisher: meta.publisher ?? '',
        publishedOn: meta.publishedOn ?? null,
        url: meta.url ?? '',
        retrievedAt: at.slice(0, 10),
        text: p.imported.text,
        attachment: p.sha256,
        fileName: input.fileName,
        pages: p.imported.pages,
      });
      return { document: getDocument(ctx.db, row.id as string), created: true };
    },
  }),
  'jobs.progress': method({
    summary: 'How far a long task (an import) has got.',
    input: z.strictObject({ jobId }),
    write: false,
    run: (ctx, { jobId }) => {
      const job = ctx.jobs?.get(jobId);
      if (!job) throw new ApiError('NOT_FOUND', 'No task with that id is running (it may have finished).');
      return { done: job.done, total: job.total, stage: job.stage };
    },
  }),
  'jobs.cancel': method({
    summary: 'Cancels a long task; nothing of it is saved.',
    input: z.strictObject({ jobId }),
    write: false,
    run: (ctx, { jobId }) => {
      const job = ctx.jobs?.get(jobId);
      job?.controller.abort();
      return { cancelled: Boolean(job) };
    },
  }),
};
