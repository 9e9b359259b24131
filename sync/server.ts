// `corroborate sync-server`: Hocuspocus (Yjs over WebSocket) with our own hooks for who may
// connect and what each member may write, persisting into SQLite through our driver
// (db/sync-server.ts) with Hocuspocus's database extension, and optionally joined to other
// server processes through its Redis extension. docs/sync.md says why each piece is there.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Connection, type Document, type Extension, type onAwarenessUpdatePayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { NOTE_WRITERS, noteRefusal, notesLive, observeChanges, refusal } from '../core/desk/policy.js';
import { ROOTS, type Role } from '../core/desk/schema.js';
import { isPublicKey } from '../core/desk/seal.js';
import { openSyncStore, type SyncStore } from '../db/sync-server.js';
import { answer } from './http.js';
import { serveOriginal } from './originals.js';
import { Refusal } from './refusal.js';
import { KEY_MESSAGE, parseNoteDocName, PRESENCE_FIELD, presenceIn, SYNC_CLOSE, type DeskMember, type JoinAnswer } from './protocol.js';

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

// Hocuspocus's message kinds, and y-protocols/sync's inside a sync message.
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A message's kind, and the decoder past Hocuspocus's envelope (the document's name). */
function opened(message: Uint8Array): { kind: number; d: decoding.Decoder } {
  const d = decoding.createDecoder(message);
  decoding.readVarString(d);
  return { kind: decoding.readVarUint(d), d };
}

/** The Yjs update a message carries, if it is one that changes the document. */
function updateIn(message: Uint8Array): Uint8Array | undefined {
  const { kind, d } = opened(message);
  if (kind !== MESSAGE_SYNC) return undefined;
  const step = decoding.readVarUint(d);
  return step === SYNC_STEP_2 || step === SYNC_UPDATE ? decoding.readVarUint8Array(d) : undefined;
}

/** The awareness entries a message carries (state null: the client leaves), if it is one that does. */
function awarenessIn(message: Uint8Array): { clientId: number; clock: number; state: unknown }[] | undefined {
  const { kind, d } = opened(message);
  if (kind !== MESSAGE_AWARENESS) return undefined;
  const u = decoding.createDecoder(decoding.readVarUint8Array(d));
  const entries: { clientId: number; clock: number; state: unknown }[] = [];
  for (let n = decoding.readVarUint(u); n > 0; n--) {
    const clientId = decoding.readVarUint(u);
    const clock = decoding.readVarUint(u);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(u)) as unknown });
  }
  return entries;
}

/**
 * Why a member may not send this awareness to a case's document, or null. A member announces
 * only themself (presence is what the others are shown as "in the case now") and overrides no
 * state announcing another member, on this process or relayed from another through Redis.
 * Providers echo the states they receive, at the clock they received them: those change
 * nothing (y-protocols applies only a newer clock, or the removal a client's own timeout sends).
 */
export function judgePresence(document: Document, message: Uint8Array, member: string): string | null {
  let entries: ReturnType<typeof awarenessIn>;
  try {
    entries = awarenessIn(message);
  } catch {
    return 'The presence could not be read.';
  }
  const { meta, states } = document.awareness;
  for (const { clientId, clock, state } of entries ?? []) {
    if (clock <= (meta.get(clientId)?.clock ?? -1)) continue;
    const before = presenceIn(states.get(clientId));
    if (before && before.member !== member) return 'Only the member themself says they are here.';
    if (state === null || (state as Record<string, unknown>)[PRESENCE_FIELD] === undefined) continue;
    if (presenceIn(state)?.member !== member) return 'Only the member themself says they are here.';
  }
  return null;
}

/**
 * Hocuspocus's Redis extension, also telling the other processes when the last link on this one
 * leaves: the extension publishes awareness only while the document has connections here, and
 * by the time the leaving link's states are dropped its connection is gone, so the others would
 * show the member "here now" until y-protocols' 30 s timeout.
 */
class DeskRedis extends Redis {
  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload) {
    if (!payload.removed.length || payload.document.getConnectionsCount() > 0) return super.onAwarenessUpdate(payload);
    // The extension asks only whether anyone is connected (`connections.size`): the answer it needs to publish.
    const stillPublishing = { connections: { size: 1 } } as unknown as Document;
    return super.onAwarenessUpdate({ ...payload, added: [], updated: [], document: stillPublishing });
  }
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


/**
 * Resolves once a Redis connection takes commands. A document loaded before then (a member
 * connecting as the server starts) would subscribe ahead of ioredis's ready check, which Redis
 * refuses in subscriber mode: that process would then hear nothing from the others.
 */
async function redisReady(client: DeskRedis['pub'], url: string, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`Redis at ${url} did not answer within ${timeoutMs / 1000} s: is it running?`)), timeoutMs);
    const ok = () => done();
    const done = (err?: Error) => {
      clearTimeout(timer);
      client.off('ready', ok);
      if (err) reject(err);
      else resolve();
    };
    client.on('ready', ok);
  });
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

  // Who may see the case, and who is in it now: their links' presence in the document's
  // awareness, which holds those connected to every process joined through Redis.
  const membersOf = (docName: string, document: Document): DeskMember[] => {
    const here = new Map<string, string | null>();
    for (const state of document.awareness.getStates().values()) {
      const p = presenceIn(state);
      if (p && !here.get(p.member)) here.set(p.member, p.note);
    }
    return store
      .members(docName)
      .filter((m) => !m.removedAt && m.joinedAt)
      .map((m) => ({ name: m.name, role: m.role, connected: here.has(m.name), note: here.get(m.name) ?? null, publicKey: m.publicKey }));
  };

  // The members list each case's connections were sent last: a change (someone arrives, leaves,
  // opens a note, joins, is removed, publishes a key) goes to all of them at once.
  const sentMembers = new Map<string, string>();
  const pushMembers = (document: Document) => {
    if (parseNoteDocName(document.name)) return;
    const payload = JSON.stringify({ type: 'members', data: membersOf(document.name, document) });
    if (sentMembers.get(document.name) === payload) return;
    sentMembers.set(document.name, payload);
    for (const connection of document.getConnections()) connection.sendStateless(payload);
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

  /** A removed member's connection, and the socket under it, closed with the code their link understands. */
  const shutOut = (connection: Connection) => {
    connection.close({ code: SYNC_CLOSE.removed, reason: 'removed' });
    // Hocuspocus's close leaves the socket open (other documents may share it): this one goes.
    connection.webSocket.close(SYNC_CLOSE.removed, 'removed');
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
    async beforeHandleMessage({ connection, context, document, update }) {
      const c = context as MemberContext;
      if (!store.isActive(c.memberId)) {
        // Shut out here, not left to the watch: once Hocuspocus closes the connection for the
        // refused message, the watch no longer finds it, and the socket would stay open.
        shutOut(connection);
        throw new Refusal('removed', SYNC_CLOSE.removed);
      }
      if (!c.note) {
        const wrong = judgePresence(document, update, c.member);
        if (wrong) throw new Refusal(wrong);
      }
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
    async onAwarenessUpdate({ document }) {
      pushMembers(document);
    },
    async afterUnloadDocument({ documentName }) {
      sentMembers.delete(documentName);
    },
    async onStateless({ connection, document, documentName, payload }) {
      const published = publishedKey(payload);
      if (published) {
        // Bound to the authenticated connection: a member publishes their own key, nobody else's.
        store.setPublicKey((connection.context as MemberContext).memberId, published);
        return;
      }
      if (payload === '{"type":"members"}' && !parseNoteDocName(documentName)) {
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
    const redis = new DeskRedis({ host: u.hostname, port: Number(u.port || 6379) });
    try {
      await Promise.all([redisReady(redis.pub, options.redis), redisReady(redis.sub, options.redis)]);
    } catch (err) {
      await redis.onDestroy();
      store.close();
      throw err;
    }
    extensions.push(redis);
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
        if (c?.memberId && !store.isActive(c.memberId)) shutOut(connection);
      }
      // Membership is kept in the database every process shares: a change made by another
      // process (an invitation redeemed there, `sync-server remove`) is seen here too.
      pushMembers(doc);
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
