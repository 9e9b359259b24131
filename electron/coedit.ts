// The app window's way to its co-edited notes (docs/sync.md §8): the editor's Hocuspocus provider
// speaks to the door's relay (sync/note-relay.ts, the one `serve` runs) over IPC instead of a
// WebSocket. Nothing listens on a port: no other process or user on the machine, and no web page
// in a browser, can reach the relay, so there is no token to hand the page and no CSP to widen.
// Every message is checked as the API's are: it must come from our own app:// page, on a socket
// that page opened. Kept apart from main.ts, with Electron's types only, so plain-Node tests run
// it against the real relay.

import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { Context } from '../core/context.js';
import type { Envelope } from '../core/errors.js';
import { RELAY_TIMEOUT_MS, startNoteRelay, type NoteRelay, type RelaySocket } from '../sync/note-relay.js';
import { APP_ORIGIN, isTrustedSender } from './origin.js';

/** The page → main channels (the preload's `coedit` object) and the one main → page channel. */
export const COEDIT_CHANNELS = { open: 'coedit:open', send: 'coedit:send', close: 'coedit:close', pong: 'coedit:pong', down: 'coedit' } as const;

/**
 * A window's editor holds one socket per note it shows (one at a time; the next may open while
 * the last closes). More than this is a page gone wrong, not a reporter's work.
 */
export const MAX_SOCKETS_PER_WINDOW = 8;
/** The relay's WebSocket takes messages of up to 32 MB (sync/note-relay.ts); the same here. */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

const OPEN = 1;
const CLOSED = 3;

/** What the door needs of a window's web contents (Electron's WebContents is one). */
export interface WindowContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
}
type Ipc = Pick<IpcMain, 'handle' | 'on' | 'removeHandler' | 'removeAllListeners'>;
type Sent = Pick<IpcMainEvent | IpcMainInvokeEvent, 'senderFrame'> & { sender: WindowContents };

/**
 * One editor's socket, seen from the relay as ws's WebSocket is (RelaySocket). Sending is posting
 * to the window; a ping is asked of the window's socket, which answers on `coedit:pong`. A page
 * reloaded or gone does not answer: Hocuspocus then closes its documents, and the socket closes
 * itself (a WebSocket's would end with its TCP connection; nothing ends an IPC one).
 */
class WindowSocket extends EventEmitter implements RelaySocket {
  readyState = OPEN;
  private unanswered: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: string,
    readonly contents: WindowContents,
    private readonly timeoutMs: number,
    private readonly forget: (socket: WindowSocket) => void,
  ) {
    super();
  }

  /** The window's socket answered the last ping. */
  answered(): void {
    if (this.unanswered) clearTimeout(this.unanswered);
    this.unanswered = null;
    this.emit('pong');
  }

  private post(kind: 'message' | 'ping' | 'close', ...args: unknown[]): boolean {
    if (this.contents.isDestroyed()) return false;
    this.contents.send(COEDIT_CHANNELS.down, this.id, kind, ...args);
    return true;
  }

  send(data: Uint8Array, done?: (error?: Error) => void): void {
    const posted = this.readyState === OPEN && this.post('message', data);
    done?.(posted ? undefined : new Error('The window is gone.'));
  }

  ping(): void {
    if (this.readyState !== OPEN || this.unanswered) return;
    this.unanswered = setTimeout(() => this.close(4408, 'The window stopped answering.'), this.timeoutMs);
    this.unanswered.unref?.();
    this.post('ping');
  }

  /** Closed by the relay (told to the window), or by the window (`fromWindow`: not told back). */
  close(code = 1000, reason = '', fromWindow = false): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    if (this.unanswered) clearTimeout(this.unanswered);
    if (!fromWindow) this.post('close', code, reason);
    this.forget(this);
    this.emit('close', code, Buffer.from(reason));
    this.removeAllListeners();
  }
}

export interface WindowRelay {
  readonly relay: NoteRelay;
  /** The ids of a window's sockets open now. */
  sockets(contents: WindowContents): string[];
  close(): Promise<void>;
}

/** What the relay is told of a window's connection: where it comes from, as a browser's handshake would. */
const WINDOW_REQUEST = { url: '/coedit', method: 'GET', headers: { origin: APP_ORIGIN } } as unknown as IncomingMessage;

export interface CoeditOptions {
  /** Hears what a window sent that the door refused (never its content). */
  log?: (message: string) => void;
  /** A link whose page does not answer a ping this long is closed (ms; the relay's 30 s). */
  timeoutMs?: number;
}

/** Starts the relay for the app's window and binds its IPC channels. */
export function bindCoedit(ctx: Context, ipc: Ipc, options: CoeditOptions = {}): WindowRelay {
  const log = options.log ?? (() => {});
  // No port, no token: a connection exists only because our own page opened it over IPC
  // (checked below on every message), so the relay has no token to check.
  const timeoutMs = options.timeoutMs ?? RELAY_TIMEOUT_MS;
  const relay = startNoteRelay(ctx, { authorized: () => true, log, timeoutMs });
  const sockets = new Map<string, WindowSocket>();
  const watched = new WeakSet<WindowContents>();
  let next = 0;

  const ofWindow = (contents: WindowContents) => [...sockets.values()].filter((s) => s.contents === contents);
  const closeWindow = (contents: WindowContents) => {
    for (const s of ofWindow(contents)) s.close(1001, 'The window closed.', true);
  };
  /** The window's own open socket named `id`, or undefined (another window's, closed, not a name). */
  const own = (event: Sent, id: unknown): WindowSocket | undefined => {
    if (!isTrustedSender(event) || typeof id !== 'string') return undefined;
    const socket = sockets.get(id);
    return socket?.contents === event.sender ? socket : undefined;
  };

  ipc.handle(COEDIT_CHANNELS.open, (event: Sent): Envelope<string> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only Corroborate’s own window may open a note for co-editing.' } };
    }
    const contents = event.sender;
    if (ofWindow(contents).length >= MAX_SOCKETS_PER_WINDOW) {
      return { ok: false, error: { code: 'BUSY', message: `This window has ${MAX_SOCKETS_PER_WINDOW} co-editing links open already; close a note and try again.` } };
    }
    if (!watched.has(contents)) {
      watched.add(contents);
      // The page goes (closed, crashed, reloaded): its sockets go with it, and its carets with them.
      contents.once('destroyed', () => closeWindow(contents));
      contents.on('render-process-gone', () => closeWindow(contents));
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) closeWindow(contents);
      });
    }
    const id = `w${contents.id}s${++next}`;
    const socket = new WindowSocket(id, contents, timeoutMs, (s) => sockets.delete(s.id));
    sockets.set(id, socket);
    relay.connect(socket, WINDOW_REQUEST);
    return { ok: true, value: id };
  });

  ipc.on(COEDIT_CHANNELS.send, (event: Sent, id: unknown, data: unknown) => {
    const socket = own(event, id);
    if (!socket) return;
    if (!(data instanceof Uint8Array) || data.byteLength === 0 || data.byteLength > MAX_MESSAGE_BYTES) {
      // Not what a provider sends: the connection is reset, as the relay does with a bad message.
      log('A note editor sent something that is not a co-editing message; its link was reset.');
      socket.close(1003, 'Not a co-editing message.');
      return;
    }
    socket.emit('message', data);
  });

  ipc.on(COEDIT_CHANNELS.pong, (event: Sent, id: unknown) => own(event, id)?.answered());
  ipc.on(COEDIT_CHANNELS.close, (event: Sent, id: unknown) => own(event, id)?.close(1000, '', true));

  return {
    relay,
    sockets: (contents) => ofWindow(contents).map((s) => s.id),
    async close() {
      for (const channel of [COEDIT_CHANNELS.send, COEDIT_CHANNELS.pong, COEDIT_CHANNELS.close]) ipc.removeAllListeners(channel);
      ipc.removeHandler(COEDIT_CHANNELS.open);
      await relay.close();
    },
  };
}
