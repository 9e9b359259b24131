// records.import: many records of several kinds (sources, claims, documents, claim links,
// evidence) in one dispatcher call and one transaction, checked in one pass. Each record has the
// fields of its kind's *.create input; it may carry a `ref`, a name local to the file that later
// records use where an id would go, and a claim may name its sources (`sources: ["Bryce Pardo"]`)
// instead of giving their ids: a name is matched to the live sources by its normalised form, and
// a source is created when none has it.
//
// Each record is written in a savepoint of its own, so a record refused half-way (an evidence
// link to an excerpt of another document) leaves nothing of itself. Without `partial`, one
// refused record means none of the batch lands, but every record is still checked, so the answer
// lists every refusal at once. A record that points at a refused one is refused too, saying so.
//
// One dispatcher call per batch, answering with every record it wrote: whatever watches the
// dispatcher (a sync engine) sees a bulk import as it sees any write.

import { z } from 'zod';
import { liveSources, newId, noteImportBatch, rowMarks, withDeferredIndexing, type DB } from '../../db/index.js';
import type { Context } from '../context.js';
import { toErrorBody } from '../errors.js';
import { MAX_BATCH, RECORD_TYPES, type Created, type ImportResult, type RecordType, type Rejected } from '../bulk-records.js';
import { method } from '../method.js';
import { liveCase } from '../record-rules.js';
import { id, LIMITS, name as sourceName, shortText } from '../schemas.js';
import { claimMethods, createClaim, liveMemo, type LiveMemo } from './claims.js';
import { documentMethods } from './documents.js';
import { linkMethods } from './links.js';
import { sourceMethods } from './sources.js';

/** Refs of earlier batches passed along with a batch: only those its records use. */
const MAX_REFS = MAX_BATCH * 4;

const ref = z.string().min(1, 'a ref cannot be empty').max(200, 'a ref is at most 200 characters');

/** A record as it arrives: its kind, where it was in the file, its ref; the rest is checked per kind. */
const record = z.looseObject({
  type: z.enum(RECORD_TYPES, { error: `the type is one of ${RECORD_TYPES.join(', ')}` }),
  line: z.number().int().min(1).optional(),
  ref: ref.optional(),
});
type InputRecord = z.output<typeof record>;

/** Fields of each kind that hold the id of another record, and the kind that record must be. */
const POINTERS: Record<RecordType, Record<string, RecordType>> = {
  source: { affiliationId: 'source' },
  claim: { sourceIds: 'source' },
  document: {},
  claimLink: { fromClaimId: 'claim', toClaimId: 'claim' },
  evidence: { claimId: 'claim', documentId: 'document' },
};

/** The create method whose input each kind of record has. */
const CREATE = {
  source: sourceMethods['sources.create'],
  claim: claimMethods['claims.create'],
  document: documentMethods['documents.create'],
  claimLink: linkMethods['claimLinks.create'],
  evidence: linkMethods['evidence.create'],
} as const;

/** Fields a record of each kind may have (its create input's, the case aside) and those it needs. */
export const RECORD_FIELDS: Record<RecordType, { known: string[]; required: string[] }> = Object.fromEntries(
  RECORD_TYPES.map((type) => {
    const shape = CREATE[type].input.shape as Record<string, z.ZodType>;
    const own = Object.keys(shape).filter((f) => f !== 'caseId');
    return [type, { known: [...own, ...(type === 'claim' ? ['sources'] : []), 'ref'], required: own.filter((f) => !shape[f]!.safeParse(undefined).success) }];
  }),
) as Record<RecordType, { known: string[]; required: string[] }>;

const NOUN: Record<RecordType, string> = { source: 'source', claim: 'claim', document: 'document', claimLink: 'claim link', evidence: 'evidence link' };

/** A name as sources are matched by it: case, accents, spacing and punctuation around words ignored. */
export function normalName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

class Refusal extends Error {}

/** Live sources by normalised name; a name two sources share maps to both (and is refused). */
function sourcesByName(db: DB): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const s of liveSources(db)) {
    const key = normalName(s.name);
    byName.set(key, [...(byName.get(key) ?? []), s.id]);
  }
  return byName;
}

interface Batch {
  ctx: Context;
  caseId: string;
  /** ref → the record it names, from earlier batches and this one's records written so far. */
  refs: Map<string, { type: RecordType; id: string }>;
  /** Lines (of this batch) whose record was refused, by ref: what points at them is refused too. */
  refusedRefs: Map<string, number>;
  names: Map<string, string[]> | null;
  live: LiveMemo;
  created: Created[];
}

/** The id a pointer field names: a ref of an earlier record, or an id as it is. */
function resolvePointer(b: Batch, value: unknown, want: RecordType, field: string): unknown {
  if (typeof value !== 'string') return value;
  const refused = b.refusedRefs.get(value);
  if (refused !== undefined) throw new Refusal(`${field} names “${value}”, the record of line ${refused}, which was refused`);
  const known = b.refs.get(value);
  if (!known) return value;
  if (known.type !== want) throw new Refusal(`${field} names “${value}”, which is a ${NOUN[known.type]}, not a ${NOUN[want]}`);
  return known.id;
}

function resolvePointers(b: Batch, r: InputRecord): Record<string, unknown> {
  const { type: _type, line: _line, ref: _ref, ...fields } = r;
  for (const [field, want] of Object.entries(POINTERS[r.type])) {
    const value = fields[field];
    fields[field] = Array.isArray(value) ? value.map((v) => resolvePointer(b, v, want, field)) : resolvePointer(b, value, want, field);
  }
  return fields;
}

const sourceNames = z.array(sourceName).max(LIMITS.sources, `at most ${LIMITS.sources} sources`);

/** The ids of the sources a claim names, creating those no live source has. */
function sourcesNamed(b: Batch, names: unknown, line: number): string[] {
  const parsed = sourceNames.safeParse(names);
  if (!parsed.success) throw new Refusal(`sources: ${parsed.error.issues[0]?.message ?? 'a list of names'}`);
  b.names ??= sourcesByName(b.ctx.db);
  return parsed.data.map((n) => {
    const key = normalName(n);
    if (!key) throw new Refusal(`sources: “${n}” is not a name`);
    const found = b.names!.get(key) ?? [];
    if (found.length > 1) throw new Refusal(`sources: ${found.length} sources are named “${n}”; give the one meant in sourceIds`);
    if (found.length === 1) return found[0]!;
    const made = sourceMethods['sources.create'].run(b.ctx, { name: n, kind: 'person' }, undefined).id;
    b.names!.set(key, [made]);
    b.created.push({ line, type: 'source', id: made, fromName: n });
    return made;
  });
}

/** Checks a record against its kind's create input (the case filled in) and writes it; its id. */
function write(b: Batch, r: InputRecord, line: number): string {
  const fields = resolvePointers(b, r);
  const ctx = b.ctx;
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw parsed.error;
    return parsed.data;
  };
  switch (r.type) {
    case 'source':
      return sourceMethods['sources.create'].run(ctx, parse(sourceMethods['sources.create'].input, fields), undefined).id;
    case 'claim': {
      const { sources, ...rest } = fields;
      const named = sources === undefined ? [] : sourcesNamed(b, sources, line);
      const input = parse(claimMethods['claims.create'].input, { ...rest, caseId: b.caseId });
      return createClaim(ctx, { ...input, sourceIds: [...new Set([...(input.sourceIds ?? []), ...named])] }, b.live);
    }
    case 'document':
      return documentMethods['documents.create'].run(ctx, parse(documentMethods['documents.create'].input, { ...fields, caseId: b.caseId }), undefined).id;
    case 'claimLink':
      return linkMethods['claimLinks.create'].run(ctx, parse(linkMethods['claimLinks.create'].input, fields), undefined).id;
    case 'evidence':
      return linkMethods['evidence.create'].run(ctx, parse(linkMethods['evidence.create'].input, fields), undefined).id;
  }
}

const reasonOf = (err: unknown): string => (err instanceof Refusal ? err.message : toErrorBody(err).message);

/** Thrown inside the batch's savepoint to take back what it wrote when a refusal sinks the batch. */
const sink = Symbol('batch refused');
/** Thrown by the quick pass at the first refusal: the batch is written again, carefully. */
const careful = Symbol('write record by record');

type Input = { caseId: string; records: InputRecord[]; refs?: Record<string, { type: RecordType; id: string }>; partial: boolean; importId?: string; file?: string };

/**
 * One pass over the batch inside a savepoint. The quick pass writes the records one after the
 * other and gives up (`careful`) at the first refusal. The careful pass puts each record in a
 * savepoint of its own, so a record refused half-way leaves nothing, and lists every refusal.
 * A savepoint per record costs SQLite a sub-journal of every page the record touches (measured:
 * a quarter of an import's time), so only a batch with a refusal pays for it.
 */
function pass(ctx: Context, input: Input, safe: boolean): ImportResult {
  const b: Batch = { ctx, caseId: input.caseId, refs: new Map(Object.entries(input.refs ?? {})), refusedRefs: new Map(), names: null, live: liveMemo(), created: [] };
  const rejected: Rejected[] = [];
  try {
    ctx.db.transaction(() => {
      withDeferredIndexing(ctx.db, () => input.records.forEach((r, i) => {
        const line = r.line ?? i + 1;
        try {
          if (r.ref !== undefined && b.refs.has(r.ref)) throw new Refusal(`the ref “${r.ref}” is already used by an earlier line`);
          const made = b.created.length;
          let recordId: string;
          try {
            recordId = safe ? ctx.db.transaction(() => write(b, r, line))() : write(b, r, line);
          } catch (err) {
            if (!safe) throw careful;
            // Sources made for its names went with its savepoint: forget them.
            if (b.created.length > made) {
              b.created.length = made;
              b.names = null;
              b.live = liveMemo();
            }
            throw err;
          }
          b.created.push({ line, type: r.type, id: recordId, ...(r.ref !== undefined ? { ref: r.ref } : {}) });
          if (r.ref !== undefined) b.refs.set(r.ref, { type: r.type, id: recordId });
        } catch (err) {
          if (err === careful) throw err;
          rejected.push({ line, reason: reasonOf(err) });
          if (r.ref !== undefined && !b.refs.has(r.ref)) b.refusedRefs.set(r.ref, line);
        }
      }));
      if (rejected.length && !input.partial) throw sink;
    })();
  } catch (err) {
    if (err !== sink) throw err;
    return { created: [], rejected, landed: false };
  }
  return { created: b.created, rejected, landed: true };
}

function firstPass(ctx: Context, input: Input): ImportResult {
  try {
    return pass(ctx, input, false);
  } catch (err) {
    if (err !== careful) throw err;
    return pass(ctx, input, true);
  }
}

const undoLabel = (file: string | undefined) => (records: number) => `Imported ${records.toLocaleString('en')} record${records === 1 ? '' : 's'}${file ? ` from ${file}` : ''}`;

/**
 * Imports a batch, and adds what landed to its import's undo entry: one undo.last moves a whole
 * import to the trash, whichever batches it came in (core/handlers/undo.ts).
 */
export function importRecords(ctx: Context, input: Input): ImportResult {
  liveCase(ctx, input.caseId);
  const importId = input.importId ?? newId();
  const before = rowMarks(ctx.db);
  const result = firstPass(ctx, input);
  if (result.landed && result.created.length) {
    noteImportBatch(ctx.db, { id: importId, caseId: input.caseId, label: undoLabel(input.file), records: result.created.length, before });
  }
  return { ...result, importId };
}

export const bulkMethods = {
  'records.import': method({
    summary:
      'Imports many records of several kinds (sources, claims, documents, claimLinks, evidence) in one transaction: each with the fields of its *.create input, an optional ref later records may use in place of an id, and a claim’s sources by name. Refused records are listed with their line and reason; without partial, none of the batch is saved when any is refused. undo.last moves the whole import (every batch given the same importId) to the trash.',
    input: z.strictObject({
      caseId: id,
      records: z.array(record).min(1, 'no records to import').max(MAX_BATCH, `at most ${MAX_BATCH} records in one call; send a file in batches`),
      refs: z
        .record(ref, z.strictObject({ type: z.enum(RECORD_TYPES), id }))
        .refine((r) => Object.keys(r).length <= MAX_REFS, `at most ${MAX_REFS} refs of earlier batches`)
        .optional(),
      partial: z.boolean().default(false),
      importId: id.optional().describe('The import this batch belongs to (any new id, the same for every batch of a file): one undo.last undoes them all. Without it, the batch is an import of its own.'),
      file: shortText.optional().describe('The file the records come from, named in the undo entry.'),
    }),
    write: true,
    run: (ctx, input): ImportResult => importRecords(ctx, input),
  }),
};
