import type { Core } from 'cytoscape';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Output } from '../../../../core/api';
import type { MapNode } from '../../../../db/graph';
import type { ClaimStatus } from '../../../../db/types';
import { api, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { STATUS_LABELS } from '../../labels';
import { useRemembered } from '../../memory';
import { useNavigation } from '../../navigation';
import { useToast } from '../../toast';
import { download, fileStem } from './download';
import type { Positions } from '../../../../shared/map-layout';
import { MapCanvas, type MapCanvasHandle } from './MapCanvas';
import { MapLegend } from './MapLegend';
import type { LabelLevel } from './style';
import { filtersSet, focusLayout, matchingNodes, NO_MAP_FILTERS, visibleNodes, type MapFilters } from './model';
import { nextInDirection, type Direction } from './keyboard';
import './map.css';

type CaseSummary = Output<'cases.list'>[number];

const KIND_LABELS: Record<MapNode['kind'], string> = { claim: 'Claim', source: 'Source', document: 'Document' };
const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
/** The side list draws at most this many rows; the search narrows it. */
const LIST_LIMIT = 400;

function describe(node: MapNode): string {
  const status = node.status ? `, ${STATUS_LABELS[node.status]}` : '';
  return `${KIND_LABELS[node.kind]}${status}: ${node.label}`;
}

/** The claim map of a case: claims, their sources and the documents, and how they bear on each other. */
export function MapView({ theCase }: { theCase: CaseSummary }) {
  const caseId = theCase.id;
  const graph = useQuery('map.graph', { caseId });
  const saved = useQuery('map.positions.get', { caseId });
  // Saved positions are read once per case: the canvas keeps its own as the reporter works.
  const [savedOnce, setSavedOnce] = useState<{ caseId: string; positions: Positions } | null>(null);
  if (saved.data && savedOnce?.caseId !== caseId) setSavedOnce({ caseId, positions: saved.data });

  if (graph.error || saved.error) return <ErrorAlert error={graph.error ?? saved.error} />;
  if (!graph.data || savedOnce?.caseId !== caseId) return <Loading what="the claim map" />;
  return <MapBody theCase={theCase} graph={graph.data} saved={savedOnce.positions} />;
}

function MapBody({ theCase, graph, saved }: { theCase: CaseSummary; graph: Output<'map.graph'>; saved: Positions }) {
  const caseId = theCase.id;
  const nav = useNavigation();
  const { notify } = useToast();
  const canvas = useRef<MapCanvasHandle>(null);
  const [filters, setFilters] = useRemembered<MapFilters>(`map:filters:${caseId}`, NO_MAP_FILTERS);
  const [query, setQuery] = useRemembered(`map:query:${caseId}`, '');
  const [focusId, setFocusId] = useRemembered<string | null>(`map:focus:${caseId}`, null);
  const [current, setCurrent] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const visible = useMemo(() => visibleNodes(graph, filters), [graph, filters]);
  const focusOn = focusId && visible.has(focusId) ? focusId : null;
  const [labels, setLabels] = useState<LabelLevel>('full');
  const focus = useMemo(() => (focusOn ? focusLayout(graph, focusOn, visible) : null), [graph, focusOn, visible]);
  const shown = useMemo(() => (focus ? new Set(focus.positions.keys()) : visible), [focus, visible]);
  const matches = useMemo(() => matchingNodes(graph.nodes.filter((n) => shown.has(n.id)), query), [graph, shown, query]);

  const sources = useMemo(() => graph.nodes.filter((n) => n.kind === 'source'), [graph]);
  const claims = useMemo(() => graph.nodes.filter((n) => n.kind === 'claim').sort((a, b) => a.label.localeCompare(b.label)), [graph]);
  const tags = useMemo(() => [...new Set(graph.nodes.flatMap((n) => n.tags))].sort((a, b) => a.localeCompare(b)), [graph]);
  const statuses = useMemo(() => (Object.keys(STATUS_LABELS) as ClaimStatus[]).filter((s) => graph.nodes.some((n) => n.status === s)), [graph]);

  const listed = useMemo(() => {
    const all = graph.nodes.filter((n) => shown.has(n.id) && (matches.size === 0 || matches.has(n.id)));
    // In focus mode the list reads like the picture: the claim, then for, then against.
    const order = { for: 0, neutral: 1, against: 2 };
    if (focus) all.sort((a, b) => (a.id === focusOn ? -1 : b.id === focusOn ? 1 : order[focus.sides.get(a.id)!] - order[focus.sides.get(b.id)!]));
    return all;
  }, [graph, shown, matches, focus, focusOn]);

  const open = useCallback(
    (node: MapNode) => {
      if (node.kind === 'claim') nav.openClaim(caseId, node.id);
      else if (node.kind === 'source') nav.openSource(node.id);
      else nav.openDocument(caseId, node.id);
    },
    [nav, caseId],
  );

  const placed = useCallback(
    (positions: Positions, reset: boolean) => {
      // Not through useAction: keeping positions changes no record, so nothing needs re-reading.
      api.invoke('map.positions.save', { caseId, positions, ...(reset ? { reset } : {}) }).catch((err: unknown) => setProblem(err));
    },
    [caseId],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, cy: Core | null) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const dir = ARROWS[e.key];
    const here = current && shown.has(current) ? current : null;
    let handled = true;
    if (dir) {
      const start = here ?? focusOn ?? listed[0]?.id ?? null;
      const next = here && cy ? nextInDirection(cy, here, dir, shown) : start;
      if (next) setCurrent(next);
    } else if (e.key === 'Enter' && here) open(byId.get(here)!);
    else if ((e.key === 'f' || e.key === 'F') && here && byId.get(here)?.kind === 'claim') setFocusId(focusOn === here ? null : here);
    else if (e.key === 'Escape' && focusOn) setFocusId(null);
    else if (e.key === '+' || e.key === '=') canvas.current?.zoom(1.25);
    else if (e.key === '-') canvas.current?.zoom(0.8);
    else if (e.key === '0') canvas.current?.fit();
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const currentNode = current ? byId.get(current) : undefined;
  const focusNode = focusOn ? byId.get(focusOn) : undefined;
  const pictureTitle = `Claim map: ${theCase.title}${focusNode ? `, around “${focusNode.label}”` : ''}`;
  const exportSvg = () => {
    try {
      download(`${fileStem(theCase.title, 'claim-map')}.svg`, canvas.current?.svg(pictureTitle) ?? '', 'image/svg+xml');
    } catch (err) {
      notify({ text: `The map could not be exported: ${messageOf(err)}`, problem: true });
    }
  };
  const exportPng = () => {
    canvas.current
      ?.png(pictureTitle)
      .then((blob) => download(`${fileStem(theCase.title, 'claim-map')}.png`, blob))
      .catch((err: unknown) => notify({ text: `The map could not be exported: ${messageOf(err)}`, problem: true }));
  };

  return (
    <section className="map-view" aria-labelledby="map-heading">
      <header className="pane-header map-header">
        <div className="map-heading-line">
          <h1 className="case-title" id="map-heading">
            Claim map
          </h1>
          <p className="map-case">{theCase.title}</p>
          <p className="map-count" aria-live="polite">
            {shown.size} of {graph.nodes.length} shown{matches.size > 0 && `, ${matches.size} matching`}
          </p>
        </div>
        <div className="map-toolbar" role="group" aria-label="What the map shows">
          <FilterSelect label="Status" value={filters.status} options={statuses.map((v) => ({ value: v, label: STATUS_LABELS[v] }))} onChange={(v) => setFilters({ ...filters, status: v as ClaimStatus | '' })} />
          <FilterSelect label="Source" value={filters.sourceId} options={sources.map((n) => ({ value: n.id, label: n.label }))} onChange={(v) => setFilters({ ...filters, sourceId: v })} />
          <FilterSelect label="Tag" value={filters.tag} options={tags.map((t) => ({ value: t, label: t }))} onChange={(v) => setFilters({ ...filters, tag: v })} />
          {filtersSet(filters) && (
            <button type="button" className="button small" onClick={() => setFilters(NO_MAP_FILTERS)}>
              Clear filters
            </button>
          )}
          <label className="map-field map-search">
            <span>Highlight</span>
            <input type="search" value={query} placeholder="Words in a node" onChange={(e) => setQuery(e.target.value)} />
          </label>
          <label className="map-field map-focus">
            <span>Focus on</span>
            <select value={focusOn ?? ''} onChange={(e) => setFocusId(e.target.value || null)}>
              <option value="">The whole map</option>
              {claims
                .filter((c) => visible.has(c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label.length > 80 ? `${c.label.slice(0, 78)}…` : c.label}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <div className="map-toolbar" role="group" aria-label="View and export">
          <button type="button" className="button small" onClick={() => canvas.current?.zoom(1.25)} aria-label="Zoom in" aria-keyshortcuts="+">
            +
          </button>
          <button type="button" className="button small" onClick={() => canvas.current?.zoom(0.8)} aria-label="Zoom out" aria-keyshortcuts="-">
            −
          </button>
          <button type="button" className="button small" onClick={() => canvas.current?.fit()} aria-keyshortcuts="0">
            Fit
          </button>
          <button type="button" className="button small" onClick={() => canvas.current?.relayout()} disabled={Boolean(focusOn)}>
            Re-arrange
          </button>
          <span className="map-spacer" />
          <button type="button" className="button small" onClick={exportSvg}>
            Export SVG
          </button>
          <button type="button" className="button small" onClick={exportPng}>
            Export PNG
          </button>
        </div>
      </header>
      <ErrorAlert error={problem} />
      {graph.nodes.length === 0 ? (
        <EmptyState title="Nothing to map yet.">
          <p>Add claims, sources and documents to this case and they appear here, linked.</p>
        </EmptyState>
      ) : (
        <div className="map-body">
          <div className="map-stage">
            {focusNode && (
              <div className="map-columns" aria-hidden="true">
                <span className="map-column-for">
                  For <small>supports the claim</small>
                </span>
                <span className="map-column-against">
                  Against <small>contradicts it</small>
                </span>
              </div>
            )}
            {labels !== 'full' && (
              <p className="map-zoom-note" role="status">
                {labels === 'brief' ? 'Zoomed out: labels shortened.' : 'Zoomed far out: labels hidden.'} Zoom in (+) to read them whole; the list beside the map has every
                node in full.
              </p>
            )}
            <MapCanvas
              ref={canvas}
              graph={graph}
              saved={saved}
              shown={shown}
              matches={matches}
              focusId={focusOn}
              focusPositions={focus?.positions ?? null}
              sides={focus?.sides ?? null}
              onLabelLevel={setLabels}
              current={current}
              label={focusNode ? `Claim map, focused on: ${focusNode.label}` : `Claim map of ${theCase.title}`}
              onOpen={open}
              onCurrent={setCurrent}
              onPlaced={placed}
              onKeyDown={onKeyDown}
            />
            <p id="map-keys" className="visually-hidden">
              Arrow keys move between nodes, Enter opens the node’s record, F focuses on a claim and Escape leaves focus mode, plus and minus zoom, 0 fits the
              map. The list of nodes beside the map holds the same.
            </p>
            <p className="visually-hidden" aria-live="polite">
              {currentNode ? describe(currentNode) : ''}
            </p>
            <MapLegend sides={Boolean(focusNode)} />
          </div>
          <aside className="map-list" aria-labelledby="map-list-heading">
            <h2 id="map-list-heading">
              {focusNode ? 'Around the focused claim' : matches.size > 0 ? 'Matching nodes' : 'Nodes on the map'} <span className="count">{listed.length}</span>
            </h2>
            {focusNode && (
              <button type="button" className="button small" onClick={() => setFocusId(null)}>
                Back to the whole map
              </button>
            )}
            <ul aria-labelledby="map-list-heading" data-testid="map-node-list">
              {listed.slice(0, LIST_LIMIT).map((n) => (
                <li key={n.id} className={`map-item map-item-${n.kind}${n.id === current ? ' is-current' : ''}`}>
                  <button type="button" className="map-item-open" onClick={() => open(n)} onFocus={() => setCurrent(n.id)}>
                    <span className="map-item-kind">
                      {KIND_LABELS[n.kind]}
                      {focus && n.id !== focusOn && ` · ${focus.sides.get(n.id) === 'for' ? 'for' : focus.sides.get(n.id) === 'against' ? 'against' : 'related'}`}
                    </span>
                    {n.status && <span className={`badge status-${n.status}`}>{STATUS_LABELS[n.status]}</span>}
                    <span className="map-item-label">{n.label}</span>
                  </button>
                  {n.kind === 'claim' && n.id !== focusOn && (
                    <button type="button" className="button small map-item-focus" onClick={() => setFocusId(n.id)} aria-label={`Focus on: ${n.label}`}>
                      Focus
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {listed.length > LIST_LIMIT && (
              <p className="muted map-more">
                And {listed.length - LIST_LIMIT} more: filter or highlight to narrow the list.
              </p>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}

/** One of the map's filters: Any, or one of `options`. */
function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <label className="map-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
