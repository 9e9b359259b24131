import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from './scan.js';

const inner = (text: string) => findQuoteSpans(text).map((s) => text.slice(s.start, s.end));

describe('findQuoteSpans', () => {
  it('pairs curly marks and keeps the other family inside', () => {
    expect(inner('“He said ‘no’ twice,” she said. “Again.”')).toEqual(['He said ‘no’ twice,', 'Again.']);
  });

  it('reads straight marks from their neighbours and ignores inch marks', () => {
    expect(inner('A 6" pipe burst. "It flooded," he said, "twice."')).toEqual(['It flooded,', 'twice.']);
  });

  it('ignores apostrophes, decades and elisions', () => {
    expect(inner("Don't ask Trone's aides about the '90s or rock 'n' roll, or the workers' union.")).toEqual([]);
  });

  it('reads strict top-level single quotes', () => {
    expect(inner("The sign said 'Closed for repairs' all week.")).toEqual(['Closed for repairs']);
    expect(inner('Officials called it ‘a disaster’ on Monday.')).toEqual(['a disaster']);
  });

  it('never crosses a blank line, except where the next paragraph reopens the quote', () => {
    expect(inner('“Open and never closed.\n\nNext paragraph.')).toEqual([]);
    const runOn = findQuoteSpans('“First paragraph.\n\n“Second paragraph.”');
    expect(runOn.map((s) => s.runsOn)).toEqual([true, false]);
  });

  it('reopens a quote at the start of a line in one-paragraph-per-line text', () => {
    expect(inner('“First line of a long quote.\n“Second line,” she said.')).toEqual(['First line of a long quote.', 'Second line,']);
  });

  it('drops a quote that is opened again before it closes', () => {
    expect(inner('He said “this one is lost and “this one is kept” today.')).toEqual(['this one is kept']);
  });

  it('gives offsets of the marks and of the inner text', () => {
    const [span] = findQuoteSpans('x “ab” y');
    expect(span).toEqual({ open: 2, close: 6, start: 3, end: 5, marks: 'double', runsOn: false });
  });
});
