// What the search benchmark's parts share: the claims searched, the queries asked, and the
// one shape every engine (ours, the raw SQL floor, the JavaScript libraries) is wrapped in.

import type { Context } from '../../core/context.js';
import type { Memory, Stats } from './measure.js';
import type { PathResult } from './paths.js';

export interface Claim {
  id: string;
  statement: string;
}

export const KINDS = ['one word', 'two words', 'phrase', 'prefix', 'typo'] as const;
export type Kind = (typeof KINDS)[number];

export interface Query {
  kind: Kind;
  /** What the reporter types into the search box: `word`, `two words`, `"a phrase"`, `pre*`. */
  text: string;
  /** The same words, lower-cased and bare, for engines without a query language. */
  terms: string[];
  prefix: boolean;
  typo: boolean;
  /** The claim the words were taken from. */
  intended: string;
  /** For a typo: the word as the claim spells it. */
  word?: string;
}

/** An engine's answer: the ids of its hits, best first (at most 50). */
export interface Answer {
  ids: string[];
  /** search.query's "Showing results for …", when it has one. */
  suggestion?: string;
}

export interface Engine {
  readonly name: string;
  /** Keeps its index in memory, built from the claims at every launch (SQLite's is the file). */
  readonly inMemory: boolean;
  /** At most this many timed queries of each kind (fuse.js is too slow for more at 100k). */
  readonly maxQueries?: number;
  /** What a reader of the table must know about how the engine was asked. */
  readonly note?: string;
  build(claims: readonly Claim[]): void;
  /** Untimed work on the queries that is not the engine's own (the raw SQL's MATCH strings). */
  prepare?(queries: readonly Query[]): void;
  search(q: Query): Answer;
}

export interface EngineEnv {
  ctx: Context;
  size: number;
}

export type EngineFactory = (env: EngineEnv) => Engine;

/** The floor engine's name (engines/sqlite.ts rawFts), which the report compares the others with. */
export const RAW_ENGINE = 'raw FTS5 (bm25 over every match)';

/** Hits per query, as search.query answers by default. */
export const LIMIT = 50;

// What a run finds, per library size and engine (bench/results/search.json).

export interface Recall {
  /** The intended claim among the first 10 hits. */
  found: number;
  /** The intended claim among the hits (LIMIT: the first page). */
  inResults: number;
  of: number;
  /** How many answers came with a "Showing results for …" (search.query only). */
  suggested: number;
}

export interface EngineResult {
  engine: string;
  note?: string;
  build?: { ms: number; memory: Memory };
  queries: Record<Kind, Stats>;
  /** Every kind pooled: the p95 the target speaks of. */
  allKinds: Stats;
  /** Every kind but typos (which the raw SQL answers with nothing at once). */
  allButTypo: Stats;
  typo: Recall;
  cold?: { runs: number; openToAnswerMs: number; sinceProcessStartMs: number; importMs: number; rebuildMs: number; rssMb: number };
  /** Cold start with the library file evicted from the OS cache first (SQLite engines). */
  coldUncached?: { runs: number; openToAnswerMs: number; rssMb: number };
}

export interface SizeResult {
  claims: number;
  documents: number;
  generate: { ms: number; claimsPerSec: number; fileMb: number; cached: boolean };
  ftsClaimIndexMb: number;
  typoWordMedianClaims: number;
  /** The raw FTS5 SQL asked the word spelt right: the most a typo query can hope for. */
  typoCeiling: Recall;
  /** SQLite's quick_check of the library: what an open after an unclean shutdown, or once a day, adds. */
  quickCheckMs: number;
  engines: EngineResult[];
  /** The claims list, quick switcher and mentions (paths.ts). */
  paths?: PathResult[];
}
