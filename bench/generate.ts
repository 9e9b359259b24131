// A deterministic library of realistic size for benchmarks: claims of 15–60 words drawn from a
// Zipf-distributed vocabulary (a few words very common, most rare, as in real prose) whose size
// grows with the text as a real archive's does (Heaps' law), sources with names and aliases,
// tags, partial dates, claim links, and documents of 2–20 KB.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { closeLibrary, newId, nowIso, openLibrary, withDeferredIndexing, type OpenOptions, type WriteDB } from '../db/index.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['pre', 'cur', 'sor', 'fen', 'ta', 'nyl', 'car', 'tel', 'chem', 'i', 'cal', 'ship', 'ment', 'port', 'man', 'zan', 'il', 'lo', 'sei', 'zure', 'broker', 'sup', 'ply', 'trade', 'law', 'dea', 'mex', 'chi', 'na', 'opi', 'oid', 'death', 'rate', 'data', 'state', 'mint', 'ex', 'pro', 'ven', 'ance'];

/**
 * English endings, which the Porter stemmer strips or rewrites ("investigations" → "investig"):
 * a typo in one is what a stemmed index cannot see past, so the benchmark's words carry them as
 * English words do.
 */
const ENDINGS = ['ions', 'ation', 'ing', 'ers', 'ed', 'ness', 'ments', 'ity', 'ous', 'ical', 'ly', 'or', 'es'];

/**
 * A vocabulary of `size` distinct made-up words; word i is the i-th most common. Rarer words are
 * longer, as in real text (and there are not enough short ones for a large vocabulary).
 */
export function vocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>(['the', 'of', 'and', 'to', 'in', 'a', 'that', 'is', 'for', 'from', 'china', 'mexico', 'fentanyl', 'precursor', 'cartel']);
  while (words.size < size) {
    const n = 1 + Math.floor(random() * (words.size < 20_000 ? 3 : 4));
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (random() < 0.4) w += ENDINGS[Math.floor(random() * ENDINGS.length)];
    words.add(w);
  }
  return [...words];
}

/**
 * Words of a generated library, claims and documents together, by number of claims: a claim
 * holds 37.5 words on average, and its share of the documents (one per ten claims, 11 KB of
 * words of 8–9 letters on average) about 120 more.
 */
const WORDS_PER_CLAIM = 160;

/**
 * The distinct words of a text of `tokens` words, by Heaps' law V = K·n^β with the constants
 * fitted to the Reuters RCV1 newswire (K = 44, β = 0.49: Manning, Raghavan and Schütze,
 * Introduction to Information Retrieval, §5.1.1): about 12,000 words at 1,000 claims, 150,000
 * at 100,000 and 460,000 at a million. A fixed vocabulary makes typo recall at a million
 * meaningless: every word is common, and no misspelling is near another real word.
 */
export function vocabularySize(claims: number): number {
  return Math.max(1_000, Math.round(44 * (claims * WORDS_PER_CLAIM) ** 0.49));
}

/** Rows written between two indexings of the full-text indexes. */
const BATCH = 10_000;

/** What a generated library looks like: a cached library of another version is made again. */
export const GENERATOR_VERSION = 3;

/** Draws word ranks with probability ∝ 1/rank (Zipf's law, s = 1). */
export function zipf(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / (i + 1);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const FIRST = ['Ana', 'Bryce', 'Chen', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jorge', 'Kenji', 'Lucia', 'Marshall', 'Nadia', 'Omar', 'Priya', 'Rafael', 'Sofia', 'Tomas', 'Vanda', 'Wang', 'Yusuf'];
const LAST = ['Pardo', 'Felbab-Brown', 'Meyer', 'Nadelmann', 'Trone', 'Grassley', 'Okafor', 'Reyes', 'Lindqvist', 'Solís', 'Wenbin', 'Haddad', 'Kowalski', 'Moreau', 'Tanaka', 'Ortega', 'Byrne', 'Castillo', 'Novak', 'Sato'];
const STATUSES = ['unverified', 'in_progress', 'verified', 'disputed', 'false', 'misleading', 'unverifiable'];
const ATTRIBUTIONS = ['on_record', 'background', 'deep_background', 'off_record'];

export interface Generated {
  caseId: string;
  sourceNames: string[];
  words: string[];
  claims: number;
}

/**
 * Fills `path` with a case of `claims` claims (and claims/10 documents); returns what a benchmark
 * needs to query. `open`: how to open the library (a passphrase makes it encrypted).
 */
export function generateLibrary(path: string, claims: number, seed = 42, open: OpenOptions = {}): Generated {
  const db = openLibrary(path, open);
  try {
    return db.transaction(() => fill(db, claims, seed))();
  } finally {
    db.close();
  }
}

function fill(db: WriteDB, claimCount: number, seed: number): Generated {
  const random = prng(seed);
  const words = vocabulary(vocabularySize(claimCount), random);
  const word = zipf(words.length, random);
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[word()]!);
    out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
    return `${out.join(' ')}.`;
  };
  const now = nowIso();
  const caseId = newId();
  db.prepare('INSERT INTO cases (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run(caseId, now, now, `Benchmark case (${claimCount} claims)`);

  const sourceCount = Math.max(20, Math.round(claimCount / 50));
  const sourceIds: string[] = [];
  const sourceNames: string[] = [];
  const addSource = db.prepare('INSERT INTO sources (id, created_at, updated_at, kind, name, aliases, role) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < sourceCount; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    const id = newId();
    addSource.run(id, now, now, 'person', name, JSON.stringify([name.split(' ').pop()]), sentence(3, 8));
    sourceIds.push(id);
    sourceNames.push(name);
  }

  const tagIds: string[] = [];
  const addTag = db.prepare('INSERT INTO tags (id, created_at, updated_at, name) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 40; i++) {
    const id = newId();
    addTag.run(id, now, now, `tag-${words[i + 15]}`);
    tagIds.push(id);
  }

  const addClaim = db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement, said_on, status, attribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const addClaimSource = db.prepare('INSERT OR IGNORE INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, ?)');
  const addClaimTag = db.prepare('INSERT OR IGNORE INTO claim_tags (claim_id, tag_id) VALUES (?, ?)');
  const addLink = db.prepare("INSERT INTO claim_links (id, created_at, updated_at, from_claim_id, to_claim_id, relation) VALUES (?, ?, ?, ?, ?, ?)");
  const claimIds: string[] = [];
  // Indexed for search a batch at a time, as an import is (db/bulk.ts): many times faster.
  const inBatches = (count: number, write: (i: number) => void) => {
    for (let start = 0; start < count; start += BATCH) withDeferredIndexing(db, () => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) write(i);
    });
  };
  inBatches(claimCount, () => {
    const id = newId();
    const year = 2015 + Math.floor(random() * 8);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const saidOn = random() < 0.2 ? null : random() < 0.3 ? `${year}-${month}` : `${year}-${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    addClaim.run(id, now, now, caseId, sentence(15, 60), saidOn, STATUSES[Math.floor(random() * STATUSES.length)], ATTRIBUTIONS[Math.floor(random() * 4)]);
    addClaimSource.run(id, sourceIds[Math.floor(random() * sourceIds.length)], 0);
    if (random() < 0.3) addClaimSource.run(id, sourceIds[Math.floor(random() * sourceIds.length)], 1);
    if (random() < 0.5) addClaimTag.run(id, tagIds[Math.floor(random() * tagIds.length)]);
    if (claimIds.length > 0 && random() < 0.2) {
      const other = claimIds[Math.floor(random() * claimIds.length)]!;
      addLink.run(newId(), now, now, id, other, random() < 0.5 ? 'supports' : 'contradicts');
    }
    claimIds.push(id);
  });

  const addDocument = db.prepare('INSERT INTO documents (id, created_at, updated_at, case_id, title, kind, publisher, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  inBatches(Math.round(claimCount / 10), (i) => {
    const target = 2_000 + Math.floor(random() * 18_000);
    let text = '';
    while (text.length < target) text += `${sentence(10, 30)}${random() < 0.15 ? '\n\n' : ' '}`;
    addDocument.run(newId(), now, now, caseId, sentence(3, 9).slice(0, -1), 'report', sourceNames[i % sourceNames.length], text);
  });
  return { caseId, sourceNames, words, claims: claimCount };
}

/** Where generated libraries are kept between runs: outside the repository, made once. */
export const BENCH_CACHE = process.env.CORROBORATE_BENCH_CACHE ?? join(homedir(), '.cache', 'corroborate-bench');

/**
 * The library of `claims` claims from the cache, generated there first when it is not: a million
 * claims take many minutes to generate, and every run measures the same library. Keyed by the
 * generator's version only: a library made under an older schema is brought up to the current one
 * by the ordinary migrations when it is next opened (once, in place), as a reporter's library is,
 * instead of being generated again for every new migration.
 */
export function cachedLibrary(claims: number, seed = 42): { path: string; generated: Generated; ms: number; cached: boolean } {
  mkdirSync(BENCH_CACHE, { recursive: true });
  const path = join(BENCH_CACHE, `search-${claims}-seed${seed}-g${GENERATOR_VERSION}.corroborate`);
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    const { generated, ms } = JSON.parse(readFileSync(meta, 'utf8')) as { generated: Generated; ms: number };
    // Migrated before anything measures it: a migration's work is not a query's.
    closeLibrary(openLibrary(path));
    return { path, generated, ms, cached: true };
  }
  // Made under another name and renamed when whole: a run cut short leaves no half library.
  const partial = `${path}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-clean`]) rmSync(f, { force: true });
  const t = performance.now();
  const generated = generateLibrary(partial, claims, seed);
  const ms = performance.now() - t;
  renameSync(partial, path);
  writeFileSync(meta, JSON.stringify({ generated, ms }));
  return { path, generated, ms, cached: false };
}
