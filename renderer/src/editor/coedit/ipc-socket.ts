// In the app's window, the co-editing provider's "WebSocket" is a link over the preload's
// `coedit` bridge to the relay in the main process (electron/coedit.ts; docs/sync.md §8). This
// class is what Hocuspocus's provider is given as its WebSocket: it behaves as a browser's does
// as far as the provider can tell (readyState, open/message/close/error events, binary messages
// as ArrayBuffers), so the provider, its reconnecting and its offline queue are the same as in
// a page `serve` shows.

/** What the preload exposes for co-editing (electron/preload.cts), beside `invoke`. */
export interface CoeditBridge {
  /** Opens a link to the relay: its id, or the reason it was refused. */
  open(): Promise<{ ok: true; value: string } | { ok: false; error: { code: string; message: string } }>;
  send(id: string, data: Uint8Array): void;
  close(id: string): void;
  pong(id: string): void;
  /** Everything the relay sends this window, for every link; returns the unsubscribing. */
  listen(receive: (id: string, kind: string, data?: unknown, reason?: unknown) => void): () => void;
}

/** What the provider is told of a link's end, as a browser's CloseEvent says it. */
class LinkClosed extends Event {
  readonly wasClean: boolean;
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super('close');
    this.wasClean = code === 1000;
  }
}

class LinkMessage extends Event {
  constructor(readonly data: ArrayBuffer) {
    super('message');
  }
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** Copied into an ArrayBuffer of its own: what a WebSocket with binaryType 'arraybuffer' delivers. */
const arrayBuffer = (u: Uint8Array): ArrayBuffer => u.slice().buffer;

export type IpcSocketClass = new (url: string) => EventTarget & { readyState: number; send(data: Uint8Array): void; close(code?: number, reason?: string): void };

/** A WebSocket class whose sockets run over `bridge`; one listener on the bridge serves them all. */
export function ipcSocketClass(bridge: CoeditBridge): IpcSocketClass {
  const open = new Map<string, IpcSocket>();
  // Sockets not yet closed, opening ones included: the bridge is listened to while there is one.
  const live = new Set<IpcSocket>();
  let unlisten: (() => void) | null = null;
  const receive = (id: string, kind: string, data?: unknown, reason?: unknown) => {
    const socket = open.get(id);
    if (!socket) return;
    if (kind === 'message' && data instanceof Uint8Array) socket.dispatchEvent(new LinkMessage(arrayBuffer(data)));
    else if (kind === 'ping') bridge.pong(id);
    else if (kind === 'close') socket.ended(typeof data === 'number' ? data : 1006, typeof reason === 'string' ? reason : '');
  };

  class IpcSocket extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readyState = CONNECTING;
    binaryType = 'arraybuffer';
    private id: string | null = null;

    constructor(readonly url: string) {
      super();
      live.add(this);
      unlisten ??= bridge.listen(receive);
      bridge.open().then(
        (answer) => {
          if (!answer.ok) return this.failed(answer.error.message);
          if (this.readyState !== CONNECTING) return bridge.close(answer.value);
          this.id = answer.value;
          open.set(answer.value, this);
          this.readyState = OPEN;
          this.dispatchEvent(new Event('open'));
        },
        (err: unknown) => this.failed(err instanceof Error ? err.message : String(err)),
      );
    }

    send(data: Uint8Array): void {
      if (this.readyState !== OPEN || this.id === null) throw new Error('The co-editing link is not open.');
      bridge.send(this.id, data);
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState === CLOSED || this.readyState === CLOSING) return;
      if (this.id !== null) bridge.close(this.id);
      this.ended(code, reason);
    }

    /** The link ended, from either side: told once. */
    ended(code: number, reason: string): void {
      if (this.readyState === CLOSED) return;
      this.readyState = CLOSED;
      if (this.id !== null) open.delete(this.id);
      live.delete(this);
      this.dispatchEvent(new LinkClosed(code, reason));
      if (live.size === 0 && unlisten) {
        unlisten();
        unlisten = null;
      }
    }

    private failed(message: string): void {
      if (this.readyState === CLOSED) return;
      this.dispatchEvent(Object.assign(new Event('error'), { message }));
      this.ended(1006, message);
    }
  }
  return IpcSocket;
}
