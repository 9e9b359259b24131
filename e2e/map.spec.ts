import { readFileSync } from 'node:fs';
import type { Core } from 'cytoscape';
import type { Page } from '@playwright/test';
import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';
import { seriousViolations } from './reader-helpers.js';

test.use({ demo: true });
test.describe.configure({ timeout: 90_000 });

declare global {
  interface Window {
    __corroborateMap?: Core;
  }
}

/** Opens the map view with the 7 key and waits for the drawing. */
async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  await page.keyboard.press('7');
  await expect(page.getByRole('heading', { name: 'Claim map' })).toBeVisible();
  await page.waitForFunction(() => (window.__corroborateMap?.nodes().length ?? 0) > 0);
}

const visibleNodes = (page: Page) => page.evaluate(() => window.__corroborateMap!.nodes(':visible').map((n) => n.id()));

/** Where a node is drawn on the page. */
async function nodeOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByRole('application', { name: /Claim map/ }).boundingBox())!;
  const p = await page.evaluate((nodeId) => window.__corroborateMap!.getElementById(nodeId).renderedPosition(), id);
  return { x: box.x + p.x, y: box.y + p.y };
}

test('the map draws the demo case: every claim, source and document, a legend, and the list beside it', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const graph = await call(server, 'map.graph', { caseId: demo!.id });
  await openMap(page, server.url);
  expect((await visibleNodes(page)).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  expect(await page.evaluate(() => window.__corroborateMap!.edges().length)).toBe(graph.edges.length);
  // Contradictions are drawn apart: thick, red and dashed.
  const contradiction = await page.evaluate(() => {
    const e = window.__corroborateMap!.edges('[look = "contradicts"]').first();
    return { style: e.style('line-style'), width: parseFloat(e.style('width')), colour: e.style('line-color') };
  });
  expect(contradiction).toMatchObject({ style: 'dashed', colour: 'rgb(192,38,45)' });
  expect(contradiction.width).toBeGreaterThan(3);

  const list = page.getByTestId('map-node-list');
  await expect(list.getByRole('listitem')).toHaveCount(graph.nodes.length);
  await expect(page.getByRole('group', { name: 'Legend' })).toContainText('Contradicts');
  await expect(page.getByRole('group', { name: 'Legend' })).toContainText('Disputed');
  await screenshot(page, 'map');
  expect(await seriousViolations(page), 'claim map').toEqual([]);
});

test('clicking a node opens its claim; Enter on the keyboard node does too', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const { items } = await call(server, 'claims.list', { caseId: demo!.id, limit: 100 });
  const claim = items.find((c) => /practically the only supplier|only supplier/i.test(c.statement)) ?? items[0]!;
  await openMap(page, server.url);
  const at = await nodeOnPage(page, claim.id);
  await page.mouse.click(at.x, at.y);
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(claim.statement.slice(0, 40));

  // Back on the map, from the keyboard: Tab into the canvas, an arrow picks a node, Enter opens it.
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Map' }).click();
  const canvas = page.getByRole('application', { name: /Claim map/ });
  await canvas.focus();
  await page.keyboard.press('ArrowDown');
  const announced = page.locator('.map-stage [aria-live]');
  await expect(announced).toHaveText(/^(Claim|Source|Document)/);
  const text = (await announced.textContent())!;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Claim map' })).toHaveCount(0);
  expect(text.length).toBeGreaterThan(10);
});

test('filters and the search change what is drawn; focus mode puts for on the left and against on the right', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const caseId = demo!.id;
  const graph = await call(server, 'map.graph', { caseId });
  await openMap(page, server.url);
  const all = (await visibleNodes(page)).length;

  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('disputed');
  const disputed = graph.nodes.filter((n) => n.status === 'disputed').map((n) => n.id);
  expect(disputed.length).toBeGreaterThan(0);
  await expect.poll(async () => (await visibleNodes(page)).length).toBeLessThan(all);
  const shown = await visibleNodes(page);
  const shownClaims = shown.filter((id) => graph.nodes.find((n) => n.id === id)!.kind === 'claim');
  expect(shownClaims.sort()).toEqual(disputed.sort());
  await screenshot(page, 'map-filtered');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(async () => (await visibleNodes(page)).length).toBe(all);

  const trone = graph.nodes.find((n) => n.kind === 'source' && /Trone/.test(n.label))!;
  await page.getByRole('combobox', { name: 'Source', exact: true }).selectOption(trone.id);
  await expect.poll(async () => (await visibleNodes(page)).filter((id) => graph.nodes.find((n) => n.id === id)!.kind === 'claim').sort()).toEqual(
    graph.nodes.filter((n) => n.kind === 'claim' && n.sourceIds.includes(trone.id)).map((n) => n.id).sort(),
  );
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // The search highlights, it does not hide.
  await page.getByLabel('Highlight').fill('embassy');
  await expect(page.getByRole('heading', { name: /Matching nodes/ })).toBeVisible();
  const highlighted = await page.evaluate(() => window.__corroborateMap!.nodes('.match').map((n) => n.data('short') as string));
  expect(highlighted.length).toBeGreaterThan(0);
  for (const label of highlighted) expect(label.toLowerCase()).toContain('embassy');
  expect((await visibleNodes(page)).length).toBe(all);
  await page.getByLabel('Highlight').fill('');

  // Focus on the claim the embassy contradicts.
  const contradiction = graph.edges.find((e) => e.kind === 'link' && e.relation === 'contradicts')!;
  const focused = graph.nodes.find((n) => n.id === contradiction.to)!;
  const other = contradiction.from;
  await page.getByRole('combobox', { name: 'Focus on', exact: true }).selectOption(focused.id);
  await expect(page.getByRole('heading', { name: /Around the focused claim/ })).toBeVisible();
  const positions = await page.evaluate(() => Object.fromEntries(window.__corroborateMap!.nodes(':visible').map((n) => [n.id(), n.position()])));
  expect(positions[focused.id]).toEqual({ x: 0, y: 0 });
  expect(positions[other]!.x).toBeGreaterThan(0);
  const supporter = graph.edges.find((e) => e.kind === 'link' && e.relation === 'supports' && (e.to === focused.id || e.from === focused.id));
  if (supporter) expect(positions[supporter.from === focused.id ? supporter.to : supporter.from]!.x).toBeLessThan(0);
  expect(Object.keys(positions).length).toBeLessThan(all);
  await expect(page.getByTestId('map-node-list').getByRole('listitem').filter({ hasText: 'against' })).not.toHaveCount(0);
  await screenshot(page, 'map-focus');
  expect(await seriousViolations(page), 'claim map, focus mode').toEqual([]);
  await page.getByRole('button', { name: 'Back to the whole map' }).click();
  await expect.poll(async () => (await visibleNodes(page)).length).toBe(all);
});

test('at Fit every label is readable or shortened to be, full when zoomed in; focus mode marks for and against and says so in the legend', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const graph = await call(server, 'map.graph', { caseId: demo!.id });
  await openMap(page, server.url);
  await page.getByRole('button', { name: 'Fit' }).click();
  /** Each visible node's label as drawn and its size on screen, in pixels. */
  const labels = () =>
    page.evaluate(() => {
      const cy = window.__corroborateMap!;
      return cy.nodes(':visible').map((n) => ({ id: n.id(), label: n.style('label') as string, px: parseFloat(n.style('font-size')) * cy.zoom() }));
    });
  // The demo case at Fit is zoomed out: labels are shortened, every one at a size a reporter reads.
  expect(await page.evaluate(() => window.__corroborateMap!.zoom())).toBeLessThan(0.8);
  await expect.poll(async () => (await labels()).every((l) => l.label !== '' && l.px >= 9.9)).toBe(true);
  for (const l of await labels()) expect(l.label.length, l.label).toBeLessThanOrEqual(23);
  await expect(page.getByRole('status').filter({ hasText: 'labels shortened' })).toBeVisible();

  // Zoomed in, the labels are whole again (up to the canvas's 56 letters) and the note goes.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await labels()).every((l) => l.px >= 9.9 && l.label === shortOf(graph.nodes.find((n) => n.id === l.id)!.label))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'labels shortened' })).toHaveCount(0);

  // Focus mode: a halo in the side's colour on every node for (left) or against (right), and the legend says which is which.
  const contradiction = graph.edges.find((e) => e.kind === 'link' && e.relation === 'contradicts')!;
  await page.getByRole('combobox', { name: 'Focus on', exact: true }).selectOption(contradiction.to);
  await expect(page.getByRole('group', { name: 'Legend' }).getByRole('list', { name: 'Sides of the focused claim' })).toContainText('For the focused claim (left)');
  const sides = await page.evaluate(() =>
    window.__corroborateMap!.nodes(':visible').map((n) => ({ x: n.position().x, for: n.hasClass('side-for'), against: n.hasClass('side-against'), halo: n.style('underlay-opacity') as string })),
  );
  expect(sides.some((n) => n.against)).toBe(true);
  for (const n of sides) {
    if (n.for) expect(n.x).toBeLessThan(0);
    if (n.against) expect(n.x).toBeGreaterThan(0);
    expect(Number(n.halo) > 0).toBe(n.for || n.against);
  }
  await screenshot(page, 'map-focus-sides');
});

/** The canvas's label of a node at full size (MapCanvas short()). */
function shortOf(label: string): string {
  return label.length > 56 ? `${label.slice(0, 54).trimEnd()}…` : label;
}

test('a dragged node stays where it was put, after a reload', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const graph = await call(server, 'map.graph', { caseId: demo!.id });
  const node = graph.nodes.find((n) => n.kind === 'document')!;
  await openMap(page, server.url);
  const from = await nodeOnPage(page, node.id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 8 });
  await page.mouse.up();
  const moved = await page.evaluate((id) => window.__corroborateMap!.getElementById(id).position(), node.id);
  await expect.poll(async () => (await call(server, 'map.positions.get', { caseId: demo!.id }))[node.id]).toEqual({ x: moved.x, y: moved.y });
  await page.reload();
  await page.waitForFunction(() => (window.__corroborateMap?.nodes().length ?? 0) > 0);
  const after = await page.evaluate((id) => window.__corroborateMap!.getElementById(id).position(), node.id);
  expect(after.x).toBeCloseTo(moved.x, 0);
  expect(after.y).toBeCloseTo(moved.y, 0);
});

test('the map exports as a valid SVG and PNG, the picture the packet draws', async ({ page, server }) => {
  const [demo] = await call(server, 'cases.list', {});
  const graph = await call(server, 'map.graph', { caseId: demo!.id });
  await openMap(page, server.url);
  const exportSvg = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/claim-map\.svg$/);
    return readFileSync((await download.path())!, 'utf8');
  };
  /** The picture's nodes: each one's label (its title) and the centre of its shape. */
  const read = (text: string) =>
    page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const nodes = [...doc.querySelectorAll('g.nodes > g')].map((g) => {
        const shape = g.children[1]!;
        const centre =
          shape.nodeName === 'ellipse' ? { x: Number(shape.getAttribute('cx')), y: Number(shape.getAttribute('cy')) } : { x: Number(g.querySelector('tspan')!.getAttribute('x')), y: NaN };
        return { title: g.querySelector('title')!.textContent!, ...centre };
      });
      return { root: doc.documentElement.nodeName, error: doc.querySelector('parsererror') !== null, texts: doc.querySelectorAll('text').length, nodes };
    }, text);
  const whole = await read(await exportSvg());
  expect(whole).toMatchObject({ root: 'svg', error: false });
  expect(whole.texts).toBeGreaterThan(10);
  expect(whole.nodes).toHaveLength(graph.nodes.length);

  // The packet draws the same picture from the same builder, where the map put the nodes
  // (positions kept once laid out); its labels carry the packet's refs (S3. Chuck Grassley).
  const html = (await call(server, 'packets.export', { caseId: demo!.id, profile: 'factChecker', format: 'html' })).data;
  const inPacket = await read(/<svg[\s\S]*<\/svg>/.exec(html)![0]);
  const grassley = (list: { title: string; x: number; y: number }[]) => list.find((n) => /(^|\. )Chuck Grassley$/.test(n.title))!;
  expect(grassley(inPacket.nodes).x).toBeCloseTo(grassley(whole.nodes).x, 0);
  expect(grassley(inPacket.nodes).y).toBeCloseTo(grassley(whole.nodes).y, 0);

  // With a filter on, the picture holds what the map shows.
  await page.getByLabel('Status').selectOption('disputed');
  const shown = (await visibleNodes(page)).length;
  expect(shown).toBeLessThan(graph.nodes.length);
  expect((await read(await exportSvg())).nodes).toHaveLength(shown);

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toMatch(/claim-map\.png$/);
  const png = readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(10_000);
});
