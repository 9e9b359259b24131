// Light or dark: the system's scheme by default, or the reporter's choice in Preferences, which
// the library keeps (a reload, another window, the lock screen all start in it).
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

/** The background's lightness, 0 (black) to 1 (white): of the page, or of an element with its own. */
async function backgroundLightness(page: Page, selector = 'html'): Promise<number> {
  const [r, g, b, alpha = 1] = await page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor.match(/[\d.]+/g)!.map(Number));
  // A transparent background says nothing about the theme.
  expect(alpha, `${selector} has a background of its own`).toBe(1);
  return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
}

async function choose(page: Page, theme: 'As the system (light or dark)' | 'Light' | 'Dark'): Promise<void> {
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Preferences' }).click();
  const prefs = page.getByRole('dialog', { name: 'Preferences' });
  await prefs.getByLabel('Theme').selectOption({ label: theme });
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();
}

test('Dark, chosen in Preferences, stays dark after a reload whatever the system says', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  expect(await backgroundLightness(page)).toBeGreaterThan(0.8);

  await choose(page, 'Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundLightness(page)).toBeLessThan(0.15);
  expect((await call(server, 'preferences.get', {})).theme).toBe('dark');

  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  expect(await backgroundLightness(page)).toBeLessThan(0.15);

  // A window that never saw the choice (a new profile) reads it from the library.
  const fresh = await page.context().browser()!.newPage({ colorScheme: 'light' });
  try {
    await fresh.goto(server.url);
    await expect(fresh.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
    await expect(fresh.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await backgroundLightness(fresh)).toBeLessThan(0.15);
  } finally {
    await fresh.close();
  }

  await choose(page, 'Light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await backgroundLightness(page)).toBeGreaterThan(0.8);
});

test('“As the system” follows the system’s scheme as it changes', async ({ page, server }) => {
  await call(server, 'preferences.set', { theme: 'dark' });
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  await choose(page, 'As the system (light or dark)');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await backgroundLightness(page)).toBeLessThan(0.15);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await backgroundLightness(page)).toBeGreaterThan(0.8);
  await page.reload();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first()).toBeVisible();
  expect(await backgroundLightness(page)).toBeLessThan(0.15);
});

test('the main screens in dark, for a person to look at', async ({ page, server }) => {
  await call(server, 'preferences.set', { theme: 'dark' });
  await page.goto(server.url);
  const nav = page.getByRole('navigation', { name: 'Case file' });
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option').first().click();
  await expect(page.getByRole('region', { name: 'Claim details' }).getByRole('region', { name: /For and against/ })).toBeVisible();
  await screenshot(page, 'dark-claims');

  await nav.getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click();
  await expect(page.getByRole('region', { name: 'Source details' }).getByRole('heading', { level: 2 })).toBeVisible();
  await screenshot(page, 'dark-sources');

  await nav.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
  await expect(page.getByRole('region', { name: 'Document details' }).getByRole('heading', { level: 2 })).toBeVisible();
  await screenshot(page, 'dark-documents');

  await nav.getByRole('button', { name: 'Notes' }).click();
  await expect(page.getByRole('textbox', { name: 'Note text' }).or(page.getByRole('button', { name: /New note/ })).first()).toBeVisible();
  await screenshot(page, 'dark-notes');

  await nav.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('precursor');
  await expect(page.getByRole('region', { name: /Claims/ }).getByRole('button').first()).toBeVisible();
  await screenshot(page, 'dark-search');

  await nav.getByRole('button', { name: 'Map' }).click();
  await page.waitForTimeout(1500);
  await screenshot(page, 'dark-map');

  await nav.getByRole('button', { name: 'Timeline' }).click();
  await page.waitForTimeout(800);
  // The chart follows the theme on screen (its exported picture keeps its light colours).
  const chart = await page.locator('.timeline-svg').evaluate((svg) => ({
    ground: getComputedStyle(svg.querySelector('.tl-bg')!).fill,
    words: getComputedStyle(svg.querySelector('.tl-text')!).fill,
    exported: svg.querySelector('.tl-bg')!.getAttribute('fill'),
  }));
  expect(chart).toEqual({ ground: 'rgb(31, 31, 31)', words: 'rgb(227, 231, 238)', exported: '#ffffff' });
  await screenshot(page, 'dark-timeline');

  await nav.getByRole('button', { name: 'Preferences' }).click();
  await expect(page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
  await screenshot(page, 'dark-preferences');
  await page.keyboard.press('Escape');

  await nav.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Corroborate is locked' })).toBeVisible();
  expect(await backgroundLightness(page, '.lock-screen')).toBeLessThan(0.15);
  await screenshot(page, 'dark-lock');
});
