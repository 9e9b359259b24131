// Encryption at rest through the API: the lock state, unlocking with the passphrase, the panic
// lock, and encrypting a library, changing its passphrase or removing its encryption. Passphrases
// arrive as input and go to SQLite's key only: never into a log, an error message or a record.

import { z } from 'zod';
import { wrongPassphrase } from '../../db/cipher.js';
import { changeEncryption, isSessionPassphrase } from '../crypto/change.js';
import { limitAttempts } from '../crypto/attempts.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { newPassphrase } from '../schemas.js';
import { lockSession, lockState, unlockSession, withLibraryHeld } from '../session.js';

/** A passphrase as typed to open a library: anything but empty. */
const passphrase = z.string().min(1, 'the passphrase is required').max(1024, 'at most 1,024 characters');

const confirmed = (what: string) => (input: { confirm?: boolean | undefined }) => {
  if (input.confirm !== true) throw new ApiError('BAD_INPUT', `${what} Confirm to go ahead.`);
};

/** What holds the library while its encryption changes, for the message another process gets. */
const CHANGING = 'a change of encryption';

export const cryptoMethods = {
  'library.lockState': method({
    summary: 'Whether the library is encrypted, and whether it is locked (an encrypted library is until its passphrase unlocks it).',
    input: z.strictObject({}).optional(),
    write: false,
    whileLocked: true,
    run: (ctx) => lockState(ctx),
  }),
  'library.unlock': method({
    summary: 'Unlocks an encrypted library with its passphrase. After three wrong ones, each further try must wait longer (TOO_MANY_ATTEMPTS).',
    input: z.strictObject({ passphrase }),
    write: false,
    session: true,
    whileLocked: true,
    run: (ctx, input) => limitAttempts(ctx, () => unlockSession(ctx, input.passphrase)),
  }),
  'library.lock': method({
    summary: 'The panic lock: an encrypted library is closed (its decrypted pages and key leave memory) until its passphrase unlocks it again. A plain library has nothing to close.',
    input: z.strictObject({}).optional(),
    write: false,
    session: true,
    whileLocked: true,
    run: (ctx) => lockSession(ctx),
  }),
  'library.encrypt': method({
    summary: 'Encrypts the library (SQLCipher 4), its backups and its original files with a new passphrase. Needs confirm: true. A passphrase cannot be recovered: without it the library cannot be read.',
    input: z.strictObject({ passphrase: newPassphrase, confirm: z.boolean().optional() }),
    write: false,
    session: true,
    run: (ctx, input) => {
      confirmed('Encrypting the library means it opens only with this passphrase, which cannot be recovered if it is lost.')(input);
      return withLibraryHeld(ctx, CHANGING, () => changeEncryption(ctx, 'encrypt', { next: input.passphrase }));
    },
  }),
  'library.changePassphrase': method({
    summary: 'Changes the passphrase of an encrypted library (and of its backups): the current one, re-typed, then the new one.',
    input: z.strictObject({ current: passphrase, next: newPassphrase }),
    write: false,
    session: true,
    run: (ctx, input) => {
      limitAttempts(ctx, () => {
        if (!isSessionPassphrase(ctx, input.current)) throw wrongPassphrase();
      });
      if (input.current === input.next) throw new ApiError('BAD_INPUT', 'The new passphrase is the same as the current one.');
      return withLibraryHeld(ctx, CHANGING, () => changeEncryption(ctx, 'rekey', { current: input.current, next: input.next }));
    },
  }),
  'library.decrypt': method({
    summary: 'Removes the encryption of the library, its backups and its original files: its passphrase, re-typed. Needs confirm: true.',
    input: z.strictObject({ passphrase, confirm: z.boolean().optional() }),
    write: false,
    session: true,
    run: (ctx, input) => {
      limitAttempts(ctx, () => {
        if (!isSessionPassphrase(ctx, input.passphrase)) throw wrongPassphrase();
      });
      confirmed('Without encryption, anyone who gets a copy of the library file can read it.')(input);
      return withLibraryHeld(ctx, CHANGING, () => changeEncryption(ctx, 'decrypt', { current: input.passphrase }));
    },
  }),
};
