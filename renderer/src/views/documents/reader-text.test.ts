// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { layoutText, pageAt, trimSpan, type Block, type Mark } from './layout';
import { offsetOf, pointAt, rangeOffsets } from './offsets';

const TEXT = 'First paragraph, about the port.\n\nSecond paragraph: the customs shed.\n\nThird one.';

/** The reader's DOM as Reader.tsx draws it: a block per page, runs with data-at, page labels without. */
function draw(text: string, blocks: Block[]): HTMLElement {
  const root = document.createElement('div');
  for (const block of blocks) {
    const section = document.createElement('div');
    if (block.page !== null) {
      const label = document.createElement('div');
      label.textContent = `Page ${block.page}`;
      section.append(label);
    }
    const body = document.createElement('div');
    for (const run of block.runs) {
      const el = document.createElement(run.marks.length ? 'mark' : 'span');
      el.dataset.at = String(run.start);
      el.textContent = text.slice(run.start, run.end);
      body.append(el);
    }
    section.append(body);
    root.append(section);
  }
  document.body.replaceChildren(root);
  return root;
}

function select(root: HTMLElement, start: number, end: number): Range {
  const range = document.createRange();
  range.setStart(...pointAt(root, start)!);
  range.setEnd(...pointAt(root, end)!);
  return range;
}

describe('layout', () => {
  it('cuts the text where passages begin and end; overlapping ones share runs', () => {
    const marks: Mark[] = [
      { id: 'a', start: 6, end: 15, kind: 'excerpt' },
      { id: 'b', start: 10, end: 30, kind: 'excerpt' },
    ];
    const [block] = layoutText(TEXT, null, marks);
    expect(block!.runs.map((r) => [r.start, r.end, r.marks.map((m) => m.id).join('')])).toEqual([
      [0, 6, ''],
      [6, 10, 'a'],
      [10, 15, 'ab'],
      [15, 30, 'b'],
      [30, TEXT.length, ''],
    ]);
  });

  it('one block per page; a passage across a page break is marked on both; bad ranges are ignored', () => {
    const pages = [
      { page: 1, start: 0, end: 32 },
      { page: 2, start: 34, end: 68 },
      { page: 3, start: 70, end: TEXT.length },
    ];
    const blocks = layoutText(TEXT, pages, [
      { id: 'x', start: 20, end: 40, kind: 'excerpt' },
      { id: 'bad', start: 5, end: 5000, kind: 'excerpt' },
    ]);
    expect(blocks.map((b) => b.page)).toEqual([1, 2, 3]);
    expect(blocks[0]!.runs.filter((r) => r.marks.length).map((r) => [r.start, r.end])).toEqual([[20, 32]]);
    expect(blocks[1]!.runs.filter((r) => r.marks.length).map((r) => [r.start, r.end])).toEqual([[34, 40]]);
    expect(layoutText('0123456789', [{ page: 1, start: 0, end: 99 }], [])).toEqual([{ page: null, start: 0, end: 10, runs: [{ start: 0, end: 10, marks: [] }] }]);
    expect(pageAt(pages, 50)).toBe(2);
    expect(pageAt(null, 50)).toBeNull();
  });

  it('a long text without pages is drawn in blocks cut after line breaks, covering every character once', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} of a long transcript.`).join('\n\n');
    const blocks = layoutText(long, null, [{ id: 'x', start: 19_990, end: 20_100, kind: 'excerpt' }]);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks[0]!.start).toBe(0);
    expect(blocks[blocks.length - 1]!.end).toBe(long.length);
    blocks.forEach((b, i) => {
      if (i > 0) expect(b.start).toBe(blocks[i - 1]!.end);
      if (i < blocks.length - 1) expect(long[b.end - 1]).toBe('\n');
    });
    const marked = blocks.flatMap((b) => b.runs).filter((r) => r.marks.length);
    expect(marked.map((r) => long.slice(r.start, r.end)).join('')).toBe(long.slice(19_990, 20_100));
  });

  it('trims the white space a drag takes along', () => {
    expect(trimSpan(TEXT, 31, 34)).toEqual({ start: 31, end: 32 });
    expect(trimSpan(TEXT, 30, 36)).toEqual({ start: 30, end: 36 });
    expect(trimSpan(TEXT, 33, 40)).toEqual({ start: 34, end: 40 });
    expect(trimSpan(TEXT, 32, 34)).toBeNull();
  });
});

describe('selection to text offsets', () => {
  it('a selection inside one run', () => {
    const root = draw(TEXT, layoutText(TEXT, null, []));
    expect(rangeOffsets(root, select(root, 6, 15))).toEqual({ start: 6, end: 15 });
  });

  it('a selection over several paragraphs and across highlights', () => {
    const marks: Mark[] = [
      { id: 'a', start: 6, end: 15, kind: 'excerpt' },
      { id: 'b', start: 40, end: 50, kind: 'excerpt' },
    ];
    const root = draw(TEXT, layoutText(TEXT, null, marks));
    for (const [s, e] of [
      [0, TEXT.length],
      [8, 45],
      [15, 40],
      [3, 70],
    ] as const) {
      const r = rangeOffsets(root, select(root, s, e));
      expect(r).toEqual({ start: s, end: e });
      expect(TEXT.slice(r!.start, r!.end)).toBe(select(root, s, e).toString());
    }
  });

  it('across a page break, and from a page label (which is not text of the document)', () => {
    const pages = [
      { page: 1, start: 0, end: 32 },
      { page: 2, start: 34, end: TEXT.length },
    ];
    const root = draw(TEXT, layoutText(TEXT, pages, []));
    expect(rangeOffsets(root, select(root, 20, 40))).toEqual({ start: 20, end: 40 });
    const label = [...root.querySelectorAll('div')].find((d) => d.textContent === 'Page 2')!;
    const fromLabel = document.createRange();
    fromLabel.setStart(label.firstChild!, 2);
    fromLabel.setEnd(...pointAt(root, 45)!);
    expect(rangeOffsets(root, fromLabel)).toEqual({ start: 34, end: 45 });
  });

  it('element boundary points: between runs, at the very end, and a drag that runs outside the reader', () => {
    const root = draw(TEXT, layoutText(TEXT, null, [{ id: 'a', start: 6, end: 15, kind: 'excerpt' }]));
    const body = root.firstChild!.firstChild!;
    expect(offsetOf(root, body, 1)).toBe(6);
    expect(offsetOf(root, body, body.childNodes.length)).toBe(TEXT.length);
    expect(offsetOf(root, root, 0)).toBe(0);
    const outside = document.createElement('p');
    outside.textContent = 'Before the reader';
    document.body.prepend(outside);
    const drag = document.createRange();
    drag.setStart(outside.firstChild!, 3);
    drag.setEnd(...pointAt(root, 10)!);
    expect(rangeOffsets(root, drag)).toEqual({ start: 0, end: 10 });
    const elsewhere = document.createRange();
    elsewhere.selectNodeContents(outside);
    expect(rangeOffsets(root, elsewhere)).toBeNull();
    expect(offsetOf(root, outside, 0)).toBeNull();
  });
});

describe('text offsets back to the page', () => {
  it('every offset of the text maps to a point that reads back as the same offset, marks and pages drawn in between', () => {
    const marks: Mark[] = [
      { id: 'a', start: 6, end: 25, kind: 'excerpt' },
      { id: 'b', start: 20, end: 40, kind: 'excerpt' },
    ];
    const root = draw(TEXT, layoutText(TEXT, [{ page: 1, start: 0, end: 34 }, { page: 2, start: 34, end: TEXT.length }], marks));
    for (let at = 0; at <= TEXT.length; at++) {
      const point = pointAt(root, at);
      expect(point, `offset ${at}`).not.toBeNull();
      expect(offsetOf(root, ...point!)).toBe(at);
    }
    expect(pointAt(root, TEXT.length + 1)).toBeNull();
  });

  it('a selection read before a redraw is put back over the same words after it', () => {
    const before = draw(TEXT, layoutText(TEXT, null, []));
    document.body.append(before);
    const range = document.createRange();
    range.setStart(...pointAt(before, 10)!);
    range.setEnd(...pointAt(before, 50)!);
    const span = rangeOffsets(before, range)!;
    before.remove();
    const after = draw(TEXT, layoutText(TEXT, null, [{ id: 'n', start: 30, end: 45, kind: 'excerpt' }]));
    document.body.append(after);
    const again = document.createRange();
    again.setStart(...pointAt(after, span.start)!);
    again.setEnd(...pointAt(after, span.end)!);
    expect(again.toString()).toBe(TEXT.slice(10, 50));
    after.remove();
  });
});
