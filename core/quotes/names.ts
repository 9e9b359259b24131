// Names in running text: runs of capitalised words ("Rep. David Trone", "Chinese Embassy in
// Washington, D.C.", "Federal Mediation and Conciliation Service"), and what they name.
//
// A run joins capitalised words separated by a space or a hyphen ("U.S.-China"). Small words join
// it only where organisation names use them: "of"/"for"/"on" after an organisation word
// ("Commission on Combating…", "University of Pennsylvania"), "and" when an organisation word
// comes on either side ("Federal Mediation and Conciliation Service"), and name particles ("van",
// "de") inside a person's name. So "Alana Reyes of the Sierra Foothills Fire Authority" stays two
// runs, a person and an affiliation.

import {
  COUNTRIES,
  DIPLOMATIC_WORDS,
  FEMALE_NAMES,
  GENDERED_TITLES,
  HONORIFICS,
  MALE_NAMES,
  MONTHS_AND_DAYS,
  ORG_WORDS,
  PLACE_ABBREVIATIONS,
  PLACE_WORDS,
  SENTENCE_CAPITALS,
  TITLES,
  TITLE_ACRONYMS,
  isListedPersonNoun,
} from './lexicon.js';
import { nameText, type Token } from './tokens.js';
import type { EntityKind } from './types.js';

export interface Run {
  tokens: Token[];
  start: number;
  end: number;
  org: boolean;
  /** Ends in 's: a modifier ("Lasko's attorney"), not a speaker. */
  possessive: boolean;
}

export type Item = { kind: 'run'; run: Run } | { kind: 'word'; token: Token };

const ORG_CONNECTORS = new Set(['of', 'for', 'on', 'the', 'de']);
const AND_CONNECTORS = new Set(['and', '&']);
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'al', 'der', 'den']);

/** Groups tokens into runs of names and single words. */
export function chunk(text: string, tokens: Token[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (startsRun(token)) {
      const last = runEnd(text, tokens, i);
      items.push({ kind: 'run', run: makeRun(tokens.slice(i, last + 1)) });
      i = last + 1;
    } else {
      items.push({ kind: 'word', token });
      i++;
    }
  }
  return items;
}

function startsRun(token: Token): boolean {
  return token.cap && !SENTENCE_CAPITALS.has(token.lower) && !MONTHS_AND_DAYS.has(token.lower);
}

function isOrgToken(token: Token): boolean {
  return ORG_WORDS.has(token.lower) || isAcronym(token);
}

/** "DEA", "CDC", "RAND": organisations. Not "U.S." (a country), not a shouted dateline, not a "CEO". */
function isAcronym(token: Token): boolean {
  return /^\p{Lu}{2,5}$/u.test(nameText(token)) && !TITLE_ACRONYMS.has(token.lower);
}

function joins(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return !a.possessive && (/^[ \t]+$|^\s$/.test(gap) || gap === '-' || nicknameGap(text, a, b, gap));
}

/** Robert "Bobby" Delaney: the marks around a nickname join it to the name on either side. */
function nicknameGap(text: string, a: Token, b: Token, gap: string): boolean {
  if (/^ ["“]$/.test(gap)) return /^[\p{L}.'’-]+["”] \p{Lu}/u.test(text.slice(b.start, b.start + 40));
  if (/^["”] $/.test(gap)) return /\p{Lu}[\p{L}.'’-]* ["“]$/u.test(text.slice(Math.max(0, a.start - 40), a.start));
  return false;
}

/** Index of the last token of the run starting at `i`. */
function runEnd(text: string, tokens: Token[], i: number): number {
  let last = i;
  let hasOrgWord = isOrgToken(tokens[i]!);
  for (;;) {
    const current = tokens[last]!;
    const next = tokens[last + 1];
    if (!next || !joins(text, current, next) || current.possessive) return last;

    if (next.cap && !MONTHS_AND_DAYS.has(next.lower)) {
      last++;
      hasOrgWord ||= isOrgToken(next);
      continue;
    }
    const joined = connectorJoin(text, tokens, last, hasOrgWord);
    if (joined === last) return last;
    hasOrgWord ||= tokens.slice(last + 1, joined + 1).some(isOrgToken);
    last = joined;
  }
}

/** Where a run continues past a small word after `last`, or `last` when it does not. */
function connectorJoin(text: string, tokens: Token[], last: number, hasOrgWord: boolean): number {
  const current = tokens[last]!;
  let j = last + 1;
  // "of the", "for the": any number of small words, then a capital.
  while (tokens[j] && !tokens[j]!.cap && (ORG_CONNECTORS.has(tokens[j]!.lower) || AND_CONNECTORS.has(tokens[j]!.lower) || NAME_PARTICLES.has(tokens[j]!.lower))) {
    if (!joins(text, tokens[j - 1]!, tokens[j]!)) return last;
    j++;
  }
  const capital = tokens[j];
  // "the Nordic News Agency on Friday": a day or month after a connector is a date, not a name.
  if (j === last + 1 || !capital?.cap || MONTHS_AND_DAYS.has(capital.lower) || !joins(text, tokens[j - 1]!, capital)) {
    return diplomaticPlace(text, tokens, last) ?? last;
  }
  const small = tokens.slice(last + 1, j).map((t) => t.lower);
  if (small.every((w) => ORG_CONNECTORS.has(w)) && hasOrgWord) return j;
  if (small.length === 1 && AND_CONNECTORS.has(small[0]!) && (hasOrgWord || followingRunHasOrgWord(text, tokens, j))) return j;
  if (small.every((w) => NAME_PARTICLES.has(w)) && !hasOrgWord && !current.text.endsWith('.')) return j;
  return last;
}

function followingRunHasOrgWord(text: string, tokens: Token[], j: number): boolean {
  for (let k = j; tokens[k]?.cap; k++) {
    if (isOrgToken(tokens[k]!)) return true;
    if (!tokens[k + 1] || !joins(text, tokens[k]!, tokens[k + 1]!)) return false;
  }
  return false;
}

/** Embassies are named by their city: "Chinese Embassy in Washington, D.C." is one speaker. */
function diplomaticPlace(text: string, tokens: Token[], last: number): number | null {
  if (!DIPLOMATIC_WORDS.has(tokens[last]!.lower) || tokens[last + 1]?.lower !== 'in') return null;
  let k = last + 2;
  if (!tokens[k]?.cap) return null;
  while (tokens[k + 1]?.cap && joins(text, tokens[k]!, tokens[k + 1]!)) k++;
  const state = tokens[k + 1];
  if (state && text.slice(tokens[k]!.end, state.start) === ', ' && PLACE_ABBREVIATIONS.has(state.lower)) k++;
  return k;
}

function makeRun(tokens: Token[]): Run {
  const last = tokens[tokens.length - 1]!;
  return {
    tokens,
    start: tokens[0]!.start,
    end: last.possessive ? last.end - 2 : last.end,
    org: tokens.some(isOrgToken),
    possessive: last.possessive,
  };
}

/** "Rep.", "Director-General", "Analyst": words of a title or job written before a name. */
export function isTitle(word: string): boolean {
  if (TITLES.has(word) || isListedPersonNoun(word)) return true;
  // "Director-General", "Editor-in-Chief", "Attorney-General".
  const parts = word.split('-');
  return parts.length > 1 && [parts[0]!, parts[parts.length - 1]!].every((w) => TITLES.has(w) || isListedPersonNoun(w));
}

/**
 * "Council President Janet Ruiz", "Police Chief Ana Soto": an organisation word inside a title,
 * then a title word and two or more words of a name with no organisation word among them.
 */
function personAfterTitle(tokens: Token[]): boolean {
  const title = tokens.findLastIndex((t) => isTitle(t.lower) && !ORG_WORDS.has(t.lower));
  const name = tokens.slice(title + 1);
  return title > 0 && name.length >= 2 && !name.some(isOrgToken) && !name.some((t) => isTitle(t.lower));
}

export interface NameInfo {
  name: string;
  kind: EntityKind;
  /** Job titles written before a person's name ("Rep.", "Battalion Chief"); courtesy titles left out. */
  titles: string;
  single: boolean;
  gender?: 'male' | 'female';
  /** Ends in a word like Road, Beach or Hollow: probably a place, not a person. */
  placeLike: boolean;
}

/** What a run names: the name as written, without a person's titles. */
export function nameOf(text: string, run: Run): NameInfo {
  const tokens = run.tokens;
  const lone = tokens.length === 1 ? tokens[0]! : null;
  if (run.org && !personAfterTitle(tokens) || (lone && (COUNTRIES.has(lone.lower) || DOTTED_COUNTRY.test(lone.text) || namesOrganisation(text, lone.text)))) {
    return { name: text.slice(run.start, run.end), kind: 'organisation', titles: '', single: tokens.length === 1, placeLike: false };
  }
  let first = 0;
  while (first < tokens.length - 1 && isTitle(tokens[first]!.lower)) first++;
  // "Indian Prime Minister Narendra Modi": a nationality before the title belongs to the title.
  let lastTitle = -1;
  for (let k = first; k < tokens.length - 1; k++) if (isTitle(tokens[k]!.lower) && !tokens[k]!.possessive) lastTitle = k;
  if (lastTitle >= first && lastTitle <= 3) first = lastTitle + 1;
  const titles = tokens.slice(0, first);
  const given = tokens.length - first > 1 ? tokens[first]!.lower : '';
  const byName = FEMALE_NAMES.has(given) ? 'female' : MALE_NAMES.has(given) ? 'male' : undefined;
  const gender = titles.map((t) => GENDERED_TITLES[t.lower]).find((g) => g !== undefined) ?? byName;
  return {
    name: text.slice(tokens[first]!.start, run.end),
    kind: 'person',
    titles: titles.filter((t) => !HONORIFICS.has(t.lower)).map((t) => t.text).join(' '),
    single: tokens.length - first === 1,
    ...(gender ? { gender } : {}),
    placeLike: PLACE_WORDS.has(tokens[tokens.length - 1]!.lower) || PLACE_ABBREVIATIONS.has(tokens[tokens.length - 1]!.lower),
  };
}

/** "U.S.", "U.K.", "E.U.": a country or union written with dots, never a person. */
const DOTTED_COUNTRY = /^(?:\p{Lu}\.){2,3}$/u;

/** Nouns a text uses to call an organisation again: "Hezbollah …. The group said". */
const ORGANISATION_NOUNS = 'group|company|organi[sz]ation|firm|militia|movement|agency|network|outlet|website|site|platform|manufacturer|drugmaker|carmaker|maker|giant|publisher|broadcaster|charity|union|party|newspaper|insurer|bank|retailer';

let evidence: { text: string; organisations: Set<string>; surnames: Set<string> } | null = null;

/**
 * A one-word name with no given name is an organisation when the text treats it as one
 * (WikiLeaks, Hezbollah, Pfizer): a capital inside the word, "X, the company …", "a spokesperson
 * for X", "X's statement", or "the group" taking over as subject right after it. A given name or
 * title before it anywhere ("Dana Pfizer") makes it a surname.
 */
function namesOrganisation(text: string, word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*$/u.test(word) || MALE_NAMES.has(word.toLowerCase()) || FEMALE_NAMES.has(word.toLowerCase())) return false;
  if (evidence?.text !== text) evidence = readEvidence(text);
  return !evidence.surnames.has(word) && (/\p{Ll}\p{Lu}/u.test(word) || evidence.organisations.has(word));
}

const WORD_CAPTURE = String.raw`(\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*)`;
const ORGANISATION_CUES = [
  String.raw`\b${WORD_CAPTURE}, (?:the|a|an) (?:[\p{L}-]+ ){0,3}(?:${ORGANISATION_NOUNS})\b`,
  String.raw`\bspokes(?:person|man|woman) for ${WORD_CAPTURE}\b`,
  String.raw`\b${WORD_CAPTURE}(?:['’]s)? spokes(?:person|man|woman)\b`,
  String.raw`\b${WORD_CAPTURE}['’]s (?:statement|website|shares|headquarters|board)\b`,
  String.raw`\bstatement (?:from|by|issued by) ${WORD_CAPTURE}\b`,
].map((cue) => new RegExp(cue, 'gu'));
/** "… . The group said": the organisation just named, called by what it is. */
const TAKEN_OVER = new RegExp(String.raw`[.!?]["”’]?\s+The (?:${ORGANISATION_NOUNS}) (?:said|says|added|stated|noted|wrote|has|had|is|was|would|will)\b`, 'gu');
const GIVEN_BEFORE = new RegExp(String.raw`(\p{Lu}[\p{Ll}.'’-]+)\s+${WORD_CAPTURE}\b`, 'gu');

/** The text read once for every one-word name's evidence, so long articles stay linear. */
function readEvidence(text: string): { text: string; organisations: Set<string>; surnames: Set<string> } {
  const organisations = new Set<string>();
  for (const cue of ORGANISATION_CUES) for (const m of text.matchAll(cue)) organisations.add(m[1]!);
  for (const m of text.matchAll(TAKEN_OVER)) {
    const sentence = text.slice(Math.max(0, m.index - 200), m.index).split(/[.!?]\s/u).pop() ?? '';
    for (const w of sentence.matchAll(new RegExp(WORD_CAPTURE, 'gu'))) organisations.add(w[1]!);
  }
  const surnames = new Set<string>();
  for (const m of text.matchAll(GIVEN_BEFORE)) {
    const before = m[1]!.toLowerCase();
    if (MALE_NAMES.has(before) || FEMALE_NAMES.has(before) || TITLES.has(before)) surnames.add(m[2]!);
  }
  return { text, organisations, surnames };
}

/**
 * A place or organisation owning the one named after it ("China’s", "Nigeria’s", "the EU’s"):
 * one word that is no one's given name, or an organisation; never a titled person.
 */
export function ownsOrganisation(text: string, owner: Run): boolean {
  const info = nameOf(text, { ...owner, possessive: false });
  return info.kind === 'organisation' || (info.single && info.gender === undefined && !info.titles);
}

/** "Peru’s Foreign Ministry" as one run: the owner's possessive and the organisation it owns. */
export function ownedOrganisation(text: string, owner: Run | null, run: Run): Run | null {
  if (!owner?.possessive || !/^['’]s $/u.test(text.slice(owner.end, run.start)) || nameOf(text, run).kind !== 'organisation' || !ownsOrganisation(text, owner)) return null;
  return { ...run, tokens: [...owner.tokens, ...run.tokens], start: owner.start, org: true };
}
