// Reading the phrase that names a speaker, before a speech verb ("Bryce Pardo, drug policy
// researcher at RAND Corp., said") or after it ("said Lasko's attorney, Renée Duvall").
//
// The phrase is cut at its top-level commas into parts (a name, its appositives, an opening
// adverbial); the part that is a name is the speaker and the noun-phrase parts are the role.
// Without commas the speaker is the noun phrase right before the verb, read from its head (the
// last word) backwards: trailing prepositional phrases are an affiliation ("Harold Kim of the
// port authority"), words before a name are a role ("Foreign Ministry spokesperson Wang Wenbin").

import {
  AUXILIARIES,
  CONJUNCTIONS,
  DETERMINERS,
  DOCUMENT_NOUNS,
  ORG_NOUNS,
  OTHER_PRONOUNS,
  PERSON_PRONOUNS,
  PLACE_ABBREVIATIONS,
  PREPOSITIONS,
  RELATIVE_WORDS,
  SPOKES_NOUNS,
  isPersonNoun,
  speechVerbForm,
} from './lexicon.js';
import { chunk, isTitle, nameOf, ownsOrganisation, type Item, type NameInfo } from './names.js';
import { tokenize, type Token } from './tokens.js';

export type NounKind = 'person' | 'organisation' | 'document';

export type SpeakerRef =
  | { kind: 'name'; info: NameInfo; role: string; at: number }
  | { kind: 'pronoun'; word: string; at: number }
  /** A noun phrase: "the researcher", "a customs broker", "the statement", "a State Department spokesperson" (org set). */
  | {
      kind: 'role';
      noun: string;
      nounKind: NounKind;
      definite: boolean;
      plural: boolean;
      role: string;
      /** The phrase as written with its determiner, for a speaker the text does not name: "a senior U.S. official". */
      description: string;
      org?: NameInfo;
      at: number;
    }
  | { kind: 'none' };

const NO_SPEAKER: SpeakerRef = { kind: 'none' };

interface Range {
  start: number;
  end: number;
}

/** The longest stretch read on either side of a verb: attributions are short, and this keeps the extractor linear. */
const WINDOW = 300;

const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your']);
const NOT_ADVERBS = new Set(['family', 'supply', 'assembly', 'ally', 'rally', 'italy', 'monopoly', 'anomaly', 'fly', 'july', 'reply']);
/** Who speaks for someone else: "a State Department spokesperson", "Ferraro's office". */
const SPEAKING_OFFICES = new Set(['office', 'campaign', ...SPOKES_NOUNS]);

// ---------------------------------------------------------------------------------------------
// Entry points.

export type SubjectBefore = { mode: 'inverted' } | { mode: 'coordinated' } | { mode: 'subject'; ref: SpeakerRef; words: number };

/** The subject of a speech verb at `verbStart`, read back to `from` (a quotation's end or the sentence start). */
export function subjectBefore(text: string, from: number, verbStart: number): SubjectBefore {
  const start = Math.max(from, verbStart - WINDOW);
  const tokens = tokenize(text, start, verbStart);
  while (tokens.length && isAdverbOrAuxiliary(tokens[tokens.length - 1]!)) tokens.pop();
  const last = tokens[tokens.length - 1];
  if (!last) return { mode: 'inverted' };
  // "said the results were impressive but warned that …": the verb shares the earlier subject.
  if (CONJUNCTIONS.has(last.lower) && /^\s*$/.test(text.slice(last.end, verbStart))) return { mode: 'coordinated' };

  const words = tokens.length;
  // Keep a closing parenthesis with the phrase: "Rep. David Trone (D-Md.) says".
  const end = last.end + (/^\)+/.exec(text.slice(last.end, verbStart))?.[0].length ?? 0);
  if (/^\s*,/.test(text.slice(end, verbStart))) {
    return { mode: 'subject', ref: pickFromParts(text, splitParts(text, start, end), 'last'), words };
  }
  const parts = splitParts(text, start, end);
  const part = parts[parts.length - 1];
  return { mode: 'subject', ref: part ? parsePart(text, part, 'subject') : NO_SPEAKER, words };
}

/** The speaker named after a verb or "according to": "said Lasko's attorney, Renée Duvall". */
export function subjectAfter(text: string, from: number, to: number): SpeakerRef {
  const end = cutAtClauseEnd(text, from, Math.min(to, from + WINDOW));
  const first = tokenize(text, from, end)[0];
  if (!first || PREPOSITIONS.has(first.lower) || first.lower === 'that') return NO_SPEAKER;
  return pickFromParts(text, splitParts(text, from, end), 'first');
}

// ---------------------------------------------------------------------------------------------
// Parts.

/** Splits at top-level commas; "Towson, Md." and "Washington, D.C." stay whole. `max` stops early. */
function splitParts(text: string, from: number, to: number, max = Infinity): Range[] {
  const parts: Range[] = [];
  let depth = 0;
  let start = from;
  // One part more than asked for, so a place after the last one can still be merged into it.
  for (let i = from; i < to && parts.length <= max; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push({ start, end: i });
      start = i + 1;
    }
  }
  if (parts.length <= max) parts.push({ start, end: to });
  return mergePlaces(text, parts.map((p) => trimRange(text, p)).filter((p) => p.end > p.start));
}

/**
 * "Towson, Md." is one part, and so is "Rep. Delia Ramirez, D-Ill.": a party tag set off by
 * commas belongs to the name before it, never a speaker of its own.
 */
function mergePlaces(text: string, parts: Range[]): Range[] {
  const out: Range[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    const written = text.slice(part.start, part.end);
    const word = written.toLowerCase();
    const afterName = previous !== undefined && /\p{Lu}[\p{L}.]*$/u.test(text.slice(previous.start, previous.end));
    if (previous && afterName && (PLACE_ABBREVIATIONS.has(word) || PARTY_TAG.test(written))) previous.end = part.end;
    else out.push({ ...part });
  }
  return out;
}

/** "D-Ill.", "R-Texas", "I-Vt.": party and state after a legislator's name. */
export const PARTY_TAG = /^[DRI]-\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?$/u;

function trimRange(text: string, range: Range): Range {
  let { start, end } = range;
  while (start < end && /[\s,;:]/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** "Bryce Pardo, drug policy researcher at RAND Corp., studies …": the role in the comma part after a name. */
export function appositiveAfter(text: string, from: number, to: number): string | null {
  if (!/^,\s/.test(text.slice(from, from + 2))) return null;
  const part = splitParts(text, from + 1, Math.min(to, from + WINDOW), 1)[0];
  if (!part || isClause(text, part) || parsePart(text, part, 'appositive').kind !== 'role') return null;
  return roleText(text, part) || null;
}

/** The subject at the start of a sentence: "Trone defended the plan, saying …" → Trone. */
export function leadingSubject(text: string, from: number, to: number): SpeakerRef {
  // "In a statement Wednesday, Biden praised …", "But on X, Medvedev relished …": the subject
  // comes after the opening phrase.
  // "WASHINGTON — The Chinese Embassy … rejected …, calling it": a dateline is not the subject.
  const dateline = /^\p{Lu}[\p{Lu}\s.,'’-]*\s[—–]\s/u.exec(text.slice(from, Math.min(to, from + 80)));
  const all = splitParts(text, from + (dateline?.[0].length ?? 0), to);
  const opening = all.findIndex((p) => !opensWithPreposition(text, p));
  const parts = opening > 0 ? all.slice(opening) : all;
  const first = parts[0];
  if (!first) return NO_SPEAKER;
  const items = chunk(text, tokenize(text, first.start, first.end));
  // "former Russian President Dmitry Medvedev": a lower-case title word before the name is part of it.
  const lead = items.find((i) => i.kind === 'run' || !(DETERMINERS.has(i.token.lower) || isTitle(i.token.lower)));
  if (lead?.kind === 'word') return PERSON_PRONOUNS.has(lead.token.lower) || OTHER_PRONOUNS.has(lead.token.lower) ? { kind: 'pronoun', word: lead.token.lower, at: lead.token.start } : NO_SPEAKER;
  if (!lead || lead.run.possessive) return NO_SPEAKER;
  return pickFromParts(text, [{ start: lead.run.start, end: lead.run.end }, ...parts.slice(1)], 'first');
}

function opensWithPreposition(text: string, part: Range): boolean {
  const words = tokenize(text, part.start, Math.min(part.end, part.start + 40));
  const first = words[0]?.lower === 'but' || words[0]?.lower === 'and' ? words[1] : words[0];
  return first !== undefined && PREPOSITIONS.has(first.lower);
}

/**
 * The speaker among comma-separated parts: the name nearest the verb ('last' before it, 'first'
 * after it); its role is what the noun-phrase parts beside it say. Without a name, the first
 * noun phrase ("a customs broker in Long Beach, Calif.").
 */
function pickFromParts(text: string, parts: Range[], prefer: 'first' | 'last'): SpeakerRef {
  const refs = parts.map((p) => parsePart(text, p, 'appositive'));
  const order = prefer === 'first' ? refs.map((_, i) => i) : refs.map((_, i) => refs.length - 1 - i);
  const named = order.find((i) => (refs[i]!.kind === 'name' && !namesPlaceBefore(text, parts[i - 1])) || refs[i]!.kind === 'pronoun');
  if (named === undefined) return refs.find((r) => r.kind === 'role') ?? NO_SPEAKER;
  const ref = refs[named]!;
  if (ref.kind !== 'name') return ref;
  return { ...ref, role: [ref.role, ...appositiveRoles(text, parts, refs, named)].filter(Boolean).join(', ') };
}

/** "a netizen in the capital, Beijing,": the name renames the place the part before ends on. */
function namesPlaceBefore(text: string, previous: Range | undefined): boolean {
  return previous !== undefined && /\b(?:in|at|from|near|outside)\s+(?:the|a|an)\s+(?:\p{Ll}+\s+)*\p{Ll}+$/u.test(text.slice(previous.start, previous.end));
}

/** "One auditor, Teresa Yuen, …" and "Bryce Pardo, drug policy researcher at RAND Corp., …": the role parts next to a name, as written. */
function appositiveRoles(text: string, parts: Range[], refs: SpeakerRef[], named: number): string[] {
  // "Al Sharif, however, expressed concern": a lone adverb between commas is no role.
  const isRole = (i: number) => refs[i]?.kind === 'role' && !isClause(text, parts[i]!) && !isParticipleClause(text, parts[i]!);
  const isAge = (i: number) => parts[i] !== undefined && /^\d{1,3}$/.test(text.slice(parts[i]!.start, parts[i]!.end));
  const roles: string[] = [];
  if (isRole(named - 1)) roles.push(roleText(text, parts[named - 1]!));
  for (let i = named + 1; isRole(i) || isAge(i); i++) if (!isAge(i)) roles.push(roleText(text, parts[i]!));
  return roles;
}

const SENTENCE_ADVERBS = new Set(['however', 'meanwhile', 'too', 'also', 'though', 'instead', 'moreover', 'furthermore', 'nonetheless', 'nevertheless', 'therefore', 'indeed', 'meanwhile', 'separately', 'likewise', 'similarly', 'still', 'again', 'then', 'now', 'later', 'earlier']);

/** "speaking in his nightly video address", "adding that …": what the speaker was doing, not a role. */
function isParticipleClause(text: string, part: Range): boolean {
  const [first, second] = tokenize(text, part.start, part.end);
  return first !== undefined && !first.cap && first.lower.endsWith('ing') && (second === undefined || PREPOSITIONS.has(second.lower) || DETERMINERS.has(second.lower) || second.lower === 'that');
}

const FINITE_AUXILIARIES = new Set(['has', 'have', 'had', 'was', 'were', 'is', 'are', 'will', 'would', 'could', 'should', 'can', 'may', 'might', 'must', 'did', 'does', 'do']);

/**
 * "the effects would spread quickly" after "According to Ellen Marsh, an economist," is the
 * sentence going on, not a role; a relative clause inside a role ("a specialist who was not
 * involved") does not count.
 */
function isClause(text: string, part: Range): boolean {
  for (const t of tokenize(text, part.start, part.end)) {
    if (RELATIVE_WORDS.has(t.lower)) return false;
    if (FINITE_AUXILIARIES.has(t.lower)) return true;
  }
  return false;
}

function roleText(text: string, part: Range): string {
  const tokens = tokenize(text, part.start, part.end);
  const first = tokens.find((t, i) => i > 0 || !['a', 'an', 'the'].includes(t.lower));
  const last = tokens[tokens.length - 1];
  return first && last ? text.slice(first.start, last.end) : '';
}

// ---------------------------------------------------------------------------------------------
// One part.

/**
 * 'appositive': a part on its own ("a senior fellow at the Brookings Institution", "who runs a
 * treatment center"): one starting with a preposition or a relative word names no one.
 * 'subject': the words right before a verb ("Okafor cited an email in which Lasko allegedly").
 */
function parsePart(text: string, part: Range, mode: 'appositive' | 'subject'): SpeakerRef {
  // "Al Sharif, however, expressed concern": a lone adverb between commas names no one.
  if (SENTENCE_ADVERBS.has(text.slice(part.start, part.end).toLowerCase())) return NO_SPEAKER;
  const { tokens, parenthetical } = tokensOutsideParentheses(text, part);
  while (tokens.length && CONJUNCTIONS.has(tokens[0]!.lower) && !tokens[0]!.cap) tokens.shift();
  if (!tokens.length) return NO_SPEAKER;
  if (mode === 'appositive' && !tokens[0]!.cap && (PREPOSITIONS.has(tokens[0]!.lower) || RELATIVE_WORDS.has(tokens[0]!.lower))) return NO_SPEAKER;

  let items = cutRelativeClause(chunk(text, tokens), mode);
  while (items.length && isTrailingFiller(items[items.length - 1]!)) items = items.slice(0, -1);
  const last = items[items.length - 1];
  if (!last) return NO_SPEAKER;
  if (last.kind === 'word' && (PERSON_PRONOUNS.has(last.token.lower) || OTHER_PRONOUNS.has(last.token.lower))) {
    return { kind: 'pronoun', word: last.token.lower, at: last.token.start };
  }

  const stripped = stripAffiliations(text, items);
  if ('ref' in stripped) return stripped.ref;
  return headOf(text, stripped.items, [stripped.affiliation, parenthetical].filter(Boolean).join(' '), stripped.author);
}

function tokensOutsideParentheses(text: string, part: Range): { tokens: Token[]; parenthetical: string } {
  const all = tokenize(text, part.start, part.end);
  // A party tag merged into the part ("Delia Ramirez, D-Ill.") reads as a parenthetical.
  const tag = /,\s*([DRI]-\S+)$/u.exec(text.slice(part.start, part.end));
  const tokens = tag ? all.filter((t) => t.start < part.start + tag.index) : all;
  if (tag) return { tokens, parenthetical: `(${tag[1]})` };
  if (!text.slice(part.start, part.end).includes('(')) return { tokens, parenthetical: '' };
  const inside: string[] = [];
  const ranges = [...text.slice(part.start, part.end).matchAll(/\([^()]*\)/g)].map((m) => ({ start: part.start + m.index, end: part.start + m.index + m[0].length }));
  for (const r of ranges) inside.push(text.slice(r.start, r.end));
  return { tokens: tokens.filter((t) => !ranges.some((r) => t.start >= r.start && t.end <= r.end)), parenthetical: inside.join(' ') };
}

const RELATIVE_OR_THAT = new Set([...RELATIVE_WORDS, 'that']);

/**
 * "two physicians who were not part of the trial" → "two physicians". Before a verb, a relative
 * word after a preposition ("an email in which Lasko allegedly told") opens a clause whose
 * subject is the speaker, so it is not cut.
 */
function cutRelativeClause(items: Item[], mode: 'appositive' | 'subject'): Item[] {
  const relative = mode === 'subject' ? RELATIVE_OR_THAT : RELATIVE_WORDS;
  for (let k = 1; k < items.length; k++) {
    const item = items[k]!;
    if (item.kind !== 'word' || !relative.has(item.token.lower)) continue;
    const before = items[k - 1]!;
    if (before.kind === 'word' && PREPOSITIONS.has(before.token.lower)) continue;
    return items.slice(0, k);
  }
  return items;
}

function isAdverbOrAuxiliary(token: Token): boolean {
  if (token.cap) return false;
  return AUXILIARIES.has(token.lower) || (/^[a-z]{4,}ly$/.test(token.lower) && !NOT_ADVERBS.has(token.lower));
}

function isTrailingFiller(item: Item): boolean {
  return item.kind === 'word' && isAdverbOrAuxiliary(item.token);
}

function isFunctionWord(word: string): boolean {
  return DETERMINERS.has(word) || PREPOSITIONS.has(word) || CONJUNCTIONS.has(word) || AUXILIARIES.has(word) || RELATIVE_WORDS.has(word) || word === 'that';
}

/**
 * Drops trailing prepositional phrases as the speaker's affiliation ("of the Sierra Foothills
 * Fire Authority"), except that "a spokesperson for Chesapeake Health Partners" names the
 * organisation as the speaker.
 */
function stripAffiliations(text: string, items: Item[]): { items: Item[]; affiliation: string; author: NameInfo | null } | { ref: SpeakerRef } {
  let affiliation = '';
  let author: NameInfo | null = null;
  for (let round = 0; round < 4; round++) {
    const p = lastPreposition(items);
    if (p <= 0 || p === items.length - 1) break;
    // "an email in which Lasko allegedly told": a clause whose subject is the speaker, not an affiliation.
    const object = items[p + 1]!;
    if (object.kind === 'word' && RELATIVE_WORDS.has(object.token.lower)) break;
    const before = items[p - 1]!;
    if (before.kind === 'word' && isFunctionWord(before.token.lower)) break;
    if (before.kind === 'word' && SPOKES_NOUNS.has(before.token.lower)) {
      const org = spokenFor(text, items.slice(p + 1));
      if (org) return { ref: org };
    }
    if ((items[p] as Extract<Item, { kind: 'word' }>).token.lower === 'by') {
      // "by China's official Xinhua News Agency": the possessor only qualifies the author.
      const run = items.slice(p + 1).find((i) => i.kind === 'run' && !i.run.possessive);
      if (run?.kind === 'run') author = nameOf(text, run.run);
    }
    affiliation = text.slice(itemStart(items[p]!), itemEnd(items[items.length - 1]!)) + (affiliation ? ` ${affiliation}` : '');
    items = items.slice(0, p);
  }
  return { items, affiliation, author };
}

function lastPreposition(items: Item[]): number {
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k]!;
    if (item.kind === 'word' && PREPOSITIONS.has(item.token.lower)) return k;
  }
  return -1;
}

/** The organisation a spokesperson speaks for: a name ("for the State Department") or a noun ("for the agency"). */
function spokenFor(text: string, phrase: Item[]): SpeakerRef | null {
  const run = phrase.find((i) => i.kind === 'run');
  if (run?.kind === 'run') {
    const org = nameOf(text, run.run);
    return { kind: 'role', noun: 'spokesperson', nounKind: 'organisation', definite: true, plural: false, role: 'spokesperson', description: 'a spokesperson', org: { ...org, kind: 'organisation' }, at: run.run.start };
  }
  const head = phrase[phrase.length - 1];
  if (head?.kind === 'word' && ORG_NOUNS.has(head.token.lower)) {
    return { kind: 'role', noun: head.token.lower, nounKind: 'organisation', definite: true, plural: false, role: 'spokesperson', description: `the ${head.token.lower}`, at: head.token.start };
  }
  return null;
}

/** The head of a noun phrase (its last item) and the modifiers before it. */
function headOf(text: string, allItems: Item[], affiliation: string, author: NameInfo | null = null): SpeakerRef {
  // "a readout released by Xinhua", "a transcript filed with the court": a participle after the
  // noun opens a reduced relative clause; the noun is the head.
  const last = allItems[allItems.length - 1];
  const beforeLast = allItems[allItems.length - 2];
  const reduced = last?.kind === 'word' && /^\p{Ll}+ed$/u.test(last.token.text) && beforeLast?.kind === 'word' && !isFunctionWord(beforeLast.token.lower);
  const items = reduced ? allItems.slice(0, -1) : allItems;
  const head = items[items.length - 1];
  if (!head) return NO_SPEAKER;
  const modifiers: Item[] = [];
  let determiner: Token | null = null;
  for (let k = items.length - 2; k >= 0 && modifiers.length < 5; k--) {
    const item = items[k]!;
    // Modifiers sit right before the head: a dash or colon ("WASHINGTON — Rep. …") ends them.
    if (!/^(?:['’]s?)?\s*$/.test(text.slice(itemEnd(item), itemStart(items[k + 1]!)))) break;
    if (item.kind === 'word' && (isFunctionWord(item.token.lower) || speechVerbForm(item.token.lower))) {
      if (DETERMINERS.has(item.token.lower)) determiner = item.token;
      break;
    }
    modifiers.unshift(item);
  }
  const before = modifiers.length ? text.slice(itemStart(modifiers[0]!), itemStart(head)).trim() : '';

  // "U.S." is also a title word ("Assistant U.S. Attorney"), but on its own it is the country.
  if (head.kind === 'run' && head.run.tokens.every((t) => isTitle(t.lower)) && !(head.run.tokens.length === 1 && nameOf(text, head.run).kind === 'organisation')) {
    // "Director-General", "Ranking Member": a title with no name is a role, not a person.
    const noun = head.run.tokens[head.run.tokens.length - 1]!.lower;
    const role = [text.slice(head.run.start, head.run.end), affiliation].filter(Boolean).join(' ');
    return { kind: 'role', noun, nounKind: 'person', definite: true, plural: false, role, description: `the ${role}`, at: head.run.start };
  }
  if (head.kind === 'run' && modifiers.length === 0 && commonPlural(text, head.run.tokens)) {
    // "Forecasters said": a group the text does not name, capitalised only by the sentence.
    const noun = head.run.tokens[0]!.lower;
    const description = [noun, affiliation].filter(Boolean).join(' ');
    return { kind: 'role', noun, nounKind: 'person', definite: false, plural: true, role: noun, description, at: head.run.start };
  }
  const owner = modifiers[modifiers.length - 1];
  if (head.kind === 'run' && owner?.kind === 'run' && owner.run.possessive && nameOf(text, head.run).kind === 'organisation' && ownsOrganisation(text, owner.run)) {
    // "China’s Embassy", "Mexico’s Foreign Ministry": the place's possessive is part of the organisation's name.
    const name = text.slice(owner.run.start, head.run.end);
    const info: NameInfo = { name, kind: 'organisation', titles: '', single: false, placeLike: false };
    const role = [text.slice(itemStart(modifiers[0]!), owner.run.start).trim(), affiliation].filter(Boolean).join(' ');
    return { kind: 'name', info, role, at: owner.run.start };
  }
  if (head.kind === 'run') {
    const info = nameOf(text, head.run);
    const role = [before, info.titles, affiliation].filter(Boolean).join(' ');
    return { kind: 'name', info, role, at: head.run.start };
  }

  const noun = head.token.lower;
  if (isFunctionWord(noun) || speechVerbForm(noun) || /^\p{N}/u.test(noun) || head.token.cap) return NO_SPEAKER;
  const possessor = [...modifiers].reverse().find((m) => m.kind === 'run' && m.run.possessive);
  const modifierRun = [...modifiers].reverse().find((m) => m.kind === 'run' && !m.run.possessive);
  const role = [text.slice(modifiers.length ? itemStart(modifiers[0]!) : head.token.start, head.token.end), affiliation].filter(Boolean).join(' ');

  if (SPEAKING_OFFICES.has(noun) && modifierRun?.kind === 'run') {
    // "a State Department spokesperson", "an FDA spokesperson": the organisation speaks.
    const org = nameOf(text, modifierRun.run);
    return { kind: 'role', noun, nounKind: 'organisation', definite: true, plural: false, role: noun, description: noun, org: { ...org, kind: 'organisation' }, at: modifierRun.run.start };
  }
  if (ORG_NOUNS.has(noun) && !SPEAKING_OFFICES.has(noun) && possessor?.kind === 'run' && !possessor.run.org) {
    // "Panama's foreign ministry said": the ministry of a place is an organisation of its own.
    const name = text.slice(possessor.run.start, head.token.end);
    const org: NameInfo = { name, kind: 'organisation', titles: '', single: false, placeLike: false };
    return { kind: 'role', noun, nounKind: 'organisation', definite: true, plural: false, role: '', description: name, org, at: possessor.run.start };
  }
  if (SPEAKING_OFFICES.has(noun) && possessor?.kind === 'run') {
    // "Ferraro's office said": the office speaks for its holder.
    return { kind: 'name', info: nameOf(text, possessor.run), role: '', at: possessor.run.start };
  }
  const definite = (determiner !== null && DEFINITE.has(determiner.lower)) || possessor !== undefined;
  const nounKind: NounKind = DOCUMENT_NOUNS.has(noun) ? 'document' : ORG_NOUNS.has(noun) ? 'organisation' : 'person';
  if (nounKind === 'document' && author) {
    // "according to a readout released by China's Xinhua News Agency": its author speaks.
    return { kind: 'name', info: author, role: '', at: head.token.start };
  }
  if (nounKind === 'document' && modifierRun?.kind === 'run') {
    // "A Russian Defense Ministry statement said": the ministry speaks.
    const author = nameOf(text, modifierRun.run);
    return { kind: 'name', info: author.kind === 'organisation' ? author : { ...author, kind: 'organisation' }, role: '', at: modifierRun.run.start };
  }
  const plural = nounKind === 'person' && /[^s]s$/.test(noun);
  const from = determiner?.start ?? (modifiers.length ? itemStart(modifiers[0]!) : head.token.start);
  // "A dock worker" opening a sentence is "a dock worker" in a source's description.
  const description = [text.slice(from, head.token.end).replace(/^(?:A|An|The|Another)\b/, (d) => d.toLowerCase()), affiliation].filter(Boolean).join(' ');
  return { kind: 'role', noun, nounKind, definite, plural, role, description, at: head.token.start };
}

function itemStart(item: Item): number {
  return item.kind === 'run' ? item.run.start : item.token.start;
}

function itemEnd(item: Item): number {
  return item.kind === 'run' ? item.run.end : item.token.end;
}

/** An inverted attribution ends at a semicolon, a dash or the end of the sentence. */
function cutAtClauseEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text[i] === ';' || text[i] === '—' || text[i] === '–') return i;
  return to;
}

/**
 * "Forecasters", "Officials", "Analysts" opening a sentence: a plural person noun capitalised only
 * because it comes first. The text never capitalises it anywhere else, as it would a surname
 * ("Sanders").
 */
function commonPlural(text: string, tokens: Token[]): boolean {
  if (tokens.length !== 1) return false;
  const token = tokens[0]!;
  if (token.possessive || !/^\p{Lu}\p{Ll}+s$/u.test(token.text) || token.text.endsWith('ss') || !isPersonNoun(token.lower)) return false;
  if (!/(?:^|[.!?]["”’]?\s+|\n\s*)$/u.test(text.slice(Math.max(0, token.start - 4), token.start))) return false;
  const elsewhere = new RegExp(`(?<![.!?]["”’]?\\s+|^|\\n\\s*)${token.text}\\b`, 'u');
  return !elsewhere.test(text);
}
