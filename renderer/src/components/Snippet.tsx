import type { ReactNode } from 'react';

const START = '\u0002';
const END = '\u0003';

/**
 * A search snippet whose matches the library marked with \u0002 … \u0003, drawn as <mark>s.
 * Only ever text nodes: whatever a document contains, it is never read as HTML.
 */
export function Snippet({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    const open = rest.indexOf(START);
    if (open < 0) {
      parts.push(rest.replaceAll(END, ''));
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open).replaceAll(END, ''));
    const close = rest.indexOf(END, open + 1);
    const marked = rest.slice(open + 1, close < 0 ? undefined : close);
    parts.push(<mark key={key++}>{marked.replaceAll(START, '')}</mark>);
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return <>{parts}</>;
}

/** The words the library marked in a snippet. */
function markedTerms(snippet: string): string[] {
  return snippet
    .split(START)
    .slice(1)
    .map((part) => part.split(END)[0] ?? '')
    .filter(Boolean);
}

/** The snippet as plain text, without its marks and ellipses. */
function plain(snippet: string): string {
  return snippet.replaceAll(START, '').replaceAll(END, '').replace(/^…|…$/g, '').trim();
}

/**
 * A hit's title with the matched words marked, when the snippet only repeats a piece of the
 * title (a claim matched in its statement): one line instead of the same words twice.
 * Returns null when the snippet says something the title does not.
 */
export function TitleWithMatches({ title, snippet }: { title: string; snippet: string }) {
  const text = plain(snippet);
  if (!text || !title.includes(text)) return null;
  const terms = [...new Set(markedTerms(snippet))];
  if (terms.length === 0) return <>{title}</>;
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {title.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}
    </>
  );
}
