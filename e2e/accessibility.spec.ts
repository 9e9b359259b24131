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
// axe reads the whole page at each step; on a slow machine many passes take a while.
test.describe.configure({ timeout: 120_000 });

// Both themes: the dark one's colours are checked for contrast as the light one's are.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`every main screen, form and dialog has no serious accessibility violation (${colorScheme} theme)`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(server.url);
    await everyMainScreen(page, colorScheme);
  });
}

async function everyMainScreen(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Case file' });
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await expect(claims.getByRole('option').first()).toBeVisible();
  expect(await seriousViolations(page), 'claims view').toEqual([]);

  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await expect(page.getByLabel('Said from')).toBeVisible();
  expect(await seriousViolations(page), 'claims filters').toEqual([]);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();

  await claims.getByRole('option').first().click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('region', { name: /For and against/ })).toBeVisible();
  expect(await seriousViolations(page), 'claim detail').toEqual([]);

  await detail.getByRole('button', { name: 'Change status' }).click();
  await expect(detail.getByRole('form', { name: 'Change status' })).toBeVisible();
  await detail.getByRole('button', { name: 'Link evidence' }).click();
  await detail.getByRole('button', { name: 'Link a claim' }).click();
  await detail.getByRole('button', { name: 'Log a request' }).click();
  await expect(detail.getByRole('form', { name: 'Log a request for comment' })).toBeVisible();
  await detail.getByRole('form', { name: 'Link a claim' }).getByRole('combobox', { name: 'Claim' }).fill('China');
  await expect(detail.getByRole('form', { name: 'Link a claim' }).getByRole('option').first()).toBeVisible();
  expect(await seriousViolations(page), 'claim forms: status, evidence, link, reply').toEqual([]);

  await detail.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('form', { name: 'Edit claim' })).toBeVisible();
  expect(await seriousViolations(page), 'claim form').toEqual([]);
  await screenshot(page, colorScheme === 'light' ? 'claim-edit-form' : 'claim-edit-form-dark');

  await nav.getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
  const sourceDetail = page.getByRole('region', { name: 'Source details' });
  await expect(sourceDetail.getByRole('heading', { level: 2 })).toBeVisible();
  expect(await seriousViolations(page), 'sources view').toEqual([]);
  await sourceDetail.getByRole('button', { name: 'Merge a duplicate…' }).click();
  await expect(page.getByRole('dialog', { name: /Merge a duplicate/ })).toBeVisible();
  expect(await seriousViolations(page), 'merge dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await sourceDetail.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('form', { name: 'Edit source' })).toBeVisible();
  expect(await seriousViolations(page), 'source form').toEqual([]);

  await nav.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
  await expect(page.getByRole('region', { name: 'Document details' }).getByRole('heading', { level: 2 })).toBeVisible();
  expect(await seriousViolations(page), 'documents view').toEqual([]);
  await page.getByRole('button', { name: 'New document' }).click();
  await expect(page.getByRole('form', { name: 'New document' })).toBeVisible();
  expect(await seriousViolations(page), 'document form').toEqual([]);

  await nav.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('precursor');
  await expect(page.getByRole('region', { name: /Claims/ }).getByRole('button').first()).toBeVisible();
  expect(await seriousViolations(page), 'search view').toEqual([]);

  await nav.getByRole('button', { name: 'Trash' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  expect(await seriousViolations(page), 'trash view').toEqual([]);

  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to' }).fill('pardo');
  await expect(page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('option').first()).toBeVisible();
  expect(await seriousViolations(page), 'quick switcher').toEqual([]);
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page), 'shortcuts').toEqual([]);
  await page.keyboard.press('Escape');

  await nav.getByRole('button', { name: 'Preferences' }).click();
  await expect(page.getByRole('dialog', { name: 'Preferences' }).getByLabel('Your name (for the verification log)')).toBeVisible();
  expect(await seriousViolations(page), 'preferences').toEqual([]);
  await page.keyboard.press('Escape');

  await nav.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('dialog', { name: 'New case' })).toBeVisible();
  expect(await seriousViolations(page), 'new case dialog').toEqual([]);
}

test('the claims list and a claim can be worked from the keyboard alone', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const options = claims.getByRole('option');
  await expect(options.first()).toBeVisible();
  await claims.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // The arrows select: the second claim is open beside the list, and the list keeps the focus.
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(claims).toBeFocused();
  await expect(claims).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? '');
  const detail = page.getByRole('region', { name: 'Claim details' });
  const statement = (await options.nth(1).locator('.row-title').textContent()) ?? '';
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(statement);

  // Enter opens the claim: the focus moves into it, and Tab reaches its actions.
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(detail.getByRole('button', { name: 'Change status' })).toBeFocused();

  // Escape closes a form first, then the claim, and the list has the focus again where it was.
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('form', { name: 'Change status' })).toBeVisible();
  await expect(detail.getByLabel('New status')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(detail.getByRole('form', { name: 'Change status' })).toBeHidden();
  await detail.getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByText('No claim open.')).toBeVisible();
  await expect(claims).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');

  // End and Home go to the ends of the list.
  await page.keyboard.press('End');
  await expect(claims.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '16');
  await page.keyboard.press('Home');
  await expect(claims.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '1');

  // E edits the open claim; Escape cancels the edit.
  await page.keyboard.press('e');
  await expect(page.getByRole('form', { name: 'Edit claim' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('form', { name: 'Edit claim' })).toBeHidden();
  await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();
});
