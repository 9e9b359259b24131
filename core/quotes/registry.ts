// Who the article has introduced so far, so later references resolve to the full name: "Pardo
// said" → Bryce Pardo, "the researcher said" → the person whose role says researcher, "she
// said" → the most recent person it could be, "the statement said" → whoever last spoke.
//
// The registry is fed in reading order (mentions and speakers up to the point being resolved),
// so a reference only ever resolves to someone already introduced.

import { GENERIC_ORG_NOUNS, SPOKES_NOUNS, isPersonNoun } from './lexicon.js';
import type { NameInfo } from './names.js';
import type { SpeakerRef } from './phrases.js';
import type { EntityKind } from './types.js';

export interface Entity {
  /** null for a source the text does not name ("a customs broker who asked not to be named"). */
  name: string | null;
  kind: EntityKind;
  role?: string;
  /** The role is only the title before the name ("Rep."): a described role replaces it. */
  roleIsTitle?: boolean;
  gender?: 'male' | 'female';
  /** A group ("two physicians"): never the "he" or "she" of a later sentence. */
  plural: boolean;
  /** Known to be a person or organisation that can speak (a title, an appositive, a speech verb), not just a capitalised place. */
  confirmed: boolean;
  /** Offset of the latest mention: of two people named Marsh, "Marsh" is the one seen last. */
  lastSeen: number;
  /** How the text describes a speaker it does not name, as written: "a Chinese netizen in the capital", "analysts". */
  description?: string;
  /** Offset where they last spoke (-1: not yet). */
  lastSpoke: number;
  /** The organisation a bare title speaks for, learnt from the sentence before ("China's Foreign Ministry … spokesperson Mao Ning said"). */
  affiliation?: string;
}

/** found: the reference named a speaker (entity null when that speaker is unnamed); not found: look elsewhere. */
export interface Resolution {
  found: boolean;
  entity: Entity | null;
}

const NOT_FOUND: Resolution = { found: false, entity: null };
const PRONOUN_GENDER: Record<string, 'male' | 'female'> = { he: 'male', she: 'female' };

/**
 * Pronouns and role nouns look back over this many of the most recently seen people and
 * organisations: they refer to someone near, and the bound keeps long texts linear.
 */
const LOOKBACK = 64;
/** A pronoun looks first among the last few people the text was about, then among everyone seen. */
const SALIENT_LOOKBACK = 4;

/** Nouns for anyone: "the person added" is the unnamed source just quoted, not a new one. */
const GENERIC_PEOPLE = new Set(['person', 'individual', 'source', 'speaker', 'woman', 'man', 'user', 'poster', 'resident', 'voter']);
const GENDERED_NOUNS: Record<string, 'male' | 'female'> = { woman: 'female', man: 'male', mother: 'female', father: 'male', wife: 'female', husband: 'male', daughter: 'female', son: 'male', girl: 'female', boy: 'male' };

export class Registry {
  private readonly byName = new Map<string, Entity>();
  /** People by last name and organisations by first word: "Pardo", "Norwell". */
  private readonly bySingle = new Map<string, Entity[]>();
  /** Entities in the order they were last seen (with repeats; the last occurrence counts). */
  private recent: Entity[] = [];
  private spoken: Entity[] = [];
  /**
   * Who the text is about: people who spoke or were the subject of a sentence. A "he" or "she"
   * refers to one of them before anyone merely named in passing ("congratulated Trump", "in
   * Burkina Faso"): the reporter's sentence is built around its subject.
   */
  private salient: Entity[] = [];
  private paragraphStart = 0;
  /** Who the sentence being read is about, and who the one before it was about (same paragraph only). */
  private subject: Entity | null = null;
  private previousSubject: Entity | null = null;

  /** Reading moved on to the next sentence. */
  sentence(): void {
    this.previousSubject = this.subject;
    this.subject = null;
  }

  /** Reading moved on to the paragraph starting at `at`: a new paragraph starts a new topic. */
  paragraph(at: number): void {
    this.paragraphStart = at;
    this.previousSubject = null;
  }

  /** A name seen in the text (not necessarily speaking). Single words only refresh someone known. */
  mention(info: NameInfo, at: number, confirmed: boolean, role = '', subject = false): void {
    let entity = this.known(info);
    if (entity) {
      this.see(entity, at, confirmed || (info.single && entity.kind === 'person'));
      if (info.gender) entity.gender ??= info.gender;
      this.describe(entity, role);
    } else if (!info.single || info.kind === 'organisation') {
      entity = this.add(info, role, at, confirmed);
    }
    if (!entity || !subject) return;
    this.subject ??= entity;
    if (entity.kind === 'person' && !info.placeLike) this.salient = pushRecent(this.salient, entity);
  }

  /** Resolves a reference at `at` to a speaker, and records that they spoke there. */
  speaker(ref: SpeakerRef, at: number): Resolution {
    const resolution = this.resolve(ref, at);
    const organisation = this.previousSubject;
    // "China's Foreign Ministry rejected it. “…,” spokesperson Mao Ning said": a spokesperson
    // with no organisation of their own speaks for the one the sentence before was about.
    if (resolution.entity?.kind === 'person' && organisation?.kind === 'organisation' && organisation.name && !resolution.entity.affiliation && bareSpokesTitle(ref)) {
      resolution.entity.affiliation = organisation.name;
    }
    if (resolution.entity) {
      this.see(resolution.entity, at, true);
      resolution.entity.lastSpoke = at;
      this.spoken = pushRecent(this.spoken, resolution.entity);
      this.salient = pushRecent(this.salient, resolution.entity);
    }
    return resolution;
  }

  private resolve(ref: SpeakerRef, at: number): Resolution {
    switch (ref.kind) {
      case 'none':
        return NOT_FOUND;
      case 'name':
        return { found: true, entity: this.named(ref.info, ref.role, at) };
      case 'pronoun':
        return this.pronoun(ref.word);
      case 'role':
        return this.role(ref, at);
    }
  }

  private named(info: NameInfo, role: string, at: number): Entity {
    const entity = this.known(info) ?? this.add(info, role, at, true);
    this.describe(entity, role);
    if (info.gender) entity.gender ??= info.gender;
    return entity;
  }

  private pronoun(word: string): Resolution {
    const gender = PRONOUN_GENDER[word];
    if (gender) {
      const agrees = (e: Entity) => e.kind === 'person' && e.confirmed && !e.plural && (e.gender === undefined || e.gender === gender);
      const found = this.mostRecent(agrees, 'salient', SALIENT_LOOKBACK);
      const resolution = found.found ? found : this.mostRecent(agrees);
      // Pronoun agreement: once "she" is Khatib, a later "he" is someone else. Learnt only when
      // no one else near could have been meant, so one wrong guess does not spread.
      const entity = resolution.entity;
      if (entity && entity.gender === undefined && !this.mostRecent((e) => e !== entity && agrees(e), 'salient', SALIENT_LOOKBACK).found) entity.gender = gender;
      return resolution;
    }
    if (word === 'it') return this.mostRecent((e) => e.kind === 'organisation');
    if (word === 'they') return this.mostRecent((e) => e.kind === 'organisation' || e.plural, 'spoke');
    return NOT_FOUND;
  }

  private role(ref: Extract<SpeakerRef, { kind: 'role' }>, at: number): Resolution {
    if (ref.org) return { found: true, entity: this.named(ref.org, ref.role, at) };
    if (ref.nounKind === 'document') return this.mostRecent(() => true, 'spoke');
    if (ref.nounKind === 'organisation') {
      const byNoun = this.mostRecent((e) => e.kind === 'organisation' && [e.name, e.description].some((n) => n && hasWord(n, ref.noun)));
      if (byNoun.found) return byNoun;
      const latest = GENERIC_ORG_NOUNS.has(ref.noun) ? this.mostRecent((e) => e.kind === 'organisation') : NOT_FOUND;
      // "The union said …" with no union introduced: an organisation the text does not name.
      return latest.found ? latest : { found: true, entity: this.addUnnamed(ref, at, 'organisation') };
    }
    if (!isPersonNoun(ref.noun)) {
      // "the mayor's plan asked": a thing speaks for whoever last spoke, if anyone.
      return this.mostRecent((e) => e.name !== null, 'spoke');
    }
    if (ref.plural || !ref.definite) {
      // "a customs broker …", "two physicians …": someone new, and unnamed.
      return { found: true, entity: this.addUnnamed(ref, at) };
    }
    // "the spokesperson", "the researcher": someone introduced with that role.
    const byRole = this.mostRecent((e) => !e.plural && [e.role, e.description].some((r) => r !== undefined && hasWord(r, ref.noun)));
    if (byRole.found) return byRole;
    // "Ortiz said …. “…,” the official added": in the paragraph where someone is speaking, a
    // description is the reporter's word for them.
    const here = this.mostRecent((e) => e.kind === 'person' && e.name !== null && e.lastSpoke >= this.paragraphStart, 'spoke');
    if (here.found) return here;
    // "the person added", "said the woman": a word for anyone refers to the last unnamed speaker.
    if (GENERIC_PEOPLE.has(ref.noun)) {
      const described = this.mostRecent((e) => e.kind === 'person' && e.name === null && !e.plural, 'spoke');
      if (described.found) return described;
    }
    // "the official added" with no official introduced: someone the text describes but does
    // not name. Never the last named speaker, whose words these are not known to be.
    return { found: true, entity: this.addUnnamed(ref, at) };
  }

  /** Keeps the first described role; one that describes replaces a bare title ("Rep."). */
  private describe(entity: Entity, role: string) {
    if (role && (!entity.role || (entity.roleIsTitle && role.length > entity.role.length))) {
      entity.role = role;
      entity.roleIsTitle = false;
    }
  }

  /** Someone already introduced under this name, its last word ("Pardo") or its end ("Al Sharif" for Osama Al Sharif). */
  private known(info: NameInfo): Entity | undefined {
    if (info.single) return this.bySingleWord(info.name);
    const exact = this.byName.get(info.name.toLowerCase());
    if (exact || info.kind !== 'person') return exact;
    const words = info.name.toLowerCase().split(/\s+/);
    const tail = ` ${words.join(' ')}`;
    let best: Entity | undefined;
    for (const e of this.bySingle.get(words[words.length - 1]!) ?? []) {
      if (e.kind === 'person' && e.name?.toLowerCase().endsWith(tail) && (!best || e.lastSeen > best.lastSeen)) best = e;
    }
    return best;
  }

  private bySingleWord(word: string): Entity | undefined {
    let best: Entity | undefined;
    for (const e of this.bySingle.get(word.toLowerCase()) ?? []) if (!best || e.lastSeen > best.lastSeen) best = e;
    return best;
  }

  private mostRecent(test: (e: Entity) => boolean, by: 'seen' | 'spoke' | 'salient' = 'seen', lookback = LOOKBACK): Resolution {
    const list = by === 'seen' ? this.recent : by === 'spoke' ? this.spoken : this.salient;
    const looked = new Set<Entity>();
    for (let i = list.length - 1; i >= 0 && looked.size < lookback; i--) {
      const e = list[i]!;
      if (looked.has(e)) continue;
      looked.add(e);
      if (test(e)) return { found: true, entity: e };
    }
    return NOT_FOUND;
  }

  private add(info: NameInfo, role: string, at: number, confirmed: boolean): Entity {
    const entity: Entity = {
      name: info.name,
      kind: info.kind,
      ...(role || info.titles ? { role: role || info.titles, roleIsTitle: !role } : {}),
      ...(info.gender ? { gender: info.gender } : {}),
      plural: false,
      confirmed: confirmed && !info.placeLike,
      lastSeen: at,
      lastSpoke: -1,
    };
    this.byName.set(info.name.toLowerCase(), entity);
    const words = info.name.toLowerCase().split(/\s+/);
    const key = info.kind === 'person' ? words[words.length - 1]! : words[0]!;
    const sameKey = this.bySingle.get(key);
    if (sameKey) sameKey.push(entity);
    else this.bySingle.set(key, [entity]);
    this.see(entity, at, confirmed);
    return entity;
  }

  private addUnnamed(ref: Extract<SpeakerRef, { kind: 'role' }>, at: number, kind: EntityKind = 'person'): Entity {
    const gender = GENDERED_NOUNS[ref.noun];
    const entity: Entity = { name: null, kind, role: ref.role, plural: ref.plural, confirmed: true, lastSeen: at, lastSpoke: -1, description: ref.description, ...(gender ? { gender } : {}) };
    this.see(entity, at, true);
    return entity;
  }

  private see(entity: Entity, at: number, confirmed: boolean) {
    entity.lastSeen = Math.max(entity.lastSeen, at);
    entity.confirmed ||= confirmed;
    this.recent = pushRecent(this.recent, entity);
  }
}

/**
 * "spokesperson Mao Ning", "a spokesman": the speaker is introduced by a spokesperson's title
 * alone, with no organisation beside it. "Representative" counts only in lower case: capitalised
 * it is a lawmaker's title.
 */
function bareSpokesTitle(ref: SpeakerRef): boolean {
  if (ref.kind === 'name') return isSpokesTitle(ref.role || ref.info.titles);
  return ref.kind === 'role' && !ref.org && ref.nounKind === 'person' && !ref.plural && isSpokesTitle(ref.role);
}

function isSpokesTitle(title: string): boolean {
  return SPOKES_NOUNS.has(title.toLowerCase()) && (title === title.toLowerCase() || /^spokes/i.test(title));
}

/** "drug policy researcher at RAND Corp." has the word "researcher" (or "researchers"). */
function hasWord(haystack: string, word: string): boolean {
  const words = haystack.toLowerCase().split(/[^\p{L}-]+/u);
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  return words.includes(word) || words.includes(singular);
}

/** Appends to a recency list, compacting it (last occurrences only) when repeats pile up. */
function pushRecent(list: Entity[], entity: Entity): Entity[] {
  if (list[list.length - 1] === entity) return list;
  list.push(entity);
  if (list.length < 4 * LOOKBACK) return list;
  const seen = new Set<Entity>();
  const kept: Entity[] = [];
  for (let i = list.length - 1; i >= 0 && kept.length < 2 * LOOKBACK; i--) {
    if (seen.has(list[i]!)) continue;
    seen.add(list[i]!);
    kept.push(list[i]!);
  }
  return kept.reverse();
}
