// Packets printed to PDF by Electron's own Chromium (webContents.printToPDF), so the desktop
// app needs no system browser. The packet's HTML is loaded in a hidden window of its own: its
// own in-memory session (nothing shared with the app's), sandboxed, JavaScript off, every
// request refused but the data: URL of the packet itself. core/export/pdf.ts neutralises the
// PDF's metadata afterwards, whichever engine printed it.

import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { PrintToPdf } from '../core/export/pdf.js';
import { ApiError } from '../core/errors.js';

/** A partition name without `persist:` lives in memory only and is dropped with the app. */
export const PDF_PARTITION = 'corroborate-pdf';

/** The packet's HTML as the one URL the print window may load. */
export const packetUrl = (html: string) => `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;

type Window = Pick<ElectronBrowserWindow, 'loadURL' | 'destroy'> & {
  webContents: Pick<ElectronBrowserWindow['webContents'], 'printToPDF'> & {
    session: { webRequest: { onBeforeRequest: (listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) => void } };
  };
};

const cancelled = () => new ApiError('CANCELLED', 'The export was cancelled: nothing was written.');

/** A PrintToPdf for core/export/pdf.ts's setPdfEngine, printing in a hidden window. */
export function electronPrintToPdf(BrowserWindow: new (options: BrowserWindowConstructorOptions) => Window): PrintToPdf {
  return async (html, signal) => {
    if (signal?.aborted) throw cancelled();
    const url = packetUrl(html);
    // The options written out here, not in a constant, so electronegativity (npm run
    // lint:electron) reads them: it checks each new BrowserWindow's literal.
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        partition: PDF_PARTITION,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    try {
      win.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
      await win.loadURL(url);
      if (signal?.aborted) throw cancelled();
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
      if (signal?.aborted) throw cancelled();
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  };
}
