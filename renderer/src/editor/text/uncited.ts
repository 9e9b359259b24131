// The fact-checker's to-do list: sentences that state something checkable (a number, a quote, a
// name) and cite nothing. Works on a block's pieces in reading order, so the same rule serves
// the editor (pieces read from its DOM) and the tests (pieces written by hand).

/** Text, cited or not (inside a claim mark), or a citation chip (one placeholder character). */
export type Piece = { text: string; cited: boolean } | { cite: true };

export interface Span {
  start: number;
  end: number;
}

/** Where pieces sit in the block's joined text, a chip counting as one character. */
export function joined(pieces: readonly Piece[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  for (const p of pieces) {
    starts.push(text.length);
    text += 'cite' in p ? CHIP : p.text;
  }
  return { text, starts };
}

const CHIP = '\uFFFC';
const NUMBER = /\p{N}/u;
const QUOTE = /["“”«»„]/u;
/** A capitalised word after the first one: a name, most of the time ("Sinaloa", "DEA"). */
const NAME = /[\s(“"‘'—–-](?!I\b)\p{Lu}[\p{L}\p{M}’'.-]*/u;

export function isCheckable(sentence: string): boolean {
  const s = sentence.replaceAll(CHIP, ' ').trim();
  return NUMBER.test(s) || QUOTE.test(s) || NAME.test(s);
}

let segmenter: Intl.Segmenter | null = null;

/** Sentence spans of a text; chips right after a sentence's end belong to that sentence. */
export function sentences(text: string): Span[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const spans: Span[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const lead = /^[\s\uFFFC]*/u.exec(segment)![0];
    const previous = spans.at(-1);
    // "It rose. [chip] Then…": the segmenter puts the chip at the start of the next sentence.
    if (previous && lead.includes(CHIP)) {
      previous.end = index + lead.lastIndexOf(CHIP) + 1;
    }
    const start = index + lead.length;
    const end = index + segment.trimEnd().length;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** The sentences of a block that need a citation and have none, as spans of its joined text. */
export function uncitedSentences(pieces: readonly Piece[]): Span[] {
  const { text, starts } = joined(pieces);
  // A character is cited when it is a chip or text inside a claim mark.
  const cited = new Uint8Array(text.length);
  pieces.forEach((p, i) => {
    if ('cite' in p || p.cited) cited.fill(1, starts[i], starts[i]! + ('cite' in p ? 1 : p.text.length));
  });
  return sentences(text).filter(({ start, end }) => !cited.subarray(start, end).includes(1) && isCheckable(text.slice(start, end)));
}
