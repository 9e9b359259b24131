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

import { identities, identitiesOf, pages, segments, segmentTerms } from './fts5-segments.js';
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

/**
 * One index's words as written, sorted, in a few flat arrays (no object per word: at a million
 * claims the claims alone hold 461,000 words), with how many records hold each and how many
 * letters each shares with the word before it, so a search walks the sorted list as a trie.
 */
export interface Lexicon {
  /** Every word, one after the other: word i is text.slice(starts[i], starts[i + 1]). */
  text: string;
  starts: Int32Array;
  docs: Int32Array;
  /** Letters word i shares with word i − 1 (at most 255: no word searched is that long). */
  shared: Uint8Array;
}

/** A lexicon of words given in sorted order (fts5vocab lists them so), each with its count of records. */
export function lexicon(words: Iterable<readonly [string, number]>): Lexicon {
  const terms: string[] = [];
  const docs: number[] = [];
  for (const [term, doc] of words) {
    terms.push(term);
    docs.push(doc);
  }
  const starts = new Int32Array(terms.length + 1);
  for (let i = 0; i < terms.length; i++) starts[i + 1] = starts[i]! + terms[i]!.length;
  return joinedLexicon(terms.join(''), starts, Int32Array.from(docs));
}

/** A lexicon of sorted words given joined (word i is text.slice(starts[i], starts[i + 1])), as a worker sends them. */
export function joinedLexicon(text: string, starts: Int32Array, docs: Int32Array, shared: Uint8Array = sharedPrefixes(text, starts)): Lexicon {
  return { text, starts, docs, shared };
}

/**
 * Lexicon.shared of sorted words given joined. Self-contained (no name from outside it): the
 * spelling warm-up's worker runs this same function from its source text (spelling-warm.ts).
 */
export function sharedPrefixes(text: string, starts: Int32Array): Uint8Array {
  const count = starts.length - 1;
  const shared = new Uint8Array(count);
  for (let i = 1; i < count; i++) {
    const at = starts[i]!;
    const before = starts[i - 1]!;
    const most = Math.min(255, starts[i + 1]! - at, at - before);
    let n = 0;
    while (n < most && text.charCodeAt(at + n) === text.charCodeAt(before + n)) n++;
    shared[i] = n;
  }
  return shared;
}

/**
 * Calls `found` with each word of the lexicon within `max` edits of `word` (Damerau–Levenshtein,
 * optimal string alignment: a transposition is one edit) and its count of records.
 *
 * The sorted words are walked as a trie: the distance table's row for a word's first d letters
 * is the same for every word that starts with them, so a word computes only the rows past the
 * letters it shares with the word before it, and once a row is past `max` no word with that
 * beginning can come within it and all of them are skipped. A misspelt word computes rows for
 * the few beginnings near its own, not a distance for every word of about its length.
 */
export function within(lex: Lexicon, word: string, max: number, found: (term: string, docs: number) => void): void {
  const m = word.length;
  const width = m + 1;
  // Every cell of row m + max + 1 is past max (row d is at least d − m): the walk stops there.
  const rows = new Int32Array(width * (m + max + 2));
  for (let j = 0; j <= m; j++) rows[j] = j;
  const { text, starts, shared } = lex;
  const count = starts.length - 1;
  // Rows 0..valid hold the table of the current word's first `valid` letters.
  let valid = 0;
  for (let i = 0; i < count; ) {
    const start = starts[i]!;
    const length = starts[i + 1]! - start;
    let d = Math.min(shared[i]!, valid);
    let pruned = false;
    while (d < length) {
      d++;
      const c = text.charCodeAt(start + d - 1);
      const before = d > 1 ? text.charCodeAt(start + d - 2) : -1;
      const row = d * width;
      const up = row - width;
      const up2 = up - width;
      rows[row] = d;
      let min = d;
      for (let j = 1; j <= m; j++) {
        const q = word.charCodeAt(j - 1);
        let v = Math.min(rows[up + j]! + 1, rows[row + j - 1]! + 1, rows[up + j - 1]! + (q === c ? 0 : 1));
        if (d > 1 && j > 1 && q === before && word.charCodeAt(j - 2) === c) v = Math.min(v, rows[up2 + j - 2]! + 1);
        rows[row + j] = v;
        if (v < min) min = v;
      }
      // No row after one past max comes back within it: each of its cells comes from a cell of
      // this row, or (transposed) from one two rows up plus one, which is at least a cell of this
      // row (the diagonal step costs at most one).
      if (min > max) {
        pruned = true;
        break;
      }
    }
    valid = d;
    if (!pruned && rows[length * width + m]! <= max) found(text.slice(start, start + length), lex.docs[i]!);
    i++;
    // Every following word that starts with the letters pruned at starts no nearer.
    if (pruned) while (i < count && shared[i]! >= d) i++;
  }
}

/** A word near the one typed, with how many records of the indexes asked hold it. */
interface Near {
  term: string;
  docs: number;
}

/**
 * More words than this taken in since an index's vocabulary was read, or more leaf pages than
 * this to read for them (FTS5 merged large segments), and the vocabulary is read again whole.
 */
export const MAX_ADDED_WORDS = 20_000;
export const MAX_ADDED_PAGES = 2_000;

/**
 * Once an index has changed, a word found is counted again in its list, up to this many records:
 * fts5vocab would count every record holding it (a common word's list at a million claims: 100
 * ms). Past it, the count read whole stands: only its tenfolds weigh (FREQUENCY_WEIGHT).
 */
export const RECOUNT_UP_TO = 1_000;

const quoted = (word: string) => `"${word.replace(/"/g, '""')}"`;

/**
 * One index's words: its whole vocabulary as read once, and the words of the segments FTS5 wrote
 * since (fts5-segments.ts). fts5vocab reads the whole index to answer (at a million claims,
 * seconds), so a record saved adds only its own words, read from the segment it was written to.
 * Words that went (a record deleted or edited) stay listed; once the index has changed, each word
 * found is counted again (RECOUNT_UP_TO) and a word no record holds any more is dropped.
 */
export interface Words {
  /** The structure record last seen: equal bytes, nothing changed. */
  structure: Buffer | null;
  /** The segments whose words are listed. */
  segments: Set<string>;
  lexicon: Lexicon;
  added: Set<string>;
  /** The added words as a lexicon of their own (their counts read when found). */
  recent: Lexicon | null;
  /** The index changed since it was read whole: the counts kept may be out of date. */
  changed: boolean;
}

/**
 * Each index's words, per connection. Never merged: a search of several indexes asks each and
 * adds up the counts of the few words found, so switching between a claims-only search and a
 * search of everything rebuilds nothing, and a claim saved leaves the documents' words alone.
 */
const cache = new WeakMap<DB, Map<Index, Words>>();

/** How many times an index's whole vocabulary was read here, or installed as read by a warm-up: the tests watch that a saved record does not. */
export const reads = { whole: 0, warmed: 0 };

const structureOf = (db: DB, table: string) => (db.prepare(`SELECT block FROM ${table}_data WHERE id = 10`).pluck().get() as Buffer | undefined) ?? null;

function readWhole(db: DB, index: Index): Words {
  const table = wordsTable(index);
  // One read transaction: the structure record and the words it lists, as of the same moment.
  return db.transaction(() => {
    reads.whole++;
    const structure = structureOf(db, table);
    const lex = lexicon(db.prepare(`SELECT term, doc FROM ${table}_vocab`).raw().iterate() as Iterable<[string, number]>);
    return { structure, segments: new Set(identities(db, table, segments(structure) ?? []) ?? []), lexicon: lex, added: new Set<string>(), recent: null, changed: false };
  })();
}

/**
 * An index whose words are being read off this thread (spelling-warm.ts) is read here as well only
 * when it holds at most `pages` leaf pages (its structure record says, at no cost). Measured at a
 * million claims with the file in the OS cache, fts5vocab takes 55–70 ms per thousand leaf pages
 * of the claims' and documents' words, 53 ms for the sources' 169: a hundred pages stay within a
 * keystroke (the claims of a library of a few thousand claims). A larger index is left out of a
 * correction until the warm-up installs it, rather than blocking the answer for seconds.
 */
export const readWhileWarming = { pages: 100 };

/** Per connection, the indexes a warm-up is reading. */
const warming = new WeakMap<DB, Set<Index>>();

export function warmingStarted(db: DB, indexes: readonly Index[]): void {
  warming.set(db, new Set(indexes));
}

/** The warm-up of these indexes (all, when none named) ended, installed or not. */
export function warmingEnded(db: DB, indexes: readonly Index[] = SPELLING_INDEXES): void {
  const set = warming.get(db);
  for (const index of indexes) set?.delete(index);
}

/**
 * Installs one index's words as a warm-up read them on a connection of its own: its structure
 * record, its vocabulary, and the leaf pages that identify the segments the structure lists, all
 * read in one transaction. They stand as a whole read at that moment would, so the next search
 * takes in whatever was written since through the incremental path (wordsOf). False when the
 * connection is closed, the index was read here meanwhile (as new, or newer), or the pages do not
 * identify the segments (the index is then read whole when first asked).
 */
export function installWords(db: DB, index: Index, structure: Buffer | null, lex: Lexicon, leaves: ReadonlyMap<bigint, Uint8Array>): boolean {
  warmingEnded(db, [index]);
  if (!db.open) return false;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  if (perDb.has(index)) return false;
  const ids = identitiesOf(segments(structure) ?? [], (id) => leaves.get(id));
  if (!ids) return false;
  reads.warmed++;
  perDb.set(index, { structure, segments: new Set(ids), lexicon: lex, added: new Set<string>(), recent: null, changed: false });
  return true;
}

/** An index's words as kept for the connection, without reading anything (for tests). */
export function keptWords(db: DB, index: Index): Readonly<Words> | undefined {
  return cache.get(db)?.get(index);
}

/** Whether a warm-up is reading the index and it is too large to read here meanwhile. */
function waitForWarmUp(db: DB, index: Index): boolean {
  if (!warming.get(db)?.has(index)) return false;
  return pages(segments(structureOf(db, wordsTable(index))) ?? []) > readWhileWarming.pages;
}

/**
 * The index's words now: as kept, with the words of new segments added, or read again whole; null
 * while a warm-up is still reading them and reading them here would block (waitForWarmUp).
 */
function wordsOf(db: DB, index: Index): Words | null {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const known = perDb.get(index);
  if (!known && waitForWarmUp(db, index)) return null;
  const table = wordsTable(index);
  const fresh = known && db.transaction(() => {
    const structure = structureOf(db, table);
    if (known.structure === structure || (known.structure && structure && known.structure.equals(structure))) return known;
    const now = segments(structure);
    if (!now) return null;
    const ids = identities(db, table, now);
    if (!ids) return null;
    const unseen = now.filter((_, i) => !known.segments.has(ids[i]!));
    if (pages(unseen) > MAX_ADDED_PAGES) return null;
    const terms = segmentTerms(db, table, unseen);
    if (!terms) return null;
    const added = new Set(known.added);
    for (const t of terms) added.add(t);
    if (added.size > MAX_ADDED_WORDS) return null;
    const recent = added.size === known.added.size ? known.recent : lexicon(sortedBytes(added).map((t) => [t, 0] as const));
    return { structure, segments: new Set(ids), lexicon: known.lexicon, added, recent, changed: true };
  })();
  const words = fresh ?? readWhole(db, index);
  perDb.set(index, words);
  return words;
}

/** Words in the order fts5vocab lists them (by their UTF-8 bytes), which the lexicon walk relies on. */
function sortedBytes(words: Iterable<string>): string[] {
  return [...words].map((w) => [w, Buffer.from(w)] as const).sort((a, b) => Buffer.compare(a[1], b[1])).map(([w]) => w);
}

/**
 * The words of the indexes nearest `word` (at most 2 edits; 1 for short words), best first: the
 * likeliest by score (likelyDistance less FREQUENCY_WEIGHT per tenfold of records holding it),
 * then the others at the smallest likely distance, which are as likely typed.
 */
function nearest(db: DB, ready: ReadonlyMap<Index, Words>, word: string): Near[] {
  const max = word.length <= 4 ? 1 : 2;
  const near = new Map<string, Near>();
  for (const [index, words] of ready) {
    const found = new Map<string, number>();
    const take = (term: string, docs: number) => found.set(term, Math.max(docs, found.get(term) ?? 0));
    within(words.lexicon, word, max, take);
    if (words.recent) within(words.recent, word, max, take);
    const table = wordsTable(index);
    const recount = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ? LIMIT ${RECOUNT_UP_TO + 1})`).pluck();
    for (const [term, kept] of found) {
      // Read whole and unchanged since, the count kept is the count; else it is read again.
      const now = words.changed ? (recount.get(quoted(term)) as number) : kept;
      const docs = now > RECOUNT_UP_TO ? Math.max(now, kept) : now;
      if (!docs) continue;
      const known = near.get(term);
      if (known) known.docs += docs;
      else near.set(term, { term, docs });
    }
  }
  if (!near.size) return [];
  const found = [...near.values()].map((t) => {
    const distance = likelyDistance(word, t.term);
    return { t, distance, score: distance - FREQUENCY_WEIGHT * Math.log10(t.docs) };
  });
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
  /** The words put in, as written (none when only `unready` is to say). */
  words: string[];
  /**
   * The indexes left out because their words were still being read when the library had just
   * opened (spelling-warm.ts): a word they may hold went uncorrected; asked again in a moment, it is.
   */
  unready?: Index[];
}

/** Records with more than this many holding a corrected word as written are not put first: the word is common. */
export const MAX_AS_WRITTEN = 1_000;

/**
 * The rowids of the records of an index holding any of the words exactly as written (folded), from
 * its shadow index; null when more than MAX_AS_WRITTEN do.
 */
export function recordsHolding(db: DB, index: Index, words: readonly string[]): number[] | null {
  const table = wordsTable(index);
  const match = words.map(quoted).join(' OR ');
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
  let ready: Map<Index, Words> | undefined;
  const unready: Index[] = [];
  for (const word of new Set(words)) {
    if (!indexes.length || occurs(db, indexes, word)) continue;
    if (!ready) {
      ready = new Map();
      for (const index of new Set(indexes)) {
        const kept = wordsOf(db, index);
        if (kept) ready.set(index, kept);
        else unready.push(index);
      }
    }
    const written = nearest(db, ready, word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).map((t) => t.term);
    if (!written.length) continue;
    suggestion = suggestion.replace(wordPattern(word), written[0]!);
    searched = searched.replace(wordPattern(word), written.join(' OR '));
    put.push(...written);
  }
  // The query as typed may end in a space (search as you type): the suggestion is words only.
  const pending = unready.length ? { unready } : {};
  if (put.length) return { suggestion: suggestion.trim(), searched, words: put, ...pending };
  return unready.length ? { suggestion: query.trim(), searched: query, words: [], unready } : null;
}
