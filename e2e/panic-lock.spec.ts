// The panic lock: one shortcut and nothing of the case is left on screen or in the page; Unlock
// reads the workspace again from the library.

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

const DUTIES = 'Duties for chemical sellers to know who their customers are';

/** Which of `needles` are in a string anywhere in the page's JavaScript heap, after a full GC. */
async function inHeap(page: Page, needles: string[]): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = chunks.join('');
    return needles.filter((n) => snapshot.includes(n));
  } finally {
    await cdp.detach();
  }
}

test('Ctrl+Shift+L hides every trace of the case, even from a field; Unlock brings the workspace back', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await expect(claims).toBeVisible();

  // A search typed and answered, then left: the search view remembers it.
  await page.keyboard.press('/');
  const box = page.locator('#search-box');
  await expect(box).toBeFocused();
  await box.fill('fentanyl');
  await expect(page.getByText(/fentanyl/i).nth(1)).toBeVisible();
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Claims', exact: true }).click();

  // A claim open, its words and its source's name in the page's memory.
  await claims.getByRole('option', { name: new RegExp(DUTIES) }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(DUTIES);
  const caseName = await page.locator('.sidebar').innerText();
  const secrets = ['customers are have no history in China', 'Felbab-Brown'];
  expect(await inHeap(page, secrets)).toEqual(secrets);

  // The keys are pressed while typing in a field.
  const filter = page.getByPlaceholder('Filter claims…');
  await filter.click();
  await expect(filter).toBeFocused();
  await page.keyboard.press('Control+Shift+L');
  const lock = page.getByRole('main', { name: 'Corroborate is locked' });
  await expect(lock).toBeVisible();
  await expect(lock.getByRole('button', { name: 'Unlock' })).toBeFocused();

  // Nothing of the case in the text, the markup (labels, titles, values) or the window title.
  const text = await page.locator('body').innerText();
  const html = await page.locator('body').innerHTML();
  for (const secret of [DUTIES, 'Felbab', 'fentanyl', 'Fentanyl', 'precursor']) {
    expect(text).not.toContain(secret);
    expect(html).not.toContain(secret);
  }
  for (const line of caseName.split('\n').filter((l) => l.length > 12)) expect(text).not.toContain(line);
  expect(text.trim().split('\n').filter(Boolean)).toEqual([
    'Corroborate is locked',
    'Nothing of your cases is shown or kept in this window. Unlock to read them again from your library.',
    'Unlock',
  ]);
  expect(await page.title()).toBe('Corroborate');
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  // And not in its memory: every string read from the library is gone once garbage is collected.
  expect(await inHeap(page, secrets)).toEqual([]);
  await screenshot(page, 'panic-lock');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Other keys do nothing while locked: no shortcut reaches a view.
  await page.keyboard.press('/');
  await page.keyboard.press('Control+K');
  await expect(page.locator('#search-box')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Unlock (Enter on the focused button): the case and its view come back, read again from the
  // library; the search typed before the lock was forgotten.
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();
  await expect(claims.getByRole('option', { name: new RegExp(DUTIES) })).toBeVisible();
  await screenshot(page, 'panic-lock-unlocked');
  await page.keyboard.press('/');
  await expect(page.locator('#search-box')).toHaveValue('');
});

test('the lock is in the shortcuts list, locks from inside a dialog and from the desktop menu’s command', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list.getByText('Lock the window at once (panic lock); Unlock reads the case again')).toBeVisible();
  await expect(list.locator('.shortcut', { hasText: 'panic lock' }).locator('kbd')).toHaveText([/Ctrl|⌘/, 'Shift', 'L']);

  // It works from inside a modal dialog too: the dialog goes with the rest.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('main', { name: 'Corroborate is locked' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The desktop menu's Lock Now sends the page the 'lock' command.
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'lock' })));
  await expect(page.getByRole('main', { name: 'Corroborate is locked' })).toBeVisible();
});
