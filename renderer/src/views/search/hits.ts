import type { Output } from '../../../../core/api';
import type { TextSpan } from '../../navigation';

type Hit = Output<'search.query'>['hits'][number];

const START = '\u0002';
const END = '\u0003';

/**
 * Where a document hit's match lies in its text, to open the document there with it marked:
 * the library gives the offset of the first word its snippet marks; the word gives the length.
 */
export function matchSpan(hit: Pick<Hit, 'offset' | 'snippet'>): TextSpan | null {
  if (hit.offset === null) return null;
  const word = hit.snippet.split(START)[1]?.split(END)[0] ?? '';
  return { start: hit.offset, end: hit.offset + Math.max(1, word.length) };
}
