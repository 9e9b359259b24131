// Every name the article mentions outside quotations, in reading order, so the registry knows
// who has been introduced (and how recently) when a later "she said" or "Pardo said" comes.

import { chunk, nameOf, ownedOrganisation, type NameInfo, type Run } from './names.js';
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
  /**
   * The sentence's subject ("In a statement, Biden praised …"): a person is who a later "he" most
   * likely is; an organisation is who a bare "spokesperson" in the next sentence speaks for.
   */
  subject: boolean;
}

export function findMentions(text: string, spans: QuoteSpan[], sentences: Sentence[]): Mention[] {
  const mentions: Mention[] = [];
  let spanAt = 0;
  for (const sentence of sentences) {
    const quotes: QuoteSpan[] = [];
    for (; spanAt < spans.length && spans[spanAt]!.open < sentence.end; spanAt++) if (spans[spanAt]!.open >= sentence.start) quotes.push(spans[spanAt]!);
    let previous: Run | null = null;
    let runs = 0;
    for (const segment of segmentsOutside(sentence, quotes)) {
      for (const item of chunk(text, tokenize(text, segment.start, segment.end))) {
        if (item.kind !== 'run') continue;
        // The first name of the sentence, or the one a possessive subject introduces ("Avila's neighbor, Rosa Mendez, has …").
        const owned = ownedOrganisation(text, previous, item.run);
        if (owned) {
          // "Peru’s Foreign Ministry": one organisation, so "the ministry" later is Peru’s.
          mentions[mentions.length - 1] = mention(text, owned, segment.end, runs === 1 && opensClause(text, sentence.start, owned));
          previous = owned;
          continue;
        }
        const subject = runs === 0 ? opensClause(text, sentence.start, item.run) : runs === 1 && previous !== null && introduces(text, previous, item.run);
        mentions.push(mention(text, item.run, segment.end, subject));
        previous = item.run;
        runs++;
      }
    }
  }
  return mentions;
}

function mention(text: string, run: Run, segmentEnd: number, subject: boolean): Mention {
  const named = nameOf(text, run);
  // "in Burkina Faso", "across North Carolina": a name after a preposition of place is a place.
  const info = named.kind === 'person' && !named.titles && (afterLocative(text, run.start) || COMPASS.has(run.tokens[0]!.lower)) ? { ...named, placeLike: true } : named;
  const person = info.kind === 'person' && !info.placeLike;
  const role = person ? appositiveAfter(text, run.end, segmentEnd) : null;
  return {
    at: run.start,
    info,
    // The subject of a sentence is someone acting, not a place: a later "she" may be them.
    confirmed: person && (info.titles !== '' || role !== null || appositive(text, run) || (subject && !run.possessive)),
    ...(role ? { role } : {}),
    subject: subject && (person || info.kind === 'organisation') && !run.possessive,
  };
}

/** "Avila's neighbor, Rosa Mendez": a possessive opening the sentence and a noun, then the name. */
function introduces(text: string, possessor: Run, run: Run): boolean {
  return possessor.possessive && /^['’]s(?:\s+\p{Ll}[\p{L}-]*){1,3},\s*$/u.test(text.slice(possessor.end, run.start));
}

const POSSESSIVE_DETERMINERS = new Set(['her', 'his', 'their', 'its', 'our', 'my', 'the']);
const LOCATIVES = new Set(['in', 'from', 'across', 'throughout', 'near', 'outside', 'inside', 'within', 'around', 'into', 'toward', 'towards']);
const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater']);
const CLAUSE_OPENERS = new Set(['but', 'and', 'so', 'yet', 'then', 'also', 'meanwhile', 'however', 'still', 'analyst', 'analysts']);

function afterLocative(text: string, at: number): boolean {
  const before = /(\p{L}+)\s+(?:the\s+)?$/u.exec(text.slice(Math.max(0, at - 20), at));
  return before !== null && LOCATIVES.has(before[1]!.toLowerCase());
}

/**
 * The name opens its sentence's main clause: nothing before it but a conjunction, or an opening
 * phrase set off by a comma or dash ("In a statement Wednesday, Biden …", "But on X, Medvedev …").
 */
function opensClause(text: string, sentenceStart: number, run: Run): boolean {
  const before = text.slice(sentenceStart, run.start);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf('—'), before.lastIndexOf('–'));
  const words = before.slice(cut + 1).toLowerCase().match(/\p{L}+/gu) ?? [];
  // "Her colleague Tom Whitby disagreed": a determiner and a noun or two naming who they are.
  const first = words.findIndex((w) => !CLAUSE_OPENERS.has(w));
  // "The Acme Corporation rejected …": "the" alone before a name is part of how it is written.
  if (first >= 0 && POSSESSIVE_DETERMINERS.has(words[first]!) && words.length - first >= 2 && words.length - first <= 3) return /^\p{Ll}/u.test(before.slice(cut + 1).trim().split(/\s+/).pop() ?? '');
  return words.every((w) => CLAUSE_OPENERS.has(w) || w === 'the');
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
