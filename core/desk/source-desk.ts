// A source as the desk sees it, for the source's page and the doors: in which shared cases it
// travels, whether its identity already went out (a source made confidential now cannot recall
// it: docs/sync.md §5 Limit), who holds it, and who it is granted to. Granting and revoking are
// here too; the sealing itself happens at capture (core/desk/grants.ts).

import * as Y from 'yjs';
import { dropGrant, getRow, grantsOf, memberKeys, putGrant, sharedCases, type DB, type SharedCase, type WriteDB } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { loadDoc, requireShared } from './engine.js';
import { knownPeers, openGranted, sealedOf } from './grants.js';
import { GRANTED_FIELDS, KEY, ROOTS } from './schema.js';
import { fingerprint } from './seal.js';

export type IdentityOnDesk =
  /** Not confidential: its name travels with it. */
  | 'shared'
  /** Confidential, and this library holds it. */
  | 'held'
  /** Confidential, held by another member, granted to this one and opened here. */
  | 'granted'
  /** Confidential, granted to this member, but what was sealed could not be opened. */
  | 'unreadable'
  /** Confidential and not granted to this member. */
  | 'withheld';

export interface SourceOnDesk {
  caseId: string;
  docName: string;
  holder: string | null;
  identity: IdentityOnDesk;
  /** Why a grant could not be opened, in words; only with identity 'unreadable'. */
  problem?: string;
  /** Some value of its name, aliases, role, contact… is in the case's document or its history: it reached the desk and cannot be recalled. */
  identityWentOut: boolean;
  /** Members it is granted to (names only). */
  grantedTo: string[];
  /** For the holder: members with a published key it is not granted to yet. */
  grantable: string[];
  /** The fingerprint of each key the holder would seal to or has sealed to, by member (core/desk/seal.ts). */
  fingerprints: Record<string, string>;
  /** This library's own key's fingerprint, for a member to read out to the holder. */
  yourFingerprint: string | null;
}

export interface GrantResult {
  caseId: string;
  sourceId: string;
  grantedTo: string[];
  /** The fingerprint of the key the identity is sealed to: read it out to the member to check. */
  fingerprint?: string;
}

const IDENTITY: ReadonlySet<string> = new Set(GRANTED_FIELDS);

function wentOut(map: Y.Map<unknown>): boolean {
  if (GRANTED_FIELDS.some((f) => map.has(f))) return true;
  const history = (map.get(KEY.history) as Y.Array<{ field: string; value: unknown }> | undefined)?.toArray() ?? [];
  return history.some((h) => IDENTITY.has(h.field) && h.value !== null && h.value !== undefined);
}

function onDesk(db: DB, shared: SharedCase, doc: Y.Doc, sourceId: string): SourceOnDesk | undefined {
  const map = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(sourceId);
  if (!map || map.get(KEY.entity) !== 'source') return undefined;
  const holder = typeof map.get(KEY.holder) === 'string' ? (map.get(KEY.holder) as string) : null;
  const confidential = map.get('confidential') === true;
  const youHold = confidential && holder === shared.member;
  const grantedTo = youHold ? grantsOf(db, shared.caseId, sourceId).map((g) => g.member) : Object.keys(sealedOf(map));
  const own = memberKeys(db, shared.caseId)?.publicKey;
  const base = { caseId: shared.caseId, docName: shared.docName, holder, identityWentOut: wentOut(map), grantedTo, grantable: [], fingerprints: {}, yourFingerprint: own ? fingerprint(own) : null };
  if (!confidential) return { ...base, identity: 'shared' };
  if (youHold) {
    const peers = knownPeers(db, shared);
    const keys = new Map([...peers, ...grantsOf(db, shared.caseId, sourceId).map((g): [string, string] => [g.member, g.publicKey])]);
    const fingerprints = Object.fromEntries([...keys].map(([m, k]) => [m, fingerprint(k)]));
    return { ...base, identity: 'held', grantable: [...peers.keys()].filter((m) => !grantedTo.includes(m)), fingerprints };
  }
  const opened = openGranted(db, shared, sourceId, map);
  if (!opened) return { ...base, identity: 'withheld' };
  return 'problem' in opened ? { ...base, identity: 'unreadable', problem: opened.problem } : { ...base, identity: 'granted' };
}

/** The shared cases the source travels in, as each one's desk sees it. */
export function sourceOnDesk(db: DB, sourceId: string): SourceOnDesk[] {
  if (!getRow(db, 'source', sourceId)) throw new ApiError('NOT_FOUND', `No source has the id ${sourceId}.`);
  const out: SourceOnDesk[] = [];
  for (const shared of sharedCases(db)) {
    const doc = loadDoc(db, shared.caseId);
    try {
      const found = onDesk(db, shared, doc, sourceId);
      if (found) out.push(found);
    } finally {
      doc.destroy();
    }
  }
  return out;
}

function heldHere(db: DB, caseId: string, sourceId: string): { shared: SharedCase } {
  const shared = requireShared(db, caseId);
  const row = getRow(db, 'source', sourceId);
  if (!row) throw new ApiError('NOT_FOUND', `No source has the id ${sourceId}.`);
  const doc = loadDoc(db, caseId);
  const map = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(sourceId);
  doc.destroy();
  if (!map) throw new ApiError('NOT_FOUND', 'That source is not in the shared case: only sources its claims cite travel with it.');
  if (!row.confidential) throw new ApiError('BAD_INPUT', 'That source is not confidential: its name travels with the case already.');
  const holder = map.get(KEY.holder);
  if (holder !== shared.member) throw new ApiError('FORBIDDEN', `Only ${typeof holder === 'string' ? holder : 'the member who holds it'}, who holds this source’s identity, may grant it.`);
  return { shared };
}

/** Grants `member` the source's identity: sealed to their published key when this write is captured. */
export function grantIdentity(db: WriteDB, caseId: string, sourceId: string, member: string): GrantResult {
  const { shared } = heldHere(db, caseId, sourceId);
  if (member === shared.member) throw new ApiError('BAD_INPUT', 'You hold this identity already.');
  const key = knownPeers(db, shared).get(member);
  if (!key) {
    throw new ApiError('NOT_FOUND', `This library has no key for “${member}”: they must have joined the case and connected once since (the app open, or \`corroborate sync\`). Members it knows: ${[...knownPeers(db, shared).keys()].join(', ') || 'none yet'}.`);
  }
  putGrant(db, caseId, sourceId, member, key);
  return { caseId, sourceId, grantedTo: grantsOf(db, caseId, sourceId).map((g) => g.member), fingerprint: fingerprint(key) };
}

/** Takes a grant back: the member's sealed copy leaves the case at the next capture. */
export function revokeIdentity(db: WriteDB, caseId: string, sourceId: string, member: string): GrantResult {
  heldHere(db, caseId, sourceId);
  if (!dropGrant(db, caseId, sourceId, member)) throw new ApiError('NOT_FOUND', `“${member}” was not granted this source’s identity.`);
  return { caseId, sourceId, grantedTo: grantsOf(db, caseId, sourceId).map((g) => g.member) };
}
