// The packet as PDF, printed from its HTML by a Chromium the door provides: Electron's
// webContents.printToPDF in the app (set through setPdfEngine), else the system Chromium through
// playwright-core. The document information is then neutralised: no Author, no XMP, and
// Creator / Producer say only "Corroborate", whatever the engine wrote.

import { accessSync, constants } from 'node:fs';
import { devOverride } from '../../db/dev-overrides.js';
import { ApiError } from '../errors.js';
import { cleanPdf } from './originals/pdf.js';

export type PrintToPdf = (html: string, signal?: AbortSignal) => Promise<Uint8Array>;

let engine: PrintToPdf | undefined;

/** A door with its own Chromium (Electron) prints with it; the default is the system Chromium. */
export function setPdfEngine(print: PrintToPdf | undefined): void {
  engine = print;
}

/** The Chromium to print with: $PLAYWRIGHT_CHROMIUM_PATH when set (and only it), else the system's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = devOverride('PLAYWRIGHT_CHROMIUM_PATH', env);
  const candidates = chosen ? [chosen] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const NO_ENGINE =
  'PDF export needs Chromium, and none is installed here. Install it (Debian/Ubuntu: sudo apt install chromium), or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome binary; the other formats work without it.';

/** Prints HTML with the system Chromium, scripts off, nothing fetched from outside. */
export const systemChromiumPrint: PrintToPdf = async (html, signal) => {
  const executablePath = chromiumPath();
  if (!executablePath) throw new ApiError('NO_PDF_ENGINE', NO_ENGINE);
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: ['--disable-background-networking', '--no-first-run'] });
  } catch {
    throw new ApiError('NO_PDF_ENGINE', `Chromium at ${executablePath} could not be started, so no PDF was made. ${NO_ENGINE}`);
  }
  const abort = () => void browser.close();
  signal?.addEventListener('abort', abort);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    const address = 'https://packet.invalid/';
    // Only the packet itself is served; anything else it might ask for is refused.
    await page.route('**/*', (route) => (route.request().url() === address ? route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }) : route.abort()));
    await page.goto(address);
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
  } catch (err) {
    if (signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled: no PDF was made.');
    throw err;
  } finally {
    signal?.removeEventListener('abort', abort);
    await browser.close().catch(() => {});
  }
};

/**
 * The packet's PDF as Corroborate's alone: rewritten by the same code that cleans original PDFs,
 * so no Author, no XMP packet, and Creator and Producer say "Corroborate" whatever the engine
 * (Chromium, Electron) wrote there.
 */
export async function neutraliseMetadata(pdf: Uint8Array): Promise<Buffer> {
  return (await cleanPdf(Buffer.from(pdf), 'Corroborate')).bytes;
}

export async function renderPdf(html: string, signal?: AbortSignal): Promise<Buffer> {
  const print = engine ?? systemChromiumPrint;
  return neutraliseMetadata(await print(html, signal));
}
