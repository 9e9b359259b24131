// Node's WebSocket (ws) for the providers. Hocuspocus takes its listeners off a socket before it
// closes it (on a retry, on destroy), and ws reports closing one still connecting as an 'error'
// event: with nobody listening, that error would bring the process down. Every socket made here
// has a listener of its own; Hocuspocus still hears every error through its own.

import WebSocket from 'ws';

export class DeskWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols);
    this.on('error', () => {});
  }
}
