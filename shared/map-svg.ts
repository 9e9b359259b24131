// The claim map as a standalone SVG string, from the graph and where its nodes stand: no canvas,
// no DOM, no font measured, so the app's Export SVG / PNG and the source packet (core/export)
// draw the same picture from the same code. The map's colours (map-palette.ts) and shapes,
// labels on up to two lines, arrows that stop at the node they point to, and a legend.
// Every text is escaped for XML: the packet is opened in browsers and must run nothing.

import type { CaseGraph, MapNode } from '../db/graph.js';
import type { ClaimStatus } from '../db/types.js';
import { NODE_SIZES, type Point } from './map-layout.js';
import { EDGE_STYLES, edgeLook, NODE_COLOURS, STATUS_COLOURS, type EdgeLook } from './map-palette.js';


const MARGIN = 40;
const LEGEND_ROW = 30;
/** A rough width per character at font-size 11: the picture must not depend on a font being there. */
const CHAR_W = 6.1;
const LINE_H = 13;

/** in_progress → "In progress": the words the app's status badges show. */
const statusWords = (s: ClaimStatus) => `${s[0]!.toUpperCase()}${s.slice(1).replace(/_/g, ' ')}`;

/**
 * Text safe inside an XML element or a quoted attribute: markup characters as references, and
 * what XML 1.0 cannot hold at all (control characters, unpaired surrogates) left out or replaced.
 */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** The label in at most `maxLines` lines of `perLine` characters, broken between words; what does not fit ends in an ellipsis. */
export function labelLines(label: string, perLine: number, maxLines = 2): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let next = 0;
  while (next < words.length && lines.length < maxLines) {
    let line = words[next++]!;
    while (next < words.length && line.length + 1 + words[next]!.length <= perLine) line += ` ${words[next++]!}`;
    lines.push(line);
  }
  const cut = (line: string) => {
    if (line.length + 1 <= perLine) return `${line}…`;
    const space = line.lastIndexOf(' ');
    return space > 0 ? `${line.slice(0, space)}…` : `${line.slice(0, perLine - 1)}…`;
  };
  return lines.map((line, i) => (line.length > perLine || (i === lines.length - 1 && next < words.length) ? cut(line) : line));
}

function colours(n: MapNode): { fill: string; line: string } {
  return n.kind === 'claim' ? STATUS_COLOURS[n.status ?? 'unverified'] : NODE_COLOURS[n.kind];
}

function outline(kind: MapNode['kind'], p: Point, w: number, h: number, fill: string, line: string): string {
  const paint = `fill="${fill}" stroke="${line}" stroke-width="2"`;
  if (kind === 'source') return `<ellipse cx="${num(p.x)}" cy="${num(p.y)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${paint}/>`;
  const x1 = p.x - w / 2;
  const y1 = p.y - h / 2;
  if (kind === 'document') {
    // The canvas's cut-rectangle: corners cut at 45°.
    const c = 8;
    const x2 = x1 + w;
    const y2 = y1 + h;
    const points = [
      [x1 + c, y1],
      [x2 - c, y1],
      [x2, y1 + c],
      [x2, y2 - c],
      [x2 - c, y2],
      [x1 + c, y2],
      [x1, y2 - c],
      [x1, y1 + c],
    ];
    return `<polygon points="${points.map(([x, y]) => `${num(x!)},${num(y!)}`).join(' ')}" ${paint}/>`;
  }
  return `<rect x="${num(x1)}" y="${num(y1)}" width="${num(w)}" height="${num(h)}" rx="8" ${paint}/>`;
}

function nodeShape(n: MapNode, p: Point): string {
  const { width: w, height: h } = NODE_SIZES[n.kind];
  const { fill, line } = colours(n);
  // An ellipse is narrower above and below its middle line.
  const lines = labelLines(n.label, Math.floor((w - (n.kind === 'source' ? 36 : 14)) / CHAR_W), Math.floor((h - 10) / LINE_H));
  const text = n.kind === 'source' ? '#ffffff' : '#1d2025';
  const top = p.y + 4 - ((lines.length - 1) * LINE_H) / 2;
  const spans = lines.map((l, i) => `<tspan x="${num(p.x)}" y="${num(top + i * LINE_H)}">${escapeXml(l)}</tspan>`).join('');
  return `<g><title>${escapeXml(n.label)}</title>${outline(n.kind, p, w, h, fill, line)}<text text-anchor="middle" font-size="11" fill="${text}">${spans}</text></g>`;
}

/** How far from a node's centre, along (dx, dy), its outline lies (as a fraction of (dx, dy)). */
function boundary(kind: MapNode['kind'], dx: number, dy: number): number {
  const a = NODE_SIZES[kind].width / 2;
  const b = NODE_SIZES[kind].height / 2;
  if (dx === 0 && dy === 0) return 0;
  if (kind === 'source') return 1 / Math.sqrt((dx / a) ** 2 + (dy / b) ** 2);
  return Math.min(dx === 0 ? Infinity : a / Math.abs(dx), dy === 0 ? Infinity : b / Math.abs(dy));
}

function edgeLine(from: Point, to: Point, look: EdgeLook): string {
  const s = EDGE_STYLES[look];
  const dash = s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
  const marker = look === 'said_by' ? '' : ` marker-end="url(#arrow-${look})"`;
  return `<line x1="${num(from.x)}" y1="${num(from.y)}" x2="${num(to.x)}" y2="${num(to.y)}" stroke="${s.colour}" stroke-width="${s.width}"${dash}${marker}/>`;
}

/** An edge from outline to outline, so its arrow shows at the node it points to. */
function edgeBetween(a: MapNode, pa: Point, b: MapNode, pb: Point, look: EdgeLook): string {
  const dx = pb.x - pa.x;
  const dy = pb.y - pa.y;
  const start = Math.min(0.5, boundary(a.kind, dx, dy));
  const end = 1 - Math.min(0.5, boundary(b.kind, dx, dy));
  return edgeLine({ x: pa.x + dx * start, y: pa.y + dy * start }, { x: pa.x + dx * end, y: pa.y + dy * end }, look);
}

/** The legend: the kinds of line, then the kinds of node (the statuses the map holds, sources, documents). */
function legend(graph: CaseGraph, x0: number, y0: number): string {
  const looks = Object.keys(EDGE_STYLES) as EdgeLook[];
  const lines = looks.map((l, i) => {
    const x = x0 + i * 112;
    return `${edgeLine({ x, y: y0 }, { x: x + 30, y: y0 }, l)}<text x="${x + 36}" y="${y0 + 4}" font-size="11" fill="#1d2025">${EDGE_STYLES[l].label}</text>`;
  });
  const statuses = (Object.keys(STATUS_COLOURS) as ClaimStatus[]).filter((s) => graph.nodes.some((n) => n.kind === 'claim' && (n.status ?? 'unverified') === s));
  const swatches = [
    ...statuses.map((s) => ({ word: `Claim: ${statusWords(s)}`, ...STATUS_COLOURS[s], kind: 'claim' as const })),
    ...(graph.nodes.some((n) => n.kind === 'source') ? [{ word: 'Source', ...NODE_COLOURS.source, kind: 'source' as const }] : []),
    ...(graph.nodes.some((n) => n.kind === 'document') ? [{ word: 'Document', ...NODE_COLOURS.document, kind: 'document' as const }] : []),
  ];
  const y = y0 + LEGEND_ROW;
  const nodes = swatches.map((s, i) => {
    const x = x0 + i * 140;
    return `${outline(s.kind, { x: x + 14, y }, 28, 16, s.fill, s.line)}<text x="${x + 34}" y="${y + 4}" font-size="11" fill="#1d2025">${s.word}</text>`;
  });
  return [...lines, ...nodes].join('');
}

/**
 * An SVG document of the map: each node of `graph` that has a position, each edge between two
 * such nodes. Positions are the map's own (cytoscape's model coordinates).
 */
export function mapSvg(graph: CaseGraph, positions: Map<string, Point> | Record<string, Point>, title = 'Claim map'): string {
  const at = positions instanceof Map ? positions : new Map(Object.entries(positions));
  const nodes = graph.nodes.filter((n) => at.has(n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const xs = nodes.flatMap((n) => [at.get(n.id)!.x - NODE_SIZES[n.kind].width / 2, at.get(n.id)!.x + NODE_SIZES[n.kind].width / 2]);
  const ys = nodes.flatMap((n) => [at.get(n.id)!.y - NODE_SIZES[n.kind].height / 2, at.get(n.id)!.y + NODE_SIZES[n.kind].height / 2]);
  const minX = (xs.length ? Math.min(...xs) : 0) - MARGIN;
  const minY = (ys.length ? Math.min(...ys) : 0) - MARGIN;
  const width = Math.max(820, (xs.length ? Math.max(...xs) : 0) + MARGIN - minX);
  const legendTop = (ys.length ? Math.max(...ys) : 0) + MARGIN;
  const height = legendTop + 2 * LEGEND_ROW + MARGIN / 2 - minY;

  const looks = Object.keys(EDGE_STYLES) as EdgeLook[];
  const markers = looks
    .map((l) => `<marker id="arrow-${l}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${EDGE_STYLES[l].colour}"/></marker>`)
    .join('');
  const edges = graph.edges
    .filter((e) => byId.has(e.from) && byId.has(e.to))
    .map((e) => edgeBetween(byId.get(e.from)!, at.get(e.from)!, byId.get(e.to)!, at.get(e.to)!, edgeLook(e)))
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(minX)} ${num(minY)} ${num(width)} ${num(height)}" width="${Math.round(width)}" height="${Math.round(height)}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${markers}</defs>`,
    `<rect x="${num(minX)}" y="${num(minY)}" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    `<g class="edges">${edges}</g>`,
    `<g class="nodes">${nodes.map((n) => nodeShape(n, at.get(n.id)!)).join('\n')}</g>`,
    `<g class="legend">${legend(graph, minX + MARGIN, legendTop + LEGEND_ROW / 2)}</g>`,
    '</svg>',
  ].join('\n');
}
