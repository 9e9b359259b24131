// How the claim map is laid out, for the canvas (renderer) and the packet's picture (core, with
// cytoscape headless): the nodes' sizes, fcose's options, and room for a big map's nodes. Both
// sides register fcose with their own cytoscape and call these on their own instance.

import type { Core, LayoutOptions } from 'cytoscape';
import type { MapNodeKind } from '../db/graph.js';

export interface Point {
  x: number;
  y: number;
}

export type Positions = Record<string, Point>;

/** Each kind of node's box, in model units: the canvas draws them so, the SVG picture too. */
export const NODE_SIZES: Record<MapNodeKind, { width: number; height: number }> = {
  claim: { width: 160, height: 52 },
  source: { width: 150, height: 58 },
  document: { width: 156, height: 56 },
};

/** Above this many nodes the map is "big": a quicker layout, and cheaper drawing while the view moves. */
export const BIG_MAP = 600;

/** Big graphs get fcose's quick spectral pass only: the full one takes minutes at 2,000 nodes on a laptop. */
function fcoseOptions(nodes: number, fixed: Positions | null): LayoutOptions {
  const constraints = fixed ? Object.entries(fixed).map(([nodeId, position]) => ({ nodeId, position })) : [];
  return {
    name: 'fcose',
    quality: nodes > BIG_MAP ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: 40,
    nodeSeparation: 60,
    idealEdgeLength: () => 95,
    nodeRepulsion: () => 5000,
    gravity: 0.5,
    ...(constraints.length ? { fixedNodeConstraint: constraints } : {}),
  } as LayoutOptions;
}

/** A node's share of the map's area, in model units: its own size and some room around it. */
const ROOM_PER_NODE = 230 * 110;

/**
 * fcose's spectral pass places nodes by their distances in the graph, in units of its node
 * separation: a big, closely knit case (2,000 nodes, a few steps apart) came out a few hundred
 * units wide, every node on top of others and every label drawn at any zoom. Its result is
 * scaled about its centre until the map gives each node about its room.
 */
function giveRoom(cy: Core): void {
  const nodes = cy.nodes();
  const box = nodes.boundingBox({ includeLabels: false });
  const factor = Math.sqrt(nodes.length * ROOM_PER_NODE) / Math.max(box.w, box.h, 1);
  if (factor <= 1) return;
  const cx = (box.x1 + box.x2) / 2;
  const cy0 = (box.y1 + box.y2) / 2;
  cy.batch(() => {
    nodes.forEach((n) => {
      const p = n.position();
      n.position({ x: cx + (p.x - cx) * factor, y: cy0 + (p.y - cy0) * factor });
    });
  });
}

/**
 * Lays out `cy`'s nodes: every one afresh when `fixed` is null, else around those `fixed` holds
 * (where the reporter left them).
 */
export function layOut(cy: Core, fixed: Positions | null = null): void {
  cy.layout(fcoseOptions(cy.nodes().length, fixed)).run();
  if (!fixed && cy.nodes().length > BIG_MAP) giveRoom(cy);
}
