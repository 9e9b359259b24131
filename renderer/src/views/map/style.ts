// The canvas's stylesheet (cytoscape's own format), built from the palette. Labels fade out
// below a readable size, so 2,000 nodes zoomed out cost shapes, not text.

import type { StylesheetJson } from 'cytoscape';
import { NODE_SIZES } from '../../../../shared/map-layout';
import { EDGE_STYLES, NODE_COLOURS, STATUS_COLOURS, type EdgeLook } from '../../../../shared/map-palette';
import type { ClaimStatus } from '../../../../db/types';

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
        'min-zoomed-font-size': 6,
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
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.25 } },
    { selector: 'node.match', style: { 'border-width': 5, 'border-color': '#2563eb', opacity: 1 } },
    { selector: 'node.focused', style: { 'border-width': 5, 'border-color': '#1d2025', 'overlay-color': '#2563eb', 'overlay-opacity': 0.15, 'overlay-padding': 6 } },
    { selector: 'node.centre', style: { 'border-width': 5, 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.12 } },
  ];
}
