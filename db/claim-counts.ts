// How many claims a list holds, without counting a million of them on every keystroke. Counting
// a case's live claims walks its index: 100 ms at 1,000,000 claims, and the claims list asked it
// with every page, every filter typed and every library change. So:
//   - a case's live claims are counted once per library state (changeKey) and kept;
//   - a filtered list is counted exactly up to EXACT_COUNT_LIMIT matches; past that its total is
//     estimated (and said to be: `estimated`), from an even sample of the case's claims.

import { changeKey, type DB } from './open.js';

/** A filtered list with more matches than this has its total estimated, not counted. */
export const EXACT_COUNT_LIMIT = 5_000;

const cached = new WeakMap<DB, { key: string; cases: Map<string, number> }>();

/** A case's live claims, counted once for each state of the library. */
export function liveClaimCount(db: DB, caseId: string): number {
  const key = changeKey(db);
  let entry = cached.get(db);
  if (entry?.key !== key) cached.set(db, (entry = { key, cases: new Map() }));
  let n = entry.cases.get(caseId);
  if (n === undefined) {
    n = db.prepare('SELECT count(*) FROM claims WHERE case_id = ? AND deleted_at IS NULL').pluck().get(caseId) as number;
    entry.cases.set(caseId, n);
  }
  return n;
}

export interface ListTotal {
  total: number;
  /** The total is an estimate (a filtered list past EXACT_COUNT_LIMIT): show it as "about". */
  estimated?: true;
}

/** Claims read, spread evenly over the library's rowids, to estimate a filter's share. */
export const SAMPLE = 2_000;

/**
 * The total of one case's live claims that meet `filters` (conditions on the claim `t`, bound
 * by `params`). Counted exactly up to EXACT_COUNT_LIMIT; past it, estimated from the share of an
 * even sample of the case's claims (SAMPLE rowids spread over the library, the same ones every
 * time, so the total does not flicker between pages) that meet them. A case too small a part
 * of the library for the sample to say much is counted.
 */
export function filteredTotal(db: DB, caseId: string, filters: string[], params: Record<string, unknown>): ListTotal {
  if (!filters.length) return { total: liveClaimCount(db, caseId) };
  const where = ['t.case_id = @caseId', 't.deleted_at IS NULL', ...filters].join(' AND ');
  const bound = { ...params, caseId };
  const capped = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM claims t WHERE ${where} LIMIT ${EXACT_COUNT_LIMIT + 1})`).pluck().get(bound) as number;
  if (capped <= EXACT_COUNT_LIMIT) return { total: capped };
  const { lo, span } = db.prepare('SELECT (SELECT min(rowid) FROM claims) AS lo, (SELECT max(rowid) FROM claims) - (SELECT min(rowid) FROM claims) + 1 AS span').get() as { lo: number; span: number };
  const rows = [...new Set(Array.from({ length: SAMPLE }, (_, i) => lo + Math.floor((i * span) / SAMPLE)))];
  const { inCase, meeting } = db
    .prepare(
      `SELECT count(*) AS inCase, count(*) FILTER (WHERE ${filters.join(' AND ')}) AS meeting
       FROM claims t WHERE t.rowid IN (SELECT value FROM json_each(@sampleRows)) AND t.case_id = @caseId AND t.deleted_at IS NULL`,
    )
    .get({ ...bound, sampleRows: JSON.stringify(rows) }) as { inCase: number; meeting: number };
  if (inCase < SAMPLE / 10) return { total: db.prepare(`SELECT count(*) FROM claims t WHERE ${where}`).pluck().get(bound) as number };
  const all = liveClaimCount(db, caseId);
  return { total: Math.min(all, Math.max(capped, Math.round((meeting * all) / inCase))), estimated: true };
}
