// Closing a provider's socket from Node. Hocuspocus takes its listeners off the socket before it
// closes it, and ws (Node's WebSocket) reports closing one still connecting as an 'error' event:
// with nobody listening, that error would bring the process down. It is heard here instead.

import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export function destroySocket(socket: HocuspocusProviderWebsocket): void {
  (socket.webSocket as { on?: (event: string, listener: () => void) => void } | null)?.on?.('error', () => {});
  socket.destroy();
}
