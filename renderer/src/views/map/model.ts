// What the map shows, worked out apart from the canvas so it can be tested without one: which
// nodes the filters keep, which match the search, and where focus mode puts a claim's
// neighbourhood ("for" on the left, "against" on the right).

import type { ClaimStatus } from '../../../../db/types';
import type { CaseGraph, MapEdge, MapNode } from '../../../../db/graph';

export interface MapFilters {
  status: ClaimStatus | '';
  sourceId: string;
  tag: string;
}

export const NO_MAP_FILTERS: MapFilters = { status: '', sourceId: '', tag: '' };

export function filtersSet(f: MapFilters): boolean {
  return Boolean(f.status || f.sourceId || f.tag);
}

/**
 * The nodes the filters keep: the claims that pass, with the sources and documents they reach.
 * Without a filter, everything (documents no claim cites too).
 */
export function visibleNodes(graph: CaseGraph, f: MapFilters): Set<string> {
  if (!filtersSet(f)) return new Set(graph.nodes.map((n) => n.id));
  const kept = new Set<string>();
  for (const n of graph.nodes) {
    if (n.kind !== 'claim') continue;
    if (f.status && n.status !== f.status) continue;
    if (f.sourceId && !n.sourceIds.includes(f.sourceId)) continue;
    if (f.tag && !n.tags.some((t) => t.toLowerCase() === f.tag.toLowerCase())) continue;
    kept.add(n.id);
  }
  for (const e of graph.edges) {
    if (e.kind !== 'link' && kept.has(e.from)) kept.add(e.to);
  }
  return kept;
}

/** Nodes whose label holds every word of the query (case and accents aside). */
export function matchingNodes(nodes: MapNode[], query: string): Set<string> {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return new Set();
  return new Set(nodes.filter((n) => words.every((w) => fold(n.label).includes(w))).map((n) => n.id));
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export type Side = 'for' | 'against' | 'neutral';

/** Which side of the focused claim an edge puts its other end on. */
export function sideOf(edge: MapEdge): Side {
  if (edge.relation === 'supports' || edge.relation === 'same_as') return 'for';
  if (edge.relation === 'contradicts') return 'against';
  return 'neutral';
}

export interface FocusLayout {
  /** Every node within two steps, with where it goes. */
  positions: Map<string, { x: number; y: number }>;
  sides: Map<string, Side>;
}

const COLUMN = 320;
const ROW = 92;

/**
 * The neighbourhood of `focusId` two steps out, in columns: supporters to the left of the
 * claim, contradictions to the right, sources, qualifications and context in the middle;
 * the second step one column further out on the side of the node it was reached through.
 */
export function focusLayout(graph: CaseGraph, focusId: string, visible?: Set<string>): FocusLayout {
  const adjacent = new Map<string, MapEdge[]>();
  for (const e of graph.edges) {
    if (visible && (!visible.has(e.from) || !visible.has(e.to))) continue;
    for (const end of [e.from, e.to]) {
      const list = adjacent.get(end) ?? [];
      list.push(e);
      adjacent.set(end, list);
    }
  }
  const sides = new Map<string, Side>([[focusId, 'neutral']]);
  const step = new Map<string, number>([[focusId, 0]]);
  let frontier = [focusId];
  for (const depth of [1, 2]) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of adjacent.get(id) ?? []) {
        const other = e.from === id ? e.to : e.from;
        if (step.has(other)) continue;
        // The first step takes its side from the edge; the second keeps the side of the node it hangs from.
        const side = depth === 1 ? sideOf(e) : (sides.get(id) ?? 'neutral');
        sides.set(other, side);
        step.set(other, depth);
        next.push(other);
      }
    }
    frontier = next;
  }

  const columns = new Map<string, string[]>();
  for (const [id, depth] of step) {
    if (depth === 0) continue;
    const side = sides.get(id)!;
    const key = `${side}:${side === 'neutral' ? 1 : depth}`;
    columns.set(key, [...(columns.get(key) ?? []), id]);
  }
  const positions = new Map<string, { x: number; y: number }>([[focusId, { x: 0, y: 0 }]]);
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  for (const [key, ids] of columns) {
    const [side, depth] = key.split(':') as [Side, string];
    ids.sort((a, b) => (label.get(a) ?? '').localeCompare(label.get(b) ?? ''));
    const x = side === 'for' ? -COLUMN * Number(depth) : side === 'against' ? COLUMN * Number(depth) : 0;
    // The middle column sits below the claim; the side columns are centred on it.
    const top = side === 'neutral' ? ROW * 1.5 : (-(ids.length - 1) * ROW) / 2;
    ids.forEach((id, i) => positions.set(id, { x, y: top + i * ROW }));
  }
  return { positions, sides };
}
