// The panic lock: one shortcut and nothing of the case is left on screen or in the page; Unlock
// reads the workspace again from the library.

import { AxeBuilder } from '@axe-core/playwright';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

const DUTIES = 'Duties for chemical sellers to know who their customers are';

test('Ctrl+Shift+L hides every trace of the case, even from a field; Unlock brings the workspace back', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option', { name: new RegExp(DUTIES) }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(DUTIES);

  // A search typed and answered: the focus is in its box when the keys are pressed.
  await page.keyboard.press('/');
  const box = page.locator('#search-box');
  await expect(box).toBeFocused();
  await box.fill('fentanyl');
  await expect(page.getByText(/fentanyl/i).nth(1)).toBeVisible();
  const caseName = await page.locator('.sidebar').innerText();
  expect(await page.locator('body').innerText()).toContain('fentanyl');

  await page.keyboard.press('Control+Shift+L');
  const lock = page.getByRole('main', { name: 'Corroborate is locked' });
  await expect(lock).toBeVisible();
  await expect(lock.getByRole('button', { name: 'Unlock' })).toBeFocused();

  // Nothing of the case in the text, the markup (labels, titles, values) or the window title.
  const text = await page.locator('body').innerText();
  const html = await page.locator('body').innerHTML();
  for (const secret of [DUTIES, 'fentanyl', 'Fentanyl', 'precursor']) {
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
  await expect(page.locator('#search-box')).toHaveValue('');
  await page.keyboard.press('1');
  await expect(claims.getByRole('option', { name: new RegExp(DUTIES) })).toBeVisible();
  await screenshot(page, 'panic-lock-unlocked');
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
