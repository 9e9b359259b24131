// Spelling suggestions from the library's own vocabulary. When a searched word occurs nowhere,
// the indexed words nearest to it (by edit distance, transpositions counting as one edit) take
// its place. The vocabulary comes from the FTS5 indexes through fts5vocab tables, so it is
// always the words actually indexed — but those are Porter stems ("investig"), so the typed word
// is stemmed by the same tokenizer before it is compared ("investigatoins" → "investigatoin",
// one edit from "investig…" stems), and each stem is shown as a word the library really holds.
//
// Several words can be equally near ("ratecamex": ratecalmex, ratenamex). The most common one
// is not more likely to be meant — a reporter looks up rare names — so all of the nearest (up
// to MAX_ALTERNATIVES) are searched together, and bm25 ranks the rarer match first anyway.

import type { Statement } from './driver.js';
import type { DB } from './open.js';
import { scratchDb, TOKENIZER } from './scratch.js';

const INDEXES = ['claims', 'sources', 'documents', 'excerpts', 'notes'] as const;
type Index = (typeof INDEXES)[number];

/** How many equally near words one misspelt word is replaced by, at most. */
export const MAX_ALTERNATIVES = 3;

/** Whether any index holds the word (as the tokenizer would index it). */
function occurs(db: DB, word: string): boolean {
  return INDEXES.some((i) => db.prepare(`SELECT 1 FROM ${i}_fts WHERE ${i}_fts MATCH ? LIMIT 1`).get(`"${word}"`) !== undefined);
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

/** Distances closer than this count as equal: their words are searched together. */
const TIE = 0.05;

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
  /** An index holding it, to find the word as written. */
  index: Index;
  letters: number;
}
type Vocabulary = Map<number, Term[]>;

/**
 * One index's words with how many records hold each, and the index's structure record when they
 * were read. fts5vocab reads the whole index to answer (at 100,000 claims: 96 ms for the claims,
 * 189 ms for the documents), so each index's list is kept until that index changes. FTS5
 * rewrites its structure record (`id = 10` of its data table) whenever it writes a segment, so
 * comparing that one small row tells whether the index changed: a claim edited leaves the
 * documents' list alone.
 */
const indexWords = new WeakMap<DB, Map<Index, { structure: Buffer | null; words: { term: string; doc: number }[] }>>();
const vocabularies = new WeakMap<DB, { parts: unknown[]; words: Vocabulary }>();

function wordsOf(db: DB, index: Index): { structure: Buffer | null; words: { term: string; doc: number }[] } {
  const structure = (db.prepare(`SELECT block FROM ${index}_fts_data WHERE id = 10`).get() as { block: Buffer } | undefined)?.block ?? null;
  let cache = indexWords.get(db);
  if (!cache) indexWords.set(db, (cache = new Map()));
  const known = cache.get(index);
  if (known && (known.structure === structure || (known.structure && structure && known.structure.equals(structure)))) return known;
  const fresh = { structure, words: db.prepare(`SELECT term, doc FROM ${index}_vocab`).all() as { term: string; doc: number }[] };
  cache.set(index, fresh);
  return fresh;
}

/** Every indexed word with how many records hold it, grouped by length. */
function vocabulary(db: DB): Vocabulary {
  const parts = INDEXES.map((index) => wordsOf(db, index));
  const hit = vocabularies.get(db);
  if (hit && hit.parts.every((p, i) => p === parts[i])) return hit.words;
  const terms = new Map<string, Term>();
  parts.forEach(({ words: list }, i) => {
    for (const { term, doc } of list) {
      const known = terms.get(term);
      if (known) known.docs += doc;
      else terms.set(term, { term, docs: doc, index: INDEXES[i]!, letters: letters(term) });
    }
  });
  const words: Vocabulary = new Map();
  for (const t of terms.values()) {
    const list = words.get(t.term.length) ?? [];
    list.push(t);
    words.set(t.term.length, list);
  }
  vocabularies.set(db, { parts, words });
  return words;
}

let stemmer: { insert: Statement; read: Statement; clear: Statement } | undefined;

/**
 * The word as the indexes store it (its Porter stem, folded), through a scratch FTS5 table with
 * the same tokenizer: our stemming is SQLite's, not a copy. The table is in the scratch
 * connection, so stemming writes nothing to the library and leaves its change counter (which
 * keys the cached vocabulary) alone.
 */
function stem(word: string): string {
  if (!stemmer) {
    const scratch = scratchDb();
    scratch.exec(`CREATE VIRTUAL TABLE stem USING fts5(w, ${TOKENIZER});
                  CREATE VIRTUAL TABLE stem_vocab USING fts5vocab(stem, 'row');`);
    stemmer = { insert: scratch.prepare('INSERT INTO stem(w) VALUES (?)'), read: scratch.prepare('SELECT term FROM stem_vocab LIMIT 1'), clear: scratch.prepare('DELETE FROM stem') };
  }
  stemmer.insert.run(word);
  const row = stemmer.read.get() as { term: string } | undefined;
  stemmer.clear.run();
  return row?.term ?? word;
}

/**
 * The indexed words nearest `word` (at most 2 edits; 1 for short words), compared both as typed
 * and as stemmed; those at the smallest likely distance (likelyDistance), most common first.
 */
function nearest(db: DB, word: string): Term[] {
  const forms = [...new Set([word, stem(word)])];
  const max = word.length <= 4 ? 1 : 2;
  const words = vocabulary(db);
  const found = new Map<string, { t: Term; distance: number }>();
  for (const form of forms) {
    const mask = letters(form);
    for (let length = Math.max(1, form.length - max); length <= form.length + max; length++) {
      for (const t of words.get(length) ?? []) {
        if (bitsSet(mask ^ t.letters) > 2 * max) continue;
        if (editDistance(form, t.term, max) > max) continue;
        const distance = likelyDistance(form, t.term);
        const known = found.get(t.term);
        if (!known || distance < known.distance) found.set(t.term, { t, distance });
      }
    }
  }
  const best = Math.min(...[...found.values()].map((f) => f.distance));
  return [...found.values()]
    .filter((f) => f.distance <= best + TIE)
    .sort((a, b) => a.distance - b.distance || b.t.docs - a.t.docs || (a.t.term < b.t.term ? -1 : 1))
    .slice(0, MAX_ALTERNATIVES)
    .map((f) => f.t);
}

const instances = new WeakSet<DB>();

/**
 * A word as some record writes it that the tokenizer turns into `term`, or null if none is
 * found. A stem is not a word, and cannot stand for itself in a search: Porter stems it again
 * ("deathraterate" is indexed as "deathrater", and "deathrater" searched means "deathrat").
 * The records holding the term come from an fts5vocab 'instance' table, which reads the term's
 * own doclist (a temporary table of this connection: it writes nothing to the library); the
 * word is the one in the record's text that stems to the term.
 */
function asWritten(db: DB, t: Term): string | null {
  if (!instances.has(db)) {
    for (const index of INDEXES) db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${index}_instances USING fts5vocab(main, ${index}_fts, 'instance')`);
    instances.add(db);
  }
  const where = db.prepare(`SELECT doc, col FROM temp.${t.index}_instances WHERE term = ? LIMIT 4`).all(t.term) as { doc: number; col: string }[];
  const start = t.term.slice(0, 2);
  for (const { doc, col } of where) {
    if (!/^[a-z_]+$/.test(col)) continue;
    const text = (db.prepare(`SELECT ${col} AS text FROM ${t.index}_fts WHERE rowid = ?`).get(doc) as { text: string | null } | undefined)?.text ?? '';
    const seen = new Set<string>();
    for (const match of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
      const written = match[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      // Porter keeps the start of a word: only words starting like the stem are worth stemming.
      if (!written.startsWith(start) || seen.has(written)) continue;
      seen.add(written);
      if (stem(written) === t.term) return written;
    }
  }
  return stem(t.term) === t.term ? t.term : null;
}

export interface Correction {
  /** The query with each unknown word replaced by its nearest word: what "Showing results for" names. */
  suggestion: string;
  /** The query searched: each unknown word replaced by all of its equally near words, OR'd. */
  searched: string;
}

const wordPattern = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

/**
 * The query with each word that occurs nowhere replaced by its nearest indexed words; null when
 * no word needed (or found) a correction.
 */
export function suggestSpelling(db: DB, query: string, words: string[]): Correction | null {
  let suggestion = query;
  let searched = query;
  let changed = false;
  for (const word of new Set(words)) {
    if (occurs(db, word)) continue;
    const near = nearest(db, word.normalize('NFD').replace(/\p{M}/gu, ''));
    if (!near.length) continue;
    const written = [...new Set(near.map((t) => asWritten(db, t)).filter((w) => w !== null))];
    if (!written.length) continue;
    suggestion = suggestion.replace(wordPattern(word), written[0]!);
    searched = searched.replace(wordPattern(word), written.join(' OR '));
    changed = true;
  }
  // The query as typed may end in a space (search as you type): the suggestion is words only.
  return changed ? { suggestion: suggestion.trim(), searched } : null;
}
