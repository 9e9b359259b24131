// Granting a named member a confidential source's identity (docs/sync.md §5). The holder's
// library seals the identity to each granted member's public key into the record's `$sealed`
// map when it captures its changes; the granted member's library opens its own entry when it
// applies the case. Nobody else, the server included, ever holds more than ciphertext.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import * as Y from 'yjs';
import {
  grantsOf,
  memberKeys,
  peerKeys,
  putRecord,
  setGrantDigest,
  setMemberKeys,
  setTags,
  type DB,
  type Row,
  type SharedCase,
  type WriteDB,
} from '../../db/index.js';
import { methods } from '../api.js';
import { GRANTED_FIELDS, KEY, ROOTS, sameValue, WITHHELD_NAME } from './schema.js';
import { isSealedEntry, newMemberKeyPair, seal, sealContext, unseal, UnsealError, type MemberKeyPair, type SealedEntry } from './seal.js';

export type SealedMap = Record<string, SealedEntry>;

/** The library's key pair on a shared case, made the first time it is needed (share, join, or a case shared before keys existed). */
export function ensureMemberKeys(db: WriteDB, caseId: string): MemberKeyPair {
  const have = memberKeys(db, caseId);
  if (have) return have;
  const pair = newMemberKeyPair();
  setMemberKeys(db, caseId, pair);
  return pair;
}

/** What a grant carries: the fields that identify the source, its contact details and its tags. */
export function identityOf(row: Row, tags: readonly string[]): Row {
  const out: Row = {};
  for (const f of GRANTED_FIELDS) if (f !== 'tags' && row[f] !== undefined) out[f] = row[f];
  out.tags = [...tags];
  return out;
}

const digestOf = (identity: Row, publicKey: string) => createHash('sha256').update(JSON.stringify([identity, publicKey])).digest('hex');

export const sealedOf = (map: Y.Map<unknown> | undefined): SealedMap => {
  const v = map?.get(KEY.sealed);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as SealedMap) : {};
};

/**
 * The holder's side, at capture: the `$sealed` value the source's record should hold now (each
 * granted member's entry kept while the identity and their key are unchanged, sealed afresh
 * otherwise; a revoked member's entry gone), or undefined when the record has it already.
 */
export function nextSealed(db: WriteDB, shared: SharedCase, sourceId: string, row: Row, tags: readonly string[], map: Y.Map<unknown> | undefined): SealedMap | undefined {
  const current = sealedOf(map);
  const grants = row.confidential === true ? grantsOf(db, shared.caseId, sourceId) : [];
  if (!grants.length && !map?.has(KEY.sealed)) return undefined;
  const identity = identityOf(row, tags);
  const next: SealedMap = {};
  for (const g of grants) {
    const digest = digestOf(identity, g.publicKey);
    const have = current[g.member];
    if (g.digest === digest && isSealedEntry(have) && have.to === g.publicKey) {
      next[g.member] = have;
      continue;
    }
    next[g.member] = seal(identity, g.publicKey, sealContext(shared.caseId, sourceId, g.member));
    setGrantDigest(db, shared.caseId, sourceId, g.member, digest);
  }
  return sameValue(current, next) && map?.has(KEY.sealed) ? undefined : next;
}

// The identity another library sealed is outside input: checked with the fields sources.update
// takes (read from the registry when asked: core/api.ts gathers the handlers).
function identitySchema(): z.ZodType<Row> {
  const shape = (methods['sources.update'].input as z.ZodObject).shape as Record<string, z.ZodType>;
  return z.strictObject(Object.fromEntries(GRANTED_FIELDS.map((f) => [f, shape[f]!]))) as unknown as z.ZodType<Row>;
}

export type Opened = { identity: Row } | { problem: string } | null;

/** The granted member's side: the identity sealed to this library, opened; null when none is. */
export function openGranted(db: DB, shared: SharedCase, recordId: string, map: Y.Map<unknown>): Opened {
  const entry = sealedOf(map)[shared.member];
  if (entry === undefined || map.get(KEY.holder) === shared.member) return null;
  const keys = memberKeys(db, shared.caseId);
  const why = (reason: string) => ({ problem: `The identity ${String(map.get(KEY.holder) ?? 'its holder')} granted you could not be opened: ${reason}. It stays withheld here; ask them to grant it again.` });
  if (!keys) return why('this library has no key for the case yet');
  let value: unknown;
  try {
    value = unseal(entry, keys, sealContext(shared.caseId, recordId, shared.member));
  } catch (err) {
    if (err instanceof UnsealError) return why(err.message);
    throw err;
  }
  const parsed = identitySchema().safeParse(value);
  return parsed.success ? { identity: parsed.data } : why('what it holds is not a source’s identity');
}

/** Sources sealed to this member in `doc`: a grant taken away since shows as one missing later. */
export function grantedTo(doc: Y.Doc, member: string): Set<string> {
  const out = new Set<string>();
  for (const [id, map] of doc.getMap<Y.Map<unknown>>(ROOTS.records).entries()) if (sealedOf(map)[member] !== undefined) out.add(id);
  return out;
}

/** A grant revoked: the name and the rest go from this library as they came (the member may have copied them: docs/sync.md §5). */
export function withdrawIdentity(db: WriteDB, sourceId: string, deletedAt: string | null): void {
  const blank = { name: WITHHELD_NAME, aliases: [], role: '', anonymityReason: '', identityKnownBy: '', notes: '', contact: {} } satisfies Record<Exclude<(typeof GRANTED_FIELDS)[number], 'tags'>, unknown>;
  putRecord(db, 'source', sourceId, blank, deletedAt);
  setTags(db, 'source', sourceId, []);
}

/** Members this library knows a key for: who may be granted an identity. */
export function knownPeers(db: DB, shared: SharedCase): Map<string, string> {
  const peers = peerKeys(db, shared.caseId);
  peers.delete(shared.member);
  return peers;
}
