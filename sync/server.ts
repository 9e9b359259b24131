// `corroborate sync-server`: Hocuspocus (Yjs over WebSocket) with our own hooks for who may
// connect and what each member may write, persisting into SQLite through our driver
// (db/sync-server.ts) with Hocuspocus's database extension, and optionally joined to other
// server processes through its Redis extension. docs/sync.md says why each piece is there.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Document, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { NOTE_WRITERS, noteRefusal, notesLive, observeChanges, refusal } from '../core/desk/policy.js';
import { ROOTS, type Role } from '../core/desk/schema.js';
import { isPublicKey } from '../core/desk/seal.js';
import { openSyncStore, type SyncStore } from '../db/sync-server.js';
import { answer } from './http.js';
import { serveOriginal } from './originals.js';
import { Refusal } from './refusal.js';
import { KEY_MESSAGE, parseNoteDocName, SYNC_CLOSE, type DeskMember, type JoinAnswer } from './protocol.js';

export interface SyncServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** redis://host:port: several server processes share documents through it. */
  redis?: string;
  /** How often open connections are checked against the member list (ms). */
  watchMs?: number;
  /** Hocuspocus's store debounce (ms); every update is in the database before its ack anyway. */
  debounceMs?: number;
  quiet?: boolean;
}

export interface RunningSyncServer {
  url: string;
  port: number;
  store: SyncStore;
  close(): Promise<void>;
}

interface MemberContext {
  memberId: string;
  member: string;
  role: Role;
  /** Connected to one of the case's notes (its own document), not to the case's. */
  note: boolean;
}

// y-protocols message kinds (y-protocols/sync) inside Hocuspocus's envelope.
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update a message carries, if it is one that changes the document. */
function updateIn(message: Uint8Array): Uint8Array | undefined {
  const d = decoding.createDecoder(message);
  decoding.readVarString(d);
  if (decoding.readVarUint(d) !== MESSAGE_SYNC) return undefined;
  const kind = decoding.readVarUint(d);
  return kind === SYNC_STEP_2 || kind === SYNC_UPDATE ? decoding.readVarUint8Array(d) : undefined;
}

/** Why the member may not apply this update to the document, or null. Judged on a scratch copy. */
export function judgeUpdate(document: Y.Doc, update: Uint8Array, role: Role, member: string, note = false): string | null {
  if (Y.snapshotContainsUpdate(Y.snapshot(document), update)) return null;
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(document));
    if (note) {
      Y.applyUpdate(probe, update);
      return noteRefusal(probe, role);
    }
    const observed = observeChanges(probe, () => Y.applyUpdate(probe, update));
    return refusal(probe, observed, role, member);
  } catch {
    return 'The change could not be read.';
  } finally {
    probe.destroy();
  }
}

/** The public key a {"type":"key"} message publishes, if that is what it is. */
function publishedKey(payload: string): string | undefined {
  if (payload.length > 200 || !payload.includes(`"${KEY_MESSAGE}"`)) return undefined;
  try {
    const m = JSON.parse(payload) as { type?: unknown; publicKey?: unknown };
    return m.type === KEY_MESSAGE && isPublicKey(m.publicKey) ? m.publicKey : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}


export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const store = openSyncStore(options.dataDir);
  // The updates this process appended and has not folded into a stored state yet, by document.
  const held = new Map<string, number[]>();

  const caseIdOf = (docName: string): string | null => {
    const parts = store.fetch(docName);
    if (!parts.length) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(parts));
    const id = doc.getMap(ROOTS.meta).get('caseId');
    doc.destroy();
    return typeof id === 'string' ? id : null;
  };

  const caseNotesLive = (docName: string): boolean => {
    const parts = store.fetch(docName);
    const doc = new Y.Doc();
    if (parts.length) Y.applyUpdate(doc, Y.mergeUpdates(parts));
    const live = notesLive(doc);
    doc.destroy();
    return live;
  };

  // Who may see the case, and who is in it now (connected to this process: members on another
  // process behind Redis are not counted, its connections are its own).
  const membersOf = (docName: string, document: Document): DeskMember[] => {
    const online = new Set<string>();
    for (const connection of document.getConnections()) {
      const c = connection.context as MemberContext | undefined;
      if (c?.memberId) online.add(c.memberId);
    }
    return store
      .members(docName)
      .filter((m) => !m.removedAt && m.joinedAt)
      .map((m) => ({ name: m.name, role: m.role, connected: online.has(m.id), publicKey: m.publicKey }));
  };

  const join = async (req: IncomingMessage, res: ServerResponse) => {
    let body: { token?: unknown; caseId?: unknown };
    try {
      body = JSON.parse(await readBody(req, 4096)) as typeof body;
    } catch {
      return answer(res, 400, { code: 'BAD_INPUT', message: 'Send {"token": "…"} with the invitation.' });
    }
    const invitation = typeof body.token === 'string' && body.token.length < 200 ? body.token : '';
    const invited = store.invitation(invitation);
    if (!invited) return answer(res, 401, { code: 'UNAUTHORIZED', message: 'That invitation is not valid: it was used already, withdrawn, or mistyped. Ask for a new one.' });
    // Checked before the invitation is used up, so a mistake does not cost the member their invitation.
    const caseId = caseIdOf(invited.caseName);
    const sharing = typeof body.caseId === 'string' ? body.caseId : undefined;
    if (sharing === undefined && caseId === null) {
      return answer(res, 409, { code: 'NOT_FOUND', message: `Nobody has shared “${invited.caseName}” yet: the reporter who holds the case shares it first (corroborate share).` });
    }
    if (sharing !== undefined && caseId !== null && caseId !== sharing) {
      return answer(res, 409, { code: 'CONFLICT', message: `“${invited.caseName}” on this server holds another case already: join it instead (corroborate join).` });
    }
    const redeemed = store.redeem(invitation);
    if (!redeemed) return answer(res, 401, { code: 'UNAUTHORIZED', message: 'That invitation was used meanwhile. Ask for a new one.' });
    const reply: JoinAnswer = { docName: redeemed.member.caseName, member: redeemed.member.name, role: redeemed.member.role, credential: redeemed.credential, caseId };
    answer(res, 200, reply);
  };

  const hooks: Extension = {
    async onRequest({ request, response }) {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (await serveOriginal(request, response, options.dataDir, store)) throw null;
      if (path === '/join' && request.method === 'POST') await join(request, response);
      else answer(response, 404, { code: 'NOT_FOUND', message: 'This is a Corroborate sync server: connect with `corroborate join`.' });
      // Hocuspocus answers with its welcome page unless a hook rejects without an error.
      throw null;
    },
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const m = typeof token === 'string' ? store.memberByCredential(token) : undefined;
      // A note's document is admitted with its case's credential: the case's name is part of its name.
      const note = parseNoteDocName(documentName);
      if (!m || m.caseName !== (note?.caseDocName ?? documentName)) throw new Refusal('not-a-member', SYNC_CLOSE.unauthorized);
      // A case citing a confidential source has no live notes (policy.ts notesLive): nothing to open.
      if (note && !caseNotesLive(note.caseDocName)) throw new Refusal('notes-not-live');
      connectionConfig.readOnly = note ? !NOTE_WRITERS.has(m.role) : m.role === 'editor' || m.role === 'lawyer';
      return { memberId: m.id, member: m.name, role: m.role, note: note !== null } satisfies MemberContext;
    },
    async beforeHandleMessage({ context, document, update }) {
      const c = context as MemberContext;
      if (!store.isActive(c.memberId)) throw new Refusal('removed', SYNC_CLOSE.removed);
      const change = updateIn(update);
      // A read-only connection's updates are dropped by Hocuspocus itself, unapplied.
      if (!change || (c.note ? !NOTE_WRITERS.has(c.role) : c.role === 'editor' || c.role === 'lawyer')) return;
      const why = judgeUpdate(document, change, c.role, c.member, c.note);
      if (why) throw new Refusal(why.slice(0, 120));
    },
    async afterLoadDocument({ document, documentName }) {
      // Appended before Hocuspocus sends the ack (both happen inside the same message handling,
      // and better-sqlite3 writes synchronously): an acknowledged change is on disk.
      document.on('update', (u: Uint8Array) => {
        const seqs = held.get(documentName) ?? [];
        seqs.push(store.appendUpdate(documentName, u));
        held.set(documentName, seqs);
      });
    },
    async onStateless({ connection, document, documentName, payload }) {
      const published = publishedKey(payload);
      if (published) {
        // Bound to the authenticated connection: a member publishes their own key, nobody else's.
        store.setPublicKey((connection.context as MemberContext).memberId, published);
        return;
      }
      if (payload === '{"type":"members"}') {
        connection.sendStateless(JSON.stringify({ type: 'members', data: membersOf(documentName, document) }));
        return;
      }
      if (payload !== '{"type":"snapshot"}') return;
      const data = Buffer.from(Y.encodeSnapshot(Y.snapshot(document))).toString('base64');
      connection.sendStateless(JSON.stringify({ type: 'snapshot', data }));
    },
  };

  const database = new Database({
    fetch: async ({ documentName }) => {
      const parts = store.fetch(documentName);
      return parts.length ? Y.mergeUpdates(parts) : null;
    },
    store: async ({ documentName, state }) => {
      const seqs = held.get(documentName) ?? [];
      held.set(documentName, []);
      store.store(documentName, new Uint8Array(state), seqs, (a, b) => Y.mergeUpdates([a, b]));
    },
  });

  const extensions: Extension[] = [database, hooks];
  if (options.redis) {
    const u = new URL(options.redis);
    extensions.push(new Redis({ host: u.hostname, port: Number(u.port || 6379) }));
  }

  const server = new Server({
    port: options.port ?? 0,
    address: options.host ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    debounce: options.debounceMs ?? 2000,
    maxDebounce: 10000,
    extensions,
  });
  await server.listen();

  const watch = setInterval(() => {
    for (const doc of server.hocuspocus.documents.values() as IterableIterator<Document>) {
      for (const connection of doc.getConnections()) {
        const c = connection.context as MemberContext | undefined;
        if (c?.memberId && !store.isActive(c.memberId)) {
          connection.close({ code: SYNC_CLOSE.removed, reason: 'removed' });
          // Hocuspocus's close leaves the socket open (other documents may share it): this one goes.
          connection.webSocket.close(SYNC_CLOSE.removed, 'removed');
        }
      }
    }
  }, options.watchMs ?? 250);
  watch.unref();

  const port = server.address.port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    async close() {
      clearInterval(watch);
      await server.destroy();
      store.close();
    },
  };
}
