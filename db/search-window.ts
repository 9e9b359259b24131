// How much of a common word's matches search ranks. bm25 costs in proportion to what it reads:
// every match is scored (measured at 1,000,000 claims: about 0.37 µs a match, 350 ms for "the"
// in 949,776 claims), and before the first score FTS5 counts every record holding each phrase of
// the query, for its rarity (IDF) — a walk of the phrase's whole list even when only a window of
// rowids is asked for: 25 ms for "the", 73 ms for the phrase "the the" (positions compared).
// So the cost of ranking is known before it starts, from cheap probes of the index, and search
// chooses the ranking it can afford within a keystroke:
//   all     few matches: every one ranked (the answer is exact);
//   window  many: the newest `window` matches ranked, the answer says so (narrowed);
//   newest  so common that even counting it for bm25 would not fit: the newest matches, in
//           order, unranked, and the answer says so (unranked). A word in most records carries
//           almost no weight in bm25 (its IDF is near zero), so its ranking said little anyway.
// Counts past a window are estimates ("about"), from how densely the newest matches lie.

import type { DB } from './open.js';

export interface RankLimits {
  /** Past this many matches of a word or phrase, only the newest this-many are ranked. */
  window: number;
  /** The same for a prefix, whose terms are merged from many lists and cost more to score. */
  prefixWindow: number;
  /** The most index work ranking may take, in RANK_COST units; past it, newest first. */
  budget: number;
}

/**
 * Measured at 1,000,000 claims on the 2-core bench machine: a window of 10,000 scores in about
 * 4 ms, and a budget of 600,000 units is about 15 ms of counting and scoring, which leaves room
 * for the records, their snippets and the other kinds under the 25 ms a keystroke may take.
 */
export const RANK_LIMITS: RankLimits = { window: 10_000, prefixWindow: 2_000, budget: 600_000 };

/**
 * What reading one entry costs, relative to a word's entry in a count: a phrase compares the
 * positions of its words (73 ms against 25 ms, for a third as many records), and bm25 scores a
 * match in about fifteen times a count's step (0.37 µs against 0.026 µs).
 */
const RANK_COST = { word: 1, phrase: 10, score: 15 } as const;

/** How many of a phrase's newest matches are read to estimate how many it has in all. */
export const PROBE = 1_000;

export type Ranking =
  | { rank: 'all' }
  | { rank: 'window' | 'newest'; cut: number; about: number; fullCost: number }
  /** Past the budget before any probe: no window's edge, and the count is left to aboutFrom. */
  | { rank: 'newest'; cut?: undefined; about?: undefined; fullCost: number };

/** The rowid of the n-th newest match, or null when there are fewer than n. */
function newestCut(db: DB, fts: string, match: string, n: number): number | null {
  const row = db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`).get(match, n - 1) as { rowid: number } | undefined;
  return row ? row.rowid : null;
}

/**
 * About how many records match, given that the n-th newest is at `cut`: the matches are taken
 * to lie as densely across all rowids as across the newest. Exact when none are left out.
 */
function density(db: DB, table: string, n: number, cut: number): number {
  const hi = db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get() as number;
  return Math.max(n, Math.round((n * rowSpan(db, table)) / (hi - cut + 1)));
}

/** The quoted terms of an expression from parseQuery (each phrase bm25 counts), with their `*`. */
export function phrasesOf(match: string): string[] {
  return [...new Set(match.match(/"[^"]*"\*?/g) ?? [])];
}

/**
 * How many records of `table` match: counted when fewer than `probe` do, else estimated from the
 * newest `probe` of them (density), for the price of reading those.
 */
export function matchCount(db: DB, fts: string, table: string, match: string, probe = PROBE): { count: number; estimated: boolean } {
  const cut = newestCut(db, fts, match, probe);
  if (cut !== null) return { count: density(db, table, probe, cut), estimated: true };
  return { count: db.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck().get(match) as number, estimated: false };
}

/** The rows a table's rowids span: what an estimate's density is taken over. */
export function rowSpan(db: DB, table: string): number {
  // Two lookups: min and max asked together make SQLite scan the table (90 ms at a million).
  const { lo, hi } = db.prepare(`SELECT (SELECT min(rowid) FROM ${table}) AS lo, (SELECT max(rowid) FROM ${table}) AS hi`).get() as { lo: number | null; hi: number | null };
  return lo === null || hi === null ? 0 : hi - lo + 1;
}

/** The words of a quoted phrase from parseQuery, each quoted alone (the last keeps a prefix's `*`). */
function wordsOf(phrase: string): string[] {
  const star = phrase.endsWith('*');
  const words = phrase.replace(/^"|"\*?$/g, '').split(' ');
  return words.map((w, i) => `"${w}"${star && i === words.length - 1 ? '*' : ''}`);
}

/**
 * What bm25's count of every phrase's records costs, from a probe of each; and, when the
 * expression only ANDs its phrases, the most records it can match (its rarest phrase's). A
 * phrase of several words is read by walking its rarest word's list and comparing positions,
 * however few records hold the words together: "ratement of" is in 4,560 of 1,000,000 claims,
 * but "ratement" is in 119,574, and counting the phrase took 80 ms. So a phrase costs its rarest
 * word's records, and is not probed itself (a probe of a rare phrase of common words is that
 * same walk); its records are at most its rarest word's.
 */
function counting(db: DB, fts: string, table: string, match: string): { cost: number; atMost: number } {
  let cost = 0;
  let atMost = Infinity;
  const phrases = phrasesOf(match);
  for (const phrase of phrases) {
    const words = wordsOf(phrase);
    const records = Math.min(...words.map((w) => matchCount(db, fts, table, w).count));
    cost += records * (words.length > 1 || phrase.endsWith('*') ? RANK_COST.phrase : RANK_COST.word);
    atMost = Math.min(atMost, records);
  }
  // Several phrases are also walked together to find the records holding all of them, once to
  // find the window's edge and once to rank: FTS5 steps through the rarest list and seeks in the
  // others. Two common words that rarely meet ("pro" and "china" in 1,000,000 claims, 248 ms to
  // rank) cost that much more; a rare word beside a common one, next to nothing.
  const anded = !/ OR | NOT /.test(match);
  if (anded && phrases.length > 1) cost += 2 * phrases.length * atMost * RANK_COST.word;
  return { cost, atMost: anded ? atMost : Infinity };
}

/** How to rank `match` in one index (see the top of this file). */
export function planRanking(db: DB, fts: string, table: string, match: string, limits: RankLimits): Ranking {
  const window = match.includes('*') ? limits.prefixWindow : limits.window;
  const { cost, atMost } = counting(db, fts, table, match);
  // Counting alone is past the budget: no probe of the expression either (finding a window's
  // edge is part of the same walk). The newest matches are read as FTS5 keeps them, and it
  // stops at the last one shown; how many there are is estimated from those (aboutFrom).
  if (cost > limits.budget) return { rank: 'newest', fullCost: cost };
  // Few enough by the phrases' own counts: no walk of the expression to find the window's edge
  // (for two common words that rarely meet, that walk is as long as ranking them).
  if (atMost <= window) return { rank: 'all' };
  const cut = newestCut(db, fts, match, window);
  if (cut === null) return { rank: 'all' };
  const about = density(db, table, window, cut);
  const windowCost = cost + window * RANK_COST.score;
  return { rank: windowCost <= limits.budget ? 'window' : 'newest', cut, about, fullCost: cost + about * RANK_COST.score };
}

/**
 * About how many records match, from the newest `rows` (rowids, newest first) read up to
 * `limit`: all of them when fewer were found, else as densely across the table as those lie.
 */
export function aboutFrom(db: DB, table: string, rows: readonly number[], limit: number): number {
  return rows.length < limit ? rows.length : density(db, table, rows.length, rows[rows.length - 1]!);
}
