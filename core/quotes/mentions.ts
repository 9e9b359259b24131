// Every name the article mentions outside quotations, in reading order, so the registry knows
// who has been introduced (and how recently) when a later "she said" or "Pardo said" comes.

import { chunk, nameOf, type NameInfo, type Run } from './names.js';
import { appositiveAfter } from './phrases.js';
import { segmentsOutside } from './sentences.js';
import { tokenize } from './tokens.js';
import type { QuoteSpan, Sentence } from './types.js';

export interface Mention {
  at: number;
  info: NameInfo;
  /**
   * Written the way people are introduced: with a title ("Mayor Linda Ferraro") or beside an
   * appositive ("Dale Whitford, 71,", "His neighbor, Priya Sandhu,"). A capitalised run without
   * either may be a place ("Long Beach") and is not taken for the "he" or "she" of a later quote.
   */
  confirmed: boolean;
  /** The role in an appositive right after the name, as written. */
  role?: string;
}

export function findMentions(text: string, spans: QuoteSpan[], sentences: Sentence[]): Mention[] {
  const mentions: Mention[] = [];
  let spanAt = 0;
  for (const sentence of sentences) {
    const quotes: QuoteSpan[] = [];
    for (; spanAt < spans.length && spans[spanAt]!.open < sentence.end; spanAt++) if (spans[spanAt]!.open >= sentence.start) quotes.push(spans[spanAt]!);
    for (const segment of segmentsOutside(sentence, quotes)) {
      for (const item of chunk(text, tokenize(text, segment.start, segment.end))) {
        if (item.kind === 'run') mentions.push(mention(text, item.run, segment.end));
      }
    }
  }
  return mentions;
}

function mention(text: string, run: Run, segmentEnd: number): Mention {
  const info = nameOf(text, run);
  const person = info.kind === 'person' && !info.placeLike;
  const role = person ? appositiveAfter(text, run.end, segmentEnd) : null;
  return {
    at: run.start,
    info,
    confirmed: person && (info.titles !== '' || role !== null || appositive(text, run)),
    ...(role ? { role } : {}),
  };
}

const APPOSITIVE_AFTER = /^,\s+(?:a |an |the |\d|\p{Ll})/u;

/** ", 71," or ", a neighbor," after the name, or "His neighbor, " before it. */
function appositive(text: string, run: Run): boolean {
  if (APPOSITIVE_AFTER.test(text.slice(run.end, run.end + 8))) return true;
  let i = run.start - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (text[i] !== ',') return false;
  const before = text[i - 1] ?? '';
  return before !== before.toUpperCase();
}
