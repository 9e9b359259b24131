import { describe, expect, it } from 'vitest';
import { ApiError } from '../core/errors.js';
import { electronPrintToPdf, packetUrl } from './pdf.js';

/** A stand-in BrowserWindow recording what the print function asks of it. */
function standIn() {
  const seen = { options: [] as unknown[], loaded: [] as string[], destroyed: 0, filter: undefined as ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined, printed: 0 };
  class Win {
    constructor(options: unknown) {
      seen.options.push(options);
    }
    webContents = {
      printToPDF: async () => {
        seen.printed++;
        return Buffer.from('%PDF-1.7 stand-in');
      },
      session: { webRequest: { onBeforeRequest: (f: typeof seen.filter) => void (seen.filter = f) } },
    };
    loadURL = async (url: string) => void seen.loaded.push(url);
    destroy = () => void seen.destroyed++;
  }
  return { seen, Win: Win as unknown as Parameters<typeof electronPrintToPdf>[0] };
}

describe('printing packets with Electron', () => {
  it('prints in a hidden, sandboxed window of its own, JavaScript off, and closes it', async () => {
    const { seen, Win } = standIn();
    const pdf = await electronPrintToPdf(Win)('<p>packet</p>');
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 stand-in');
    expect(seen.options).toHaveLength(1);
    const options = seen.options[0] as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' } });
    expect(options.webPreferences.partition).not.toMatch(/^persist:/);
    expect(seen.loaded).toEqual([packetUrl('<p>packet</p>')]);
    expect(Buffer.from(seen.loaded[0]!.split(',')[1]!, 'base64').toString()).toBe('<p>packet</p>');
    expect(seen.destroyed).toBe(1);
  });

  it('refuses every request but the packet itself (no image, font or page from the network)', async () => {
    const { seen, Win } = standIn();
    await electronPrintToPdf(Win)('<img src="https://example.com/x.png">');
    const answer = (url: string) => {
      let cancel: boolean | undefined;
      seen.filter!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(answer(seen.loaded[0]!)).toBe(false);
    expect(answer('https://example.com/x.png')).toBe(true);
    expect(answer('file:///etc/passwd')).toBe(true);
    expect(answer('data:text/html,<p>other</p>')).toBe(true);
  });

  it('stops when cancelled, and closes the window all the same', async () => {
    const { seen, Win } = standIn();
    const controller = new AbortController();
    controller.abort();
    await expect(electronPrintToPdf(Win)('<p>x</p>', controller.signal)).rejects.toBeInstanceOf(ApiError);
    expect(seen.printed).toBe(0);
    const late = new AbortController();
    const print = electronPrintToPdf(Win)('<p>x</p>', late.signal);
    late.abort();
    await expect(print).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.destroyed).toBe(seen.options.length);
  });
});
