// The queries, drawn from the library's own claims with a seeded generator, so every engine
// answers the same ones and every run asks the same ones.

import type { DB } from '../../db/index.js';
import { KINDS, type Claim, type Kind, type Query } from './types.js';

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export function loadClaims(db: DB): Claim[] {
  return db.prepare('SELECT id, statement FROM claims WHERE deleted_at IS NULL ORDER BY rowid').all() as Claim[];
}

export interface QuerySet {
  warmup: Record<Kind, Query[]>;
  timed: Record<Kind, Query[]>;
  /** Median number of claims holding the word a typo query misspells. */
  typoWordMedianClaims: number;
}

interface Source {
  claims: readonly Claim[];
  tokens: string[][];
  stopwords: ReadonlySet<string>;
  random: () => number;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** `count` timed and `warmup` warm-up queries of each kind. */
export function makeQueries(claims: readonly Claim[], opts: { stopwords: readonly string[]; vocabulary: readonly string[]; count: number; warmup: number; random: () => number }): QuerySet {
  const src: Source = { claims, tokens: claims.map((c) => words(c.statement)), stopwords: new Set(opts.stopwords), random: opts.random };
  const n = opts.count + opts.warmup;
  const all: Record<Kind, Query[]> = {
    'one word': drawn(src, n, oneWord),
    'two words': drawn(src, n, twoWords),
    phrase: drawn(src, n, phrase),
    prefix: drawn(src, n, prefix),
    typo: [],
  };
  const typos = typoQueries(src, n, new Set(opts.vocabulary));
  all.typo = typos.queries;
  const split = (at: 'warmup' | 'timed') => Object.fromEntries(KINDS.map((k) => [k, at === 'warmup' ? all[k].slice(0, opts.warmup) : all[k].slice(opts.warmup)])) as Record<Kind, Query[]>;
  return { warmup: split('warmup'), timed: split('timed'), typoWordMedianClaims: typos.medianClaims };
}

type Draw = (tokens: string[], src: Source) => Omit<Query, 'intended'> | null;

/** Queries taken from claims picked at random (a draw may pass a claim over). */
function drawn(src: Source, n: number, draw: Draw): Query[] {
  const out: Query[] = [];
  while (out.length < n) {
    const i = Math.floor(src.random() * src.claims.length);
    const q = draw(src.tokens[i]!, src);
    if (q) out.push({ ...q, intended: src.claims[i]!.id });
  }
  return out;
}

const content = (tokens: string[], src: Source) => tokens.filter((t) => !src.stopwords.has(t));

const plain = (kind: Kind, text: string, terms: string[]) => ({ kind, text, terms, prefix: false, typo: false });

const oneWord: Draw = (tokens, src) => {
  const w = pick(content(tokens, src), src.random);
  return plain('one word', w, [w]);
};

const twoWords: Draw = (tokens, src) => {
  const ws = [...new Set(content(tokens, src))];
  if (ws.length < 2) return null;
  const a = pick(ws, src.random);
  const b = pick(ws.filter((w) => w !== a), src.random);
  return plain('two words', `${a} ${b}`, [a, b]);
};

/** Two adjacent words of the claim, not both stopwords. */
const phrase: Draw = (tokens, src) => {
  const i = Math.floor(src.random() * (tokens.length - 1));
  const pair = [tokens[i]!, tokens[i + 1]!];
  if (pair.every((w) => src.stopwords.has(w))) return null;
  return plain('phrase', `"${pair.join(' ')}"`, pair);
};

/** The first 3–5 letters of a word of 5 letters or more, as typed so far. */
const prefix: Draw = (tokens, src) => {
  const long = content(tokens, src).filter((w) => w.length >= 5);
  if (!long.length) return null;
  const w = pick(long, src.random);
  const stem = w.slice(0, Math.min(w.length - 1, 3 + Math.floor(src.random() * 3)));
  return { kind: 'prefix', text: `${stem}*`, terms: [stem], prefix: true, typo: false };
};

/** The ways a hand misspells a word, in turn: one of each for every five typo queries. */
export const TYPO_KINDS = ['ending', 'swap', 'drop', 'double', 'vowel'] as const;
export type TypoKind = (typeof TYPO_KINDS)[number];

/**
 * The rarest words of six letters or more (a name, a place: what a reporter looks up), each
 * misspelt as people do (misspell), and never into another word of the vocabulary.
 */
function typoQueries(src: Source, n: number, vocabulary: ReadonlySet<string>): { queries: Query[]; medianClaims: number } {
  const holders = new Map<string, number[]>();
  src.tokens.forEach((tokens, i) => {
    for (const w of new Set(tokens)) {
      if (w.length < 6 || src.stopwords.has(w)) continue;
      const list = holders.get(w);
      if (list) list.push(i);
      else holders.set(w, [i]);
    }
  });
  const rarest = [...holders.entries()]
    .map(([w, claims]) => ({ w, claims, tie: src.random() }))
    .sort((a, b) => a.claims.length - b.claims.length || a.tie - b.tie);
  const queries: Query[] = [];
  const counts: number[] = [];
  for (const { w, claims } of rarest) {
    if (queries.length === n) break;
    const typo = misspell(w, TYPO_KINDS[queries.length % TYPO_KINDS.length]!, src.random, vocabulary);
    if (!typo) continue;
    counts.push(claims.length);
    queries.push({ kind: 'typo', text: typo, terms: [typo], prefix: false, typo: true, intended: src.claims[pick(claims, src.random)]!.id, word: w });
  }
  counts.sort((a, b) => a - b);
  return { queries, medianClaims: counts[Math.floor(counts.length / 2)] ?? 0 };
}

const VOWELS = 'aeiou';

/** One misspelling of the kind, or null when the word does not lend itself to it. */
function misspellOnce(word: string, how: TypoKind, random: () => number): string | null {
  const at = (lo: number, hi: number) => lo + Math.floor(random() * Math.max(1, hi - lo)); // lo … hi-1
  const swap = (i: number) => (i >= 1 && i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : null);
  switch (how) {
    // The last four letters: two swapped ("-ions" → "-oins"), one dropped or doubled.
    case 'ending': {
      const i = at(word.length - 4, word.length);
      const r = random();
      if (r < 0.5) return swap(Math.min(i, word.length - 2));
      return r < 0.75 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i + 1) + word.slice(i);
    }
    case 'swap':
      return swap(at(1, word.length - 1));
    case 'drop': {
      const i = at(1, word.length);
      return word.slice(0, i) + word.slice(i + 1);
    }
    // A doubled letter made single ("witnesses" → "witneses"), else a letter doubled.
    case 'double': {
      const doubled = [...word].flatMap((c, i) => (i > 0 && c === word[i - 1] ? [i] : []));
      if (doubled.length) {
        const i = doubled[Math.floor(random() * doubled.length)]!;
        return word.slice(0, i) + word.slice(i + 1);
      }
      const i = at(1, word.length);
      return word.slice(0, i + 1) + word.slice(i);
    }
    // One vowel for another ("prosecutor" → "prosecuter").
    case 'vowel': {
      const vowels = [...word].flatMap((c, i) => (i > 0 && VOWELS.includes(c) ? [i] : []));
      if (!vowels.length) return null;
      const i = vowels[Math.floor(random() * vowels.length)]!;
      const others = VOWELS.replace(word[i]!, '');
      return word.slice(0, i) + others[Math.floor(random() * others.length)] + word.slice(i + 1);
    }
  }
}

export function misspell(word: string, how: TypoKind, random: () => number, vocabulary: ReadonlySet<string>): string | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const typo = misspellOnce(word, how, random);
    if (typo && typo !== word && !vocabulary.has(typo)) return typo;
  }
  return null;
}
