/** Why a library file could not be opened; the code reaches the user through every door. */
export const LIBRARY_ERROR_CODES = [
  'LIBRARY_IS_DIRECTORY',
  'NOT_A_LIBRARY',
  'LIBRARY_TOO_NEW',
  'LIBRARY_UNREADABLE',
  'LIBRARY_NOT_FOUND',
  'LIBRARY_DAMAGED',
  'LIBRARY_UNSAFE',
  'PASSPHRASE_REQUIRED',
  'WRONG_PASSPHRASE',
  'LIBRARY_IN_USE',
] as const;
export type LibraryErrorCode = (typeof LIBRARY_ERROR_CODES)[number];

export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

export const RECORD_ERROR_CODES = ['NOT_FOUND', 'IN_TRASH', 'NOT_IN_TRASH', 'CONFLICT'] as const;
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

/** A record that is missing, trashed, or changed by someone else since it was read. */
export class RecordError extends Error {
  constructor(
    readonly code: RecordErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}
