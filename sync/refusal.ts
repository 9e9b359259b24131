// How our Hocuspocus hooks refuse (a page or member not let in, a change not allowed) without
// noise: Hocuspocus prints the message of any Error a hook throws to stderr (`[onAuthenticate] …`),
// once for every refused page, so a refusal carries no message. What the other side is told
// travels as `reason` (and `code` where the connection is closed), which Hocuspocus reads itself.

import { SYNC_CLOSE } from './protocol.js';

export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly code: number = SYNC_CLOSE.forbidden,
  ) {
    super('');
    this.name = 'Refusal';
  }
}
