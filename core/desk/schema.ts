// How a case is laid out in its Yjs document (docs/sync.md §1). One place, read by the library's
// engine and by the sync server's checks, so the two cannot disagree on what a field is.

import type { Entity, Row } from '../../db/index.js';

/** The document's top-level types: anything else in an update is refused. */
export const ROOTS = { meta: 'meta', records: 'records', verifications: 'verifications' } as const;
export const ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(ROOTS));

/**
 * A key of the case's `meta`: set (to true, never unset) by a reporter's library that holds a
 * confidential identity, anywhere in the library. A live note carries each keystroke as typed,
 * before the mask could see a whole name, so a case where one member could type such a name has
 * no live notes (policy.ts notesLive).
 */
export const NOTES_WHOLE = 'notesWhole';

/** A note's own document holds its text as the one type @lexical/yjs binds, named so. */
export const NOTE_ROOT = 'root';
/**
 * A note's body travels in the note's own document, never as fields of its record (§1) — while
 * the case's notes are live (policy.ts notesLive); otherwise whole, in the record, masked.
 */
export const NOTE_BODY_FIELDS = ['content', 'text'] as const;

/** Keys of a record's map that are not fields of the record. */
export const KEY = {
  entity: '$entity',
  by: '$by',
  at: '$at',
  deletedAt: '$deletedAt',
  holder: '$holder',
  history: '$history',
  /** A confidential source's identity sealed to named members: member → ciphertext (core/desk/seal.ts). */
  sealed: '$sealed',
} as const;

/** Parents before children, so that a library applying them meets no missing reference. */
export const SHARED_ENTITIES = ['case', 'source', 'document', 'excerpt', 'claim', 'evidence', 'claimLink', 'reply', 'note', 'event'] as const satisfies readonly Entity[];
export type SharedEntity = (typeof SHARED_ENTITIES)[number];
export const isSharedEntity = (e: unknown): e is SharedEntity => typeof e === 'string' && (SHARED_ENTITIES as readonly string[]).includes(e);

/**
 * Fields that never leave the library, whatever the source: contact details (sensitive for any
 * source), the affiliation (it points at a source the case may not share), and the name a
 * document's file had on this machine (file names name people: "call-with-margarethe.m4a").
 */
export const LOCAL_ONLY: Partial<Record<Entity, readonly string[]>> = {
  source: ['contact', 'affiliationId'],
  document: ['fileName'],
};

/**
 * A document's original file travels as this field, `{sha256, size, mediaType}` (the library
 * keeps only the hash in the record): the bytes go beside the document (sync/originals.ts).
 */
export const ORIGINAL = 'attachment';

export interface OriginalFile {
  sha256: string;
  size: number;
  mediaType: string;
}

/** An original's description from the document, or null when it is not one (from an old or hostile client). */
export function originalFile(value: unknown): OriginalFile | null {
  const o = value as Partial<OriginalFile> | null;
  if (typeof o !== 'object' || o === null) return null;
  if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) return null;
  if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0) return null;
  if (typeof o.mediaType !== 'string' || o.mediaType.length > 200) return null;
  return { sha256: o.sha256, size: o.size, mediaType: o.mediaType };
}

/** What identifies a confidential source: kept on the machine of the reporter who holds it. */
export const IDENTITY_FIELDS = ['name', 'aliases', 'role', 'anonymityReason', 'identityKnownBy', 'notes', 'tags'] as const;

/** What a grant carries, sealed: the identity and the contact details (both stay home otherwise). */
export const GRANTED_FIELDS = [...IDENTITY_FIELDS, 'contact'] as const;

/** What a member who does not hold a confidential source's identity sees for its name. */
export const WITHHELD_NAME = 'Confidential source';

/** A claim's sources travel with the claim, as a field of it. */
export const CLAIM_SOURCES = 'sourceIds';

/** Tags travel by name (each library has its own tag ids), as a field of what they tag. */
export const TAGS = 'tags';
export const TAGGABLE = ['source', 'claim', 'document'] as const;
export const isTaggable = (e: string): e is (typeof TAGGABLE)[number] => (TAGGABLE as readonly string[]).includes(e);

/** Fields compared and carried for a record: the API's fields less local-only and bookkeeping ones. */
export function sharedFields(entity: SharedEntity, record: Row, { withholdIdentity }: { withholdIdentity: boolean }): Row {
  const out: Row = {};
  const skip = new Set<string>(['id', 'createdAt', 'updatedAt', 'revision', 'deletedAt', ...(LOCAL_ONLY[entity] ?? [])]);
  if (entity === 'source' && withholdIdentity) for (const f of IDENTITY_FIELDS) skip.add(f);
  for (const [k, v] of Object.entries(record)) if (!skip.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** Fields a record of this kind may never carry in the document, given whether it is confidential. */
export function forbiddenFields(entity: string, confidential: boolean): readonly string[] {
  const local = LOCAL_ONLY[entity as Entity] ?? [];
  return entity === 'source' && confidential ? [...local, ...IDENTITY_FIELDS] : local;
}

export const ROLES = ['reporter', 'editor', 'fact-checker', 'lawyer'] as const;
export type Role = (typeof ROLES)[number];

/** Same value for the document and the library: JSON-equal. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
