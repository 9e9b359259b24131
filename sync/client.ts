// Keeps a shared case of an open library in step with its sync server, through Hocuspocus's
// provider. Every change goes through the dispatcher: what the server sends is applied with
// `sync.receive`, its acknowledgements with `sync.acknowledge`; local writes (from this process
// or any other on the same library) are already in the library as updates, picked up here and
// sent. So a client killed at any point loses nothing: what it had not sent is still waiting.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { ApiError } from '../core/errors.js';
import { loadDoc } from '../core/desk/engine.js';
import { deskChanged } from '../core/desk/desk-watch.js';
import { sharedCase, syncUpdates } from '../db/index.js';
import { isPublicKey } from '../core/desk/seal.js';
import { noteHub } from './note-link.js';
import { exchangeOriginals } from './originals.js';
import { httpAddress, KEY_MESSAGE, PRESENCE_FIELD, SYNC_CLOSE, wsAddress, type DeskMember, type DeskPresence, type JoinAnswer } from './protocol.js';
import { DeskWebSocket } from './sockets.js';

export interface CaseSyncOptions {
  /** Stop once everything is sent and acknowledged and the server's changes are in. */
  once?: boolean;
  /** For `once`: give up after this long (ms). */
  timeoutMs?: number;
  /** How often the library is checked for changes made by other processes (ms). */
  pollMs?: number;
}

export interface CaseSync {
  /** Settles when `once` is done, or when the link is stopped or refused. */
  done: Promise<{ waiting: number }>;
  stop(): Promise<void>;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/** Trades an invitation for a member's credential (POST /join). */
export async function redeemInvitation(serverUrl: string, token: string, sharing?: string, timeoutMs = 10_000): Promise<JoinAnswer> {
  let res: Response;
  try {
    res = await fetch(`${httpAddress(serverUrl)}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, ...(sharing ? { caseId: sharing } : {}) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ApiError('NOT_FOUND', `No sync server answered at ${serverUrl}. Check the address, and that the server is running.`);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<JoinAnswer> & { message?: string; code?: string };
  if (res.status === 401) throw new ApiError('UNAUTHORIZED', body.message ?? 'That invitation is not valid.');
  if (res.status === 409) throw new ApiError(body.code === 'CONFLICT' ? 'CONFLICT' : 'NOT_FOUND', body.message ?? 'The server cannot take that case.');
  if (!res.ok || typeof body.credential !== 'string' || typeof body.docName !== 'string') {
    throw new ApiError('INTERNAL', `The sync server at ${serverUrl} gave an answer this version does not understand.`);
  }
  return body as JoinAnswer;
}

/** A provider on its own socket (Node has no WebSocket of its own before version 22). */
function connect(serverUrl: string, name: string, document: Y.Doc, token: string): { provider: HocuspocusProvider; close(): void } {
  const socket = new HocuspocusProviderWebsocket({ url: wsAddress(serverUrl), WebSocketPolyfill: DeskWebSocket, delay: 250, minDelay: 100, maxDelay: 2000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document, token });
  provider.attach();
  return {
    provider,
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
}

function isMember(m: unknown): m is DeskMember {
  const o = m as Partial<DeskMember> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.name === 'string' &&
    o.name.length <= 200 &&
    typeof o.role === 'string' &&
    typeof o.connected === 'boolean' &&
    (o.note === undefined || o.note === null || (typeof o.note === 'string' && o.note.length <= 64)) &&
    (o.publicKey === undefined || o.publicKey === null || isPublicKey(o.publicKey))
  );
}

function call(ctx: Context, name: 'sync.receive' | 'sync.acknowledge' | 'sync.memberKey' | 'sync.peers' | 'sync.check', input: Record<string, unknown>): { waiting?: number; publicKey?: string } {
  const res = dispatch(ctx, name, input);
  if (!res.ok) throw new ApiError(res.error.code, res.error.message);
  return res.value as { waiting?: number; publicKey?: string };
}

/** The whole document the server holds for `docName`, fetched with a member's credential. */
export async function fetchDocument(serverUrl: string, docName: string, credential: string, timeoutMs = 15_000): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const link = connect(serverUrl, docName, doc, credential);
  const provider = link.provider;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ApiError('BUSY', `The sync server at ${serverUrl} did not send the case in time. Try again.`)), timeoutMs);
      provider.on('synced', () => {
        clearTimeout(timer);
        resolve();
      });
      provider.on('authenticationFailed', () => {
        clearTimeout(timer);
        reject(new ApiError('UNAUTHORIZED', 'The sync server did not let this member in.'));
      });
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    link.close();
    doc.destroy();
  }
}

/**
 * Links one shared case to its server until stopped (or, with `once`, until nothing waits).
 * The connection's state is kept in `ctx.sync` for `sync.status`.
 */
export function syncCase(ctx: Context, caseId: string, options: CaseSyncOptions = {}): CaseSync {
  const shared = sharedCase(ctx.db, caseId);
  if (!shared) throw new ApiError('NOT_FOUND', 'That case is not shared with a desk: `corroborate share` shares it.');
  ctx.sync ??= new Map();
  const states = ctx.sync;
  // Every change the Desk view shows is told to the pages waiting on `sync.watch`.
  const setState = (state: 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused') => {
    if (states.get(caseId) === state) return;
    states.set(caseId, state);
    deskChanged(ctx);
  };
  const forgetMembers = () => {
    if (ctx.deskMembers?.delete(caseId)) deskChanged(ctx);
  };
  setState('connecting');
  // Writes reach the document through the change journal; `sync --once` first compares the whole
  // case, which catches anything the journal could not see (it normally finds nothing). Not every
  // link: a link the app restarts after each failure would compare a large case each time.
  if (options.once) call(ctx, 'sync.check', {});
  const doc = loadDoc(ctx.db, caseId);
  let lastSeq = syncUpdates(ctx.db, caseId).at(-1)?.seq ?? 0;
  const link = connect(shared.serverUrl, shared.docName, doc, shared.credential);
  const provider = link.provider;
  // The case's co-edited notes travel beside it, each its own document, on a socket of their own.
  const notes = noteHub(ctx);
  notes.linkCase({ ...shared, serverUrl: wsAddress(shared.serverUrl) });

  let settle!: (v: { waiting: number }) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<{ waiting: number }>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  done.catch(() => {});
  let finished = false;
  let waiting = Number.POSITIVE_INFINITY;

  const finish = async (error?: unknown) => {
    if (finished) return;
    if (!error) applyIncoming();
    finished = true;
    clearInterval(poll);
    stopAnnouncing();
    clearTimeout(timer);
    forgetMembers();
    notes.unlinkCase(caseId);
    link.close();
    doc.destroy();
    if (error) {
      if (states.get(caseId) !== 'refused') setState('offline');
      fail(error);
    } else {
      setState('offline');
      settle({ waiting });
    }
  };

  const refuse = (message: string) => {
    setState('refused');
    void finish(new ApiError('FORBIDDEN', message));
  };

  // The answer is exact (what the server's snapshot contains), so asking early costs one message.
  const askForAck = () => {
    if (provider.isSynced && !finished) provider.sendStateless('{"type":"snapshot"}');
  };

  // Other processes (the app, a script) write into the library too: their changes are picked up here.
  const pickUpLocal = () => {
    if (finished) return;
    const fresh = syncUpdates(ctx.db, caseId, lastSeq);
    if (!fresh.length) return;
    lastSeq = fresh.at(-1)!.seq;
    const local = fresh.filter((u) => u.local).map((u) => u.data);
    if (local.length) {
      Y.applyUpdate(doc, Y.mergeUpdates(local), 'library');
      // Written by any process (a script too): its count of changes waiting moved.
      deskChanged(ctx);
    }
    askForAck();
  };
  const poll = setInterval(() => {
    try {
      pickUpLocal();
    } catch (err) {
      void finish(err);
    }
  }, options.pollMs ?? 200);

  // Asked for once the link is in step; from then on the server sends the list whenever it changes.
  const askForMembers = () => {
    if (provider.isSynced && !finished) provider.sendStateless('{"type":"members"}');
  };
  // This member is in the case while the link is up, with the note open in an editor here if any.
  const announce = () => {
    if (finished) return;
    const presence: DeskPresence = { member: shared.member, role: shared.role as DeskPresence['role'], note: notes.openInEditor(caseId) };
    provider.setAwarenessField(PRESENCE_FIELD, presence);
  };
  const stopAnnouncing = notes.onEditorChange(announce);
  announce();

  const timer = options.once
    ? setTimeout(() => void finish(new ApiError('BUSY', `Could not finish syncing with ${shared.serverUrl} in time: ${Number.isFinite(waiting) ? waiting : 'some'} local change(s) still wait. They are kept and go out next time.`)), options.timeoutMs ?? 30_000)
    : undefined;

  // Originals go beside the case document, after it is in step (their records say what to fetch).
  // One round at a time; a failure leaves them for the next round (the case is in step anyway).
  const known = new Set<string>();
  let carrying: Promise<void> | null = null;
  const carry = (): Promise<void> =>
    (carrying ??= exchangeOriginals(ctx, shared, known, () => !finished)
      .then(
        () => {},
        () => {},
      )
      .finally(() => (carrying = null)));

  // `once` is done when the notes are too: every one sent, received and written to the library.
  let checkingNotes = false;
  const notesThenFinish = () => {
    if (checkingNotes || finished) return;
    checkingNotes = true;
    const check = () => {
      if (finished) return;
      try {
        if (notes.caseInStep(caseId)) void finish();
        else setTimeout(check, 50);
      } catch (err) {
        void finish(err);
      }
    };
    check();
  };

  // What arrives in one burst is applied in one transaction: each is a synchronous commit.
  let incoming: Uint8Array[] = [];
  const applyIncoming = () => {
    const batch = incoming;
    incoming = [];
    if (finished || !batch.length) return;
    try {
      call(ctx, 'sync.receive', { caseId, update: b64(batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch)) });
      deskChanged(ctx);
      // Applying it may have changed the library (a note's content checked here): that goes out now.
      pickUpLocal();
    } catch (err) {
      void finish(err);
    }
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== provider || finished) return;
    if (incoming.push(update) === 1) setTimeout(applyIncoming, 5);
  });
  // This library's public key, published on every connection (the server keeps the latest):
  // what a holder seals an identity granted to this member with.
  const publishKey = () => {
    const { publicKey } = call(ctx, 'sync.memberKey', { caseId });
    provider.sendStateless(JSON.stringify({ type: KEY_MESSAGE, publicKey }));
  };
  let knownKeys = '';
  const rememberKeys = (members: DeskMember[]) => {
    const keys = members.filter((m) => m.name !== shared.member && isPublicKey(m.publicKey)).map((m) => ({ name: m.name, publicKey: m.publicKey }));
    const seen = JSON.stringify(keys);
    if (seen === knownKeys || !keys.length) return;
    call(ctx, 'sync.peers', { caseId, members: keys });
    knownKeys = seen;
  };
  provider.on('synced', () => {
    setState('syncing');
    try {
      publishKey();
    } catch (err) {
      void finish(err);
      return;
    }
    // Members first: a `once` link ends at the acknowledgement, and the list brings the keys a grant needs.
    askForMembers();
    askForAck();
  });
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0) askForAck();
  });
  provider.on('stateless', ({ payload }: { payload: string }) => {
    let message: { type?: unknown; data?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'members' && Array.isArray(message.data)) {
      const members = message.data.filter(isMember).slice(0, 500);
      ctx.deskMembers ??= new Map();
      const list = members.map(({ name, role, connected, note }) => ({ name, role, connected, note: note ?? null }));
      if (JSON.stringify(ctx.deskMembers.get(caseId)) !== JSON.stringify(list)) {
        ctx.deskMembers.set(caseId, list);
        deskChanged(ctx);
      }
      try {
        rememberKeys(members);
      } catch (err) {
        void finish(err);
      }
      return;
    }
    if (message.type !== 'snapshot' || typeof message.data !== 'string') return;
    try {
      applyIncoming();
      pickUpLocal();
      const before = waiting;
      waiting = call(ctx, 'sync.acknowledge', { caseId, snapshot: message.data }).waiting ?? 0;
      if (waiting !== before) deskChanged(ctx);
    } catch (err) {
      void finish(err);
      return;
    }
    setState(waiting === 0 ? 'synced' : 'syncing');
    if (waiting > 0) setTimeout(askForAck, 100);
    else
      void carry().then(() => {
        if (options.once) notesThenFinish();
      });
  });
  provider.on('authenticationFailed', () => refuse(`The sync server at ${shared.serverUrl} no longer lets ${shared.member} into this case: ask the desk for a new invitation.`));
  provider.on('close', ({ event }: { event: { code?: number; reason?: string } }) => {
    if (finished) return;
    if (event.code === SYNC_CLOSE.removed || event.code === SYNC_CLOSE.unauthorized) return refuse(`${shared.member} was removed from this case on the sync server.`);
    if (event.code === SYNC_CLOSE.forbidden) return refuse(`The sync server refused a change: ${event.reason ?? 'not allowed for your role'}.`);
    setState('offline');
    // Who was here is not known while the server is out of reach.
    forgetMembers();
  });
  // A link that lost its server stays offline while the provider tries again (each try would
  // otherwise flash "connecting"): it is syncing again once the server answers ('synced').
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected' && !finished && states.get(caseId) !== 'refused') setState('offline');
  });

  return { done, stop: () => finish() };
}

function dispatchOrThrow(ctx: Context, name: 'sync.attach' | 'sync.join' | 'cases.get', input: Record<string, unknown>): unknown {
  const res = dispatch(ctx, name, input);
  if (!res.ok) throw new ApiError(res.error.code, res.error.message);
  return res.value;
}

/** `corroborate share`: the case goes to the server with the invitation, then is kept in step. */
export async function shareCase(ctx: Context, caseId: string, serverUrl: string, invitation: string, options: CaseSyncOptions = {}) {
  dispatchOrThrow(ctx, 'cases.get', { id: caseId });
  const joined = await redeemInvitation(serverUrl, invitation, caseId);
  dispatchOrThrow(ctx, 'sync.attach', { caseId, serverUrl: wsAddress(serverUrl), docName: joined.docName, member: joined.member, role: joined.role, credential: joined.credential });
  const { waiting } = await syncCase(ctx, caseId, { once: true, ...options }).done;
  return { caseId, docName: joined.docName, member: joined.member, role: joined.role, waiting };
}

/** `corroborate join`: the shared case comes into this library, then is kept in step. */
export async function joinCase(ctx: Context, serverUrl: string, invitation: string, options: CaseSyncOptions = {}) {
  const joined = await redeemInvitation(serverUrl, invitation);
  const update = await fetchDocument(serverUrl, joined.docName, joined.credential, options.timeoutMs);
  const { caseId } = dispatchOrThrow(ctx, 'sync.join', {
    serverUrl: wsAddress(serverUrl),
    docName: joined.docName,
    member: joined.member,
    role: joined.role,
    credential: joined.credential,
    update: b64(update),
  }) as { caseId: string };
  const { waiting } = await syncCase(ctx, caseId, { once: true, ...options }).done;
  return { caseId, docName: joined.docName, member: joined.member, role: joined.role, waiting };
}
