// The speaker as the extractor understood them, in the shape the accept flow turns into sources:
// a name (or, for someone unnamed, the description to use), person or organisation, the role
// as written and the organisation it names ("drug policy researcher at RAND Corp." → role "drug
// policy researcher", affiliation "RAND Corp."), so the person can be linked to it.

import { COUNTRIES, DETERMINERS, ORG_WORDS, TITLES } from './lexicon.js';
import { isTitle } from './names.js';
import type { Entity } from './registry.js';
import type { SpeakerDetail } from './types.js';

/**
 * The organisation a role names after "at", "of", "for" or "with": one with an organisation word
 * ("senior fellow for European security at the Royal United Services Institute"), else the first;
 * never a person ("long a political adversary of President-elect Donald Trump").
 */
function affiliationIn(role: string): RegExpExecArray | null {
  const found = [...role.matchAll(new RegExp(AFFILIATION.source, 'gu'))].filter((m) => !TITLES.has(m[1]!.split(/[\s-]+/)[0]!.toLowerCase()));
  return found.find((m) => m[1]!.split(/\s+/).some((w) => ORG_WORDS.has(w.toLowerCase()))) ?? found[0] ?? null;
}

/** "at", "of", "for", "with" and then a capitalised name: "president of the Research Center for Peace in Beirut". */
const AFFILIATION = /\s*\b(?:at|of|for|with)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:(?:of|for|on|and|the|de|&)\s+)*\p{Lu}[\p{L}\p{N}.&'’-]*)*)/u;

export function speakerDetail(entity: Entity): SpeakerDetail {
  // An organisation learnt from the sentence before ("… spokesperson Mao Ning said") is used only when the role names none.
  const learnt = entity.affiliation ? { affiliation: entity.affiliation } : {};
  if (entity.name === null) {
    // An unnamed person's role ("dock worker") describes them; an unnamed organisation's is its noun again.
    const role = entity.kind === 'person' && entity.role ? { role: entity.role, ...learnt } : {};
    return { name: null, kind: entity.kind, ...(entity.description ? { description: entity.description } : {}), ...role };
  }
  const detail: SpeakerDetail = { name: entity.name, kind: entity.kind };
  const role = entity.role?.trim();
  if (!role) return { ...detail, ...learnt };
  if (entity.kind === 'organisation') return { ...detail, role };
  return { ...detail, ...learnt, ...personRole(role) };
}

/** A person's role as written, split into the role and the organisation it names, if it names one. */
function personRole(role: string): { role: string; affiliation?: string } {
  const m = affiliationIn(role);
  if (!m) return organisationBefore(role);
  const before = role.slice(0, m.index).replace(/[\s,]+$/, '');
  const after = role.slice(m.index + m[0].length).replace(/^\s*in\s+\p{Lu}[\p{L}.\s-]*$/u, '').trim();
  const rest = [before, after.replace(/^[\s,]+/, '')].filter(Boolean).join(', ');
  return { role: rest || role, affiliation: withoutFinalStop(m[1]!) };
}

/**
 * "State Department spokesman", "WikiLeaks Editor-in-Chief": the capitalised words before the
 * first title word name the organisation. A nationality or country ("Indian Prime Minister",
 * "Chinese President") is not one.
 */
function organisationBefore(role: string): { role: string; affiliation?: string } {
  const words = role.split(/\s+/);
  // The title is the run of title words at the end ("Prime Minister", "spokesman").
  let title = words.length;
  while (title > 0 && isTitle(words[title - 1]!.toLowerCase())) title--;
  // "Delaney's attorney": a person's, not an organisation's.
  if (title === 0 || title === words.length || !words.slice(0, title).every((w) => /^\p{Lu}/u.test(w) && !/['’]s$/u.test(w))) return { role };
  const before = words.slice(0, title).join(' ');
  const first = words[0]!;
  const prefix = words.slice(0, title).map((w) => w.toLowerCase());
  // "Its director" at the start of a sentence.
  if (DETERMINERS.has(prefix[0]!)) return { role };
  if (DEMONYM.test(first) || COUNTRIES.has(first.toLowerCase()) || prefix.every((w) => TITLES.has(w) || PORTFOLIOS.has(w))) return { role };
  return { role: words.slice(title).join(' '), affiliation: before };
}

/** "Foreign Minister", "Defense Secretary": the portfolio is part of the title, not an organisation. */
const PORTFOLIOS = new Set(['foreign', 'defense', 'defence', 'finance', 'interior', 'home', 'trade', 'commerce', 'health', 'education', 'labor', 'labour', 'energy', 'environment', 'agriculture', 'transport', 'transportation', 'treasury', 'economy', 'economic', 'culture', 'housing', 'immigration', 'security', 'homeland', 'intelligence', 'press', 'communications']);

const DEMONYM = /(?:an|ese|ish|i|ch|ic)$/u;

/** "Brookings Institution." loses the sentence's full stop; "RAND Corp." keeps its own. */
function withoutFinalStop(name: string): string {
  return /\b(?:Corp|Inc|Co|Ltd|Bros|Jr|Sr)\.$/.test(name) ? name : name.replace(/[.,]$/, '');
}

/** The string kept in `speaker` for the CLI's JSON and the scorer: the name, else the description. */
export function speakerLabel(entity: Entity | null): string | null {
  if (!entity) return null;
  return entity.name ?? entity.description ?? entity.role ?? null;
}
