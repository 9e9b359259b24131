import { z } from 'zod';
import { LIBRARY_ERROR_CODES, LibraryError, RECORD_ERROR_CODES, RecordError } from '../db/index.js';

/** The codes only core and the doors raise; db's own (a library that cannot be opened, a record
 * missing, trashed or changed) come from db/errors.ts, listed once there. */
const CORE_ERROR_CODES = [
  'BAD_INPUT',
  'BAD_JSON',
  'USAGE',
  'NEEDS_FORCE',
  'NOTHING_TO_UNDO',
  'UNSUPPORTED_FILE',
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'INVALID_FILE',
  'ENCRYPTED_FILE',
  'CANCELLED',
  'NO_PDF_ENGINE',
  'UNKNOWN_METHOD',
  'BAD_REFERENCE',
  'DISK_FULL',
  'BUSY',
  'READ_ONLY',
  'LIBRARY_LOCKED',
  'LIBRARY_CHANGED',
  'OUTPUT_IS_LIBRARY',
  'OUTPUT_EXISTS',
  'OUTPUT_IS_FOLDER',
  'TOO_MANY_ATTEMPTS',
  'CASE_EXISTS',
  'ARCHIVE_REFUSED',
  'ARCHIVE_TOO_NEW',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_LARGE',
  'LIKELY_DUPLICATE',
  'ROWS_REJECTED',
  'MISSING_COLUMN',
  'NO_SYNC_LINK',
  'INTERNAL',
] as const;

/** Every code a door can hand back. The message is always one a reporter can read. */
export const ERROR_CODES = [...CORE_ERROR_CODES, ...LIBRARY_ERROR_CODES, ...RECORD_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For BAD_INPUT: which fields were wrong and why. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

const SQLITE_CODES: Record<string, [ErrorCode, string]> = {
  SQLITE_CONSTRAINT_FOREIGNKEY: ['BAD_REFERENCE', 'A record this refers to does not exist.'],
  SQLITE_CONSTRAINT_CHECK: ['BAD_INPUT', 'A value is outside what the library accepts.'],
  SQLITE_CONSTRAINT_UNIQUE: ['CONFLICT', 'A record like this already exists.'],
  SQLITE_CONSTRAINT_PRIMARYKEY: ['CONFLICT', 'A record like this already exists.'],
  SQLITE_FULL: ['DISK_FULL', 'The disk is full: nothing was saved. Free some space and try again; your earlier work is intact.'],
  SQLITE_BUSY: ['BUSY', 'The library is busy with another task. Try again in a moment.'],
  SQLITE_READONLY: ['READ_ONLY', 'The library is read-only here: nothing was saved.'],
};

/** Anything thrown by a handler, as an error body a door can send. */
export function toErrorBody(err: unknown, method?: string): ApiErrorBody {
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  if (err instanceof RecordError || err instanceof LibraryError) return { code: err.code, message: err.message };
  if (err instanceof z.ZodError) {
    const issues = err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
    const first = err.issues.slice(0, 3).map((i) => (i.path.length ? `${fieldLabel(i.path)}: ${i.message}` : i.message)).join('; ');
    return { code: 'BAD_INPUT', message: first || `Bad input${method ? ` for ${method}` : ''}.`, issues };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // ENOSPC/EDQUOT: an original file that could not be written to the disk (or the quota).
    const full = code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT';
    const known = SQLITE_CODES[code] ?? (full ? SQLITE_CODES.SQLITE_FULL : undefined);
    if (known) return { code: known[0], message: known[1] };
    // A file took the name an output was about to have (core/archive/atomic.ts never replaces one).
    if (code === 'EEXIST') return { code: 'OUTPUT_EXISTS', message: 'A file appeared under that name while it was being written; it was left as it is. Choose another name.' };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Corroborate; nothing was changed. The details are in the log.' };
}

/**
 * A field path as a reporter reads it: saidOn → "Said on", sourceIds.2 → "Sources (item 3)".
 * The exact path stays in `issues` for scripts.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const words = path
    .map((part) =>
      typeof part === 'number'
        ? `(item ${part + 1})`
        : String(part)
            .replace(/Ids$/, 's')
            .replace(/Id$/, '')
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase(),
    )
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
