// Every name the article mentions outside quotations, in reading order, so the registry knows
// who has been introduced (and how recently) when a later "she said" or "Pardo said" comes.

import { chunk, nameOf, type NameInfo, type Run } from './names.js';
import { tokenize } from './tokens.js';
import type { QuoteSpan } from './types.js';

export interface Mention {
  at: number;
  info: NameInfo;
  /**
   * Written the way people are introduced: with a title ("Mayor Linda Ferraro") or beside an
   * appositive ("Dale Whitford, 71,", "His neighbor, Priya Sandhu,"). A capitalised run without
   * either may be a place ("Long Beach") and is not taken for the "he" or "she" of a later quote.
   */
  confirmed: boolean;
}

export function findMentions(text: string, spans: QuoteSpan[]): Mention[] {
  const mentions: Mention[] = [];
  let from = 0;
  for (const span of [...spans, null]) {
    const to = span ? span.open : text.length;
    if (to > from) mentionsIn(text, from, to, mentions);
    if (span) from = Math.max(from, span.close);
  }
  return mentions;
}

function mentionsIn(text: string, from: number, to: number, out: Mention[]) {
  for (const item of chunk(text, tokenize(text, from, to))) {
    if (item.kind !== 'run') continue;
    const info = nameOf(text, item.run);
    out.push({ at: item.run.start, info, confirmed: info.kind === 'person' && !info.placeLike && (info.titles !== '' || appositive(text, item.run)) });
  }
}

const APPOSITIVE_AFTER = /^,\s+(?:a |an |the |\d|\p{Ll})/u;
const APPOSITIVE_BEFORE = /\p{Ll}[\p{L}'’]*,\s+$/u;

function appositive(text: string, run: Run): boolean {
  return APPOSITIVE_AFTER.test(text.slice(run.end, run.end + 8)) || APPOSITIVE_BEFORE.test(text.slice(Math.max(0, run.start - 40), run.start));
}
