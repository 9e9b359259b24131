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

  it('closes a quotation opened with one family of mark and closed with the other', () => {
    expect(inner('“Ports will reopen soon," the minister said.')).toEqual(['Ports will reopen soon,']);
    expect(inner('"We counted every ballot,” the clerk said. “Twice."')).toEqual(['We counted every ballot,', 'Twice.']);
  });

  it('reads two single marks together as one double mark', () => {
    expect(inner('She urged both sides to act for ‘’the good of the valley.” Then she left.')).toEqual(['the good of the valley.']);
  });

  it('keeps a quote within a quote of the other family inside the outer one', () => {
    expect(inner('“Voters told me "enough is enough" every day,” the organiser said.')).toEqual(['Voters told me "enough is enough" every day,']);
    expect(inner('"Farmers ask “why now” and we answer," she said.')).toEqual(['Farmers ask “why now” and we answer,']);
  });

  it('does not let a stray inner mark that never closes swallow the outer closing mark', () => {
    const text = '"Some in the council ask, "Why pay for a bridge nobody will cross? And the real risk is delay,” the engineer said.';
    expect(inner(text)).toEqual(['Some in the council ask, "Why pay for a bridge nobody will cross? And the real risk is delay,']);
  });

  it('ends a quotation whose stray inner mark took its closing mark at that mark', () => {
    const text = '"Some in the council ask, "Why pay for a bridge nobody will cross? And the real risk is delay," the engineer said.';
    expect(inner(text)).toEqual(['Some in the council ask, "Why pay for a bridge nobody will cross? And the real risk is delay,']);
  });

  it('reopens a long quotation whose paragraphs open with different marks', () => {
    const spans = findQuoteSpans('“The first paragraph runs on.\n\n"The second one closes."');
    expect(spans.map((s) => s.runsOn)).toEqual([true, false]);
  });
});
