// Which earlier values of a shared record can be put back, decided here rather than in a view:
// a value is restorable when the record kind's own update method takes it back as it is (the
// field is in that method's input schema and the value passes it), the member may write it,
// and it is not what the record holds now. A restore is then an ordinary update, a change like
// any other (docs/sync.md §2).

import { z } from 'zod';
import * as Y from 'yjs';
import type { DB } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { methods } from '../api.js';
import { loadDoc, requireShared, type HistoryEntry } from './engine.js';
import { forbiddenFields, isSharedEntity, KEY, ROOTS, sameValue, type SharedEntity } from './schema.js';

/** The method that changes a record of each kind: what a restore calls. */
export const UPDATE_METHOD = {
  case: 'cases.update',
  source: 'sources.update',
  document: 'documents.update',
  excerpt: 'excerpts.update',
  claim: 'claims.update',
  evidence: 'evidence.update',
  claimLink: 'claimLinks.update',
  reply: 'replies.update',
  note: 'notes.update',
  event: 'events.update',
} as const satisfies Record<SharedEntity, string>;

export type UpdateMethod = (typeof UPDATE_METHOD)[SharedEntity];

/** Fields an update takes but derives from another one: putting them back alone would lose the other (a note's text is read from its content). */
const DERIVED: Partial<Record<SharedEntity, readonly string[]>> = { note: ['text'] };

/** The record's bookkeeping in the update schema, never a value someone set. */
const NOT_FIELDS: ReadonlySet<string> = new Set(['id', 'revision']);

export interface DeskHistoryEntry extends HistoryEntry {
  /** The member can put this value back with `restoreWith`: it differs from the record's value now. */
  restorable: boolean;
}

export interface DeskHistory {
  entity: SharedEntity;
  /** The method a restore calls with `{id, [field]: value}`. */
  restoreWith: UpdateMethod;
  entries: DeskHistoryEntry[];
}

function fieldSchema(method: UpdateMethod, field: string): z.ZodType | undefined {
  // The registry is read when asked: core/api.ts gathers the handlers, this module among their imports.
  const input: z.ZodType = methods[method].input;
  if (NOT_FIELDS.has(field) || !(input instanceof z.ZodObject)) return undefined;
  return (input.shape as Record<string, z.ZodType>)[field];
}

/** Every value a record's fields have had on the desk, oldest first, each marked restorable or not. */
export function deskHistory(db: DB, caseId: string, recordId: string): DeskHistory {
  const shared = requireShared(db, caseId);
  const doc = loadDoc(db, caseId);
  try {
    const map = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(recordId);
    const entity = map?.get(KEY.entity);
    if (!map || !isSharedEntity(entity)) throw new ApiError('NOT_FOUND', 'That record is not in the shared case.');
    const method = UPDATE_METHOD[entity];
    const history = (map.get(KEY.history) as Y.Array<HistoryEntry> | undefined)?.toArray() ?? [];
    // Editors and lawyers read; a fact-checker changes statuses only, which no update method takes.
    const writable = shared.role === 'reporter' && !map.get(KEY.deletedAt);
    const withheld = new Set([...forbiddenFields(entity, map.get('confidential') === true), ...(DERIVED[entity] ?? [])]);
    const entries = history.map((e): DeskHistoryEntry => {
      const schema = writable && !withheld.has(e.field) ? fieldSchema(method, e.field) : undefined;
      const restorable = e.value !== undefined && Boolean(schema?.safeParse(e.value).success) && !sameValue(map.get(e.field), e.value);
      return { ...e, restorable };
    });
    return { entity, restoreWith: method, entries };
  } finally {
    doc.destroy();
  }
}
