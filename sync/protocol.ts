// What the sync client and server say to each other beyond Yjs's own messages.

import { ROLES, type Role } from '../core/desk/schema.js';

/** WebSocket close codes the server uses (4000–4999 are the application's). */
export const SYNC_CLOSE = {
  unauthorized: 4401,
  removed: 4402,
  forbidden: 4403,
} as const;

/** POST /join {token}: an invitation traded for the member's credential. */
export interface JoinAnswer {
  docName: string;
  member: string;
  role: Role;
  credential: string;
  /** The case the document holds, or null when nobody has shared it yet. */
  caseId: string | null;
}

/** A member of a shared case as the server tells the others (stateless {"type":"members"}). */
export interface DeskMember {
  name: string;
  role: Role;
  /** In the case now: a link of theirs announces itself (on any server process joined to this one). */
  connected: boolean;
  /** The note of the case they have open in an editor, if any. */
  note?: string | null;
  /** The X25519 public key their library published (null until it has connected once). */
  publicKey: string | null;
}

/** An http(s) address for the /join and /files requests, from the ws(s) address members are given. */
export function httpAddress(serverUrl: string): string {
  return serverUrl.replace(/^ws(s?):\/\//, 'http$1://').replace(/\/+$/, '');
}

export function wsAddress(serverUrl: string): string {
  return serverUrl.replace(/^http(s?):\/\//, 'ws$1://').replace(/\/+$/, '');
}

/** Stateless {"type":"key","publicKey"}: a member's library publishes its public key. */
export const KEY_MESSAGE = 'key';

/**
 * A note's document on the server: `note:<note id>/<case document>`. The case's name is part of
 * it so a credential, admitted only to its own case, reaches only that case's notes.
 */
export function noteDocName(caseDocName: string, noteId: string): string {
  return `note:${noteId}/${caseDocName}`;
}

export function parseNoteDocName(name: string): { noteId: string; caseDocName: string } | null {
  const m = /^note:([0-9A-Za-z_-]{1,64})\/(.+)$/s.exec(name);
  return m ? { noteId: m[1]!, caseDocName: m[2]! } : null;
}

/**
 * What a member's link announces in the case document's awareness, under PRESENCE_FIELD: who
 * they are and which note of the case they have open. Awareness is what Hocuspocus's Redis
 * extension relays between server processes, and it ends by itself when the link goes (at once
 * when it closes, after y-protocols' 30 s timeout when it is cut), so "in the case now" holds
 * across every process of the desk. The server admits it only from the member it names.
 */
export interface DeskPresence {
  member: string;
  role: Role;
  note: string | null;
}

export const PRESENCE_FIELD = 'desk';

const NOTE_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The presence an awareness state holds, if it is a well-formed one. */
export function presenceIn(state: unknown): DeskPresence | null {
  const p = (state as Record<string, unknown> | null | undefined)?.[PRESENCE_FIELD] as Partial<DeskPresence> | undefined;
  if (typeof p !== 'object' || p === null) return null;
  if (typeof p.member !== 'string' || !p.member || p.member.length > 200) return null;
  if (typeof p.role !== 'string' || !(ROLES as readonly string[]).includes(p.role)) return null;
  const note = p.note === null || p.note === undefined ? null : typeof p.note === 'string' && NOTE_ID.test(p.note) ? p.note : undefined;
  return note === undefined ? null : { member: p.member, role: p.role, note };
}
