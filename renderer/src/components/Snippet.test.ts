import { createElement, isValidElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Snippet, TitleWithMatches } from './Snippet';

/** The snippet's parts: strings as they are, marks as [text]. */
function parts(text: string): string[] {
  const fragment = Snippet({ text }) as ReactElement<{ children: unknown[] }>;
  return fragment.props.children.map((p) =>
    isValidElement(p) ? `[${String((p as ReactElement<{ children: string }>).props.children)}]` : String(p),
  );
}

describe('search snippets', () => {
  it('marks what the library marked', () => {
    expect(parts('the \u0002port\u0003 of \u0002Manzanillo\u0003 handled')).toEqual(['the ', '[port]', ' of ', '[Manzanillo]', ' handled']);
  });

  it('keeps markup as text: a snippet can never inject HTML', () => {
    const text = '<img src=x onerror=alert(1)> \u0002<b>bold</b>\u0003';
    expect(parts(text)).toEqual(['<img src=x onerror=alert(1)> ', '[<b>bold</b>]']);
    expect(createElement(Snippet, { text })).toBeTruthy();
  });

  it('survives unbalanced marks', () => {
    expect(parts('a \u0002b')).toEqual(['a ', '[b]']);
    expect(parts('a\u0003 b')).toEqual(['a b']);
    expect(parts('')).toEqual([]);
  });
});

describe('hit titles', () => {
  const render = (title: string, snippet: string) => {
    const out = TitleWithMatches({ title, snippet }) as ReactElement<{ children: unknown }> | null;
    if (!out) return null;
    const children = out.props.children;
    return (Array.isArray(children) ? children : [children]).map((p) =>
      isValidElement(p) ? `[${String((p as ReactElement<{ children: string }>).props.children)}]` : String(p),
    );
  };

  it('marks the matched words in the title when the snippet only repeats it', () => {
    expect(render('Selling precursors can keep a company afloat.', 'Selling \u0002precursors\u0003 can keep…')).toEqual([
      'Selling ',
      '[precursors]',
      ' can keep a company afloat.',
    ]);
  });

  it('leaves the snippet to say where the match is when the title does not hold it', () => {
    expect(render('Written statement of the Embassy', '…the \u0002precursor\u0003 chemicals…')).toBeNull();
  });
});
