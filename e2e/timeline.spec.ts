import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
import { seriousViolations } from './reader-helpers.js';

test.use({ demo: true });
test.describe.configure({ timeout: 90_000 });

async function openTimeline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('8');
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByTestId('timeline-svg')).toBeVisible();
}

const items = (page: Page) => page.locator('.tl-item');

test('the timeline draws the demo case: the three events, the claims around them, uncertain dates as ranges', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const timeline = await call(server, 'timeline.items', { caseId: demo!.id });
  await openTimeline(page, server.url);
  await expect(items(page)).toHaveCount(timeline.items.length);

  const events = items(page).and(page.locator('[data-kind="event"]'));
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toHaveAccessibleName(/^Happened May 2019, date known only to the month: China controls all fentanyl-related substances/);
  await expect(events.nth(1)).toHaveAccessibleName(/^Happened Jun 2021, date known only to the month: China adds six fentanyl precursors/);
  await expect(events.nth(2)).toHaveAccessibleName(/^Happened 15 Dec 2021: U\.S\. declares synthetic-opioid trafficking a national emergency/);

  // "December 2021" is a bar across the month; a known day is a point.
  const month = items(page).and(page.locator('[data-precision="month"]')).first();
  const monthBar = await month.locator('rect').boundingBox();
  expect(monthBar!.width).toBeGreaterThan(8);
  const day = items(page).and(page.locator('[data-kind="event"][data-precision="day"]')).first();
  await expect(day.locator('path')).toHaveCount(1);
  await expect(day.locator('rect')).toHaveCount(0);

  // Lanes by source: each source that said something dated has one.
  const lanes = page.getByTestId('timeline-svg').getByRole('list');
  const named = new Set(timeline.items.filter((i) => i.kind !== 'event').map((i) => i.sources[0]?.name ?? 'No source named'));
  await expect(lanes).toHaveCount(named.size + 1);
  await screenshot(page, 'timeline');
  expect(await seriousViolations(page), 'timeline').toEqual([]);

  await page.getByRole('combobox', { name: 'Lanes by' }).selectOption('kind');
  await expect(lanes).toHaveCount(new Set(timeline.items.map((i) => i.what)).size);
  await screenshot(page, 'timeline-by-kind');
});

test('zoom and pan from the keyboard and the buttons; an item opens its record', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const timeline = await call(server, 'timeline.items', { caseId: demo!.id });
  await openTimeline(page, server.url);
  const event = page.locator('.tl-item[data-kind="event"]').last();
  const before = (await event.boundingBox())!;
  await page.getByRole('group', { name: 'Timeline chart' }).focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(async () => (await event.boundingBox())?.x).not.toBe(before.x);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(async () => (await event.boundingBox())?.x).toBeCloseTo(before.x, 0);
  await page.getByRole('button', { name: 'Later' }).click();
  await expect.poll(async () => (await event.boundingBox())!.x).toBeLessThan(before.x);
  await page.getByRole('button', { name: 'Fit' }).click();

  const claim = timeline.items.find((i) => i.kind === 'claim')!;
  const item = page.locator('.tl-item[data-kind="claim"]').filter({ has: page.locator('title', { hasText: claim.title.slice(0, 30) }) }).first();
  await item.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail).toContainText(claim.title.slice(0, 40));

  await page.keyboard.press('8');
  await page.locator('.tl-item[data-kind="document"]').first().click();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toHaveCount(0);
});

test('the timeline exports as SVG, PNG and Timesketch JSONL', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const timeline = await call(server, 'timeline.items', { caseId: demo!.id });
  await openTimeline(page, server.url);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, ns: doc.documentElement.namespaceURI, error: doc.querySelector('parsererror') !== null };
  }, svg);
  expect(parsed).toEqual({ root: 'svg', ns: 'http://www.w3.org/2000/svg', error: false });
  expect(svg).toContain('national emergency');

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  const png = readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(5_000);

  const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Timesketch JSONL' }).click()]);
  expect(jsonlDownload.suggestedFilename()).toMatch(/timeline\.jsonl$/);
  const lines = readFileSync((await jsonlDownload.path())!, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(timeline.items.length);
  for (const line of lines) {
    const row = JSON.parse(line) as Record<string, unknown>;
    expect(typeof row.message).toBe('string');
    expect(row.message).not.toBe('');
    expect(typeof row.timestamp_desc).toBe('string');
    expect(new Date(row.datetime as string).toISOString()).toBe(row.datetime);
  }
  const emergency = lines.map((l) => JSON.parse(l) as Record<string, string>).find((r) => r.record_kind === 'event' && /national emergency/.test(r.message ?? ''))!;
  expect(emergency).toMatchObject({ datetime: '2021-12-15T00:00:00.000Z', timestamp_desc: 'Event', date_precision: 'day' });
});

test('an event is added, read, corrected and moved to the trash from the timeline', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  await openTimeline(page, server.url);
  const events = page.locator('.tl-item[data-kind="event"]');
  await expect(events).toHaveCount(3);

  await page.getByRole('button', { name: 'New event' }).click();
  const form = page.getByRole('form', { name: 'New event' });
  await form.getByLabel('What happened').fill('Commission publishes its final report');
  await form.getByLabel('When', { exact: true }).fill('2022-02-08');
  await form.getByRole('button', { name: 'Add event' }).click();
  await expect(form).toHaveCount(0);
  await expect(events).toHaveCount(4);
  const added = events.filter({ has: page.locator('title', { hasText: 'final report' }) });
  await expect(added).toHaveAccessibleName('Happened 8 Feb 2022: Commission publishes its final report');
  expect((await call(server, 'events.list', { caseId: demo!.id })).map((e) => e.title)).toContain('Commission publishes its final report');

  // A month that cannot be: the library says so beside the field.
  await page.getByRole('button', { name: 'New event' }).click();
  await form.getByLabel('What happened').fill('Bad date');
  await form.getByLabel('When', { exact: true }).fill('2022-13');
  await form.getByRole('button', { name: 'Add event' }).click();
  await expect(form.locator('.field-error')).toHaveText('a date as YYYY, YYYY-MM or YYYY-MM-DD');
  await expect(form.getByLabel('When', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await added.click();
  const panel = page.getByRole('region', { name: 'Commission publishes its final report' });
  await expect(panel).toContainText('8 Feb 2022');
  await panel.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit event' });
  await edit.getByLabel('When', { exact: true }).fill('2022-02');
  await edit.getByRole('button', { name: 'Save event' }).click();
  await expect(panel).toContainText('Feb 2022');
  await expect(added).toHaveAttribute('data-precision', 'month');
  await screenshot(page, 'timeline-event');
  expect(await seriousViolations(page), 'timeline event panel').toEqual([]);

  await panel.getByRole('button', { name: 'Move to trash' }).click();
  await expect(events).toHaveCount(3);
  expect((await call(server, 'trash.list', {})).map((t) => t.entity)).toEqual(['event']);
});
