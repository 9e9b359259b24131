// The timeline's arithmetic, apart from the drawing: lanes (by source, by kind of record, or by
// thread, i.e. tag), rows inside a lane so that nothing overlaps, and the Timesketch export.

import type { TimelineItem, TimelineWhat } from '../../../../db/graph';

export type Grouping = 'source' | 'kind' | 'tag';

export const GROUPINGS: Record<Grouping, string> = { source: 'Source', kind: 'Kind of record', tag: 'Thread (tag)' };

export interface Lane {
  key: string;
  title: string;
  items: TimelineItem[];
}

const KIND_LANES: Record<TimelineWhat, string> = {
  happened: 'Events',
  said: 'Claims',
  published: 'Documents published',
  retrieved: 'Documents retrieved',
};

const EVENTS = 'Events';

/** The lane an item goes in: events always in their own, at the top, where they frame the rest. */
function laneOf(item: TimelineItem, by: Grouping): string {
  if (item.kind === 'event') return EVENTS;
  if (by === 'kind') return KIND_LANES[item.what];
  if (by === 'tag') return item.tags[0] ?? 'No thread';
  return item.sources[0]?.name ?? 'No source named';
}

export function lanes(items: TimelineItem[], by: Grouping): Lane[] {
  const out = new Map<string, TimelineItem[]>();
  for (const item of items) {
    const key = laneOf(item, by);
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  const fixed = [EVENTS, ...Object.values(KIND_LANES)];
  return [...out.entries()]
    .map(([key, list]) => ({ key, title: key, items: list }))
    .sort((a, b) => {
      if (a.key === EVENTS || b.key === EVENTS) return a.key === EVENTS ? -1 : 1;
      if (by === 'kind') return fixed.indexOf(a.key) - fixed.indexOf(b.key);
      // Busiest first: the sources who say most lead.
      return b.items.length - a.items.length || a.key.localeCompare(b.key);
    });
}

export interface Placed {
  item: TimelineItem;
  row: number;
  x1: number;
  x2: number;
  /** The label goes before the mark: after it, it would run past the right edge. */
  labelBefore: boolean;
}

const LABEL_GAP = 9;

/**
 * Rows inside a lane: each item goes in the first row where it and its label (`labelWidth`
 * wide, after the mark, or before it near the right edge `limit`) touch nothing placed before.
 */
export function packRows(items: TimelineItem[], x: (iso: string) => number, labelWidth: (item: TimelineItem) => number, limit = Infinity, minWidth = 10): Placed[] {
  const ends: number[] = [];
  const placed: Placed[] = [];
  for (const item of [...items].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const x1 = x(item.start);
    const x2 = Math.max(x(item.end), x1 + minWidth);
    const width = labelWidth(item);
    const labelBefore = x2 + LABEL_GAP + width > limit && x1 - LABEL_GAP - width > 0;
    const from = labelBefore ? x1 - LABEL_GAP - width : x1;
    const to = labelBefore ? x2 : x2 + LABEL_GAP + width;
    let row = ends.findIndex((end) => end < from);
    if (row < 0) row = ends.length;
    ends[row] = to;
    placed.push({ item, row, x1, x2, labelBefore });
  }
  return placed;
}

const DESCRIPTIONS: Record<TimelineWhat, string> = {
  said: 'Claim made',
  published: 'Document published',
  retrieved: 'Document retrieved',
  happened: 'Event',
};

/**
 * Timesketch's JSONL: one object per line with `message`, `datetime` (ISO 8601) and
 * `timestamp_desc`, plus our own fields. A partial date is placed at its start; how precise it
 * is and where its range ends travel with it, so no analyst mistakes "December 2021" for the 1st.
 */
export function timesketchJsonl(items: TimelineItem[], caseTitle: string): string {
  return items
    .map((i) =>
      JSON.stringify({
        message: i.sources.length ? `${i.title} (${i.sources.map((s) => s.name).join(', ')})` : i.title,
        datetime: i.start,
        timestamp_desc: DESCRIPTIONS[i.what],
        case: caseTitle,
        record_kind: i.kind,
        record_id: i.recordId,
        date_as_recorded: i.date,
        date_precision: i.precision,
        date_range_end: i.end,
        sources: i.sources.map((s) => s.name),
        ...(i.status ? { status: i.status } : {}),
        tag: i.tags,
      }),
    )
    .join('\n')
    .concat(items.length ? '\n' : '');
}
