// Redaction's tools: what a packet may not hold, the pass that replaces it wherever it was typed,
// the counts a packet's cover reports, and how a confidential source is named instead.

import type { Source } from '../../db/index.js';
import type { RedactionCounts } from './packet.js';

const WITHHELD = '[withheld]';

/** What a packet may not hold: whole values in any case, and name parts as written (capitalised). */
export interface Withheld {
  values: string[];
  nameParts: string[];
}

/** One alternation of whole-word matches (a value inside a longer word is another word). */
function wordsPattern(values: string[], flags: string): RegExp | null {
  const unique = [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
  if (!unique.length) return null;
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edge = (c: string | undefined) => Boolean(c && /[\p{L}\p{N}]/u.test(c));
  const alternatives = unique.map((v) => `${edge(v[0]) ? '(?<![\\p{L}\\p{N}])' : ''}${escape(v)}${edge(v.at(-1)) ? '(?![\\p{L}\\p{N}])' : ''}`);
  return new RegExp(alternatives.join('|'), flags);
}

/** Replaces every withheld value with [withheld], counting how often it did. */
export function scrubber(withheld: Withheld): ((s: string) => string) & { replaced: number } {
  const patterns = [wordsPattern(withheld.values, 'giu'), wordsPattern(withheld.nameParts, 'gu')].filter((p): p is RegExp => p !== null);
  const fn = Object.assign(
    (s: string) =>
      patterns.reduce(
        (text, pattern) =>
          text.replace(pattern, () => {
            fn.replaced++;
            return WITHHELD;
          }),
        s,
      ),
    { replaced: 0 },
  );
  return fn;
}

export function scrubDeep<T>(value: T, scrub: (s: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)])) as T;
  }
  return value;
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
