// The one IPC channel. Every call names an API method; the dispatcher validates and runs it.

import { ipcMain } from 'electron';
import type { Context } from '../core/context.js';
import { dispatchAsync } from '../core/dispatcher.js';
import type { Envelope } from '../core/errors.js';
import { isTrustedSender } from './origin.js';

export const API_CHANNEL = 'api';

/** Told of each answered call, so the window can follow it (the theme, a lock). */
export type Answered = (name: string, envelope: Envelope<unknown>) => void;

export function bindApi(ctx: Context, answered?: Answered): void {
  ipcMain.handle(API_CHANNEL, async (event, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only Corroborate’s own window may use its data.' } };
    }
    const envelope = await dispatchAsync(ctx, String(name), input);
    answered?.(String(name), envelope);
    return envelope;
  });
}
