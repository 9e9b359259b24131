// What the sync client and server say to each other beyond Yjs's own messages.

import type { Role } from '../core/desk/schema.js';

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
  /** Connected to the server now. */
  connected: boolean;
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
