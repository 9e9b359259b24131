// The editor's link to its own door for a co-edited note (docs/sync.md §1, §8): Hocuspocus's
// provider on a WebSocket to `serve` itself (same origin, signed in with the page's token) or, in
// the app's window, over the preload's IPC bridge to the main process; never to the sync server:
// the member's credential stays in the door, which relays the note to the desk.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Provider } from '@lexical/yjs';
import type * as Y from 'yjs';
import { storedToken } from '../../token';
import { ipcSocketClass } from './ipc-socket';

export interface RelayLink {
  /** What Lexical's CollaborationPlugin drives (connect, disconnect, awareness, 'sync'). */
  provider: Provider;
  hocuspocus: HocuspocusProvider;
}

/** Whether this page's door has a relay: `serve` has; the app's window has when its preload gives the bridge. */
export function relayReachable(): boolean {
  return !window.corroborate || window.corroborate.coedit !== undefined;
}

/** The door's relay: in the app, its main process (the URL only names it); else where this page came from. */
function relayAt(): { url: string; WebSocketPolyfill?: unknown } {
  const bridge = window.corroborate?.coedit;
  if (bridge) return { url: 'ipc://corroborate/coedit', WebSocketPolyfill: ipcSocketClass(bridge) };
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: `${scheme}//${window.location.host}/coedit` };
}

export function relayLink(noteId: string, doc: Y.Doc): RelayLink {
  const socket = new HocuspocusProviderWebsocket({ ...relayAt(), autoConnect: false, delay: 250, minDelay: 100, maxDelay: 2000 });
  const hocuspocus = new HocuspocusProvider({ websocketProvider: socket, name: `note:${noteId}`, document: doc, token: storedToken() ?? '' });
  hocuspocus.attach();
  // Lexical listens for 'sync' with a boolean (y-websocket's event); Hocuspocus says 'synced' {state}.
  const onSync = new Map<(synced: boolean) => void, (e: { state: boolean }) => void>();
  const provider = {
    awareness: hocuspocus.awareness!,
    connect: () => socket.connect(),
    disconnect: () => socket.disconnect(),
    on: (type: string, cb: (arg: never) => void) => {
      if (type !== 'sync') return void hocuspocus.on(type, cb);
      const forward = ({ state }: { state: boolean }) => (cb as (synced: boolean) => void)(state);
      onSync.set(cb as (synced: boolean) => void, forward);
      hocuspocus.on('synced', forward);
    },
    off: (type: string, cb: (arg: never) => void) => {
      if (type !== 'sync') return void hocuspocus.off(type, cb);
      const forward = onSync.get(cb as (synced: boolean) => void);
      if (forward) hocuspocus.off('synced', forward);
      onSync.delete(cb as (synced: boolean) => void);
    },
  };
  return { provider: provider as unknown as Provider, hocuspocus };
}
