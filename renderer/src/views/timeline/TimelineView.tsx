import { scaleUtc } from 'd3-scale';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Output } from '../../../../core/api';
import type { TimelineItem } from '../../../../db/graph';
import { messageOf } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { formatPartialDate } from '../../format';
import { STATUS_LABELS } from '../../labels';
import { useRemembered } from '../../memory';
import { useNavigation } from '../../navigation';
import { useToast } from '../../toast';
import { download, fileStem, svgToPng } from '../map/download';
import { NODE_COLOURS, STATUS_COLOURS } from '../../../../shared/map-palette';
import { GROUPINGS, lanes, packRows, timesketchJsonl, type Grouping } from './model';
import { EventPanel } from './EventPanel';
import { EventForm } from './EventForm';
import '../map/map.css';
import './timeline.css';

type CaseSummary = Output<'cases.list'>[number];

const GUTTER = 170;
const AXIS = 30;
const ROW = 26;
const LANE_PAD = 12;
const RIGHT = 24;
const DAY = 86_400_000;
const MIN_SPAN = 7 * DAY;
const MAX_SPAN = 200 * 365 * DAY;
const EVENT_COLOUR = '#1f2530';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

const WHAT: Record<TimelineItem['what'], string> = { said: 'Said', published: 'Published', retrieved: 'Retrieved', happened: 'Happened' };

function colourOf(item: TimelineItem): string {
  if (item.kind === 'event') return EVENT_COLOUR;
  if (item.kind === 'document') return NODE_COLOURS.document.line;
  return STATUS_COLOURS[item.status ?? 'unverified'].line;
}

/** The label beside a mark; a document's two dates say which is which. */
function shortTitle(item: TimelineItem): string {
  const title = item.what === 'retrieved' ? `Retrieved: ${item.title}` : item.title;
  return title.length > 48 ? `${title.slice(0, 46).trimEnd()}…` : title;
}

/** A partial or full date as a reporter reads it: "December 2021", "15 Dec 2021", "2017". */
function whenText(item: TimelineItem): string {
  return item.precision === 'instant' ? item.date.slice(0, 10) : formatPartialDate(item.date);
}

function describe(item: TimelineItem): string {
  const who = item.sources.length ? ` — ${item.sources.map((s) => s.name).join(', ')}` : '';
  const status = item.status ? ` (${STATUS_LABELS[item.status]})` : '';
  const range = item.precision === 'month' || item.precision === 'year' ? ', date known only to the ' + item.precision : '';
  return `${WHAT[item.what]} ${whenText(item)}${range}: ${item.title}${who}${status}`;
}

/** The width a label takes, roughly: packing must not wait for the browser to measure text. */
const labelWidth = (item: TimelineItem) => shortTitle(item).length * 6.1;

/** The case on a time axis: what was said, published, retrieved and happened, each date as precise as known. */
export function TimelineView({ theCase }: { theCase: CaseSummary }) {
  const timeline = useQuery('timeline.items', { caseId: theCase.id });
  if (timeline.error) return <ErrorAlert error={timeline.error} />;
  if (!timeline.data) return <Loading what="the timeline" />;
  return <TimelineBody theCase={theCase} data={timeline.data} />;
}

function fullDomain(items: TimelineItem[]): [number, number] {
  const start = Math.min(...items.map((i) => Date.parse(i.start)));
  const end = Math.max(...items.map((i) => Date.parse(i.end)));
  const pad = Math.max((end - start) * 0.04, 15 * DAY);
  return [start - pad, end + pad];
}

function TimelineBody({ theCase, data }: { theCase: CaseSummary; data: Output<'timeline.items'> }) {
  const nav = useNavigation();
  const { notify } = useToast();
  const [grouping, setGrouping] = useRemembered<Grouping>('timeline:grouping', 'source');
  const items = data.items;
  const whole = useMemo(() => (items.length ? fullDomain(items) : ([0, 1] as [number, number])), [items]);
  // The zoom is kept while the case's span stays the same; an item outside it shows everything again.
  const [domain, setDomain] = useRemembered<[number, number]>(`timeline:domain:${theCase.id}:${whole.join('-')}`, whole);
  const wrapper = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(900);
  const drag = useRef<{ x: number; domain: [number, number] } | null>(null);
  const [panel, setPanel] = useState<{ event: string; editing?: boolean } | 'new' | null>(null);

  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(480, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const x = useMemo(() => scaleUtc().domain(domain).range([GUTTER, width - RIGHT]), [domain, width]);
  const at = (iso: string) => x(new Date(iso));

  const zoom = (factor: number, centre = (domain[0] + domain[1]) / 2) => {
    const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, (domain[1] - domain[0]) / factor));
    const share = (centre - domain[0]) / (domain[1] - domain[0]);
    setDomain([centre - span * share, centre + span * (1 - share)]);
  };
  const pan = (share: number) => {
    const shift = (domain[1] - domain[0]) * share;
    setDomain([domain[0] + shift, domain[1] + shift]);
  };

  // The wheel zooms around the pointer; it must be a non-passive listener to keep the page still.
  const latest = useRef({ zoom, x });
  latest.current = { zoom, x };
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const centre = latest.current.x.invert(e.clientX - box.left).getTime();
      latest.current.zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, centre);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [items.length > 0]);

  const laid = useMemo(() => {
    let top = AXIS + 6;
    return lanes(items, grouping).map((lane) => {
      const placed = packRows(lane.items, (iso) => x(new Date(iso)), labelWidth, width - RIGHT);
      const rows = Math.max(1, ...placed.map((p) => p.row + 1));
      const out = { lane, placed, top, height: rows * ROW + LANE_PAD };
      top += out.height;
      return out;
    });
  }, [items, grouping, x, width]);
  const height = (laid.at(-1)?.top ?? AXIS) + (laid.at(-1)?.height ?? 0) + 8;
  const ticks = x.ticks(Math.max(2, Math.floor((width - GUTTER) / 110)));
  const tickFormat = x.tickFormat();

  const open = (item: TimelineItem) => {
    if (item.kind === 'claim') nav.openClaim(theCase.id, item.recordId);
    else if (item.kind === 'document') nav.openDocument(theCase.id, item.recordId);
    // Events have no view of their own: they are read, corrected and deleted here.
    else setPanel({ event: item.recordId });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const actions: Record<string, () => void> = {
      '+': () => zoom(1.5),
      '=': () => zoom(1.5),
      '-': () => zoom(1 / 1.5),
      '0': () => setDomain(whole),
      ArrowLeft: () => pan(-0.15),
      ArrowRight: () => pan(0.15),
    };
    const act = actions[e.key];
    if (act) {
      e.preventDefault();
      e.stopPropagation();
      act();
    }
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('.tl-item')) return;
    drag.current = { x: e.clientX, domain };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const shift = ((d.x - e.clientX) / (width - GUTTER - RIGHT)) * (d.domain[1] - d.domain[0]);
    setDomain([d.domain[0] + shift, d.domain[1] + shift]);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const stem = fileStem(theCase.title, 'timeline');
  const serialized = () => new XMLSerializer().serializeToString(svg.current!);
  const exportSvg = () => download(`${stem}.svg`, serialized(), 'image/svg+xml');
  const exportPng = () => {
    svgToPng(serialized())
      .then((blob) => download(`${stem}.png`, blob))
      .catch((err: unknown) => notify({ text: `The timeline could not be exported: ${messageOf(err)}`, problem: true }));
  };
  const exportJsonl = () => download(`${stem}.jsonl`, timesketchJsonl(items, theCase.title), 'application/x-ndjson');

  return (
    <section className="timeline-view" aria-labelledby="timeline-heading">
      <header className="pane-header timeline-header">
        <div className="map-heading-line">
          <h1 className="case-title" id="timeline-heading">
            Timeline
          </h1>
          <p className="map-case">{theCase.title}</p>
          <p className="map-count">
            {items.length} dated {items.length === 1 ? 'item' : 'items'}
            {data.undatedClaims > 0 && `; ${data.undatedClaims} claims have no date`}
          </p>
        </div>
        <div className="map-toolbar" role="group" aria-label="Timeline view">
          <label className="map-field">
            <span>Lanes by</span>
            <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
              {(Object.keys(GROUPINGS) as Grouping[]).map((g) => (
                <option key={g} value={g}>
                  {GROUPINGS[g]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button small" onClick={() => zoom(1.5)} aria-label="Zoom in" aria-keyshortcuts="+">
            +
          </button>
          <button type="button" className="button small" onClick={() => zoom(1 / 1.5)} aria-label="Zoom out" aria-keyshortcuts="-">
            −
          </button>
          <button type="button" className="button small" onClick={() => pan(-0.25)} aria-label="Earlier" aria-keyshortcuts="ArrowLeft">
            ←
          </button>
          <button type="button" className="button small" onClick={() => pan(0.25)} aria-label="Later" aria-keyshortcuts="ArrowRight">
            →
          </button>
          <button type="button" className="button small" onClick={() => setDomain(whole)} aria-keyshortcuts="0">
            Fit
          </button>
          <button type="button" className="button small" onClick={() => setPanel('new')}>
            New event
          </button>
          <span className="map-spacer" />
          <button type="button" className="button small" onClick={exportSvg} disabled={!items.length}>
            Export SVG
          </button>
          <button type="button" className="button small" onClick={exportPng} disabled={!items.length}>
            Export PNG
          </button>
          <button type="button" className="button small" onClick={exportJsonl} disabled={!items.length}>
            Export Timesketch JSONL
          </button>
        </div>
        <p className="timeline-key">
          <svg width="14" height="12" aria-hidden="true">
            <circle cx="7" cy="6" r="5" fill="#6b7078" />
          </svg>
          a known day
          <svg width="40" height="12" aria-hidden="true">
            <rect x="1" y="2" width="38" height="8" rx="4" fill="#6b7078" fillOpacity="0.25" stroke="#6b7078" strokeDasharray="3 2" />
          </svg>
          a month or year, not known more precisely
        </p>
      </header>
      {panel === 'new' && <EventForm caseId={theCase.id} onDone={() => setPanel(null)} />}
      {panel && panel !== 'new' && <EventPanel id={panel.event} editing={Boolean(panel.editing)} onEdit={(editing) => setPanel({ event: panel.event, editing })} onClose={() => setPanel(null)} />}
      {items.length === 0 ? (
        <EmptyState title="Nothing dated in this case yet.">
          <p>Claims with a said-on date, documents with a publication or retrieval date, and events appear here.</p>
        </EmptyState>
      ) : (
        <div ref={wrapper} className="timeline-stage" tabIndex={0} role="group" aria-label="Timeline chart" aria-describedby="timeline-keys" onKeyDown={onKeyDown}>
          <p id="timeline-keys" className="visually-hidden">
            Plus and minus zoom, the left and right arrows move earlier and later, 0 shows everything. Tab moves through the items; Enter opens one.
          </p>
          <svg
            ref={svg}
            xmlns="http://www.w3.org/2000/svg"
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            fontFamily={FONT}
            fontSize="12"
            className="timeline-svg"
            data-testid="timeline-svg"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          >
            <title>{`Timeline of ${theCase.title}`}</title>
            <rect className="tl-bg" x="0" y="0" width={width} height={height} fill="#ffffff" />
            <defs>
              <clipPath id="tl-plot">
                <rect x={GUTTER} y="0" width={width - GUTTER - RIGHT + 12} height={height} />
              </clipPath>
            </defs>
            {/* The axis and its grid. */}
            <g aria-hidden="true">
              {ticks.map((t) => (
                <g key={t.getTime()}>
                  <line x1={x(t)} x2={x(t)} y1={AXIS - 6} y2={height} stroke="#ebe8e1" className="tl-grid" />
                  <text className="tl-tick" x={x(t)} y={AXIS - 12} textAnchor="middle" fill="#5c6169">
                    {tickFormat(t)}
                  </text>
                </g>
              ))}
              <line x1={GUTTER} x2={width - RIGHT} y1={AXIS} y2={AXIS} stroke="#c8c4ba" className="tl-axis" />
            </g>
            {/* Events mark their time across every lane: the claims around them are read against them. */}
            <g clipPath="url(#tl-plot)" aria-hidden="true">
              {items
                .filter((i) => i.kind === 'event')
                .map((i) => (
                  <rect className="tl-band" key={`band-${i.key}`} x={at(i.start)} y={AXIS} width={Math.max(2, at(i.end) - at(i.start))} height={height - AXIS} fill={EVENT_COLOUR} fillOpacity="0.06" />
                ))}
            </g>
            {laid.map(({ lane, placed, top, height: h }, n) => (
              <g key={lane.key} role="list" aria-label={`${lane.title}: ${lane.items.length}`}>
                <rect className={n % 2 ? 'tl-lane tl-lane-alt' : 'tl-lane'} x="0" y={top} width={width} height={h} fill={n % 2 ? '#faf9f6' : '#ffffff'} fillOpacity="0.6" aria-hidden="true" />
                <text className="tl-text" x="12" y={top + 17} fontWeight="600" fill="#1d2025" aria-hidden="true">
                  {lane.title.length > 24 ? `${lane.title.slice(0, 23)}…` : lane.title}
                </text>
                <g clipPath="url(#tl-plot)">
                  {placed.map(({ item, row, x1, x2, labelBefore }) => {
                    const y = top + row * ROW + 13;
                    const colour = colourOf(item);
                    const ranged = item.precision === 'month' || item.precision === 'year';
                    return (
                      <g
                        key={item.key}
                        className="tl-item"
                        role="listitem"
                        tabIndex={0}
                        aria-label={describe(item)}
                        data-precision={item.precision}
                        data-kind={item.kind}
                        onClick={() => open(item)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            open(item);
                          }
                        }}
                      >
                        <title>{describe(item)}</title>
                        {ranged ? (
                          <rect x={x1} y={y - 5} width={Math.max(4, x2 - x1)} height="10" rx="5" fill={colour} fillOpacity="0.22" stroke={colour} strokeWidth="1.5" strokeDasharray="4 2" />
                        ) : item.kind === 'event' ? (
                          <path className="tl-event" d={`M ${x1} ${y - 7} L ${x1 + 7} ${y} L ${x1} ${y + 7} L ${x1 - 7} ${y} Z`} fill={colour} />
                        ) : (
                          <circle cx={(x1 + Math.max(x1, at(item.end))) / 2} cy={y} r="5.5" fill={colour} stroke="#ffffff" strokeWidth="1" className="tl-dot" />
                        )}
                        <text x={labelBefore ? x1 - 9 : (ranged ? x2 : x1) + 9} y={y + 4} textAnchor={labelBefore ? 'end' : 'start'} fill="#1d2025" className="tl-text">
                          {shortTitle(item)}
                        </text>
                      </g>
                    );
                  })}
                </g>
              </g>
            ))}
          </svg>
        </div>
      )}
    </section>
  );
}
