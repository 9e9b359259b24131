import { describe, expect, it } from 'vitest';
import type { CaseGraph, MapEdge, MapNode } from '../../../../db/graph';
import { nearestInDirection } from './keyboard';
import { focusLayout, matchingNodes, NO_MAP_FILTERS, visibleNodes } from './model';
import { mapSvg } from '../../../../shared/map-svg';

const blank = { status: null, tags: [], sourceIds: [], sourceKind: null, confidential: false, documentKind: null };
const claim = (id: string, label: string, extra: Partial<MapNode> = {}): MapNode => ({ ...blank, id, kind: 'claim', label, status: 'unverified', ...extra });
const source = (id: string, label: string): MapNode => ({ ...blank, id, kind: 'source', label, sourceKind: 'person' });
const doc = (id: string, label: string): MapNode => ({ ...blank, id, kind: 'document', label, documentKind: 'report' });
const edge = (id: string, kind: MapEdge['kind'], from: string, to: string, relation: MapEdge['relation'] = null): MapEdge => ({ id, kind, from, to, relation });

/**
 * A (said by Ana, tagged ports) is supported by B, contradicted by C (said by Bo) and backed
 * by document D; E supports B (two steps from A); F stands alone.
 */
const graph: CaseGraph = {
  caseId: 'k',
  nodes: [
    claim('A', 'China is the only supplier', { status: 'disputed', sourceIds: ['ana'], tags: ['ports'] }),
    claim('B', 'Cartels buy from Chinese suppliers', { status: 'verified', sourceIds: ['ana'] }),
    claim('C', 'No precursors were trafficked', { status: 'false', sourceIds: ['bo'] }),
    claim('E', 'Brokers arrange payment', { sourceIds: ['bo'] }),
    claim('F', 'Demand drives supply'),
    source('ana', 'Ana Pérez'),
    source('bo', 'Bo Chen'),
    doc('D', 'Threat assessment'),
  ],
  edges: [
    edge('s1', 'said_by', 'A', 'ana'),
    edge('s2', 'said_by', 'B', 'ana'),
    edge('s3', 'said_by', 'C', 'bo'),
    edge('s4', 'said_by', 'E', 'bo'),
    edge('l1', 'link', 'B', 'A', 'supports'),
    edge('l2', 'link', 'C', 'A', 'contradicts'),
    edge('l3', 'link', 'E', 'B', 'supports'),
    edge('e1', 'evidence', 'A', 'D', 'supports'),
  ],
};

describe('visibleNodes', () => {
  it('keeps everything without a filter', () => {
    expect(visibleNodes(graph, NO_MAP_FILTERS).size).toBe(graph.nodes.length);
  });

  it('keeps the claims a filter passes, with their sources and documents, not the claims they link to', () => {
    expect([...visibleNodes(graph, { ...NO_MAP_FILTERS, status: 'disputed' })].sort()).toEqual(['A', 'D', 'ana']);
    expect([...visibleNodes(graph, { ...NO_MAP_FILTERS, sourceId: 'bo' })].sort()).toEqual(['C', 'E', 'bo']);
    expect([...visibleNodes(graph, { ...NO_MAP_FILTERS, tag: 'PORTS' })].sort()).toEqual(['A', 'D', 'ana']);
    expect(visibleNodes(graph, { ...NO_MAP_FILTERS, status: 'verified', sourceId: 'bo' }).size).toBe(0);
  });
});

describe('matchingNodes', () => {
  it('matches every word, ignoring case and accents, and nothing for an empty query', () => {
    expect([...matchingNodes(graph.nodes, 'perez')]).toEqual(['ana']);
    expect([...matchingNodes(graph.nodes, 'chinese CARTELS')]).toEqual(['B']);
    expect(matchingNodes(graph.nodes, '  ').size).toBe(0);
  });
});

describe('focusLayout', () => {
  it('puts supporters left, contradictions right, sources and documents in the middle, two steps out', () => {
    const { positions, sides } = focusLayout(graph, 'A');
    expect(positions.get('A')).toEqual({ x: 0, y: 0 });
    expect(sides.get('B')).toBe('for');
    expect(positions.get('B')!.x).toBeLessThan(0);
    expect(sides.get('C')).toBe('against');
    expect(positions.get('C')!.x).toBeGreaterThan(0);
    // Two steps: E through B (for), Bo through C (against), further out on the same side.
    expect(sides.get('E')).toBe('for');
    expect(positions.get('E')!.x).toBeLessThan(positions.get('B')!.x);
    expect(sides.get('bo')).toBe('against');
    expect(positions.get('bo')!.x).toBeGreaterThan(positions.get('C')!.x);
    // The evidence's stance sides the document (supports: for); the source sits in the middle, below.
    expect(sides.get('D')).toBe('for');
    expect(positions.get('ana')).toMatchObject({ x: 0 });
    expect(positions.get('ana')!.y).toBeGreaterThan(0);
    // F is not within two steps.
    expect(positions.has('F')).toBe(false);
  });

  it('walks only through the nodes the filters keep', () => {
    const { positions } = focusLayout(graph, 'A', new Set(['A', 'B', 'ana']));
    expect([...positions.keys()].sort()).toEqual(['A', 'B', 'ana']);
  });

  it('never puts two nodes in the same place', () => {
    const { positions } = focusLayout(graph, 'A');
    const spots = [...positions.values()].map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });
});

describe('nearestInDirection', () => {
  const points: [string, { x: number; y: number }][] = [
    ['right-near-off-axis', { x: 50, y: 80 }],
    ['right-straight', { x: 120, y: 0 }],
    ['left', { x: -100, y: 5 }],
    ['down', { x: 10, y: 90 }],
  ];
  it('prefers the node straight ahead to a nearer one off to the side', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, 'right', points)).toBe('right-straight');
    expect(nearestInDirection({ x: 0, y: 0 }, 'left', points)).toBe('left');
    expect(nearestInDirection({ x: 0, y: 0 }, 'down', points)).toBe('down');
    expect(nearestInDirection({ x: 0, y: 0 }, 'up', points)).toBeNull();
  });
});

describe('mapSvg', () => {
  it('draws the placed nodes and the edges between them, with a legend, as one SVG document', () => {
    const positions = { A: { x: 0, y: 0 }, B: { x: -300, y: 0 }, C: { x: 300, y: 0 }, ana: { x: 0, y: 150 } };
    const svg = mapSvg(graph, positions, 'Map of <Precursor> & co');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g><title>/g)).toHaveLength(4);
    // A–B, A–C and A–ana are drawn; edges to unplaced nodes are not.
    expect(svg.match(/<line [^>]*marker-end/g)?.length).toBe(2 + 5);
    expect(svg).toContain('stroke-dasharray="8 5"');
    expect(svg).toContain('Map of &#60;Precursor&#62; &#38; co');
    expect(svg).not.toContain('<Precursor>');
    expect(svg).toContain('Ana Pérez');
    // The viewBox holds every node.
    const [minX, minY, w, h] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number) as [number, number, number, number];
    expect(minX).toBeLessThanOrEqual(-300 - 90);
    expect(minX + w).toBeGreaterThanOrEqual(300 + 90);
    expect(minY + h).toBeGreaterThan(150);
  });
});
