import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

/** Serious and critical WCAG 2.x A/AA violations on the page as it stands, in readable form. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.use({ demo: true });
// axe reads the whole page at each step; on a slow machine six passes take a while.
test.describe.configure({ timeout: 60_000 });

test('the claims view, a claim, its forms and the sources view have no serious accessibility violations', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('list', { name: 'Claims' });
  await expect(claims.getByRole('listitem').first()).toBeVisible();
  expect(await seriousViolations(page), 'claims view').toEqual([]);

  await claims.getByRole('button').first().click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('region', { name: /Linked claims/ })).toBeVisible();
  expect(await seriousViolations(page), 'claim detail').toEqual([]);

  await detail.getByRole('button', { name: 'Change status' }).click();
  await expect(detail.getByRole('form', { name: 'Change status' })).toBeVisible();
  expect(await seriousViolations(page), 'change status form').toEqual([]);

  await detail.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('form', { name: 'Edit claim' })).toBeVisible();
  expect(await seriousViolations(page), 'claim form').toEqual([]);
  await screenshot(page, 'claim-edit-form');

  const nav = page.getByRole('navigation', { name: 'Case file' });
  await nav.getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('list', { name: 'Sources' }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Source details' }).getByRole('heading', { level: 2 })).toBeVisible();
  expect(await seriousViolations(page), 'sources view').toEqual([]);

  await nav.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('dialog', { name: 'New case' })).toBeVisible();
  expect(await seriousViolations(page), 'new case dialog').toEqual([]);
});

test('the claims list and a claim can be worked from the keyboard alone', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('list', { name: 'Claims' });
  const rows = claims.getByRole('button');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText((await rows.nth(1).locator('.row-title').textContent()) ?? '');

  // The confirmation dialog takes focus, and Escape closes it without deleting anything.
  await detail.getByRole('button', { name: 'Move to trash' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Move this claim to the trash?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'confirm-trash');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(claims.getByRole('listitem')).toHaveCount(16);
});
