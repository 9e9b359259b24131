import { z } from 'zod';
import { getDocument, getRecord, insertRecord, listDocuments, listExcerpts, nowIso, setTags, updateRecord, type DocumentRecord, type Excerpt } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { method } from '../method.js';
import {
  byCase,
  byId,
  documentKind,
  id,
  LIMITS,
  longText,
  partialDate,
  patchOf,
  revision,
  shortText,
  tags,
  timestamp,
  title,
} from '../schemas.js';
import { liveCase, trashMethod } from '../record-rules.js';
import { findQuote, reanchor, selectors } from '../anchoring.js';

const fields = {
  title,
  kind: documentKind,
  author: shortText,
  publisher: shortText,
  publishedOn: partialDate,
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'a web address starting with http:// or https://' }).max(LIMITS.short)]),
  retrievedAt: z.union([partialDate, timestamp]),
  text: z.string().max(LIMITS.documentText, `a document's text is at most ${LIMITS.documentText} characters; import larger files`),
  tags,
};

const { text: _text, ...editable } = fields;

/**
 * Anchors a passage the W3C way: by position (start, end) and by quote (exact, prefix, suffix).
 * Given positions, the quote is read from the text; given the quote, the position is found,
 * using prefix/suffix to choose among repeats.
 */
export function anchor(text: string, at: { start?: number; end?: number; exact?: string; prefix?: string; suffix?: string }) {
  let start: number;
  let end: number;
  if (at.start !== undefined && at.end !== undefined) {
    if (at.end > text.length || at.start >= at.end) throw new ApiError('BAD_INPUT', `The passage ${at.start}–${at.end} is not inside the document (length ${text.length}).`);
    ({ start, end } = at as { start: number; end: number });
    if (at.exact !== undefined && text.slice(start, end) !== at.exact) throw new ApiError('BAD_INPUT', 'The quoted text is not at that position in the document.');
  } else if (at.exact) {
    const found = findQuote(text, at.exact, at.prefix ?? '', at.suffix ?? '');
    if (found < 0) throw new ApiError('NOT_FOUND', 'That passage does not occur in the document.');
    start = found;
    end = found + at.exact.length;
  } else {
    throw new ApiError('BAD_INPUT', 'An excerpt needs start and end, or the exact text.');
  }
  return selectors(text, start, end);
}

export const documentMethods = {
  'documents.list': method({
    summary: 'The evidence documents of a case (without their text).',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => listDocuments(ctx.db, caseId),
  }),
  'documents.get': method({
    summary: 'One document with its text and excerpts.',
    input: byId,
    write: false,
    run: (ctx, { id }): { document: DocumentRecord; excerpts: Excerpt[] } => ({
      document: getDocument(ctx.db, id),
      excerpts: listExcerpts(ctx.db, id),
    }),
  }),
  'documents.create': method({
    summary: 'Adds an evidence document (its text typed or pasted; files come through import).',
    input: z.strictObject({ caseId: id, ...fields }).partial().required({ caseId: true, title: true }),
    write: true,
    run: (ctx, { tags: tagNames, ...input }) => {
      liveCase(ctx, input.caseId);
      const row = insertRecord(ctx.db, 'document', input);
      if (tagNames) setTags(ctx.db, 'document', row.id as string, tagNames);
      return getDocument(ctx.db, row.id as string);
    },
  }),
  'documents.update': method({
    summary: 'Changes a document’s details. Its text is not edited here: excerpts are anchored in it.',
    input: patchOf(editable),
    write: true,
    run: (ctx, { id, revision, tags: tagNames, ...patch }) => {
      // The record is checked (exists, not trashed, revision) before its tags are touched.
      updateRecord(ctx.db, 'document', id, patch, revision);
      if (tagNames) setTags(ctx.db, 'document', id, tagNames);
      return getDocument(ctx.db, id);
    },
  }),
  'documents.replaceText': method({
    summary: 'Replaces a document’s text with a new version (a corrected report, say). Every excerpt is found again by its quote — exactly, or fuzzily if lightly edited — and those that cannot be are marked orphans, never moved blindly.',
    input: z.strictObject({ id, revision, text: fields.text.min(1, 'the new text cannot be empty') }),
    write: true,
    run: (ctx, { id, revision, text }) => {
      const before = getDocument(ctx.db, id, false);
      updateRecord(ctx.db, 'document', id, { text, pages: null }, revision);
      const report = { exact: 0, fuzzy: 0, orphans: [] as Excerpt[] };
      for (const excerpt of listExcerpts(ctx.db, id)) {
        const found = reanchor(text, excerpt);
        if (found.how === 'orphan') {
          report.orphans.push(updateRecord(ctx.db, 'excerpt', excerpt.id, { orphanedAt: nowIso() }));
        } else {
          report[found.how]++;
          updateRecord(ctx.db, 'excerpt', excerpt.id, { ...found.at, orphanedAt: null });
        }
      }
      return { document: getDocument(ctx.db, id), previousLength: before.text.length, ...report };
    },
  }),
  'documents.delete': trashMethod('document', 'Moves a document, with its excerpts, to the trash.'),

  'excerpts.list': method({
    summary: 'The excerpts marked in a document, in reading order.',
    input: z.strictObject({ documentId: id }),
    write: false,
    run: (ctx, { documentId }) => listExcerpts(ctx.db, documentId),
  }),
  'excerpts.get': method({
    summary: 'One excerpt.',
    input: byId,
    write: false,
    run: (ctx, { id }) => getRecord(ctx.db, 'excerpt', id, { includeTrashed: true }),
  }),
  'excerpts.create': method({
    summary: 'Marks an exact passage of a document, by position (start, end) or by its text (exact, with prefix/suffix to choose among repeats).',
    input: z.strictObject({
      documentId: id,
      start: z.number().int().min(0).optional(),
      end: z.number().int().min(1).optional(),
      exact: z.string().min(1).max(LIMITS.text).optional(),
      prefix: z.string().max(LIMITS.short).optional(),
      suffix: z.string().max(LIMITS.short).optional(),
      page: z.number().int().min(1).nullable().optional(),
      locator: shortText.optional(),
      comment: longText.optional(),
    }),
    write: true,
    run: (ctx, { documentId, start, end, exact, prefix, suffix, ...rest }) => {
      const document = getDocument(ctx.db, documentId, false);
      const selectors = anchor(document.text, { start, end, exact, prefix, suffix });
      return insertRecord(ctx.db, 'excerpt', { documentId, ...selectors, ...rest });
    },
  }),
  'excerpts.update': method({
    summary: 'Changes an excerpt’s comment, page or locator (its anchor stays).',
    input: patchOf({ page: z.number().int().min(1).nullable(), locator: shortText, comment: longText }),
    write: true,
    run: (ctx, { id, revision, ...patch }) => updateRecord(ctx.db, 'excerpt', id, patch, revision),
  }),
  'excerpts.delete': trashMethod('excerpt', 'Moves an excerpt to the trash.'),
};
