// Redaction in a packet: which values the profile withholds (the engine in core/redaction/ finds
// them however they are written), the pass that sends every string of the packet model through
// it, the counts a packet's cover reports, and how a confidential source is named instead.

import { listSources, type DB, type Source } from '../../db/index.js';
import { emailsIn, handlesIn, isSharedDomain, urlsIn, WITHHELD, type Redactor, type WithheldValues } from '../redaction/engine.js';
import type { PacketBlock, PacketExcerpt, PacketRun, RedactionCounts } from './packet.js';
import type { Profile } from './profiles.js';

/** Whether a source's identity stays out of a packet made under `fields`. */
export const identityWithheld = (s: Pick<Source, 'confidential'>, fields: Profile['fields']) => s.confidential && !fields.confidentialIdentities;

/**
 * Every value the profile keeps out of a packet, from EVERY source of the library (trashed ones
 * too), whether or not the packet names it: a source the packet leaves out can still be named,
 * or rung, in a note. A hidden identity takes its contact details with it, whatever the
 * profile says of contact details: a confidential source's phone number names the source.
 */
export function withheldValues(sources: Source[], fields: Profile['fields']): WithheldValues {
  const values: WithheldValues = { people: [], phrases: [], emails: [], domains: [], phones: [] };
  for (const s of sources) {
    const hidden = identityWithheld(s, fields);
    if (hidden) {
      if (s.kind === 'person') values.people.push(s.name);
      else values.phrases.push(s.name);
      values.phrases.push(...s.aliases);
    }
    if (!hidden && fields.contactDetails) continue;
    // A domain names a source only when it is the source's own, and only a hidden identity's needs hiding.
    const ownDomain = (host: string) => {
      if (hidden && host && !isSharedDomain(host)) values.domains.push(host);
    };
    for (const [kind, value] of Object.entries(s.contact ?? {})) {
      if (typeof value !== 'string' || !value.trim()) continue;
      values.phrases.push(value, ...handlesIn(value));
      if (kind === 'phone') values.phones.push(value);
      for (const address of emailsIn(value)) {
        values.emails.push(address);
        ownDomain(address.split('@')[1]!);
      }
      for (const url of urlsIn(value)) {
        // Written again without its scheme ("social.example/zeb.q"); on a shared platform the path
        // alone is the handle ("zeb.q"), while on the source's own site the domain says it all.
        values.phrases.push([url.host, url.rest].filter(Boolean).join('/'));
        if (isSharedDomain(url.host) && url.rest.length >= 3) values.phrases.push(url.rest);
        ownDomain(url.host);
      }
    }
  }
  return values;
}

/** What `fields` withhold from every source of the library (trashed ones too), not only those a packet names. */
export function libraryWithheld(db: DB, fields: Profile['fields']): WithheldValues {
  return withheldValues(listSources(db, { includeTrashed: true }), fields);
}

/** Values Corroborate makes itself (ids, hashes, timestamps): no one typed them, and the chain of custody needs them intact. */
const MACHINE = /^(?:[0-9a-f]{64}|[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?)$/;

/** Every string of `value`, deep, through `scrub`: the one funnel every packet format is made from. */
export function scrubDeep<T>(value: T, scrub: (s: string) => string): T {
  if (typeof value === 'string') return (MACHINE.test(value) ? value : scrub(value)) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)])) as T;
  }
  return value;
}

type TextRun = Extract<PacketRun, { kind: 'text' }>;

/**
 * Strings a reader sees side by side as one text: a paragraph's runs ("Zeb" in bold, then
 * "ulon"), an excerpt's prefix, exact words and suffix. A value split between them reads whole,
 * though no single string holds it: it is found in the joined text and cut out of the pieces
 * (the first takes the [withheld], the others lose their share). Values within one piece are
 * left to the funnel. Returns the pieces and how many values were cut.
 */
export function cutAcross(pieces: string[], redactor: Redactor): { pieces: string[]; replaced: number } {
  const starts: number[] = [];
  let joined = '';
  for (const p of pieces) {
    starts.push(joined.length);
    joined += p;
  }
  const pieceAt = (offset: number) => starts.findIndex((s, i) => offset >= s && offset < s + pieces[i]!.length);
  const across = redactor.find(joined).filter(([s, e]) => pieceAt(s) !== pieceAt(e - 1));
  const out = [...pieces];
  // From the last, so the offsets of those before still hold.
  for (const [s, e] of [...across].reverse()) {
    const first = pieceAt(s);
    const last = pieceAt(e - 1);
    const tail = out[last]!.slice(e - starts[last]!);
    out[first] = out[first]!.slice(0, s - starts[first]!) + WITHHELD;
    for (let k = first + 1; k < last; k++) out[k] = '';
    out[last] = tail;
  }
  return { pieces: out, replaced: across.length };
}

/** cutAcross over each block's consecutive text runs; runs left empty are dropped. */
export function redactAcrossRuns(blocks: PacketBlock[], redactor: Redactor): { blocks: PacketBlock[]; replaced: number } {
  let replaced = 0;
  const out = blocks.map((b) => {
    const runs = b.runs.map((r) => ({ ...r }));
    for (let i = 0; i < runs.length; ) {
      let j = i;
      while (j < runs.length && runs[j]!.kind === 'text') j++;
      if (j - i > 1) {
        const group = runs.slice(i, j) as TextRun[];
        const cut = cutAcross(
          group.map((r) => r.text),
          redactor,
        );
        cut.pieces.forEach((text, k) => (group[k]!.text = text));
        replaced += cut.replaced;
      }
      i = Math.max(j, i + 1);
    }
    return { ...b, runs: runs.filter((r) => r.kind !== 'text' || r.text !== '') };
  });
  return { blocks: out, replaced };
}

/** cutAcross over an excerpt's prefix, exact words and suffix, which every format prints side by side. */
export function redactAcrossExcerpt(x: PacketExcerpt, redactor: Redactor): { excerpt: PacketExcerpt; replaced: number } {
  const cut = cutAcross([x.prefix, x.exact, x.suffix], redactor);
  const [prefix, exact, suffix] = cut.pieces as [string, string, string];
  return { excerpt: { ...x, prefix, exact, suffix }, replaced: cut.replaced };
}

export function noCounts(): RedactionCounts {
  return {
    confidentialIdentities: 0,
    contactDetails: 0,
    sourceNotes: 0,
    anonymityReasons: 0,
    claimsWithheld: 0,
    verificationEntries: 0,
    counterclaims: 0,
    replies: 0,
    evidence: 0,
    evidenceFiles: 0,
    citationsWithheld: 0,
    textReplacements: 0,
  };
}

/** A source as the profile lets it be named. */
export function sourceLabeller(all: Source[], showIdentities: boolean): (s: Source) => string {
  const hidden = all.filter((s) => s.confidential && !showIdentities).sort((a, b) => a.id.localeCompare(b.id));
  return (s) => {
    if (!s.confidential || showIdentities) return s.name;
    const description = s.description.trim();
    return description ? `Confidential source (${description})` : `Confidential source ${hidden.findIndex((h) => h.id === s.id) + 1}`;
  };
}
