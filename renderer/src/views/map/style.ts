// The canvas's stylesheet (cytoscape's own format), built from the palette. Labels follow the
// zoom (labelLevel): in full when they can be read at their size, shortened and drawn at a
// readable size when the map is zoomed out, and gone when even that would not fit, so 2,000
// nodes zoomed out cost shapes, not text.

import type { StylesheetJson } from 'cytoscape';
import { NODE_SIZES } from '../../../../shared/map-layout';
import { EDGE_STYLES, NODE_COLOURS, STATUS_COLOURS, type EdgeLook } from '../../../../shared/map-palette';
import type { ClaimStatus } from '../../../../db/types';

/** The smallest text a reporter reads on the map, in screen pixels. */
export const READABLE_PX = 10;
/** The labels' size at zoom 1, in the map's own units. */
const LABEL_PX = 12;
/** Below this zoom even a shortened label would not fit its node: labels go. */
const NO_LABELS_BELOW = 0.22;

export type LabelLevel = 'full' | 'brief' | 'none';

/** How the labels are drawn at a zoom: in full when they are readable as they are. */
export function labelLevel(zoom: number): LabelLevel {
  if (LABEL_PX * zoom >= READABLE_PX) return 'full';
  return zoom >= NO_LABELS_BELOW ? 'brief' : 'none';
}

/** The style of the shortened labels at a zoom: drawn at READABLE_PX on screen whatever the zoom. */
export function briefLabelStyle(zoom: number): { 'font-size': number; 'text-max-width': string; 'text-background-padding': string } {
  const size = READABLE_PX / zoom;
  return { 'font-size': size, 'text-max-width': `${Math.round(size * 9)}px`, 'text-background-padding': `${(2 / zoom).toFixed(1)}px` };
}

/** A focus mode side's halo: green for, red against (the legend's colours). */
export const SIDE_COLOURS = { for: '#15803d', against: '#b91c1c' } as const;

export function mapStylesheet(): StylesheetJson {
  const statuses = Object.entries(STATUS_COLOURS) as [ClaimStatus, { fill: string; line: string }][];
  const looks = Object.entries(EDGE_STYLES) as [EdgeLook, (typeof EDGE_STYLES)[EdgeLook]][];
  return [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-size': 12,
        'font-family': 'system-ui, sans-serif',
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': READABLE_PX - 1,
        ...NODE_SIZES.claim,
        'border-width': 3,
        color: '#1d2025',
      },
    },
    { selector: 'node[kind = "claim"]', style: { shape: 'round-rectangle' } },
    ...statuses.map(([status, c]) => ({ selector: `node[status = "${status}"]`, style: { 'background-color': c.fill, 'border-color': c.line } })),
    {
      selector: 'node[kind = "source"]',
      style: { shape: 'ellipse', ...NODE_SIZES.source, 'background-color': NODE_COLOURS.source.fill, 'border-color': NODE_COLOURS.source.line, color: '#ffffff', 'text-max-width': '120px' },
    },
    {
      selector: 'node[kind = "document"]',
      style: { shape: 'cut-rectangle', ...NODE_SIZES.document, 'background-color': NODE_COLOURS.document.fill, 'border-color': NODE_COLOURS.document.line, 'text-max-width': '130px' },
    },
    {
      selector: 'edge',
      style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, opacity: 0.9 },
    },
    ...looks.map(([look, s]) => ({
      selector: `edge[look = "${look}"]`,
      style: {
        'line-color': s.colour,
        'target-arrow-color': s.colour,
        width: s.width,
        'line-style': s.dash ? ('dashed' as const) : ('solid' as const),
        ...(s.dash ? { 'line-dash-pattern': s.dash } : {}),
        ...(look === 'said_by' ? { 'target-arrow-shape': 'none' as const } : {}),
      },
    })),
    // Contradictions are drawn on top of everything else.
    { selector: 'edge[look = "contradicts"]', style: { 'z-index': 10 } },
    // Zoomed out: a few words, at a readable size (briefLabelStyle, set as the zoom changes).
    // On a light plate: a shortened label is wider than a small node, and white on the page is lost.
    {
      selector: 'node.brief',
      style: {
        label: 'data(brief)',
        'text-wrap': 'ellipsis',
        ...briefLabelStyle(0.5),
        color: '#1d2025',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-shape': 'roundrectangle',
      },
    },
    { selector: 'node.unlabelled', style: { label: '' } },
    // Focus mode: which side of the focused claim a node stands on, as a halo behind it.
    ...(['for', 'against'] as const).map((side) => ({
      selector: `node.side-${side}`,
      style: { 'underlay-color': SIDE_COLOURS[side], 'underlay-opacity': 0.22, 'underlay-padding': 9, 'underlay-shape': 'round-rectangle' as const },
    })),
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.25 } },
    { selector: 'node.match', style: { 'border-width': 5, 'border-color': '#2563eb', opacity: 1 } },
    { selector: 'node.focused', style: { 'border-width': 5, 'border-color': '#1d2025', 'overlay-color': '#2563eb', 'overlay-opacity': 0.15, 'overlay-padding': 6 } },
    { selector: 'node.centre', style: { 'border-width': 5, 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.12 } },
  ];
}
