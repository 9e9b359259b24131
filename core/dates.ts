// Partial dates, as reporters record them: a year, a month or a day, each read as the stretch of
// time it stands for. The timeline places records by these ranges, and an event's dates are
// checked by them before it is saved.

import type { DatePrecision, DateRange } from '../db/index.js';
import { ApiError } from './errors.js';

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not. Overflowing months and days roll over. */
function utc(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/**
 * '2021' stands for the whole year, '2021-12' for the month, '2021-12-15' for the day: each
 * becomes the range [start, end) it covers, so "December 2021" is never drawn as the 1st.
 * A full timestamp is an instant (start = end).
 */
export function dateRange(date: string): DateRange {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) {
    const t = Date.parse(date);
    if (Number.isNaN(t)) throw new ApiError('BAD_INPUT', `“${date}” is not a date.`);
    const iso = new Date(t).toISOString();
    return { start: iso, end: iso, precision: 'instant' };
  }
  const [, y, mo, d] = m;
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  const start = utc(year, month, day);
  const end = d ? utc(year, month, day + 1) : mo ? utc(year, month + 1, 1) : utc(year + 1, 0, 1);
  return { start: start.toISOString(), end: end.toISOString(), precision: d ? 'day' : mo ? 'month' : 'year' };
}

/** From the start of `from` to the end of `until` (an event that lasted); `until` must not come first. */
export function spanRange(from: string, until: string | null): DateRange {
  const a = dateRange(from);
  if (!until) return a;
  const b = dateRange(until);
  if (b.end < a.start || (b.end === a.start && b.precision !== 'instant')) {
    throw new ApiError('BAD_INPUT', 'An event cannot end before it begins.');
  }
  const finer: DatePrecision[] = ['instant', 'day', 'month', 'year'];
  return { start: a.start, end: b.end > a.end ? b.end : a.end, precision: finer[Math.min(finer.indexOf(a.precision), finer.indexOf(b.precision))]! };
}
