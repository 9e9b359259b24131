// Merging two source records that turn out to be the same person or organisation: the claims,
// right-of-reply entries and affiliations of the one move to the other, its names become
// aliases, its details fill the gaps, and it goes to the trash. Undo puts everything back.

import { getSource, moveSourceLinks, recordUndo, restoreRecord, restoreSourceLinks, setTags, trashRecord, updateRecord, type Contact, type MovedLinks, type Source } from '../db/index.js';
import type { Context } from './context.js';
import { ApiError } from './errors.js';

/** The fields of the kept source a merge may change, as they were before it. */
type Before = Pick<Source, 'aliases' | 'role' | 'affiliationId' | 'contact' | 'confidential' | 'anonymityReason' | 'identityKnownBy' | 'description' | 'reliability' | 'notes' | 'tags'>;

export interface MergePayload extends MovedLinks {
  keepId: string;
  mergeId: string;
  keepBefore: Before;
  keepRevisionAfter: number;
}

const firstOf = (a: string, b: string) => (a.trim() ? a : b);

function mergedFields(keep: Source, merge: Source): Before {
  const seen = new Set([keep.name.toLowerCase()]);
  const aliases = [...keep.aliases, merge.name, ...merge.aliases].filter((a) => {
    const k = a.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const contact: Contact = { ...merge.contact, ...Object.fromEntries(Object.entries(keep.contact).filter(([, v]) => v?.trim())) };
  return {
    aliases: aliases.slice(0, 50),
    role: firstOf(keep.role, merge.role),
    affiliationId: keep.affiliationId ?? (merge.affiliationId === keep.id ? null : merge.affiliationId),
    contact,
    // The more protective choice wins: a source either record promised anonymity stays anonymous.
    confidential: keep.confidential || merge.confidential,
    anonymityReason: firstOf(keep.anonymityReason, merge.anonymityReason),
    identityKnownBy: firstOf(keep.identityKnownBy, merge.identityKnownBy),
    description: firstOf(keep.description, merge.description),
    reliability: keep.reliability ?? merge.reliability,
    notes: merge.notes.trim() ? [keep.notes, `Merged from “${merge.name}”: ${merge.notes}`].filter((n) => n.trim()).join('\n\n') : keep.notes,
    tags: [...new Set([...keep.tags, ...merge.tags])],
  };
}

export function mergeSources(ctx: Context, keepId: string, mergeId: string): { source: Source; movedClaims: number } {
  if (keepId === mergeId) throw new ApiError('BAD_INPUT', 'Pick two different sources to merge.');
  const { db } = ctx;
  const keep = getSource(db, keepId, false);
  const merge = getSource(db, mergeId, false);

  const moved = moveSourceLinks(db, keepId, mergeId);

  const { tags, ...fields } = mergedFields(keep, merge);
  setTags(db, 'source', keepId, tags);
  const after = updateRecord(db, 'source', keepId, fields);
  trashRecord(db, 'source', mergeId);

  const keepBefore: Before = {
    aliases: keep.aliases,
    role: keep.role,
    affiliationId: keep.affiliationId,
    contact: keep.contact,
    confidential: keep.confidential,
    anonymityReason: keep.anonymityReason,
    identityKnownBy: keep.identityKnownBy,
    description: keep.description,
    reliability: keep.reliability,
    notes: keep.notes,
    tags: keep.tags,
  };
  const payload: MergePayload = {
    keepId,
    mergeId,
    keepBefore,
    keepRevisionAfter: after.revision as number,
    ...moved,
  };
  recordUndo(db, 'merge', `Merged “${merge.name}” into “${keep.name}”`, payload);
  return { source: getSource(db, keepId), movedClaims: moved.movedClaims.length + moved.droppedClaims.length };
}

/** Reverses a merge, provided the kept source has not been edited since. */
export function unmergeSources(ctx: Context, p: MergePayload): void {
  const { db } = ctx;
  const keep = getSource(db, p.keepId);
  if (keep.revision !== p.keepRevisionAfter) {
    throw new ApiError('CONFLICT', `“${keep.name}” has been edited since the merge, so undoing it could lose those edits. Split the records by hand.`);
  }
  restoreRecord(db, 'source', p.mergeId);
  restoreSourceLinks(db, p.keepId, p.mergeId, p);
  const { tags, ...fields } = p.keepBefore;
  setTags(db, 'source', p.keepId, tags);
  updateRecord(db, 'source', p.keepId, fields);
}
