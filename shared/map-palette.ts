// The map's colours, declared once: the canvas, the legend, the SVG picture (in the app's export
// and in source packets) and the timeline all read them, so a status looks the same wherever it
// is drawn. Status colours are those of the status badges (renderer/src/styles/app.css),
// darkened where they draw lines.

import type { MapEdge, MapNode } from '../db/graph.js';
import type { ClaimStatus } from '../db/types.js';

export const STATUS_COLOURS: Record<ClaimStatus, { fill: string; line: string }> = {
  unverified: { fill: '#f2f1ed', line: '#6b7078' },
  in_progress: { fill: '#eaf1fb', line: '#1d4f91' },
  verified: { fill: '#e6f4ea', line: '#1c6434' },
  disputed: { fill: '#fdf3e1', line: '#a8650d' },
  false: { fill: '#fbeaea', line: '#9b2226' },
  misleading: { fill: '#f6ecf9', line: '#6e2d85' },
  unverifiable: { fill: '#efeef5', line: '#4a4766' },
};

export const NODE_COLOURS: Record<Exclude<MapNode['kind'], 'claim'>, { fill: string; line: string }> = {
  source: { fill: '#2f3a4c', line: '#1f2530' },
  document: { fill: '#f4ead7', line: '#8a6d3b' },
};

/** What an edge says, as the map draws it. "Against" edges are the ones that must stand out. */
export type EdgeLook = 'said_by' | 'supports' | 'contradicts' | 'qualifies' | 'same_as' | 'context';

export const EDGE_STYLES: Record<EdgeLook, { colour: string; width: number; dash: number[] | null; label: string }> = {
  said_by: { colour: '#9aa0a8', width: 1.2, dash: null, label: 'Said by' },
  supports: { colour: '#1c6434', width: 2, dash: null, label: 'Supports' },
  contradicts: { colour: '#c0262d', width: 3.5, dash: [8, 5], label: 'Contradicts' },
  qualifies: { colour: '#a8650d', width: 2, dash: [2, 4], label: 'Qualifies' },
  same_as: { colour: '#1d4f91', width: 2, dash: null, label: 'Same as' },
  context: { colour: '#8a8f98', width: 1.5, dash: [2, 4], label: 'Context' },
};

export function edgeLook(edge: Pick<MapEdge, 'kind' | 'relation'>): EdgeLook {
  return edge.kind === 'said_by' || edge.relation === null ? 'said_by' : edge.relation;
}
