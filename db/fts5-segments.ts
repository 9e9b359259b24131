// The words an FTS5 index took in since a moment, read from the segments it wrote since, so a
// cache of its whole vocabulary (spelling.ts) learns the words of one claim saved without reading
// the 461,000 words of a million claims again (fts5vocab walks every list of the index to count).
//
// FTS5 writes every change as a new segment (a delete, with 'secure-delete' as the library sets
// it, removes the record's entries from the segments that hold them: no word comes in that way),
// and merges segments into new ones; the structure record (`id = 10` of the %_data table) lists
// the segments in use by segid and leaf pages. A segid is used again once its segment is merged
// away, so a segment is known by its segid, its pages and the terms on its first and last leaf
// (identities): a segment written under an old segid, over as many pages, differs there. Its leaf
// pages are rows `(segid << 37) + pgno` of %_data; each leaf lists where the terms that begin on
// it start (the page index after the leaf's data), the first in full, each next one as the bytes
// it shares with the term before and the bytes that follow. That is all read here: no doclist is
// decoded. This is FTS5's file format (ext/fts5/fts5_index.c in SQLite's sources), which SQLite
// keeps readable across versions; a record that does not read as expected answers null, and the
// caller reads the whole vocabulary instead.

import { createHash } from 'node:crypto';
import type { DB } from './open.js';

/** A segment in use: its id and its leaf pages. */
export interface Segment {
  segid: number;
  pgnoFirst: number;
  pgnoLast: number;
}

/** SQLite's varint: 7 bits a byte, high bit set while more follow; a ninth byte holds 8 bits. */
function varint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new RangeError('varint past the end of the record');
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return [value, at + i + 1];
  }
  const last = buf[at + 8];
  if (last === undefined) throw new RangeError('varint past the end of the record');
  return [value * 256 + last, at + 9];
}

// A structure record of version 2 (an index made with contentless_delete) starts, after its
// 4-byte cookie, with these bytes, and gives each segment five more numbers.
const V2 = [0xff, 0x00, 0x00, 0x01];

/** The segments a structure record lists, or null when it does not read whole. */
export function segments(structure: Uint8Array | null): Segment[] | null {
  if (!structure || structure.length < 4) return null;
  const v2 = V2.every((b, i) => structure[4 + i] === b);
  try {
    let at = v2 ? 8 : 4;
    const next = () => {
      const [v, n] = varint(structure, at);
      at = n;
      return v;
    };
    const levels = next();
    next(); // how many segments in all
    next(); // the write counter
    const out: Segment[] = [];
    for (let l = 0; l < levels; l++) {
      next(); // segments being merged into the next level
      const count = next();
      for (let s = 0; s < count; s++) {
        out.push({ segid: next(), pgnoFirst: next(), pgnoLast: next() });
        // Version 2: the writes it holds (two numbers), its tombstone pages and entries, its entries.
        if (v2) for (let k = 0; k < 5; k++) next();
      }
    }
    return at === structure.length ? out : null;
  } catch {
    return null;
  }
}

const leafId = (segid: number, pgno: number) => (BigInt(segid) << 37n) + BigInt(pgno);

/**
 * Each segment's identity: its segid, its pages, and a hash of the terms that begin on its first
 * and last leaf. The terms, not the page's bytes: a record deleted (secure-delete) rewrites the
 * lists on the pages that hold it, and that must not make a segment of a million claims look new.
 * A segment of one page (what saving a record writes) is known by all its terms.
 */
export function identities(db: DB, table: string, list: readonly Segment[]): string[] | null {
  const read = db.prepare(`SELECT block FROM ${table}_data WHERE id = ?`).pluck();
  return identitiesOf(list, (id) => read.get(id) as Buffer | undefined);
}

/** The rows of %_data that identities() reads, for a reader on another connection (spelling-warm.ts). */
export const identityPages = (list: readonly Segment[]): bigint[] => list.flatMap((s) => [...new Set([s.pgnoFirst, s.pgnoLast])].map((pgno) => leafId(s.segid, pgno)));

/** identities() from the pages `read` gives by %_data id (as read in the same transaction as the structure). */
export function identitiesOf(list: readonly Segment[], read: (id: bigint) => Uint8Array | undefined): string[] | null {
  const out: string[] = [];
  for (const s of list) {
    const hash = createHash('sha256');
    for (const pgno of new Set([s.pgnoFirst, s.pgnoLast])) {
      const page = read(leafId(s.segid, pgno));
      if (!page || !pageTerms(page, (term) => hash.update(term).update('\0'))) return null;
    }
    out.push(`${s.segid}:${s.pgnoFirst}:${s.pgnoLast}:${hash.digest('base64')}`);
  }
  return out;
}

/** How many leaf pages the segments hold. */
export const pages = (list: readonly Segment[]) => list.reduce((n, s) => n + s.pgnoLast - s.pgnoFirst + 1, 0);

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The terms of the main index that begin on the leaf pages of these segments of `table` (the
 * FTS5 table's name), as written (without FTS5's leading index byte); null when a page does not
 * read as a leaf. Prefix indexes' terms (another leading byte) are left out.
 */
export function segmentTerms(db: DB, table: string, list: readonly Segment[]): Set<string> | null {
  const read = db.prepare(`SELECT block FROM ${table}_data WHERE id BETWEEN ? AND ? ORDER BY id`).pluck();
  const terms = new Set<string>();
  const add = (term: Uint8Array) => {
    if (term[0] === MAIN_INDEX) terms.add(decoder.decode(term.subarray(1)));
  };
  try {
    for (const s of list) {
      for (const page of read.iterate(leafId(s.segid, s.pgnoFirst), leafId(s.segid, s.pgnoLast)) as Iterable<Buffer>) {
        if (!pageTerms(page, add)) return null;
      }
    }
  } catch {
    return null;
  }
  return terms;
}

/** The leading byte of the main index's terms (a prefix index's are '1', '2'…). */
const MAIN_INDEX = 0x30;

/**
 * Calls `visit` with each term key that begins on a leaf page (FTS5's leading byte included), in
 * order; false when the page does not read as a leaf.
 */
function pageTerms(page: Uint8Array, visit: (term: Uint8Array) => void): boolean {
  if (page.length < 4) return false;
  const leafEnd = (page[2]! << 8) | page[3]!;
  if (leafEnd > page.length) return false;
  let term: Uint8Array | null = null;
  let index = leafEnd;
  let offset = 0;
  try {
    while (index < page.length) {
      const [delta, n] = varint(page, index);
      index = n;
      offset += delta;
      if (offset >= leafEnd) return false;
      // The first term of a page is whole; each next one, the bytes it shares with the one before and the rest.
      let at = offset;
      let shared = 0;
      if (term) [shared, at] = varint(page, at);
      else term = new Uint8Array(0);
      const [length, from] = varint(page, at);
      if (shared > term.length || from + length > leafEnd) return false;
      const next = new Uint8Array(shared + length);
      next.set(term.subarray(0, shared));
      next.set(page.subarray(from, from + length), shared);
      term = next;
      visit(term);
    }
  } catch {
    return false;
  }
  return true;
}
