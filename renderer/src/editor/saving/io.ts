// The saver's way to the library. A save made while the page is going away (closing, reloading)
// must outlive the page: over HTTP that takes `keepalive`, which the shared client does not set,
// and which browsers cap at 64 KiB of body; a larger note goes out as an ordinary call (sent,
// though its answer may never be read). Inside Electron the IPC message leaves at once.

import type { Note } from '../../../../db/types';
import type { Envelope } from '../../../../core/errors';
import { api, ApiCallError, messageOf } from '../../api';
import { storedToken } from '../../token';
import type { SaverIO } from './NoteSaver';

const KEEPALIVE_LIMIT = 60 * 1024;

type UpdateInput = Parameters<SaverIO['update']>[0];

async function updateWithKeepalive(input: UpdateInput): Promise<Note> {
  const response = await fetch('/api/notes.update', {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${storedToken() ?? ''}` },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as Envelope<Note>;
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.value;
}

export const libraryIO: SaverIO = {
  update: (input, exiting) => {
    const overHttp = !window.corroborate;
    if (exiting && overHttp && new Blob([JSON.stringify(input)]).size < KEEPALIVE_LIMIT) return updateWithKeepalive(input);
    return api.invoke('notes.update', input) as Promise<Note>;
  },
  get: (id) => api.invoke('notes.get', { id }) as Promise<Note>,
  codeOf: (err) => (err instanceof ApiCallError ? err.code : undefined),
  messageOf,
};
