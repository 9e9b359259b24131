// Helpers for the import, reader and search specs: files as the page's own File objects (for a
// drop), a selection made in the reader by the words it should cover, and axe's verdict.

import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { call } from './api.js';
import type { Server } from './fixtures.js';

export interface FileSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const textFile = (name: string, text: string, mimeType = 'text/plain'): FileSpec => ({ name, mimeType, buffer: Buffer.from(text, 'utf8') });

/** Serious and critical WCAG 2.x A/AA violations on the page as it stands, in readable form. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A new empty case, open in the app's Documents view. */
export async function openEmptyCase(page: Page, server: Server, title = 'Port inspections'): Promise<string> {
  const created = await call(server, 'cases.create', { title });
  await page.goto(server.url);
  const sidebar = page.getByRole('navigation', { name: 'Case file' });
  await sidebar.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await sidebar.getByRole('button', { name: 'Documents', exact: true }).click();
  await page.getByRole('button', { name: 'Import files…' }).waitFor();
  return created.id;
}

/** Drops files on an element as a file manager would: dragenter, dragover, drop, with a DataTransfer. */
export async function dropFiles(page: Page, target: Locator, files: FileSpec[]): Promise<void> {
  const transfer = await page.evaluateHandle(
    (specs) => {
      const dt = new DataTransfer();
      for (const f of specs) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') })),
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: transfer });
}

/**
 * Selects, in the reader, the `occurrence`th appearance of `words` in the document's text (which
 * may run over several paragraphs and marked passages), as a drag of the mouse would.
 */
export async function selectInReader(page: Page, words: string, occurrence = 0): Promise<void> {
  await page.evaluate(
    ({ words, occurrence }) => {
      const reader = document.querySelector('.reader');
      if (!reader) throw new Error('no reader on the page');
      const runs = [...reader.querySelectorAll<HTMLElement>('[data-at]')];
      const text = runs.map((r) => r.textContent ?? '').join('');
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
      if (at < 0) throw new Error(`“${words}” is not in the reader`);
      const point = (offset: number): [Node, number] => {
        let seen = 0;
        for (const r of runs) {
          const length = (r.textContent ?? '').length;
          if (offset <= seen + length && r.firstChild) return [r.firstChild, offset - seen];
          seen += length;
        }
        throw new Error('offset beyond the text');
      };
      const range = document.createRange();
      range.setStart(...point(at));
      range.setEnd(...point(at + words.length));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { words, occurrence },
  );
}
