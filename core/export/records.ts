// Reading the records a packet is built from: each one tolerant of a record that has gone (null,
// not an error), and the hashes and file names that identify evidence.

import { createHash } from 'node:crypto';
import { documentText, getAttachment, getClaim, getRecord, getSource, listNotes, type AttachmentRow, type Claim, type DB, type DocumentSummary, type Excerpt, type Note, type Source } from '../../db/index.js';
import { ApiError } from '../errors.js';
import type { PacketExcerpt } from './packet.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export function extensionOf(mediaType: string, fileName: string): string {
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
  return EXTENSIONS[mediaType] ?? fromName ?? 'bin';
}

export type Attachment = AttachmentRow;

export function draftNotes(db: DB, caseId: string, noteId?: string): Note[] {
  if (!noteId) return listNotes(db, caseId).map((n) => getRecord(db, 'note', n.id)).reverse();
  const note = getRecord(db, 'note', noteId, { includeTrashed: true });
  if (note.caseId !== caseId) throw new ApiError('BAD_REFERENCE', 'That note belongs to another case.');
  return [note];
}

export function tryClaim(db: DB, id: string, caseId: string): Claim | null {
  try {
    const c = getClaim(db, id, false);
    return c.caseId === caseId ? c : null;
  } catch {
    return null;
  }
}

export function trySource(db: DB, id: string): Source | null {
  try {
    return getSource(db, id);
  } catch {
    return null;
  }
}

export function tryExcerpt(db: DB, id: string): Excerpt | null {
  try {
    return getRecord(db, 'excerpt', id);
  } catch {
    return null;
  }
}

export function packetExcerpt(e: Excerpt): PacketExcerpt {
  return {
    id: e.id,
    documentId: e.documentId,
    exact: e.exact,
    prefix: e.prefix,
    suffix: e.suffix,
    start: e.start,
    end: e.end,
    page: e.page,
    locator: e.locator,
    comment: e.comment,
    createdAt: e.createdAt,
  };
}

export function documentHash(db: DB, d: DocumentSummary): { sha256: string; attachment: Attachment | null } {
  if (d.attachment) {
    const a = getAttachment(db, d.attachment);
    if (a) return { sha256: a.sha256, attachment: a };
  }
  const text = documentText(db, d.id) as string;
  return { sha256: sha256(text), attachment: null };
}
