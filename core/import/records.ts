// Reading a file of records for records.import, a record at a time, never the whole file: JSONL
// (one JSON object a line), CSV (a header row naming the fields, one kind of record a file) and
// a schema.org ClaimReview feed (JSON-LD, core/import/claimreview.ts). Each record comes with the
// line it starts on; a line that cannot be a record comes as a refusal with its line and reason,
// and reading goes on: the import reports every bad line at once.

import type { Readable } from 'node:stream';
import { RECORD_TYPES, type RecordType } from '../bulk-records.js';
import { RECORD_FIELDS } from '../handlers/bulk.js';

/** A line (or CSV row) longer than this is refused unread: no record needs more. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type Item = { line: number; record: Record<string, unknown> } | { line: number; error: string };

interface Line {
  line: number;
  text: string | null; // null: longer than MAX_LINE_BYTES
}

/**
 * The lines of a stream, numbered from 1, without their line ends. Memory stays bounded by
 * `maxBytes` per line whatever the stream holds: a line past it is skipped to its end and comes
 * as null (a 10 GB file of one line is read through, not held).
 */
export async function* lines(stream: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 1;
  const finish = (): Line => {
    const text = tooLong ? null : Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
    const out = { line: number, text: number === 1 && text ? text.replace(/^\uFEFF/, '') : text };
    parts = [];
    size = 0;
    tooLong = false;
    number++;
    return out;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); ; nl = chunk.indexOf(10, start)) {
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        if (size + end - start > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}

const tooLong = (line: number): Item => ({ line, error: `the line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` });

/** JSONL: each line a JSON object with its `type` (the default `type` when it has none). */
export async function* jsonlRecords(stream: Readable, defaultType?: RecordType): AsyncGenerator<Item> {
  for await (const { line, text } of lines(stream)) {
    if (text === null) {
      yield tooLong(line);
      continue;
    }
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, error: `not valid JSON (${(err as Error).message.replace(/^.*?: /, '')})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: 'not a JSON object: each line is one record, like {"type": "claim", "statement": "…"}' };
      continue;
    }
    const record = value as Record<string, unknown>;
    yield { line, record: record.type === undefined && defaultType ? { type: defaultType, ...record } : record };
  }
}

/** CSV cells that hold a list, separated by semicolons ("Bryce Pardo; DEA"). */
const LISTS = new Set(['tags', 'sources', 'sourceIds', 'aliases']);
const BOOLEANS = new Set(['confidential']);

function cell(field: string, value: string): unknown {
  if (LISTS.has(field)) return value.split(';').map((v) => v.trim()).filter(Boolean);
  if (BOOLEANS.has(field)) {
    const v = value.trim().toLowerCase();
    return ['true', 'yes', '1'].includes(v) ? true : ['false', 'no', '0'].includes(v) ? false : value;
  }
  return value;
}

/** Splits CSV rows (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
async function* csvRows(stream: Readable): AsyncGenerator<{ line: number; cells: string[] } | { line: number; error: string }> {
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  let size = 0;
  for await (const { line, text } of lines(stream)) {
    if (text === null) {
      if (!quoted) start = line;
      yield tooLong(start) as { line: number; error: string };
      cells = [];
      field = '';
      quoted = false;
      continue;
    }
    if (!quoted) {
      if (!text.trim()) continue;
      start = line;
      size = 0;
    } else {
      field += '\n';
    }
    size += text.length;
    if (size > MAX_LINE_BYTES) {
      yield tooLong(start) as { line: number; error: string };
      cells = [];
      field = '';
      quoted = false;
      continue;
    }
    let bad: string | null = null;
    for (let i = 0; i < text.length && !bad; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          if (i + 1 < text.length && text[i + 1] !== ',') bad = `a quoted field is followed by “${text[i + 1]}” rather than a comma`;
        }
      } else if (c === ',') {
        cells.push(field);
        field = '';
      } else if (c === '"' && field === '') quoted = true;
      else field += c;
    }
    if (bad) {
      yield { line: start, error: bad };
      cells = [];
      field = '';
      quoted = false;
      continue;
    }
    if (quoted) continue; // the field goes on on the next line
    cells.push(field);
    yield { line: start, cells };
    cells = [];
    field = '';
  }
  if (quoted) yield { line: start, error: 'a quoted field is never closed' };
}

/** Why a CSV header cannot be read for this kind of record, or null when it can. */
export function checkHeader(header: string[], type: RecordType): string | null {
  const { known, required } = RECORD_FIELDS[type];
  const unknown = header.filter((h) => !known.includes(h));
  if (unknown.length) return `the header names ${unknown.map((u) => `“${u}”`).join(', ')}, which ${unknown.length > 1 ? 'are not fields' : 'is not a field'} of a ${type} (its fields: ${known.join(', ')})`;
  const missing = required.filter((f) => !header.includes(f));
  if (missing.length) return `the header has no ${missing.map((m) => `“${m}”`).join(', ')} column, which every ${type} needs`;
  const twice = header.find((h, i) => header.indexOf(h) !== i);
  if (twice) return `the header names “${twice}” twice`;
  return null;
}

export class HeaderError extends Error {}

/**
 * CSV of one kind of record: the first row names the fields, each later row is one record.
 * An empty cell leaves its field out. A header that names a field the kind does not have, or
 * lacks one it needs, refuses the whole file (HeaderError): every row would be refused for it.
 */
export async function* csvRecords(stream: Readable, type: RecordType): AsyncGenerator<Item> {
  let header: string[] | null = null;
  for await (const row of csvRows(stream)) {
    if ('error' in row) {
      if (!header) throw new HeaderError(`line ${row.line}: ${row.error}`);
      yield row;
      continue;
    }
    if (!header) {
      header = row.cells.map((h) => h.trim());
      const wrong = checkHeader(header, type);
      if (wrong) throw new HeaderError(`line ${row.line}: ${wrong}`);
      continue;
    }
    if (row.cells.length !== header.length) {
      yield { line: row.line, error: `the row has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}; the header names ${header.length}` };
      continue;
    }
    const record: Record<string, unknown> = { type };
    row.cells.forEach((value, i) => {
      if (value.trim() !== '') record[header![i]!] = cell(header![i]!, value);
    });
    yield { line: row.line, record };
  }
  if (!header) throw new HeaderError('the file is empty: a CSV file starts with a header row naming the fields');
}

export const isRecordType = (t: string): t is RecordType => (RECORD_TYPES as readonly string[]).includes(t);
