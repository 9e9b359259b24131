// Merging two source records that turn out to be the same person or organisation: the claims,
// right-of-reply entries and affiliations of the one move to the other, its names become
// aliases, its details fill the gaps, and it goes to the trash. Undo puts everything back.

import { z } from 'zod';
import { recordUndo, restoreRecord, setTags, trashRecord, updateRecord, type Contact, type DB, type Source } from '../../db/index.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import { id } from '../schemas.js';
import { getSource } from './sources.js';

/** The fields of the kept source a merge may change, as they were before it. */
type Before = Pick<Source, 'aliases' | 'role' | 'affiliationId' | 'contact' | 'confidential' | 'anonymityReason' | 'identityKnownBy' | 'description' | 'reliability' | 'notes' | 'tags'>;

export interface MergePayload {
  keepId: string;
  mergeId: string;
  keepBefore: Before;
  keepRevisionAfter: number;
  /** Claims whose source was changed from the merged one to the kept one. */
  movedClaims: string[];
  /** Claims that had both: the merged one's row was dropped (at this position). */
  droppedClaims: { claimId: string; position: number }[];
  movedReplies: string[];
  movedAffiliations: string[];
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

function ids(db: DB, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);
}

export function mergeSources(ctx: Context, keepId: string, mergeId: string): { source: Source; movedClaims: number } {
  if (keepId === mergeId) throw new ApiError('BAD_INPUT', 'Pick two different sources to merge.');
  const { db } = ctx;
  const keep = getSource(db, keepId, false);
  const merge = getSource(db, mergeId, false);

  const droppedClaims = db
    .prepare('SELECT m.claim_id AS claimId, m.position FROM claim_sources m JOIN claim_sources k ON k.claim_id = m.claim_id AND k.source_id = ? WHERE m.source_id = ?')
    .all(keepId, mergeId) as { claimId: string; position: number }[];
  db.prepare('DELETE FROM claim_sources WHERE source_id = ? AND claim_id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)').run(mergeId, keepId);
  const movedClaims = ids(db, 'SELECT claim_id AS id FROM claim_sources WHERE source_id = ?', mergeId);
  db.prepare('UPDATE claim_sources SET source_id = ? WHERE source_id = ?').run(keepId, mergeId);
  const movedReplies = ids(db, 'SELECT id FROM replies WHERE source_id = ?', mergeId);
  db.prepare('UPDATE replies SET source_id = ? WHERE source_id = ?').run(keepId, mergeId);
  const movedAffiliations = ids(db, 'SELECT id FROM sources WHERE affiliation_id = ? AND id <> ?', mergeId, keepId);
  db.prepare('UPDATE sources SET affiliation_id = ? WHERE affiliation_id = ? AND id <> ?').run(keepId, mergeId, keepId);

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
    movedClaims,
    droppedClaims,
    movedReplies,
    movedAffiliations,
  };
  recordUndo(db, 'merge', `Merged “${merge.name}” into “${keep.name}”`, payload);
  return { source: getSource(db, keepId), movedClaims: movedClaims.length + droppedClaims.length };
}

/** Reverses a merge, provided the kept source has not been edited since. */
export function unmergeSources(ctx: Context, p: MergePayload): void {
  const { db } = ctx;
  const keep = getSource(db, p.keepId);
  if (keep.revision !== p.keepRevisionAfter) {
    throw new ApiError('CONFLICT', `“${keep.name}” has been edited since the merge, so undoing it could lose those edits. Split the records by hand.`);
  }
  restoreRecord(db, 'source', p.mergeId);
  const move = db.prepare('UPDATE claim_sources SET source_id = ? WHERE claim_id = ? AND source_id = ?');
  for (const claimId of p.movedClaims) move.run(p.mergeId, claimId, p.keepId);
  const add = db.prepare('INSERT OR IGNORE INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, ?)');
  for (const d of p.droppedClaims) add.run(d.claimId, p.mergeId, d.position);
  const reply = db.prepare('UPDATE replies SET source_id = ? WHERE id = ?');
  for (const r of p.movedReplies) reply.run(p.mergeId, r);
  const affiliation = db.prepare('UPDATE sources SET affiliation_id = ? WHERE id = ?');
  for (const s of p.movedAffiliations) affiliation.run(p.mergeId, s);
  const { tags, ...fields } = p.keepBefore;
  setTags(db, 'source', p.keepId, tags);
  updateRecord(db, 'source', p.keepId, fields);
}

export const mergeMethods = {
  'sources.merge': method({
    summary: 'Merges two records of the same source: the second one’s claims, replies and affiliations move to the first, its names become aliases, and it goes to the trash. undo.last reverses it.',
    input: z.strictObject({ keepId: id, mergeId: id }),
    write: true,
    run: (ctx, { keepId, mergeId }) => mergeSources(ctx, keepId, mergeId),
  }),
};
