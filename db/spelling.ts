// Spelling suggestions from the library's own vocabulary. When a searched word occurs nowhere,
// the indexed words nearest to it (by edit distance, transpositions counting as one edit) take
// its place. The words compared are the words as written, from shadow indexes tokenized without
// the stemmer (migration 010): a typo in a word's ending ("investigatoins", "witneses",
// "prosecuter") is one edit from the word as written, where its Porter stem may be three from the
// indexed stem. The word found is searched as typed words are, so it is stemmed then.
//
// Only the indexes the query searches are asked (a claims-only search is never corrected to a
// word cut off at the end of one document), and how many records of them hold a word counts:
// of two words equally near, the one the library uses more is likelier meant. Several words
// nearly as likely ("ratecamex": ratecalmex, ratecamexo) are searched together (up to
// MAX_ALTERNATIVES), and bm25 ranks the rarer match first anyway.

import type { DB } from './open.js';

export const SPELLING_INDEXES = ['claims', 'sources', 'documents', 'excerpts', 'notes'] as const;
export type Index = (typeof SPELLING_INDEXES)[number];

/**
 * The vocabulary table beside an index: each of its words as written (fts5vocab over the shadow
 * index). Migration 010 made these tables under the same names; the name is spelt here again, not
 * imported, because a released migration is frozen and live code reads none.
 */
const wordsTable = (index: Index) => `${index}_words`;

/** How many equally near words one misspelt word is replaced by, at most. */
export const MAX_ALTERNATIVES = 3;

/** Whether any of the indexes holds the word (as the tokenizer would index it). */
function occurs(db: DB, indexes: readonly Index[], word: string): boolean {
  return indexes.some((i) => db.prepare(`SELECT 1 FROM ${i}_fts WHERE ${i}_fts MATCH ? LIMIT 1`).get(`"${word}"`) !== undefined);
}

// Rows of the distance table, reused: a typo search compares the word with hundreds of terms.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau–Levenshtein (optimal string alignment) distance, giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0]!.length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let lastMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A transposition reaches back two rows: give up only when two rows in a row are past max.
    if (rowMin > max && lastMin > max) return max + 1;
    lastMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length]!, max + 1);
}

/**
 * The set of characters in a word as 32 bits (a–z one bit each, other characters folded into
 * the rest). One edit changes at most two bits — a substitution drops one character and adds
 * another, an insertion or deletion one, a transposition none — so a term whose bits differ
 * from the word's in more than 2 × max places is further than max edits, and the costly
 * distance is computed only for the few that pass (at 100,000 claims, about 1 term in 8).
 */
export function letters(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

function bitsSet(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Likely distances closer than this count as equal: their words are searched together. */
export const TIE = 0.05;

/**
 * How much a word's frequency weighs against its likely distance, in the order the nearest words
 * are taken (the first is the one suggested): each tenfold more records holding it is worth this
 * much of an edit. Small, so a common word wins over a rare one about as near, never over a rare
 * one clearly nearer (a reporter looks up rare names).
 */
export const FREQUENCY_WEIGHT = 0.15;

// Letters next to each other on a QWERTY keyboard: a finger that slips hits one of these.
const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const neighbours = new Map<string, string>();
KEYBOARD.forEach((row, r) => {
  [...row].forEach((key, c) => {
    const near = [row[c - 1], row[c + 1], KEYBOARD[r - 1]?.[c], KEYBOARD[r - 1]?.[c + 1], KEYBOARD[r + 1]?.[c], KEYBOARD[r + 1]?.[c - 1]];
    neighbours.set(key, near.filter(Boolean).join(''));
  });
});
const adjacent = (a: string, b: string) => neighbours.get(a)?.includes(b) ?? false;

/**
 * An edit distance weighted by how people mistype: two letters swapped, a letter left out or
 * doubled, or a neighbouring key hit cost less than an arbitrary letter put in or changed. It
 * ranks the words edit distance finds equally near ("ratecamex" is one edit from both
 * "ratecalmex", a letter left out, and "ratenamex", c changed into a far-away n). Costs: swap
 * 0.7, a letter left out 0.8, a letter doubled 0.6, a neighbouring key hit instead 0.8 (or
 * pressed as well, 0.8), anything else 1.
 */
export function likelyDistance(typed: string, word: string): number {
  const d: number[][] = Array.from({ length: typed.length + 1 }, () => new Array<number>(word.length + 1).fill(0));
  for (let j = 1; j <= word.length; j++) d[0]![j] = d[0]![j - 1]! + 0.8;
  for (let i = 1; i <= typed.length; i++) {
    const t = typed[i - 1]!;
    // A letter typed that the word does not have: doubled, a neighbour's slip, or stray.
    const extra = t === typed[i - 2] || t === typed[i] ? 0.6 : adjacent(t, typed[i - 2] ?? '') || adjacent(t, typed[i] ?? '') ? 0.8 : 1;
    d[i]![0] = d[i - 1]![0]! + extra;
    for (let j = 1; j <= word.length; j++) {
      const w = word[j - 1]!;
      const change = t === w ? 0 : adjacent(t, w) ? 0.8 : 1;
      let best = Math.min(d[i - 1]![j]! + extra, d[i]![j - 1]! + 0.8, d[i - 1]![j - 1]! + change);
      if (i > 1 && j > 1 && t === word[j - 2] && typed[i - 2] === w) best = Math.min(best, d[i - 2]![j - 2]! + 0.7);
      d[i]![j] = best;
    }
  }
  return d[typed.length]![word.length]!;
}

interface Term {
  term: string;
  docs: number;
  letters: number;
}
type Vocabulary = Map<number, Term[]>;

interface IndexWords {
  structure: Buffer | null;
  words: { term: string; doc: number }[];
}

/**
 * One index's words as written with how many records hold each, and the shadow index's
 * structure record when they were read. fts5vocab reads the whole index to answer, so each
 * index's list is kept until that index changes. FTS5 rewrites its structure record (`id = 10`
 * of its data table) whenever it writes a segment, so comparing that one small row tells whether
 * the index changed: a claim edited leaves the documents' list alone.
 */
const indexWords = new WeakMap<DB, Map<Index, IndexWords>>();
/**
 * The words of the indexes last searched, merged: one set of indexes at a time (the search box
 * asks the same ones query after query), so a process holds each word once or twice, not once
 * per combination of indexes ever asked.
 */
const vocabularies = new WeakMap<DB, { key: string; parts: IndexWords[]; words: Vocabulary }>();

function wordsOf(db: DB, index: Index): IndexWords {
  const table = wordsTable(index);
  const structure = (db.prepare(`SELECT block FROM ${table}_data WHERE id = 10`).get() as { block: Buffer } | undefined)?.block ?? null;
  let cache = indexWords.get(db);
  if (!cache) indexWords.set(db, (cache = new Map()));
  const known = cache.get(index);
  if (known && (known.structure === structure || (known.structure && structure && known.structure.equals(structure)))) return known;
  const fresh = { structure, words: db.prepare(`SELECT term, doc FROM ${table}_vocab`).all() as { term: string; doc: number }[] };
  cache.set(index, fresh);
  return fresh;
}

/** Every word of these indexes with how many records hold it, grouped by length. */
function vocabulary(db: DB, indexes: readonly Index[]): Vocabulary {
  const parts = indexes.map((index) => wordsOf(db, index));
  const key = indexes.join(' ');
  const hit = vocabularies.get(db);
  if (hit && hit.key === key && hit.parts.every((p, i) => p === parts[i])) return hit.words;
  const terms = new Map<string, Term>();
  for (const { words: list } of parts) {
    for (const { term, doc } of list) {
      const known = terms.get(term);
      if (known) known.docs += doc;
      else terms.set(term, { term, docs: doc, letters: letters(term) });
    }
  }
  const words: Vocabulary = new Map();
  for (const t of terms.values()) {
    const list = words.get(t.term.length) ?? [];
    list.push(t);
    words.set(t.term.length, list);
  }
  vocabularies.set(db, { key, parts, words });
  return words;
}

/**
 * The words of the indexes nearest `word` (at most 2 edits; 1 for short words), best first: the
 * likeliest by score (likelyDistance less FREQUENCY_WEIGHT per tenfold of records holding it),
 * then the others at the smallest likely distance, which are as likely typed.
 */
function nearest(db: DB, indexes: readonly Index[], word: string): Term[] {
  const max = word.length <= 4 ? 1 : 2;
  const words = vocabulary(db, indexes);
  const found: { t: Term; distance: number; score: number }[] = [];
  const mask = letters(word);
  for (let length = Math.max(1, word.length - max); length <= word.length + max; length++) {
    for (const t of words.get(length) ?? []) {
      if (bitsSet(mask ^ t.letters) > 2 * max) continue;
      if (editDistance(word, t.term, max) > max) continue;
      const distance = likelyDistance(word, t.term);
      found.push({ t, distance, score: distance - FREQUENCY_WEIGHT * Math.log10(t.docs) });
    }
  }
  if (!found.length) return [];
  found.sort((a, b) => a.score - b.score || (a.t.term < b.t.term ? -1 : 1));
  const closest = Math.min(...found.map((f) => f.distance));
  const [likeliest] = found;
  return [likeliest!, ...found.filter((f) => f !== likeliest && f.distance <= closest + TIE)].slice(0, MAX_ALTERNATIVES).map((f) => f.t);
}

export interface Correction {
  /** The query with each unknown word replaced by its nearest word: what "Showing results for" names. */
  suggestion: string;
  /** The query searched: each unknown word replaced by all of its equally near words, OR'd. */
  searched: string;
  /** The words put in, as written. */
  words: string[];
}

/** Records with more than this many holding a corrected word as written are not put first: the word is common. */
export const MAX_AS_WRITTEN = 1_000;

/**
 * The rowids of the records of an index holding any of the words exactly as written (folded), from
 * its shadow index; null when more than MAX_AS_WRITTEN do.
 */
export function recordsHolding(db: DB, index: Index, words: readonly string[]): number[] | null {
  const table = wordsTable(index);
  const match = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
  const rows = db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? LIMIT ${MAX_AS_WRITTEN + 1}`).pluck().all(match) as number[];
  return rows.length > MAX_AS_WRITTEN ? null : rows;
}

const wordPattern = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

/**
 * The query with each word that occurs nowhere replaced by its nearest indexed words; null when
 * no word needed (or found) a correction.
 */
export function suggestSpelling(db: DB, query: string, words: string[], indexes: readonly Index[] = SPELLING_INDEXES): Correction | null {
  let suggestion = query;
  let searched = query;
  const put: string[] = [];
  for (const word of new Set(words)) {
    if (!indexes.length || occurs(db, indexes, word)) continue;
    const written = nearest(db, indexes, word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).map((t) => t.term);
    if (!written.length) continue;
    suggestion = suggestion.replace(wordPattern(word), written[0]!);
    searched = searched.replace(wordPattern(word), written.join(' OR '));
    put.push(...written);
  }
  // The query as typed may end in a space (search as you type): the suggestion is words only.
  return put.length ? { suggestion: suggestion.trim(), searched, words: put } : null;
}
