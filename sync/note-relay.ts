// The door's relay for co-edited notes (docs/sync.md §1, §8): the editors on this machine (the
// pages `serve` shows, over a WebSocket with the door's session token; the app's window, over
// IPC: electron/coedit.ts) connect here, to their own door, never to the sync server. Each
// note's document here is bridged to the process's copy (sync/note-link.ts), which keeps the
// library and the sync server in step; cursors and names travel both ways between the editors
// and the desk. Hocuspocus on both sides: the editor's provider speaks to this relay exactly as
// the door's provider speaks to the sync server.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Document, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { onLibraryClosing } from '../core/session.js';
import { noteHub, type NoteHub } from './note-link.js';
import { Refusal } from './refusal.js';

/** The relay's path on the door: `ws://127.0.0.1:PORT/coedit`. */
export const RELAY_PATH = '/coedit';
/** A note's document on the relay: `note:<note id>` (the door knows which case it is in). */
export const RELAY_DOC = /^note:([0-9A-Za-z_-]{1,64})$/;

/** How long an editor may stay silent to a ping before its documents are closed (ms). */
export const RELAY_TIMEOUT_MS = 30_000;

/** Origin of what the bridge copies from one side to the other, so it is not copied back. */
const BRIDGE = Symbol('bridge');

export interface NoteRelayOptions {
  /** The door's session check for the token the page sends. */
  authorized: (token: string) => boolean;
  log?: (message: string) => void;
  /** How long an editor may stay silent to a ping before its documents are closed (ms; RELAY_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * What Hocuspocus uses of a connection's socket (ws's WebSocket): a door whose editors do not
 * come over a WebSocket (the app's window, over IPC) hands the relay this instead.
 */
export interface RelaySocket {
  readonly readyState: number;
  send(data: Uint8Array, done?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  /** Answered by a 'pong' event while the editor is there; without one, Hocuspocus closes the socket. */
  ping(): void;
  on(event: 'message' | 'close' | 'pong', listener: (...args: unknown[]) => void): this;
  once(event: 'close', listener: (...args: unknown[]) => void): this;
  removeListener(event: string, listener: (...args: unknown[]) => void): this;
  emit(event: 'message', data: Uint8Array): boolean;
}

export interface NoteRelay {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * An editor that did not come through HTTP: the door has checked where it comes from, and
   * `authorized` still judges the token it signs in with. `request` is what the door knows of
   * it (its origin, as a handshake's headers would say).
   */
  connect(socket: RelaySocket, request: IncomingMessage): void;
  close(): Promise<void>;
}

interface Changes {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Cursors and names between the editors' awareness (`door`) and the desk's (`desk`). What came
 * from the desk is dropped from the editors' side when the link goes; the editors' own states
 * are never sent back to them.
 */
function bridgeAwareness(door: Awareness, desk: Awareness, cursor?: (state: Record<string, unknown>, toDesk: boolean) => Record<string, unknown>): () => void {
  const ours = new Set<number>();
  // A note with a masked twin: the editors' positions are in its own document, the desk's in the twin.
  const moved = (from: Awareness, clients: number[], toDesk: boolean) => {
    if (!cursor) return undefined;
    const states = new Map<number, Record<string, unknown>>();
    for (const c of clients) {
      const state = from.getStates().get(c) as Record<string, unknown> | undefined;
      if (state) states.set(c, cursor(state, toDesk));
    }
    return states;
  };
  const toDesk = ({ added, updated, removed }: Changes, origin: unknown) => {
    if (origin === BRIDGE) return;
    for (const c of added) ours.add(c);
    const changed = [...added, ...updated, ...removed].filter((c) => c !== door.clientID);
    if (changed.length) applyAwarenessUpdate(desk, encodeAwarenessUpdate(door, changed, moved(door, changed, true)), BRIDGE);
    for (const c of removed) ours.delete(c);
  };
  const toDoor = ({ added, updated, removed }: Changes, origin: unknown) => {
    if (origin === BRIDGE) return;
    const changed = [...added, ...updated, ...removed].filter((c) => !ours.has(c) && c !== desk.clientID);
    if (changed.length) applyAwarenessUpdate(door, encodeAwarenessUpdate(desk, changed, moved(desk, changed, false)), BRIDGE);
  };
  door.on('update', toDesk);
  desk.on('update', toDoor);
  toDesk({ added: [...door.getStates().keys()], updated: [], removed: [] }, null);
  toDoor({ added: [...desk.getStates().keys()], updated: [], removed: [] }, null);
  return () => {
    door.off('update', toDesk);
    desk.off('update', toDoor);
    removeAwarenessStates(door, [...door.getStates().keys()].filter((c) => !ours.has(c) && c !== door.clientID), BRIDGE);
  };
}

/** The relay's document and the process's copy of the note, kept equal; returns the undoing. */
function bridge(document: Document, hub: NoteHub, noteId: string, gone: () => void): () => void {
  const note = hub.open(noteId);
  Y.applyUpdate(document, Y.encodeStateAsUpdate(note.doc), BRIDGE);
  const toHub = (u: Uint8Array, origin: unknown) => origin !== BRIDGE && Y.applyUpdate(note.doc, u, BRIDGE);
  const toDoor = (u: Uint8Array, origin: unknown) => origin !== BRIDGE && Y.applyUpdate(document, u, BRIDGE);
  document.on('update', toHub);
  note.doc.on('update', toDoor);
  let unbind: (() => void) | undefined;
  const rebind = () => {
    unbind?.();
    const twin = note.twin;
    unbind = note.upstream?.awareness ? bridgeAwareness(document.awareness, note.upstream.awareness, twin ? (state, toDesk) => twin.cursor(state, toDesk) : undefined) : undefined;
  };
  rebind();
  const closeInEditor = hub.editorOpened(noteId);
  // Let go by the process (no longer co-edited): the editors are disconnected, and reopen it whole.
  const unlisten = hub.onLinkChange((id) => id === noteId && (hub.holds(noteId) ? rebind() : gone()));
  return () => {
    closeInEditor();
    unlisten();
    unbind?.();
    document.off('update', toHub);
    note.doc.off('update', toDoor);
  };
}

export function startNoteRelay(ctx: Context, options: NoteRelayOptions): NoteRelay {
  const bridges = new Map<string, () => void>();
  const hooks: Extension = {
    async onAuthenticate({ token, documentName, connectionConfig }) {
      // Hocuspocus answers a thrown hook with "permission denied" and keeps the socket for other documents.
      if (!options.authorized(token)) throw new Refusal('This page is not signed in to the Corroborate server.');
      const noteId = RELAY_DOC.exec(documentName)?.[1];
      if (!noteId) throw new Refusal('Not a note.');
      const opened = dispatch(ctx, 'sync.noteOpen', { noteId });
      if (!opened.ok) throw new Refusal(opened.error.message);
      connectionConfig.readOnly = !opened.value.writable;
      return { noteId };
    },
    async onLoadDocument({ document, documentName }) {
      const noteId = RELAY_DOC.exec(documentName)![1]!;
      bridges.get(documentName)?.();
      bridges.set(
        documentName,
        bridge(document, noteHub(ctx), noteId, () => {
          bridges.get(documentName)?.();
          bridges.delete(documentName);
          hocuspocus.closeConnections(documentName);
        }),
      );
    },
    async afterUnloadDocument({ documentName }) {
      bridges.get(documentName)?.();
      bridges.delete(documentName);
    },
  };
  const hocuspocus = new Hocuspocus({ quiet: true, extensions: [hooks], timeout: options.timeoutMs ?? RELAY_TIMEOUT_MS, unloadImmediately: true });
  // A note is at most 5 MB of editor JSON; its document is of that order.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  const others = new Set<RelaySocket>();
  const letGo = () => {
    hocuspocus.closeConnections();
    for (const undo of bridges.values()) undo();
    bridges.clear();
  };
  // The notes open in the editors belong to the library that closes: the editors reconnect to the next one.
  const unhook = onLibraryClosing(ctx, letGo);
  sockets.on('connection', (ws, request: IncomingMessage) => {
    ws.on('error', (err) => options.log?.(`A note editor's connection failed: ${err.message}`));
    hocuspocus.handleConnection(ws, request);
  });
  return {
    handleUpgrade(request, socket, head) {
      sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
    },
    connect(socket, request) {
      others.add(socket);
      socket.once('close', () => others.delete(socket));
      // Hocuspocus types its socket as ws's; it uses no more of it than RelaySocket says.
      hocuspocus.handleConnection(socket as unknown as WebSocket, request);
    },
    async close() {
      unhook();
      letGo();
      for (const client of sockets.clients) client.terminate();
      for (const other of [...others]) other.close(1001, 'Corroborate is closing.');
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
