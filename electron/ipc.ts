// The one IPC channel. Every call names an API method; the dispatcher validates and runs it.

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import type { Envelope } from '../core/errors.js';

export const API_CHANNEL = 'api';
export const APP_ORIGIN = 'app://corroborate';

/** Only our own page, loaded from app://, may call the API; a frame from anywhere else may not. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function bindApi(ctx: Context): void {
  ipcMain.handle(API_CHANNEL, (event, name: unknown, input: unknown): Envelope<unknown> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only Corroborate’s own window may use its data.' } };
    }
    return dispatch(ctx, String(name), input);
  });
}
