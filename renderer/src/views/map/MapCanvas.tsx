// The drawing itself: one cytoscape instance per case graph, laid out by fcose (or where the
// reporter left the nodes), restyled in place as the filters, the search and focus mode change,
// so a change of filter never re-lays out the map.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import type { CaseGraph, MapNode } from '../../../../db/graph';
import { edgeLook } from '../../../../shared/map-palette';
import { BIG_MAP, layOut, type Positions } from '../../../../shared/map-layout';
import { mapSvg } from '../../../../shared/map-svg';
import { svgToPng } from './download';
import { dragOnItsOwnLayer } from './drag';
import { briefLabelStyle, labelLevel, mapStylesheet, type LabelLevel } from './style';

cytoscape.use(fcose);

// cytoscape adds an inline <style> to the page unless an element with this id is there; the page
// runs under style-src 'self', so map.css holds that rule and this stands in for the element.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const stand_in = document.createElement('meta');
  stand_in.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(stand_in);
}


export interface MapCanvasHandle {
  /** The nodes drawn now, where they stand, as the packet draws the map (shared/map-svg.ts). */
  svg: (title: string) => string;
  png: (title: string) => Promise<Blob>;
  fit: () => void;
  zoom: (factor: number) => void;
  relayout: () => void;
  /** Where every node stands now (model coordinates). */
  positions: () => Positions;
}

interface Props {
  graph: CaseGraph;
  saved: Positions;
  /** The nodes drawn: those the filters keep, or in focus mode the focused claim's neighbourhood. */
  shown: Set<string>;
  matches: Set<string>;
  focusId: string | null;
  /** Focus mode's columns, when it is on. */
  focusPositions: Map<string, { x: number; y: number }> | null;
  /** Focus mode's sides: which nodes stand for the focused claim, which against it. */
  sides: Map<string, 'for' | 'against' | 'neutral'> | null;
  /** The node the keyboard is on. */
  current: string | null;
  /** How the labels are drawn now, as the zoom changes (full, shortened, none). */
  onLabelLevel: (level: LabelLevel) => void;
  label: string;
  onOpen: (node: MapNode) => void;
  onCurrent: (id: string) => void;
  /** Positions to keep (after a layout or a drag); `reset` when the whole layout was redone. */
  onPlaced: (positions: Positions, reset: boolean) => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>, cy: Core | null) => void;
}

/** A node's label on the canvas: the statement's first words (the list and the record have all of it). */
function short(label: string): string {
  return label.length > 56 ? `${label.slice(0, 54).trimEnd()}…` : label;
}

/** The label zoomed out: the first words, up to about 22 letters, ended at a word. */
export function brief(label: string): string {
  if (label.length <= 22) return label;
  const cut = label.slice(0, 22);
  const space = cut.lastIndexOf(' ');
  return `${(space > 8 ? cut.slice(0, space) : cut).replace(/[\s,;:.(–-]+$/u, '')}…`;
}

/** Labels as the zoom allows (style.ts labelLevel); the shortened ones' size follows the zoom. */
function fitLabels(cy: Core, onLevel: (level: LabelLevel) => void): void {
  const zoom = cy.zoom();
  const level = labelLevel(zoom);
  cy.batch(() => {
    cy.nodes().toggleClass('brief', level === 'brief').toggleClass('unlabelled', level === 'none');
    if (level === 'brief') cy.style().selector('node.brief').style(briefLabelStyle(zoom)).update();
  });
  onLevel(level);
}

function elementsOf(graph: CaseGraph): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, kind: n.kind, status: n.status ?? '', short: short(n.label), brief: brief(n.label) } })),
    ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.from, target: e.to, look: edgeLook(e) } })),
  ];
}

/** A fresh layout of every node, fitted in view. */
function layOutAfresh(cy: Core): void {
  layOut(cy);
  cy.fit(undefined, 40);
}

/** Fits the drawn nodes in view, never closer than a little over 100 % (a lone node would fill the screen). */
function fitShown(cy: Core): void {
  cy.fit(cy.nodes(':visible'), 40);
  if (cy.zoom() > 1.25) cy.zoom({ level: 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

function currentPositions(cy: Core): Positions {
  const out: Positions = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    out[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  return out;
}

/** What the canvas shows now (the filters' and focus mode's nodes, where they stand) as an SVG document. */
function drawnSvg(cy: Core | null, graph: CaseGraph, title: string): string {
  if (!cy) throw new Error('The map is not drawn yet.');
  const at: Positions = {};
  cy.nodes(':visible').forEach((n) => {
    at[n.id()] = n.position();
  });
  return mapSvg(graph, at, title);
}

export const MapCanvas = forwardRef<MapCanvasHandle, Props>(function MapCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  // Where each node stood in the whole map before focus mode moved it.
  const wholeMap = useRef<Positions | null>(null);
  const fittedFor = useRef<Set<string> | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // One instance per graph answer; positions carry over from the last one, so a re-read keeps the picture.
  useEffect(() => {
    if (!container.current) return;
    claimCytoscapeStylesheet();
    const previous = cyRef.current ? currentPositions(cyRef.current) : null;
    cyRef.current?.destroy();
    const known: Positions = { ...props.saved, ...(wholeMap.current ?? previous ?? {}) };
    wholeMap.current = null;
    const big = props.graph.nodes.length > BIG_MAP;
    const cy = cytoscape({
      container: container.current,
      elements: elementsOf(props.graph),
      style: mapStylesheet(),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      // Pan and zoom move a snapshot; the edges come back when the viewport settles.
      // A big map pans and zooms a snapshot, edges hidden until the viewport settles, at one
      // device pixel per CSS pixel: the 2D canvas's cost grows with the pixels it fills.
      textureOnViewport: big,
      hideEdgesOnViewport: props.graph.nodes.length > 1200,
      ...(big ? { pixelRatio: 1 } : {}),
      boxSelectionEnabled: false,
      // Nothing on the map is "selected" (a tap opens the record): no restyle on every grab.
      autounselectify: true,
    });
    cyRef.current = cy;
    if (big) dragOnItsOwnLayer(cy);
    // Automated browsers (the e2e specs, the benchmark) read the drawing itself; people never see this.
    if (navigator.webdriver) (window as unknown as { __corroborateMap?: Core }).__corroborateMap = cy;
    const missing = cy.nodes().filter((n) => !known[n.id()]);
    if (missing.length === 0) {
      cy.nodes().forEach((n) => {
        n.position(known[n.id()]!);
      });
      cy.fit(undefined, 40);
    } else {
      const fresh = missing.length === cy.nodes().length;
      if (fresh) layOutAfresh(cy);
      else layOut(cy, Object.fromEntries(Object.entries(known).filter(([id]) => cy.getElementById(id).nonempty())));
      latest.current.onPlaced(currentPositions(cy), fresh);
    }

    fitLabels(cy, latest.current.onLabelLevel);
    // A wheel zooms many times a second: labels follow once per frame at most.
    let pending = 0;
    cy.on('zoom', () => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        if (!cy.destroyed()) fitLabels(cy, latest.current.onLabelLevel);
      });
    });
    cy.on('tap', 'node', (e) => {
      const node = latest.current.graph.nodes.find((n) => n.id === (e.target as NodeSingular).id());
      if (node) latest.current.onOpen(node);
    });
    cy.on('dragfree', 'node', (e) => {
      const n = e.target as NodeSingular;
      latest.current.onCurrent(n.id());
      // Focus mode's columns are its own: what the reporter drags there is not the map's layout.
      if (latest.current.focusId) return;
      const p = n.position();
      latest.current.onPlaced({ [n.id()]: { x: p.x, y: p.y } }, false);
    });
    return () => {
      // Kept for the next instance (a re-read of the same case), destroyed on unmount below.
    };
    // A new graph answer means new elements; everything else is restyled in place below.
  }, [props.graph]);

  useEffect(() => () => cyRef.current?.destroy(), []);

  // Filters, search and focus mode: classes and, for focus, the column positions.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const { shown, matches, focusId, focusPositions } = props;
    // A filter that changes what is drawn brings it into view (not on the first drawing, already fitted).
    const filtered = fittedFor.current !== null && fittedFor.current !== shown;
    fittedFor.current = shown;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const id = n.id();
        n.toggleClass('hidden', !shown.has(id));
        n.toggleClass('match', matches.has(id));
        n.toggleClass('faded', matches.size > 0 && !matches.has(id));
        n.toggleClass('centre', id === focusId);
        const side = props.sides?.get(id);
        n.toggleClass('side-for', side === 'for');
        n.toggleClass('side-against', side === 'against');
      });
      cy.edges().forEach((e) => {
        e.toggleClass('hidden', !shown.has(e.source().id()) || !shown.has(e.target().id()));
        e.toggleClass('faded', matches.size > 0 && !(matches.has(e.source().id()) || matches.has(e.target().id())));
      });
    });
    if (focusPositions) {
      wholeMap.current ??= currentPositions(cy);
      cy.batch(() => {
        for (const [id, p] of focusPositions) cy.getElementById(id).position(p);
      });
      fitShown(cy);
    } else if (wholeMap.current) {
      const back = wholeMap.current;
      wholeMap.current = null;
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          if (back[n.id()]) n.position(back[n.id()]!);
        });
      });
      fitShown(cy);
    } else if (filtered) {
      fitShown(cy);
    }
  }, [props.graph, props.shown, props.matches, props.focusId, props.focusPositions, props.sides]);

  // The keyboard's node: marked, and brought into view when it is off screen.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.focused').removeClass('focused');
    if (!props.current) return;
    const node = cy.getElementById(props.current);
    if (node.empty()) return;
    node.addClass('focused');
    const box = node.renderedBoundingBox();
    if (box.x2 < 0 || box.y2 < 0 || box.x1 > cy.width() || box.y1 > cy.height()) cy.center(node);
  }, [props.current]);

  useImperativeHandle(
    ref,
    () => ({
      svg: (title) => drawnSvg(cyRef.current, latest.current.graph, title),
      png: async (title) => svgToPng(drawnSvg(cyRef.current, latest.current.graph, title)),
      fit: () => cyRef.current && fitShown(cyRef.current),
      zoom: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      relayout: () => {
        const cy = cyRef.current;
        if (!cy) return;
        wholeMap.current = null;
        layOutAfresh(cy);
        latest.current.onPlaced(currentPositions(cy), true);
      },
      positions: () => (cyRef.current ? currentPositions(cyRef.current) : {}),
    }),
    [],
  );

  return (
    <div
      ref={container}
      className="map-canvas"
      tabIndex={0}
      role="application"
      aria-roledescription="claim map"
      aria-label={props.label}
      aria-describedby="map-keys"
      onKeyDown={(e) => props.onKeyDown(e, cyRef.current)}
    />
  );
});
