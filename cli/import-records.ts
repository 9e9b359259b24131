// `corroborate import-records FILE --case ID`: a file of records (JSONL, CSV, a ClaimReview
// feed) into a case, read as a stream and sent through records.import in batches, so memory does
// not grow with the file. The whole file is one transaction: it lands whole, or (a refused row,
// Ctrl+C, a failure) nothing of it does — unless --partial, where each batch is saved as it goes
// and only the refused rows are left out. Refused rows are reported with their line and reason.

import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { toErrorBody, type ApiErrorBody } from '../core/errors.js';
import { MAX_BATCH, type Created, type Rejected, type RecordType } from '../core/bulk-records.js';
import { claimReviewRecords, MAX_FEED_BYTES } from '../core/import/claimreview.js';
import { csvRecords, HeaderError, isRecordType, jsonlRecords, type Item } from '../core/import/records.js';
import { beginFileTransaction, commitFileTransaction, newId, rollbackFileTransaction } from '../db/index.js';
import { resolveCase } from './import.js';
import { fail as failWith, safeText, succeed, type OutputFlags } from './output.js';
import { PROGRESS_INTERVAL_MS, type ProgressStream } from './progress.js';

/**
 * Records sent in one records.import call: the most it takes. Each call indexes its records in
 * one statement an index (db/bulk.ts), so fewer, larger calls leave fewer index segments to merge.
 */
export const BATCH = MAX_BATCH;
/** Larger files are refused before a byte is read: split them. */
export const MAX_RECORDS_FILE_BYTES = 4 * 1024 ** 3;
/** Refused rows listed in the report; past this they are counted. */
export const MAX_REPORTED = 1_000;

export type RecordsFormat = 'jsonl' | 'csv' | 'claimreview';

export interface ImportRecordsFlags extends OutputFlags {
  case?: string;
  type?: string;
  partial?: boolean;
  format?: string;
}

export interface ImportRecordsResult {
  file: string;
  format: RecordsFormat;
  caseId: string;
  /** Whether the records counted in `imported` were saved. */
  landed: boolean;
  imported: Partial<Record<RecordType, number>>;
  /** Sources made for names no source had. */
  newSources: number;
  rejected: Rejected[];
  /** Refused rows beyond the MAX_REPORTED listed. */
  moreRejected: number;
  cancelled?: true;
}

export function formatOf(file: string, given: string | undefined): RecordsFormat | null {
  const f = (given ?? extname(file).slice(1)).toLowerCase();
  if (f === 'jsonl' || f === 'ndjson') return 'jsonl';
  if (f === 'csv') return 'csv';
  if (f === 'json' || f === 'jsonld' || f === 'claimreview') return 'claimreview';
  return null;
}

async function* items(file: string, format: RecordsFormat, type: RecordType, onBytes: (n: number) => void): AsyncGenerator<Item> {
  if (format === 'claimreview') {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      yield { line: 1, error: `not valid JSON (${(err as Error).message.replace(/^.*?: /, '')})` };
      return;
    }
    yield* claimReviewRecords(doc);
    return;
  }
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => onBytes(chunk.length));
  try {
    yield* format === 'csv' ? csvRecords(stream, type) : jsonlRecords(stream);
  } finally {
    stream.destroy();
  }
}

/** A terminal line of progress on stderr, redrawn at most every PROGRESS_INTERVAL_MS. */
function progressLine(flags: OutputFlags, stream: ProgressStream) {
  let last = 0;
  let drawn = false;
  return {
    /** `now`: drawn whatever the interval, for a step the terminal would otherwise sit silent through. */
    draw(text: string, now = false) {
      if (flags.json || !stream.isTTY) return;
      const at = Date.now();
      if (!now && at - last < PROGRESS_INTERVAL_MS) return;
      last = at;
      stream.write(`\r${safeText(text).slice(0, Math.max(20, (stream.columns ?? 80) - 1))}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}

/** The refs of earlier batches this batch's records use (any string field may hold one). */
function refsUsed(records: Record<string, unknown>[], refs: Map<string, { type: RecordType; id: string }>) {
  const used: Record<string, { type: RecordType; id: string }> = {};
  const look = (v: unknown) => {
    if (typeof v === 'string' && refs.has(v)) used[v] = refs.get(v)!;
  };
  for (const r of records) for (const v of Object.values(r)) (Array.isArray(v) ? v : [v]).forEach(look);
  return used;
}

export interface ImportRecordsOptions {
  /** Where progress is drawn (stderr). */
  progress?: ProgressStream;
  /** Aborted: stop after the batch being written (Ctrl+C). */
  signal?: AbortSignal;
}

/** Reads the file and imports it; the result, or the error that stopped it. */
export async function importRecords(ctx: Context, file: string, flags: ImportRecordsFlags, options: ImportRecordsOptions = {}): Promise<ImportRecordsResult | ApiErrorBody> {
  const format = formatOf(file, flags.format);
  if (!format) return { code: 'UNSUPPORTED_FILE', message: `${file}: name a .jsonl, .csv or .json (ClaimReview) file, or say which with --format jsonl|csv|claimreview.` };
  const type = flags.type ?? 'claim';
  if (!isRecordType(type)) return { code: 'BAD_INPUT', message: `--type is one of source, claim, document, claimLink, evidence (got “${type}”).` };
  if (flags.type && format !== 'csv') return { code: 'BAD_INPUT', message: '--type is for CSV files: a JSONL line names its own type.' };
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { code: 'INVALID_FILE', message: `${file} is not a file.` };
    size = stat.size;
  } catch {
    return { code: 'NOT_FOUND', message: `There is no file at ${file}.` };
  }
  const limit = format === 'claimreview' ? MAX_FEED_BYTES : MAX_RECORDS_FILE_BYTES;
  if (size > limit) return { code: 'FILE_TOO_LARGE', message: `${file} is ${(size / 1024 ** 3).toFixed(1)} GB; import-records takes ${format === 'claimreview' ? `a ClaimReview feed of up to ${limit / 1024 ** 2} MB` : `files of up to ${limit / 1024 ** 3} GB`}. Split it and import the parts one by one.` };
  const caseId = resolveCase(ctx, flags.case);
  if (typeof caseId !== 'string') return caseId;

  const result: ImportRecordsResult = { file, format, caseId, landed: false, imported: {}, newSources: 0, rejected: [], moreRejected: 0 };
  const refs = new Map<string, { type: RecordType; id: string }>();
  const reject = (r: Rejected) => {
    if (result.rejected.length < MAX_REPORTED) result.rejected.push(r);
    else result.moreRejected++;
  };
  const count = (c: Created) => {
    if (c.fromName) result.newSources++;
    else result.imported[c.type] = (result.imported[c.type] ?? 0) + 1;
    if (c.ref !== undefined) refs.set(c.ref, { type: c.type, id: c.id });
  };
  const progress = progressLine(flags, options.progress ?? process.stderr);
  let read = 0;
  let records = 0;
  const whole = !flags.partial;
  // Every batch joins one undo entry: undo.last takes back the whole file.
  const importId = newId();
  // Every batch is sent with partial: true. For a whole file, the file's transaction takes back
  // everything at the end if any row was refused; meanwhile later rows can still point at earlier
  // ones (refs), so the report lists every refused row, not the first batch's.
  if (whole) beginFileTransaction(ctx.db);
  let error: ApiErrorBody | null = null;
  try {
    let batch: Record<string, unknown>[] = [];
    const send = () => {
      if (!batch.length) return;
      const res = dispatch(ctx, 'records.import', { caseId, records: batch as never, refs: refsUsed(batch, refs), partial: true, importId, file: basename(file).slice(0, 200) });
      if (!res.ok) throw res.error;
      res.value.created.forEach(count);
      res.value.rejected.forEach(reject);
      records += batch.length;
      batch = [];
      const share = size > 0 && format !== 'claimreview' ? ` (${Math.min(100, Math.floor((read / size) * 100))}% of the file)` : '';
      progress.draw(`Importing: ${records.toLocaleString('en')} records read${share}, ${(result.rejected.length + result.moreRejected).toLocaleString('en')} refused. Ctrl+C cancels${whole ? ', saving nothing' : ''}.`);
    };
    for await (const item of items(file, format, type, (n) => (read += n))) {
      if (options.signal?.aborted) break;
      if ('error' in item) reject({ line: item.line, reason: item.error });
      else batch.push({ ...item.record, line: item.line });
      if (batch.length >= BATCH) send();
    }
    if (!options.signal?.aborted) send();
  } catch (err) {
    error = err instanceof HeaderError ? { code: 'MISSING_COLUMN', message: `${file}, ${err.message}. Nothing was imported.` } : isErrorBody(err) ? err : { code: 'INTERNAL', message: (err as Error).message };
  }
  const cancelled = options.signal?.aborted ?? false;
  // Unreadable lines are refused while reading, the rest when their batch is checked: report in file order.
  result.rejected.sort((a, b) => a.line - b.line);
  const refused = result.rejected.length > 0;
  try {
    if (whole) {
      if (error || cancelled || refused) rollbackFileTransaction(ctx.db);
      else {
        // The file's rows are indexed for search as it commits (db/bulk.ts): a million claims take a while.
        progress.draw(`Indexing ${records.toLocaleString('en')} records for search, then saving…`, true);
        commitFileTransaction(ctx.db);
      }
    }
  } catch (err) {
    // commitFileTransaction has rolled back: nothing of the file landed.
    const body = toErrorBody(err);
    error = { ...body, message: `${body.message} Nothing was imported.` };
  } finally {
    progress.clear();
  }
  if (error) return error;
  result.landed = !whole || (!cancelled && !refused);
  if (cancelled) result.cancelled = true;
  return result;
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).code === 'string' && typeof (v as ApiErrorBody).message === 'string';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function summary(r: ImportRecordsResult): string {
  const kinds = Object.entries(r.imported).map(([k, n]) => plural(n, k === 'evidence' ? 'evidence link' : k === 'claimLink' ? 'claim link' : k));
  if (r.newSources) kinds.push(plural(r.newSources, 'new source') + ' (named by claims)');
  return kinds.length ? kinds.join(', ') : 'no records';
}

function report(r: ImportRecordsResult): string {
  const unit = r.format === 'claimreview' ? 'item' : 'line';
  const refused = r.rejected.map((x) => `  ${unit} ${x.line}: ${x.reason}`);
  if (r.moreRejected) refused.push(`  … and ${plural(r.moreRejected, `more refused ${unit}`)}`);
  const total = r.rejected.length + r.moreRejected;
  if (r.cancelled) return r.landed ? `Cancelled. Saved before the cancel (--partial): ${summary(r)}.` : 'Cancelled: nothing was imported.';
  if (!r.landed) return [`Nothing was imported: ${plural(total, `${unit} was`, `${unit}s were`)} refused, and a file lands whole or not at all (--partial imports the valid rows).`, ...refused].join('\n');
  return [`Imported ${summary(r)} into case ${r.caseId}.`, ...(total ? [`Refused ${plural(total, unit)}:`, ...refused] : [])].join('\n');
}

/** The command: exit 0 when everything valid landed (with --partial, refused rows reported); 1 when nothing did. */
export async function importRecordsCommand(ctx: Context, file: string, flags: ImportRecordsFlags): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.on('SIGINT', onInterrupt);
  let r: ImportRecordsResult | ApiErrorBody;
  try {
    r = await importRecords(ctx, file, flags, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if ('code' in r) return failWith(flags, r);
  if (r.cancelled && !r.landed) return failWith(flags, { code: 'CANCELLED', message: report(r) });
  if (!r.landed) {
    const unit = r.format === 'claimreview' ? 'item' : 'line';
    return failWith(flags, { code: 'ROWS_REJECTED', message: report(r).split('\n')[0]!, issues: r.rejected.map((x) => ({ path: `${unit} ${x.line}`, message: x.reason })) });
  }
  return succeed(flags, r, () => report(r));
}
