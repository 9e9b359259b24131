// Field schemas shared by the API's methods. Every string has a ceiling, so no caller can fill
// the library (or a screen) with one field.

import { isAbsolute } from 'node:path';
import { z } from 'zod';
import {
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  DOCUMENT_KINDS,
  MEDIA,
  QUOTE_KINDS,
  RELATIONS,
  RELIABILITY,
  SOURCE_KINDS,
  STANCES,
} from '../db/types.js';

export const LIMITS = {
  name: 300,
  title: 500,
  short: 2_000,
  text: 20_000,
  noteContent: 5_000_000,
  documentText: 10_000_000,
  tags: 50,
  aliases: 50,
  sources: 50,
} as const;

const trimmed = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const id = z.string().min(1, 'an id is required').max(64, 'an id is at most 64 characters');
export const name = trimmed(LIMITS.name).min(1, 'a name is required');
export const title = trimmed(LIMITS.title).min(1, 'a title is required');
export const shortText = trimmed(LIMITS.short);
export const longText = trimmed(LIMITS.text);
export const revision = z.number().int().positive().optional();

/** 2021, 2021-12 or 2021-12-15: reporting often knows only the year or the month. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => s.length < 10 || !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'no such day')
  .nullable();

export const timestamp = z.iso.datetime({ offset: true, message: 'a date and time like 2021-12-15T14:30:00Z' });

export const tags = z
  .array(trimmed(80).min(1, 'a tag cannot be empty'))
  .max(LIMITS.tags, `at most ${LIMITS.tags} tags`)
  .transform((list) => [...new Map(list.map((t) => [t.toLowerCase(), t])).values()]);

export const sourceKind = z.enum(SOURCE_KINDS);
export const attribution = z.enum(ATTRIBUTIONS);
export const reliability = z.enum(RELIABILITY).nullable();
export const claimStatus = z.enum(CLAIM_STATUSES);
export const medium = z.enum(MEDIA);
export const quoteKind = z.enum(QUOTE_KINDS);
export const documentKind = z.enum(DOCUMENT_KINDS);
export const stance = z.enum(STANCES);
export const relation = z.enum(RELATIONS);

export const contact = z.strictObject({
  email: shortText.optional(),
  phone: shortText.optional(),
  address: shortText.optional(),
  other: shortText.optional(),
});

export const byId = z.strictObject({ id });
export const byCase = z.strictObject({ caseId: id });

/** An update: the id, optionally the revision it was read at, and any subset of the fields. */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ id, revision, ...shape }).partial().required({ id: true });
}

/** Names a long task (import, archive, backup) so a door can follow its progress and cancel it. */
export const jobId = z.string().min(8).max(64).regex(/^[\w-]+$/, 'letters, digits, - and _');

/** A file on the machine running Corroborate, by its absolute path. */
export const filePath = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'at most 4096 characters')
  .refine((p) => isAbsolute(p) && !p.includes('\0'), 'an absolute path to a file on this machine');

/** A new passphrase: long enough to resist guessing a copy of the file offline (the CLI asks by the same rule). */
export const newPassphrase = z.string().min(10, 'a passphrase of at least 10 characters (several words are easiest to remember)').max(1024, 'at most 1,024 characters');
