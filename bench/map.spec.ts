// Benchmark (npm run build, then npx playwright test -c bench/map.config.ts): the claim map of
// a case with 2,000 nodes (1,600 claims from 200 sources, 200 documents; 800 claim links and 400
// evidence links besides the 1,600 said-by edges). Times the first drawing (fetch + layout) and
// the frames while the reporter pans, zooms and drags a node: requestAnimationFrame deltas in
// the page, median and 95th percentile. Results go to bench/results/map.json.
//
// Before and after, side by side in one run: MAP_BASELINE=<a built renderer folder> (another
// commit's dist/renderer) serves that renderer too, from a second server on the same library,
// and the two are measured in turns (baseline, current, baseline, current), each laying out the
// case afresh, their frames pooled; the results give each figure's ratio.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from 'cytoscape';
import type { Browser, Page } from '@playwright/test';
import { call } from '../e2e/api.js';
import { expect, test, type Server } from '../e2e/fixtures.js';
import type { Input, MethodName, Output } from '../core/api.js';
import { dispatch } from '../core/dispatcher.js';
import { startServer } from '../cli/http-server.js';
import { openLibrary } from '../db/index.js';

test.use({ trace: 'off' });

const CLAIMS = 1600;
const SOURCES = 200;
const DOCUMENTS = 200;
const STATUSES = ['unverified', 'in_progress', 'verified', 'disputed', 'false', 'misleading', 'unverifiable'] as const;
const RELATIONS = ['supports', 'contradicts', 'qualifies', 'same_as'] as const;
const STANCES = ['supports', 'contradicts', 'context'] as const;

declare global {
  interface Window {
    __corroborateMap?: Core;
    __frames?: number[];
    __recording?: boolean;
  }
}

/**
 * Writes the case straight into the served library, through the dispatcher in one transaction
 * (the server's connection sees it at its next read): seconds, where 3,000 HTTP calls take a minute.
 */
function seed(library: string): string {
  const db = openLibrary(library);
  const ctx = { db, libraryPath: library, checker: 'Benchmark' };
  const run = <N extends MethodName>(name: N, input: Input<N>): Output<N> => {
    const res = dispatch(ctx, name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
    return res.value;
  };
  try {
    return db.transaction(() => {
      const caseId = run('cases.create', { title: 'Map benchmark' }).id;
      const sources = Array.from({ length: SOURCES }, (_, i) => run('sources.create', { name: `Benchmark source ${i}` }).id);
      const claims = Array.from(
        { length: CLAIMS },
        (_, i) =>
          run('claims.create', {
            caseId,
            statement: `Claim ${i}: shipment ${i} of precursor chemicals passed through the port of Manzanillo.`,
            status: STATUSES[i % STATUSES.length],
            sourceIds: [sources[i % SOURCES]!],
            tags: [`thread-${i % 9}`],
          }).id,
      );
      const documents = Array.from({ length: DOCUMENTS }, (_, i) => run('documents.create', { caseId, title: `Customs record ${i}` }).id);
      // Links between claims of a neighbourhood (so the graph has structure, not noise).
      for (let i = 0; i < CLAIMS / 2; i++) {
        run('claimLinks.create', { fromClaimId: claims[2 * i + 1]!, toClaimId: claims[(2 * i + 8) % CLAIMS]!, relation: RELATIONS[i % RELATIONS.length]! });
      }
      for (let i = 0; i < CLAIMS / 4; i++) run('evidence.create', { claimId: claims[4 * i]!, documentId: documents[i % DOCUMENTS]!, stance: STANCES[i % STANCES.length]! });
      return caseId;
    })();
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Frames {
  frames: number;
  median: number;
  p95: number;
  max: number;
}

function summarise(deltas: number[]): Frames {
  const sorted = [...deltas].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { frames: sorted.length, median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0) };
}

/** Frame times (ms between animation frames) while `act` runs. */
async function frames(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (t: number) => {
      window.__frames!.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  return page.evaluate(() => {
    window.__recording = false;
    return window.__frames!.slice(1);
  });
}

const GESTURES = ['panOverview', 'zoomWheel', 'dragNodeAtZoom1', 'fitThenPressAndDragOverview', 'dragNodeAfterFit'] as const;
type Gesture = (typeof GESTURES)[number];

interface Round {
  firstDrawWithLayoutMs: number;
  reopenWithSavedPositionsMs: number;
  frames: Record<Gesture, number[]>;
}

/**
 * One round on the renderer served at `url` (the library's API called through `server`): the map opened with no saved positions (a fresh
 * layout), opened again (saved positions), then the gestures.
 */
async function round(browser: Browser, url: string, server: Server, caseId: string, graph: Output<'map.graph'>, sourceId: string): Promise<Round> {
  await call(server, 'map.positions.save', { caseId, positions: {}, reset: true });
  // A page of its own each round: nothing remembered (the last view, filters) from the one before.
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    return await measureRound(await context.newPage(), url, server, caseId, graph, sourceId);
  } finally {
    await context.close();
  }
}

async function measureRound(page: Page, url: string, server: Server, caseId: string, graph: Output<'map.graph'>, sourceId: string): Promise<Round> {
  await page.goto(url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  const opening = Date.now();
  await page.keyboard.press('7');
  await page.waitForFunction((n) => window.__corroborateMap?.destroyed() === false && window.__corroborateMap.nodes().length === n, graph.nodes.length, { timeout: 300_000 });
  const firstDrawWithLayoutMs = Date.now() - opening;
  // Positions of a fresh layout are saved; a second opening draws them as they are.
  await expect.poll(async () => Object.keys(await call(server, 'map.positions.get', { caseId })).length, { timeout: 60_000 }).toBe(graph.nodes.length);
  await page.keyboard.press('1');
  const reopening = Date.now();
  await page.keyboard.press('7');
  await page.waitForFunction((n) => window.__corroborateMap?.destroyed() === false && window.__corroborateMap.nodes().length === n, graph.nodes.length);
  const reopenWithSavedPositionsMs = Date.now() - reopening;

  const canvas = (await page.getByRole('application', { name: /Claim map/ }).boundingBox())!;
  const corner = { x: canvas.x + 8, y: canvas.y + 8 };
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const dragNode = async () => {
    const at = await page.evaluate((id) => window.__corroborateMap!.getElementById(id).renderedPosition(), sourceId);
    await page.mouse.move(canvas.x + at.x, canvas.y + at.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(canvas.x + at.x + i * 3, canvas.y + at.y + i * 2);
    await page.mouse.up();
  };

  const pan = await frames(page, async () => {
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(corner.x + i * 6, corner.y + i * 4);
    await page.mouse.up();
  });
  const zoom = await frames(page, async () => {
    await page.mouse.move(centre.x, centre.y);
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(16);
    }
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(16);
    }
  });
  // Zoomed in on a node, so the drag moves something the reporter can see.
  await page.evaluate((id) => {
    const cy = window.__corroborateMap!;
    cy.zoom(1);
    cy.center(cy.getElementById(id));
  }, sourceId);
  const profiler = process.env.MAP_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const drag = await frames(page, dragNode);
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    (profile.samples ?? []).forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    console.log(`${url}\n${[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n')}`);
  }
  // fit() returns the cytoscape instance: a block, so Playwright has nothing to serialise (the
  // whole instance took ~15 s of the page's main thread, which an earlier run counted as a frame).
  const overview = await frames(page, async () => {
    await page.evaluate(() => {
      window.__corroborateMap!.fit();
    });
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(centre.x - i * 4, centre.y - i * 3);
    await page.mouse.up();
  });
  // The whole map in view: every node drawn while one of them moves.
  await page.evaluate(() => {
    window.__corroborateMap!.fit();
  });
  const dragAtFit = await frames(page, dragNode);
  return {
    firstDrawWithLayoutMs,
    reopenWithSavedPositionsMs,
    frames: { panOverview: pan, zoomWheel: zoom, dragNodeAtZoom1: drag, fitThenPressAndDragOverview: overview, dragNodeAfterFit: dragAtFit },
  };
}

/** Rounds of one renderer, their frames pooled. */
function pooled(rounds: Round[]) {
  const sum = (f: (r: Round) => number) => rounds.map(f);
  return {
    rounds: rounds.length,
    firstDrawWithLayoutMs: sum((r) => r.firstDrawWithLayoutMs),
    reopenWithSavedPositionsMs: sum((r) => r.reopenWithSavedPositionsMs),
    frameMs: Object.fromEntries(GESTURES.map((g) => [g, summarise(rounds.flatMap((r) => r.frames[g]))])) as Record<Gesture, Frames>,
  };
}

test('the claim map of 2,000 nodes pans, zooms and drags smoothly', async ({ browser, server }) => {
  test.setTimeout(1_800_000);
  const seeding = Date.now();
  const caseId = seed(server.library);
  const graph = await call(server, 'map.graph', { caseId });
  expect(graph.nodes).toHaveLength(CLAIMS + SOURCES + DOCUMENTS);
  const seedMs = Date.now() - seeding;
  const sourceId = graph.nodes.find((n) => n.kind === 'source')!.id;

  const t = performance.now();
  await call(server, 'map.graph', { caseId });
  const graphMs = performance.now() - t;

  const baselineDir = process.env.MAP_BASELINE;
  const baselineDb = baselineDir ? openLibrary(server.library) : null;
  const baseline = baselineDb && baselineDir ? await startServer({ ctx: { db: baselineDb, libraryPath: server.library, checker: 'Benchmark' }, port: 0, rendererDir: baselineDir, log: () => {} }) : null;
  const current: Round[] = [];
  const before: Round[] = [];
  try {
    for (let i = 0; i < (baseline ? 2 : 1); i++) {
      if (baseline) before.push(await round(browser, baseline.url, server, caseId, graph, sourceId));
      current.push(await round(browser, server.url, server, caseId, graph, sourceId));
    }
  } finally {
    await baseline?.close();
    baselineDb?.close();
  }

  const after = pooled(current);
  const old = baseline ? pooled(before) : null;
  const ratios = old
    ? Object.fromEntries(
        GESTURES.map((g) => [g, { median: Math.round((old.frameMs[g].median / after.frameMs[g].median) * 10) / 10, p95: Math.round((old.frameMs[g].p95 / after.frameMs[g].p95) * 10) / 10, max: Math.round((old.frameMs[g].max / after.frameMs[g].max) * 10) / 10 }]),
      )
    : null;
  const result = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    seedMs,
    mapGraphMs: Math.round(graphMs),
    ...after,
    ...(old ? { baseline: { renderer: baselineDir, ...old }, baselineOverCurrent: ratios } : {}),
  };
  console.log(`map-bench: ${JSON.stringify(result, null, 2)}`);
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'map.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  // Smooth: panning and zooming at a 60 Hz frame or two; dragging a node within two frames at the median.
  expect(after.frameMs.panOverview.median).toBeLessThan(50);
  expect(after.frameMs.zoomWheel.median).toBeLessThan(50);
  expect(after.frameMs.dragNodeAtZoom1.median).toBeLessThan(50);
});
