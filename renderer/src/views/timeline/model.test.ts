import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../../db/graph';
import { lanes, packRows, timesketchJsonl } from './model';

function item(key: string, start: string, end: string, extra: Partial<TimelineItem> = {}): TimelineItem {
  return {
    key,
    recordId: key,
    kind: 'claim',
    what: 'said',
    title: `Item ${key}`,
    date: start.slice(0, 7),
    start,
    end,
    precision: 'month',
    sources: [{ id: 's1', name: 'Ana' }],
    status: 'verified',
    tags: ['ports'],
    ...extra,
  };
}

const items: TimelineItem[] = [
  item('ev', '2021-12-15T00:00:00.000Z', '2021-12-16T00:00:00.000Z', { kind: 'event', what: 'happened', precision: 'day', sources: [], status: null, tags: [], title: 'Emergency declared' }),
  item('a', '2021-12-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z'),
  item('b', '2021-03-01T00:00:00.000Z', '2021-04-01T00:00:00.000Z', { sources: [{ id: 's2', name: 'Bo' }], tags: [] }),
  item('c', '2021-05-01T00:00:00.000Z', '2021-06-01T00:00:00.000Z'),
  item('d', '2021-06-03T00:00:00.000Z', '2021-06-03T00:00:00.000Z', { kind: 'document', what: 'retrieved', precision: 'instant', sources: [], status: null }),
];

describe('lanes', () => {
  it('by source: events first, then the sources who say most', () => {
    expect(lanes(items, 'source').map((l) => [l.title, l.items.map((i) => i.key)])).toEqual([
      ['Events', ['ev']],
      ['Ana', ['a', 'c']],
      ['Bo', ['b']],
      ['No source named', ['d']],
    ]);
  });

  it('by kind and by thread', () => {
    expect(lanes(items, 'kind').map((l) => l.title)).toEqual(['Events', 'Claims', 'Documents retrieved']);
    expect(lanes(items, 'tag').map((l) => l.title)).toEqual(['Events', 'ports', 'No thread']);
  });
});

describe('packRows', () => {
  const x = (iso: string) => (Date.parse(iso) - Date.parse('2021-01-01')) / 86_400_000;
  it('puts items whose marks or labels would touch in separate rows, reusing a row once it is free', () => {
    const rows = packRows(items.slice(1), x, () => 40);
    const row = Object.fromEntries(rows.map((p) => [p.item.key, p.row]));
    // b: day 59–90 + label to ~139; c starts at 120: next row; d at 153: row 0 again; a at 334: row 0.
    expect(row).toEqual({ b: 0, c: 1, d: 0, a: 0 });
  });

  it('puts a label before its mark near the right edge', () => {
    const [placed] = packRows([items[1]!], x, () => 40, 360);
    expect(placed!.labelBefore).toBe(true);
    expect(packRows([items[1]!], x, () => 40, 1000)[0]!.labelBefore).toBe(false);
  });
});

describe('timesketchJsonl', () => {
  it('writes one object a line with message, datetime and timestamp_desc, keeping the range of a partial date', () => {
    const text = timesketchJsonl(items, 'Precursor pipeline');
    expect(text.endsWith('\n')).toBe(true);
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(items.length);
    expect(rows[0]).toMatchObject({ message: 'Emergency declared', datetime: '2021-12-15T00:00:00.000Z', timestamp_desc: 'Event', record_kind: 'event' });
    expect(rows[1]).toMatchObject({
      message: 'Item a (Ana)',
      timestamp_desc: 'Claim made',
      date_as_recorded: '2021-12',
      date_precision: 'month',
      date_range_end: '2022-01-01T00:00:00.000Z',
      status: 'verified',
      case: 'Precursor pipeline',
    });
    expect(rows[4]).toMatchObject({ timestamp_desc: 'Document retrieved' });
    expect(timesketchJsonl([], 'x')).toBe('');
  });
});
