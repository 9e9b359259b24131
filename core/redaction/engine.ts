// The redaction engine: what a packet may not hold, compiled once into one matcher, and applied
// to text folded the way a human reads it (fold.ts). A match is replaced in the ORIGINAL text,
// so everything around it stays as written. What counts as a match (docs/security.md says the
// same to reporters):
//
// - a person's name: the whole name, its parts in any order, with any separators between them
//   (space . _ - + , and the like, up to three) or none ("zebulonquixotic"); the first initial
//   with the surname and the first name with the last initial ("zquixotic", "Z. Quixotic");
//   and each part alone when it has two letters or more and is not a particle or title (de, van,
//   al, Dr…), which are redacted only inside the whole name;
// - an organisation's name, an alias, an address or any other contact value: its words in
//   order, with any separators or none; never a word of it alone;
// - an e-mail address: the whole address, and its local part (unless it is only role words such
//   as press, info or desk); for a source whose identity is withheld, also the domain of its
//   e-mail and web addresses unless it is shared (a mail provider, a social platform, a reserved
//   example domain): core/export/redaction.ts decides which;
// - a phone number: any run of digits, whatever the separators, that holds the number's last
//   seven digits (so with or without country code or trunk 0, and inside a longer number such
//   as an order number: over-redaction is the safe failure);
//
// and all of these case-insensitively, with diacritics, width and compatibility forms folded,
// invisible characters ignored, and percent-encoding and HTML character references decoded
// (URLs' paths, queries and fragments included). A match must stand on its own: a letter may
// not touch it on either side (a digit may: "zebulon1987"), so "Solisa" does not match "Solis".

import { fold, originalSpan, type Folded } from './fold.js';

export const WITHHELD = '[withheld]';

/** Everything to withhold, as the profile and the library decide (core/export/redaction.ts). */
export interface WithheldValues {
  /** Names of persons: matched whole, in any order, by initials, and part by part. */
  people: string[];
  /** Organisations' names, aliases, addresses and other contact values: matched whole. */
  phrases: string[];
  /** E-mail addresses: matched whole, and by local part. */
  emails: string[];
  /** Domains that name a source by themselves (a hidden source's own e-mail or web domain). */
  domains: string[];
  /** Phone numbers as typed. */
  phones: string[];
}

export interface Redactor {
  /** `text` with every withheld value replaced by [withheld]; counts each replacement. */
  redact(text: string): string;
  /** Whether `text` holds a withheld value (counts nothing). */
  holds(text: string): boolean;
  /** Where in `text` the withheld values lie, in order, as [start, end) of the original (counts nothing). */
  find(text: string): [number, number][];
  /** How many replacements have been made: by redact(), and those a caller reports (count()). */
  readonly replaced: number;
  /** Adds replacements a caller made from find()'s spans. */
  count(n: number): void;
}

const PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'van', 'von', 'da', 'di', 'du', 'do', 'dos', 'das', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'ben', 'bint', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'ii', 'iii', 'iv']);
const ROLE_WORDS = new Set(['press', 'info', 'contact', 'office', 'news', 'media', 'desk', 'hello', 'mail', 'tips', 'admin', 'team', 'help', 'support', 'editor', 'editors', 'newsroom', 'communications', 'comms', 'pr', 'enquiries', 'inquiries', 'noreply', 'no', 'reply']);
const SHARED_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com',
  'fastmail.com', 'zoho.com', 'tutanota.com', 'tuta.io', 'hey.com', 'hushmail.com', 'riseup.net', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 't-online.de',
  'twitter.com', 'x.com', 'facebook.com', 'instagram.com', 'linkedin.com', 't.me', 'telegram.me', 'wa.me', 'signal.me', 'mastodon.social', 'bsky.app', 'threads.net',
  'tiktok.com', 'youtube.com', 'github.com', 'medium.com', 'substack.com', 'keybase.io',
]);

/** Whether a domain says nothing about who uses it: a shared mail provider or platform, or one reserved for examples (RFC 2606). */
export function isSharedDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return SHARED_DOMAINS.has(d) || /(^|\.)example(\.(com|net|org))?$/.test(d) || /(^|\.)(test|invalid|localhost)$/.test(d);
}

/** The digits a phone number is recognised by: its last seven (all of them when it has fewer). */
const phoneKey = (phone: string) => phone.replace(/\D/g, '').slice(-7);
/** Fewer digits than this is not a phone number anyone could be found by; such a value is matched as text. */
const PHONE_DIGITS = 5;

const words = (value: string) => fold(value).text.match(/[\p{L}\p{N}]+/gu) ?? [];

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  // Four parts make 24 orders; beyond that, only as written and reversed.
  if (list.length > 4) return [list, [...list].reverse()];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Every sequence of words to find, for each withheld value. */
function wordSequences(values: WithheldValues): string[][] {
  const out: string[][] = [];
  for (const name of values.people) {
    const all = words(name);
    out.push(...permutations(all));
    const parts = all.filter((w) => !PARTICLES.has(w) && /\p{L}/u.test(w));
    for (const p of parts) if (p.length >= 2) out.push([p]);
    if (parts.length >= 2) {
      const [first, last] = [parts[0]!, parts.at(-1)!];
      out.push([first[0]!, last], [first, last[0]!]);
    }
  }
  for (const phrase of values.phrases) out.push(words(phrase));
  for (const address of values.emails) {
    out.push(words(address));
    const localWords = words(address.split('@')[0] ?? '');
    if (localWords.some((w) => w.length >= 3 && !ROLE_WORDS.has(w))) out.push(localWords);
  }
  for (const domain of values.domains) out.push(words(domain));
  return out.filter((seq) => seq.length > 0 && seq.join('').length >= 2);
}

/** Up to three characters that are neither letter nor digit: how words of a name are kept apart, if at all. */
const SEPARATOR = '[^\\p{L}\\p{N}]{0,3}';

function sequencePattern(seq: string[]): string {
  const first = seq[0]![0]!;
  const last = seq.at(-1)!.at(-1)!;
  const edge = (c: string) => (/\p{L}/u.test(c) ? '\\p{L}' : '\\p{N}');
  return `(?<!${edge(first)})${seq.join(SEPARATOR)}(?!${edge(last)})`;
}

/** Compiles the values once; the redactor then serves every string of a packet. */
export function compileRedactor(values: WithheldValues): Redactor {
  const sequences = [...new Map(wordSequences(values).map((s) => [s.join(' '), s])).values()].sort((a, b) => b.join('').length - a.join('').length);
  const pattern = sequences.length ? new RegExp(sequences.map(sequencePattern).join('|'), 'gu') : null;
  const phones = [...new Set([...values.phones, ...values.phrases.flatMap(phonesIn)].map(phoneKey).filter((k) => k.length >= PHONE_DIGITS))];

  /** Spans of the folded text to withhold, in order, overlapping ones merged. */
  const spans = (f: Folded): [number, number][] => {
    const found: [number, number][] = [];
    if (pattern) for (const m of f.text.matchAll(pattern)) if (m[0].length) found.push([m.index, m.index + m[0].length]);
    if (phones.length) {
      for (const run of f.text.matchAll(/(?:\+|\((?=\d+\)))?\d(?:[\s.\-()/+]{0,3}\d)*/g)) {
        const digits = run[0].replace(/\D/g, '');
        if (phones.some((k) => digits.includes(k))) found.push([run.index, run.index + run[0].length]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of found) {
      const prev = merged.at(-1);
      if (prev && s[0] <= prev[1]) prev[1] = Math.max(prev[1], s[1]);
      else merged.push([...s]);
    }
    return merged;
  };

  const find = (text: string): [number, number][] => {
    if (!pattern && !phones.length) return [];
    const f = fold(text);
    return spans(f).map(([from, to]) => originalSpan(f, from, to));
  };

  const redactor = {
    replaced: 0,
    find,
    holds: (text: string) => find(text).length > 0,
    count(n: number) {
      redactor.replaced += n;
    },
    redact(text: string): string {
      const found = find(text);
      if (!found.length) return text;
      let out = '';
      let at = 0;
      for (const [s, e] of found) {
        out += text.slice(at, s) + WITHHELD;
        at = e;
      }
      redactor.replaced += found.length;
      return out + text.slice(at);
    },
  };
  return redactor;
}

/** Phone numbers written inside a longer value ("WhatsApp +52 314 555 0143, evenings"). */
function phonesIn(value: string): string[] {
  return (value.match(/\+?\(?\d[\d\s().\-/]{5,}\d/g) ?? []).filter((p) => p.replace(/\D/g, '').length >= 7);
}

/** E-mail addresses written inside a longer value. */
export function emailsIn(value: string): string[] {
  return value.match(/[^\s<>()[\]@,;:"']+@[^\s<>()[\]@,;:"']+\.[^\s<>()[\]@,;:"'.]{2,}/g) ?? [];
}

/** Web addresses written inside a value, each as its host and the rest (no scheme, no www.). */
export function urlsIn(value: string): { host: string; rest: string }[] {
  return (value.match(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi) ?? []).map((url) => {
    const bare = url.replace(/^(?:https?:\/\/)?(?:www\.)?/i, '').replace(/[.,;:!?)]+$/, '');
    const host = bare.split(/[/?#]/)[0]!;
    return { host, rest: bare.slice(host.length).replace(/^[/?#]+/, '') };
  });
}

/** Handles written inside a value ("Signal: @zebq"), without the @; an e-mail address is not one. */
export function handlesIn(value: string): string[] {
  return (value.match(/(?<![\p{L}\p{N}_.])@[\p{L}\p{N}_.]*[\p{L}\p{N}_]/gu) ?? []).map((h) => h.slice(1)).filter((h) => h.length >= 3);
}
