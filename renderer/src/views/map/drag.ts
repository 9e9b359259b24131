// Dragging a node on a big map. cytoscape draws a dragged node and its edges on a layer of their
// own, but every step of the drag also marks every other element's bounds as changed ("bounds"
// notifications from the moved edges), and its canvas renderer answers each of those by
// redrawing the whole layer beneath: on 2,000 nodes that took ~100 ms a step on the build
// machine, for a layer whose content had not changed. While a node is being dragged, those
// notifications only ask for the drag layer; the layer beneath is drawn at the start and end of
// the drag as cytoscape already does. The dragged node's edges stay drawn while it moves, even
// where the map hides edges while the view moves.
//
// This reaches into cytoscape's canvas renderer (3.35: `notify`, `hoverData.draggingEles`,
// `redrawHint`, `hideEdgesOnViewport`); where a renderer lacks them nothing is changed, and
// bench/map.spec.ts measures the drag.

import type { Core } from 'cytoscape';

interface CanvasRenderer {
  notify: (eventName: string, eles?: unknown) => void;
  redrawHint: (group: 'eles' | 'drag' | 'select', value: boolean) => void;
  redraw: () => void;
  hoverData?: { draggingEles?: boolean };
  hideEdgesOnViewport?: boolean;
}

function canvasRenderer(cy: Core): CanvasRenderer | null {
  const r = (cy as unknown as { renderer?: () => unknown }).renderer?.() as Partial<CanvasRenderer> | undefined;
  if (!r || typeof r.notify !== 'function' || typeof r.redrawHint !== 'function' || typeof r.redraw !== 'function' || !r.hoverData) return null;
  return r as CanvasRenderer;
}

/** Keeps a node drag on `cy` to the drag layer. Returns whether it could. */
export function dragOnItsOwnLayer(cy: Core): boolean {
  const r = canvasRenderer(cy);
  if (!r) return false;
  const notify = r.notify.bind(r);
  r.notify = (eventName, eles) => {
    if (eventName === 'bounds' && r.hoverData?.draggingEles) {
      r.redrawHint('drag', true);
      r.redraw();
      return;
    }
    notify(eventName, eles);
  };
  let hideEdges = r.hideEdgesOnViewport;
  cy.on('grab', 'node', () => {
    hideEdges = r.hideEdgesOnViewport;
    r.hideEdgesOnViewport = false;
  });
  cy.on('free', 'node', () => void (r.hideEdgesOnViewport = hideEdges));
  return true;
}
