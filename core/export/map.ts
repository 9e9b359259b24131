// The claim map in a packet: a graph made from the packet model, after redaction, so the picture
// names nothing the text may not (a confidential source is drawn as the profile labels it, a
// withheld claim or document is not drawn at all), then drawn by the same SVG builder as the
// map's own Export (shared/map-svg.ts). The nodes stand where the reporter left them on the map;
// those never placed there are laid out by fcose in cytoscape's headless mode, as the app would,
// with a fixed seed, so the same case gives the same picture.

import { createRequire } from 'node:module';
import type cytoscapeModule from 'cytoscape';
import { savedPositions, type CaseGraph, type DB, type MapEdge, type MapNode } from '../../db/index.js';
import { layOut, NODE_SIZES, type Point, type Positions } from '../../shared/map-layout.js';
import { mapSvg } from '../../shared/map-svg.js';
import type { Packet } from './packet.js';

let engine: typeof cytoscapeModule | undefined;

/**
 * cytoscape with fcose, loaded the first time a packet's map is laid out: every command that
 * opens a library reaches this module, few of them draw a map. Required, not imported, because
 * the packet model is built synchronously.
 */
function cytoscape(options: cytoscapeModule.CytoscapeOptions): cytoscapeModule.Core {
  if (!engine) {
    const require = createRequire(import.meta.url);
    engine = require('cytoscape') as typeof cytoscapeModule;
    engine.use(require('cytoscape-fcose') as cytoscapeModule.Ext);
  }
  return engine(options);
}

/** The picture's file in a ZIP packet (data/), beside packet.md, which links to it. */
export const MAP_FILE = 'claim-map.svg';

export interface PacketMap {
  svg: string;
  nodes: number;
  edges: number;
  /** Where the positions came from: the reporter's map, a layout made for the packet, or both. */
  layout: 'saved' | 'computed' | 'partly saved';
}


/** The packet's claims, sources and documents as a map graph, labelled with their packet refs. */
export function packetGraph(p: Packet): CaseGraph {
  const sourceId = new Map(p.sources.map((s) => [s.ref, s.id]));
  const claimId = new Map(p.claims.map((c) => [c.ref, c.id]));
  const documentIds = new Set(p.documents.map((d) => d.id));
  const none: Omit<MapNode, 'id' | 'kind' | 'label'> = { status: null, tags: [], sourceIds: [], sourceKind: null, confidential: false, documentKind: null };
  const nodes: MapNode[] = [
    ...p.claims.map((c) => ({
      ...none,
      id: c.id,
      kind: 'claim' as const,
      label: `${c.ref}. ${c.statement}`,
      status: c.status,
      tags: c.tags,
      sourceIds: c.sources.flatMap((s) => sourceId.get(s.ref) ?? []),
    })),
    ...p.sources.map((s) => ({ ...none, id: s.id, kind: 'source' as const, label: `${s.ref}. ${s.label}`, sourceKind: s.kind, confidential: s.confidential })),
    ...p.documents.map((d) => ({ ...none, id: d.id, kind: 'document' as const, label: `${d.ref}. ${d.title}`, documentKind: d.kind })),
  ];
  const edges = new Map<string, MapEdge>();
  const add = (e: MapEdge) => edges.set(e.id, e);
  for (const c of p.claims) {
    for (const s of c.sources) {
      const to = sourceId.get(s.ref);
      if (to) add({ id: `said_by:${c.id}:${to}`, kind: 'said_by', from: c.id, to, relation: null });
    }
    // Each link is listed by both of its claims; drawn once, from the claim it starts at.
    for (const l of c.links) {
      const to = claimId.get(l.claimRef);
      if (l.direction === 'outgoing' && to) add({ id: `link:${c.id}:${to}:${l.relation}`, kind: 'link', from: c.id, to, relation: l.relation });
    }
    for (const x of c.evidence) {
      if (documentIds.has(x.documentId)) add({ id: `evidence:${c.id}:${x.documentId}:${x.stance}`, kind: 'evidence', from: c.id, to: x.documentId, relation: x.stance });
    }
  }
  return { caseId: p.case.id, nodes, edges: [...edges.values()] };
}

const LAYOUT_SEED = 20_211_215;

/** A small deterministic generator (Park–Miller), standing in for Math.random while fcose runs. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Where each node of `graph` goes: as saved, and the rest laid out around those (or all afresh). */
export function mapPositions(graph: CaseGraph, saved: Positions): { positions: Map<string, Point>; layout: PacketMap['layout'] } {
  const known = graph.nodes.filter((n) => saved[n.id]);
  if (known.length === graph.nodes.length) return { positions: new Map(known.map((n) => [n.id, saved[n.id]!])), layout: 'saved' };
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, kind: n.kind }, ...(saved[n.id] ? { position: { ...saved[n.id]! } } : {}) })),
      ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.from, target: e.to } })),
    ],
    style: Object.entries(NODE_SIZES).map(([kind, size]) => ({ selector: `node[kind = "${kind}"]`, style: size })),
  });
  const random = Math.random;
  Math.random = seeded(LAYOUT_SEED);
  try {
    layOut(cy, known.length ? Object.fromEntries(known.map((n) => [n.id, saved[n.id]!])) : null);
    return { positions: new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }])), layout: known.length ? 'partly saved' : 'computed' };
  } finally {
    Math.random = random;
    // A headless instance runs an animation timer until it is destroyed.
    cy.destroy();
  }
}

/** The packet's claim map as an SVG picture, or null when there is nothing to draw. */
export function packetMap(db: DB, p: Packet): PacketMap | null {
  const graph = packetGraph(p);
  if (graph.nodes.length === 0) return null;
  const { positions, layout } = mapPositions(graph, savedPositions(db, p.case.id));
  const title = `Claim map: ${p.scope.kind === 'note' ? p.scope.title : p.case.title}`;
  return { svg: mapSvg(graph, positions, title), nodes: graph.nodes.length, edges: graph.edges.length, layout };
}
