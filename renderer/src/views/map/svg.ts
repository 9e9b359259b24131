// The claim map as a standalone SVG string, from the graph and where its nodes stand: no
// canvas, no DOM, so the source packet can put the picture in a report as well as the map's
// own Export button can. The map's colours (palette.ts) and shapes, with a legend.

import type { CaseGraph, MapNode } from '../../../../core/handlers/graph';
import { EDGE_STYLES, edgeLook, NODE_COLOURS, STATUS_COLOURS, type EdgeLook } from './palette';

export interface Point {
  x: number;
  y: number;
}

const NODE_W = { claim: 180, source: 130, document: 150 } as const;
const NODE_H = 46;
const MARGIN = 40;
const LEGEND_H = 36;

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The label cut to fit the node's width (a rough width per character: the picture must not need a font). */
function clip(label: string, width: number): string {
  const max = Math.floor(width / 6.2);
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

function colours(n: MapNode): { fill: string; line: string } {
  return n.kind === 'claim' ? STATUS_COLOURS[n.status ?? 'unverified'] : NODE_COLOURS[n.kind];
}

function nodeShape(n: MapNode, p: Point): string {
  const w = NODE_W[n.kind];
  const { fill, line } = colours(n);
  const x = p.x - w / 2;
  const y = p.y - NODE_H / 2;
  const shape =
    n.kind === 'source'
      ? `<ellipse cx="${p.x}" cy="${p.y}" rx="${w / 2}" ry="${NODE_H / 2}" fill="${fill}" stroke="${line}" stroke-width="2"/>`
      : `<rect x="${x}" y="${y}" width="${w}" height="${NODE_H}" rx="${n.kind === 'claim' ? 8 : 0}" fill="${fill}" stroke="${line}" stroke-width="2"/>`;
  const text = n.kind === 'source' ? '#ffffff' : '#1d2025';
  return `<g><title>${escape(n.label)}</title>${shape}<text x="${p.x}" y="${p.y + 4}" text-anchor="middle" font-size="11" fill="${text}">${escape(clip(n.label, w - 12))}</text></g>`;
}

function edgeLine(from: Point, to: Point, look: EdgeLook): string {
  const s = EDGE_STYLES[look];
  const dash = s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
  const marker = look === 'said_by' ? '' : ` marker-end="url(#arrow-${look})"`;
  return `<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="${s.colour}" stroke-width="${s.width}"${dash}${marker}/>`;
}

/**
 * An SVG document of the map: each node of `graph` that has a position, each edge between two
 * such nodes. Positions are the map's own (cytoscape's model coordinates).
 */
export function mapSvg(graph: CaseGraph, positions: Map<string, Point> | Record<string, Point>, title = 'Claim map'): string {
  const at = positions instanceof Map ? positions : new Map(Object.entries(positions));
  const nodes = graph.nodes.filter((n) => at.has(n.id));
  const xs = nodes.flatMap((n) => [at.get(n.id)!.x - NODE_W[n.kind] / 2, at.get(n.id)!.x + NODE_W[n.kind] / 2]);
  const ys = nodes.flatMap((n) => [at.get(n.id)!.y - NODE_H / 2, at.get(n.id)!.y + NODE_H / 2]);
  const minX = Math.min(0, ...xs) - MARGIN;
  const minY = Math.min(0, ...ys) - MARGIN;
  const width = Math.max(480, Math.max(0, ...xs) + MARGIN - minX);
  const height = Math.max(0, ...ys) + MARGIN - minY + LEGEND_H;

  const looks = Object.keys(EDGE_STYLES) as EdgeLook[];
  const markers = looks
    .map((l) => `<marker id="arrow-${l}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${EDGE_STYLES[l].colour}"/></marker>`)
    .join('');
  const edges = graph.edges
    .filter((e) => at.has(e.from) && at.has(e.to))
    .map((e) => edgeLine(at.get(e.from)!, at.get(e.to)!, edgeLook(e)))
    .join('\n');
  const legendY = minY + height - LEGEND_H / 2;
  const legend = looks
    .map((l, i) => {
      const x = minX + MARGIN + i * 110;
      return `${edgeLine({ x, y: legendY }, { x: x + 30, y: legendY }, l)}<text x="${x + 36}" y="${legendY + 4}" font-size="11" fill="#1d2025">${EDGE_STYLES[l].label}</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${width} ${height}" width="${Math.round(width)}" height="${Math.round(height)}" font-family="system-ui, sans-serif">`,
    `<title>${escape(title)}</title>`,
    `<defs>${markers}</defs>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="edges">${edges}</g>`,
    `<g class="nodes">${nodes.map((n) => nodeShape(n, at.get(n.id)!)).join('\n')}</g>`,
    `<g class="legend">${legend}</g>`,
    '</svg>',
  ].join('\n');
}
