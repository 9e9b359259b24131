// Spelling suggestions from the library's own vocabulary: when a searched word occurs nowhere,
// the nearest word that does (by edit distance, transpositions counting as one edit) takes its
// place, the most frequent winning a tie. The vocabulary comes from the FTS5 indexes through
// fts5vocab tables, so it is always the words actually indexed.

import { changeKey, type DB } from './open.js';

const INDEXES = ['claims', 'sources', 'documents', 'excerpts', 'notes'] as const;

/** Whether any index holds the word (as the tokenizer would index it). */
function occurs(db: DB, word: string): boolean {
  return INDEXES.some((i) => db.prepare(`SELECT 1 FROM ${i}_fts WHERE ${i}_fts MATCH ? LIMIT 1`).get(`"${word}"`) !== undefined);
}

/** Damerau–Levenshtein (optimal string alignment) distance, giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

type Vocabulary = Map<number, { term: string; docs: number }[]>;

const vocabularies = new WeakMap<DB, { key: string; words: Vocabulary }>();

/**
 * Every indexed word with how many records hold it, grouped by length. fts5vocab reads the
 * whole index to answer, so the list is read once and kept until the next write.
 */
function vocabulary(db: DB): Vocabulary {
  const key = changeKey(db);
  const hit = vocabularies.get(db);
  if (hit?.key === key) return hit.words;
  const docs = new Map<string, number>();
  for (const i of INDEXES) {
    for (const { term, doc } of db.prepare(`SELECT term, doc FROM ${i}_vocab`).all() as { term: string; doc: number }[]) {
      docs.set(term, (docs.get(term) ?? 0) + doc);
    }
  }
  const words: Vocabulary = new Map();
  for (const [term, n] of docs) {
    const list = words.get(term.length) ?? [];
    list.push({ term, docs: n });
    words.set(term.length, list);
  }
  vocabularies.set(db, { key, words });
  return words;
}

/** The indexed word nearest `word` (at most 2 edits; 1 for short words), the most common on a tie. */
function nearest(db: DB, word: string): string | null {
  const max = word.length <= 4 ? 1 : 2;
  const words = vocabulary(db);
  let pick: { term: string; distance: number; docs: number } | undefined;
  for (let length = Math.max(1, word.length - max); length <= word.length + max; length++) {
    for (const { term, docs } of words.get(length) ?? []) {
      const distance = editDistance(word, term, max);
      if (distance > max) continue;
      if (!pick || distance < pick.distance || (distance === pick.distance && docs > pick.docs)) pick = { term, distance, docs };
    }
  }
  return pick?.term ?? null;
}

/**
 * The query with each word that occurs nowhere replaced by its nearest indexed word; null when
 * no word needed (or found) a correction.
 */
export function suggestSpelling(db: DB, query: string, words: string[]): string | null {
  let corrected = query;
  let changed = false;
  for (const word of new Set(words)) {
    if (occurs(db, word)) continue;
    const fix = nearest(db, word.normalize('NFD').replace(/\p{M}/gu, ''));
    if (!fix) continue;
    corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu'), fix);
    changed = true;
  }
  return changed ? corrected : null;
}
