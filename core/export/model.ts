// The packet model: everything a packet shows, built once from the library for one case (or one
// note of it) and one profile. Redaction happens HERE: a value the profile withholds is never
// put into the model, and a final pass replaces any withheld name or contact value that turns
// up inside free text (a claim's wording, a note, a reply) — so no renderer can leak one.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  corroborationOf,
  evidenceOfClaim,
  getMeta,
  getRecord,
  linksOfClaim,
  listDocuments,
  listExcerpts,
  listNotes,
  repliesOf,
  verificationOf,
  type Attribution,
  type Claim,
  type ClaimStatus,
  type DB,
  type DocumentKind,
  type DocumentSummary,
  type Excerpt,
  type Medium,
  type Note,
  type Relation,
  type Source,
  type Stance,
} from '../../db/index.js';
import { attachmentPath } from '../attachments.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { parseEditorState } from '../lexical-text.js';
import { getClaim } from '../handlers/claims.js';
import { CHECKER_PREFERENCE } from '../handlers/preferences.js';
import { getSource } from '../handlers/sources.js';
import type { Profile } from './profiles.js';

export const WITHHELD = '[withheld]';

export interface PacketSourceRef {
  ref: string;
  label: string;
}

export interface PacketSource extends PacketSourceRef {
  id: string;
  kind: Source['kind'];
  confidential: boolean;
  /** True when the profile shows this confidential source by its description only. */
  identityWithheld: boolean;
  aliases: string[];
  role: string;
  affiliation: string | null;
  reliability: Source['reliability'];
  defaultAttribution: Attribution;
  /** Absent when the profile withholds contact details. */
  contact?: { kind: string; value: string }[];
  anonymityReason?: string;
  identityKnownBy?: string;
  notes?: string;
  /** How the source was reached: the media of its claims and the channels of the reply log. */
  reached: string[];
}

export interface PacketVerification {
  status: ClaimStatus;
  /** null when the profile leaves people's names out. */
  checker: string | null;
  method: string;
  note: string;
  at: string;
}

/** A passage of a document, as the W3C selectors and a reader's locators describe it. */
export type PacketExcerpt = Pick<Excerpt, 'id' | 'documentId' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'page' | 'locator' | 'comment' | 'createdAt'>;

export interface PacketEvidence {
  stance: Stance;
  documentRef: string;
  documentId: string;
  documentTitle: string;
  sha256: string;
  locator: string;
  note: string;
  excerpt: PacketExcerpt | null;
}

export interface PacketClaimLink {
  relation: Relation;
  direction: 'outgoing' | 'incoming';
  claimRef: string;
  statement: string;
  status: ClaimStatus;
  note: string;
}

export interface PacketReply {
  subject: string;
  contactedAt: string;
  channel: string;
  response: string;
  respondedAt: string | null;
}

export interface PacketClaim {
  id: string;
  ref: string;
  statement: string;
  quote: string;
  quoteKind: Claim['quoteKind'];
  sources: PacketSourceRef[];
  saidOn: string | null;
  medium: Medium;
  attribution: Attribution;
  status: ClaimStatus;
  tags: string[];
  createdAt: string;
  corroboration: number;
  /** How many linked claims contradict this one. */
  counterclaimCount: number;
  /** The log as the profile allows: whole, or its latest entry. */
  verification: PacketVerification[];
  lastVerification: PacketVerification | null;
  links: PacketClaimLink[];
  replies: PacketReply[];
  evidence: PacketEvidence[];
}

export interface PacketDocument {
  id: string;
  ref: string;
  title: string;
  kind: DocumentKind;
  author: string;
  publisher: string;
  publishedOn: string | null;
  url: string;
  retrievedAt: string | null;
  /** Of the original file when there is one, else of the document's text. */
  sha256: string;
  hashOf: 'file' | 'text';
  /** The original file as it sits in a ZIP packet (named by ref and hash, never by its old name). */
  original: { path: string; sha256: string; size: number; mediaType: string } | null;
  excerpts: PacketExcerpt[];
}

export type PacketRun =
  | { kind: 'text'; text: string; bold?: boolean; italic?: boolean; href?: string }
  | { kind: 'break' }
  | { kind: 'cite'; n: number };

export interface PacketBlock {
  kind: 'paragraph' | 'heading' | 'quote' | 'item' | 'code';
  level?: number;
  ordered?: boolean;
  runs: PacketRun[];
}

export interface PacketFootnote {
  n: number;
  type: 'claim' | 'document' | 'excerpt' | 'source';
  /** The packet ref of what is cited (C3, D2, S1…); null when the profile withholds it. */
  ref: string | null;
  id: string | null;
  label: string;
}

export interface PacketCitation {
  n: number;
  /** The words the citation follows, and where they lie in the draft's plain text. */
  exact: string;
  start: number;
  end: number;
}

export interface PacketDraft {
  id: string;
  title: string;
  updatedAt: string;
  createdAt: string;
  blocks: PacketBlock[];
  /** Blocks' text joined by blank lines: what citation positions count in. */
  text: string;
  footnotes: PacketFootnote[];
  citations: PacketCitation[];
}

export type RedactionCounts = Record<
  | 'confidentialIdentities'
  | 'contactDetails'
  | 'sourceNotes'
  | 'anonymityReasons'
  | 'claimsWithheld'
  | 'verificationEntries'
  | 'counterclaims'
  | 'replies'
  | 'evidence'
  | 'evidenceFiles'
  | 'citationsWithheld'
  | 'textReplacements',
  number
>;

export interface Packet {
  case: { id: string; title: string; description: string };
  scope: { kind: 'case' } | { kind: 'note'; noteId: string; title: string };
  profile: Profile;
  exportedAt: string;
  /** Who exported it; null when the profile leaves people's names out. */
  exportedBy: string | null;
  drafts: PacketDraft[];
  sources: PacketSource[];
  claims: PacketClaim[];
  documents: PacketDocument[];
  redactions: RedactionCounts;
}

const LABELS: Record<string, string> = {
  on_record: 'on the record',
  background: 'on background',
  deep_background: 'deep background',
  off_record: 'off the record',
  in_progress: 'in progress',
  written_statement: 'written statement',
  press_release: 'press release',
  press_briefing: 'press briefing',
  social_post: 'social post',
  same_as: 'same as',
};

/** A vocabulary value as a reader says it: on_record → "on the record". */
export function say(value: string): string {
  return LABELS[value] ?? value.replace(/_/g, ' ');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A case-insensitive pattern for each withheld value; short ones only as whole words. */
function scrubber(values: Iterable<string>): ((s: string) => string) & { replaced: number } {
  const unique = [...new Set([...values].map((v) => v.trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = unique.map((v) => (v.length >= 4 ? escape(v) : `(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`));
  const pattern = parts.length ? new RegExp(parts.join('|'), 'giu') : null;
  const fn = Object.assign(
    (s: string) =>
      pattern
        ? s.replace(pattern, () => {
            fn.replaced++;
            return WITHHELD;
          })
        : s,
    { replaced: 0 },
  );
  return fn;
}

function scrubDeep<T>(value: T, scrub: (s: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)])) as T;
  }
  return value;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

function extensionOf(mediaType: string, fileName: string): string {
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
  return EXTENSIONS[mediaType] ?? fromName ?? 'bin';
}

interface Attachment {
  sha256: string;
  size: number;
  media_type: string;
}

export interface BuildOptions {
  caseId: string;
  noteId?: string;
  profile: Profile;
  /** When the packet is made (fixed in tests). */
  now?: string;
}

/** Builds the packet for a case or one of its notes, as the profile allows. */
export function buildPacket(ctx: Context, opts: BuildOptions): Packet {
  const { db } = ctx;
  const { profile } = opts;
  const f = profile.fields;
  const theCase = getRecord(db, 'case', opts.caseId, { includeTrashed: true }) as unknown as { id: string; title: string; description: string };
  const counts: RedactionCounts = {
    confidentialIdentities: 0,
    contactDetails: 0,
    sourceNotes: 0,
    anonymityReasons: 0,
    claimsWithheld: 0,
    verificationEntries: 0,
    counterclaims: 0,
    replies: 0,
    evidence: 0,
    evidenceFiles: 0,
    citationsWithheld: 0,
    textReplacements: 0,
  };

  const notes = draftNotes(db, opts.caseId, opts.noteId);
  const drafts = notes.map((n) => readDraft(n));

  // Which claims: the case's, or those the note cites; those said on terms the profile leaves
  // out (off the record, unless included) are withheld.
  const caseClaimIds = opts.noteId
    ? [...new Set(drafts.flatMap((d) => d.targets.filter((t) => t.type === 'claim').map((t) => t.id)))]
    : (db.prepare('SELECT id FROM claims WHERE case_id = ? AND deleted_at IS NULL ORDER BY created_at, id').pluck().all(opts.caseId) as string[]);
  const candidates = caseClaimIds.map((id) => tryClaim(db, id, opts.caseId)).filter((c): c is Claim => c !== null);
  const included = candidates.filter((c) => profile.attributions.includes(c.attribution));
  counts.claimsWithheld = candidates.length - included.length;
  const claimRef = new Map(included.map((c, i) => [c.id, `C${i + 1}`]));

  // Documents: the case's, or those the note's claims and citations reach.
  const caseDocs = new Map(listDocuments(db, opts.caseId).map((d) => [d.id, d]));
  const wantedDocs = new Set<string>();
  if (!opts.noteId) for (const id of caseDocs.keys()) wantedDocs.add(id);
  const evidenceByClaim = new Map(included.map((c) => [c.id, evidenceOfClaim(db, c.id)]));
  for (const links of evidenceByClaim.values()) for (const l of links) wantedDocs.add(l.documentId);
  for (const d of drafts) {
    for (const t of d.targets) {
      if (t.type === 'document') wantedDocs.add(t.id);
      if (t.type === 'excerpt') {
        const e = tryExcerpt(db, t.id);
        if (e) wantedDocs.add(e.documentId);
      }
    }
  }
  const docList = f.evidence ? [...wantedDocs].map((id) => caseDocs.get(id)).filter((d): d is DocumentSummary => Boolean(d)) : [];
  if (!f.evidence) counts.evidence = wantedDocs.size;
  const docRef = new Map(docList.map((d, i) => [d.id, `D${i + 1}`]));

  // Sources: of the included claims, mentioned in drafts, or subjects of replies.
  const sourceIds = new Set<string>();
  for (const c of included) for (const s of c.sourceIds) sourceIds.add(s);
  for (const d of drafts) for (const id of d.mentions) sourceIds.add(id);
  const replies = new Map(included.map((c) => [c.id, repliesOf(db, { claimId: c.id })]));
  for (const list of replies.values()) for (const r of list) if (r.sourceId) sourceIds.add(r.sourceId);
  const sourceRecords = [...sourceIds].map((id) => trySource(db, id)).filter((s): s is Source => s !== null);

  // What must never appear: the identities and contacts the profile withholds, wherever they are
  // written — including confidential sources of this library that no included claim names.
  const withheld: string[] = [];
  const confidentialAll = db.prepare("SELECT name, aliases FROM sources WHERE confidential = 1").all() as { name: string; aliases: string }[];
  if (!f.confidentialIdentities) {
    for (const s of confidentialAll) withheld.push(s.name, ...(JSON.parse(s.aliases || '[]') as string[]));
  }
  const labelOf = sourceLabeller(sourceRecords, f.confidentialIdentities);
  const sourceRef = new Map<string, string>();
  const sortedSources = [...sourceRecords].sort((a, b) => labelOf(a).localeCompare(labelOf(b), 'en', { sensitivity: 'base' }));
  sortedSources.forEach((s, i) => sourceRef.set(s.id, `S${i + 1}`));
  const refOf = (id: string): PacketSourceRef => {
    const s = sourceRecords.find((r) => r.id === id);
    return s ? { ref: sourceRef.get(id)!, label: labelOf(s) } : { ref: '', label: 'Unknown source' };
  };

  const reached = new Map<string, Set<string>>();
  const reach = (id: string, how: string) => {
    if (!reached.has(id)) reached.set(id, new Set());
    reached.get(id)!.add(how);
  };
  for (const c of included) for (const s of c.sourceIds) reach(s, say(c.medium));
  for (const list of replies.values()) for (const r of list) if (r.sourceId && r.channel) reach(r.sourceId, `${r.channel} (right of reply)`);

  const sources: PacketSource[] = sortedSources.map((s) => {
    const hide = s.confidential && !f.confidentialIdentities;
    if (hide) counts.confidentialIdentities++;
    const contact = Object.entries(s.contact ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as [string, string][];
    if (!f.contactDetails) {
      counts.contactDetails += contact.length;
      for (const [, v] of contact) withheld.push(v);
    }
    if (!f.sourceNotes && (s.notes || s.identityKnownBy)) counts.sourceNotes++;
    if (!f.anonymityReasons && s.anonymityReason) counts.anonymityReasons++;
    const affiliation = s.affiliationId ? trySource(db, s.affiliationId) : null;
    return {
      id: s.id,
      ref: sourceRef.get(s.id)!,
      label: labelOf(s),
      kind: s.kind,
      confidential: s.confidential,
      identityWithheld: hide,
      aliases: hide ? [] : s.aliases,
      role: hide ? '' : s.role,
      affiliation: hide || !affiliation ? null : labelOf(affiliation),
      reliability: s.reliability,
      defaultAttribution: s.defaultAttribution,
      ...(f.contactDetails ? { contact: contact.map(([kind, value]) => ({ kind, value })) } : {}),
      ...(f.anonymityReasons && s.confidential ? { anonymityReason: s.anonymityReason } : {}),
      ...(f.sourceNotes ? { identityKnownBy: s.identityKnownBy, notes: s.notes } : {}),
      reached: [...(reached.get(s.id) ?? [])].sort(),
    };
  });

  const corroboration = corroborationOf(db, included.map((c) => c.id));
  const docsById = new Map(docList.map((d) => [d.id, d]));
  const hashes = new Map(docList.map((d) => [d.id, documentHash(db, d)]));
  const person = (name: string) => (f.people ? name : null);

  const claims: PacketClaim[] = included.map((c) => {
    const log = verificationOf(db, c.id).map((v) => ({ status: v.status, checker: person(v.checker), method: v.method, note: v.note, at: v.createdAt }));
    const verification = f.verificationHistory ? log : log.slice(-1);
    counts.verificationEntries += log.length - verification.length;
    const allLinks = linksOfClaim(db, c.id);
    const links: PacketClaimLink[] = [];
    let counterclaimCount = 0;
    for (const l of allLinks) {
      const outgoing = l.fromClaimId === c.id;
      const other = outgoing ? l.toClaimId : l.fromClaimId;
      const ref = claimRef.get(other);
      if (!ref) {
        counts.counterclaims++;
        continue;
      }
      if (l.relation === 'contradicts') counterclaimCount++;
      if (!f.counterclaims) {
        counts.counterclaims++;
        continue;
      }
      const o = getClaim(db, other);
      links.push({ relation: l.relation, direction: outgoing ? 'outgoing' : 'incoming', claimRef: ref, statement: o.statement, status: o.status, note: l.note });
    }
    const claimReplies = replies.get(c.id) ?? [];
    if (!f.replies) counts.replies += claimReplies.length;
    const evidence: PacketEvidence[] = [];
    for (const l of evidenceByClaim.get(c.id) ?? []) {
      const d = docsById.get(l.documentId);
      if (!d) {
        counts.evidence++;
        continue;
      }
      const excerpt = l.excerptId ? tryExcerpt(db, l.excerptId) : null;
      evidence.push({
        stance: l.stance,
        documentRef: docRef.get(d.id)!,
        documentId: d.id,
        documentTitle: d.title,
        sha256: hashes.get(d.id)!.sha256,
        locator: l.locator || excerpt?.locator || (excerpt?.page ? `p. ${excerpt.page}` : ''),
        note: l.note,
        excerpt: excerpt ? packetExcerpt(excerpt) : null,
      });
    }
    return {
      id: c.id,
      ref: claimRef.get(c.id)!,
      statement: c.statement,
      quote: c.quote,
      quoteKind: c.quoteKind,
      sources: c.sourceIds.map(refOf),
      saidOn: c.saidOn,
      medium: c.medium,
      attribution: c.attribution,
      status: c.status,
      tags: c.tags,
      createdAt: c.createdAt,
      corroboration: corroboration.get(c.id)?.count ?? 0,
      counterclaimCount,
      verification,
      lastVerification: log.at(-1) ?? null,
      links,
      replies: f.replies
        ? claimReplies.map((r) => ({
            subject: r.sourceId && sourceRef.has(r.sourceId) ? refOf(r.sourceId).label : r.subject,
            contactedAt: r.contactedAt,
            channel: r.channel,
            response: r.response,
            respondedAt: r.respondedAt,
          }))
        : [],
      evidence,
    };
  });

  // An original file cannot be redacted: one that names a withheld value stays out of the packet.
  const naming = scrubber(withheld);
  const namesWithheld = (d: DocumentSummary, a: Attachment) => {
    const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(d.id) as string;
    let bytes = '';
    try {
      bytes = readFileSync(attachmentPath(ctx.libraryPath, a.sha256)).toString('utf8');
    } catch {
      // A missing original is reported when the ZIP is made.
    }
    return naming(text) !== text || naming(bytes) !== bytes;
  };
  const documents: PacketDocument[] = docList.map((d) => {
    const h = hashes.get(d.id)!;
    const ref = docRef.get(d.id)!;
    const withFile = h.attachment && f.evidenceFiles && !namesWithheld(d, h.attachment);
    if (h.attachment && !withFile) counts.evidenceFiles++;
    return {
      id: d.id,
      ref,
      title: d.title,
      kind: d.kind,
      author: d.author,
      publisher: d.publisher,
      publishedOn: d.publishedOn,
      url: d.url,
      retrievedAt: d.retrievedAt,
      sha256: h.sha256,
      hashOf: h.attachment ? 'file' : 'text',
      original:
        withFile && h.attachment
          ? { path: `evidence/${ref}-${h.sha256.slice(0, 12)}.${extensionOf(h.attachment.media_type, d.fileName)}`, sha256: h.sha256, size: h.attachment.size, mediaType: h.attachment.media_type }
          : null,
      excerpts: listExcerpts(db, d.id).map(packetExcerpt),
    };
  });

  const footnoteLabel = (t: DraftTarget): Omit<PacketFootnote, 'n'> => {
    if (t.type === 'claim') {
      const ref = claimRef.get(t.id);
      return ref ? { type: 'claim', ref, id: t.id, label: claims.find((c) => c.ref === ref)!.statement } : { type: 'claim', ref: null, id: null, label: 'Withheld from this packet.' };
    }
    if (t.type === 'source') {
      const ref = sourceRef.get(t.id);
      return ref ? { type: 'source', ref, id: t.id, label: refOf(t.id).label } : { type: 'source', ref: null, id: null, label: 'Withheld from this packet.' };
    }
    const excerpt = t.type === 'excerpt' ? tryExcerpt(db, t.id) : null;
    const docId = t.type === 'document' ? t.id : excerpt?.documentId;
    const ref = docId ? docRef.get(docId) : undefined;
    if (!ref) return { type: t.type, ref: null, id: null, label: 'Withheld from this packet.' };
    const doc = docsById.get(docId!)!;
    return { type: t.type, ref, id: t.id, label: excerpt ? `“${excerpt.exact}” — ${doc.title}` : doc.title };
  };

  const packetDrafts: PacketDraft[] = drafts.map((d) => {
    const footnotes = d.targets.map((t, i) => ({ n: i + 1, ...footnoteLabel(t) }));
    counts.citationsWithheld += footnotes.filter((n) => n.ref === null).length;
    const mention = (id: string, fallback: string) => (sourceRef.has(id) ? refOf(id).label : fallback);
    const blocks = d.blocks.map((b) => ({ ...b, runs: b.runs.map((r): PacketRun => (r.kind === 'mention' ? { kind: 'text', text: mention(r.sourceId, r.text) } : r)) }));
    const { text, citations } = layout(blocks);
    return { id: d.note.id, title: d.note.title, createdAt: d.note.createdAt, updatedAt: d.note.updatedAt, blocks, text, footnotes, citations };
  });

  const exporter = getMeta(db, CHECKER_PREFERENCE) || ctx.checker;
  const packet: Packet = {
    case: { id: theCase.id, title: theCase.title, description: theCase.description },
    scope: opts.noteId ? { kind: 'note', noteId: opts.noteId, title: notes[0]!.title } : { kind: 'case' },
    profile,
    exportedAt: opts.now ?? new Date().toISOString(),
    exportedBy: person(exporter),
    drafts: packetDrafts,
    sources,
    claims,
    documents,
    redactions: counts,
  };
  const scrub = scrubber(withheld);
  const clean = scrubDeep(packet, scrub);
  clean.redactions.textReplacements = scrub.replaced;
  return clean;
}

function draftNotes(db: DB, caseId: string, noteId?: string): Note[] {
  if (!noteId) return listNotes(db, caseId).map((n) => getRecord(db, 'note', n.id) as unknown as Note).reverse();
  const note = getRecord(db, 'note', noteId, { includeTrashed: true }) as unknown as Note;
  if (note.caseId !== caseId) throw new ApiError('BAD_REFERENCE', 'That note belongs to another case.');
  return [note];
}

function tryClaim(db: DB, id: string, caseId: string): Claim | null {
  try {
    const c = getClaim(db, id, false);
    return c.caseId === caseId ? c : null;
  } catch {
    return null;
  }
}

function trySource(db: DB, id: string): Source | null {
  try {
    return getSource(db, id);
  } catch {
    return null;
  }
}

function tryExcerpt(db: DB, id: string): Excerpt | null {
  try {
    return getRecord(db, 'excerpt', id) as unknown as Excerpt;
  } catch {
    return null;
  }
}

function packetExcerpt(e: Excerpt): PacketExcerpt {
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

function documentHash(db: DB, d: DocumentSummary): { sha256: string; attachment: Attachment | null } {
  if (d.attachment) {
    const a = db.prepare('SELECT sha256, size, media_type FROM attachments WHERE sha256 = ?').get(d.attachment) as Attachment | undefined;
    if (a) return { sha256: a.sha256, attachment: a };
  }
  const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(d.id) as string;
  return { sha256: sha256(text), attachment: null };
}

/** A source as the profile lets it be named. */
function sourceLabeller(all: Source[], showIdentities: boolean): (s: Source) => string {
  const hidden = all.filter((s) => s.confidential && !showIdentities).sort((a, b) => a.id.localeCompare(b.id));
  return (s) => {
    if (!s.confidential || showIdentities) return s.name;
    const description = s.description.trim();
    return description ? `Confidential source (${description})` : `Confidential source ${hidden.findIndex((h) => h.id === s.id) + 1}`;
  };
}

// --- The draft: Lexical JSON → blocks of runs with numbered citations ---------------------------

type DraftTarget = { type: 'claim' | 'document' | 'excerpt' | 'source'; id: string };
type Mention = { kind: 'mention'; text: string; sourceId: string };
type DraftRun = PacketRun | Mention;

interface Draft {
  note: Note;
  blocks: { kind: PacketBlock['kind']; level?: number; ordered?: boolean; runs: DraftRun[] }[];
  /** What the note cites, in order of first citation: footnote n is targets[n - 1]. */
  targets: DraftTarget[];
  /** Sources mentioned by name (no footnote; listed among the sources). */
  mentions: string[];
}

interface Node {
  type?: unknown;
  text?: unknown;
  format?: unknown;
  tag?: unknown;
  listType?: unknown;
  url?: unknown;
  children?: unknown;
  [key: string]: unknown;
}

const CITES: Record<string, [DraftTarget['type'], string]> = {
  'claim-citation': ['claim', 'claimId'],
  'document-citation': ['document', 'documentId'],
  'excerpt-citation': ['excerpt', 'excerptId'],
};

function readDraft(note: Note): Draft {
  const targets: DraftTarget[] = [];
  const numberOf = (t: DraftTarget) => {
    let i = targets.findIndex((x) => x.type === t.type && x.id === t.id);
    if (i < 0) i = targets.push(t) - 1;
    return i + 1;
  };
  const blocks: Draft['blocks'] = [];
  const children = (n: Node): Node[] => (Array.isArray(n.children) ? (n.children.filter((c) => c && typeof c === 'object') as Node[]) : []);

  const inline = (n: Node, runs: DraftRun[], href?: string, depth = 0): void => {
    if (depth > 100) return;
    const type = String(n.type ?? '');
    const cite = CITES[type];
    if (cite) {
      const id = n[cite[1]];
      if (typeof id === 'string') runs.push({ kind: 'cite', n: numberOf({ type: cite[0], id }) });
      return;
    }
    if (type === 'linebreak') return void runs.push({ kind: 'break' });
    if (type === 'source-mention' && typeof n.sourceId === 'string') {
      return void runs.push({ kind: 'mention', text: String(n.text ?? ''), sourceId: n.sourceId });
    }
    if (typeof n.text === 'string') {
      const format = typeof n.format === 'number' ? n.format : 0;
      const safeHref = href && /^https?:\/\//i.test(href) ? href : undefined;
      return void runs.push({ kind: 'text', text: n.text, ...(format & 1 ? { bold: true } : {}), ...(format & 2 ? { italic: true } : {}), ...(safeHref ? { href: safeHref } : {}) });
    }
    const link = type === 'link' || type === 'autolink' ? (typeof n.url === 'string' ? n.url : undefined) : href;
    for (const c of children(n)) inline(c, runs, link, depth + 1);
    // A passage marked as cited by claims: its claims follow the words, as footnotes.
    if (type === 'claim-mark' && Array.isArray(n.claimIds)) {
      for (const id of n.claimIds) if (typeof id === 'string') runs.push({ kind: 'cite', n: numberOf({ type: 'claim', id }) });
    }
  };

  const block = (n: Node, depth: number, ordered?: boolean): void => {
    if (depth > 100) return;
    const type = String(n.type ?? '');
    if (type === 'list') {
      for (const c of children(n)) block(c, depth + 1, n.listType === 'number');
      return;
    }
    if (type === 'listitem' && children(n).some((c) => c.type === 'list')) {
      for (const c of children(n)) block(c, depth + 1, ordered);
      return;
    }
    const kind: PacketBlock['kind'] =
      type === 'heading' ? 'heading' : type === 'quote' ? 'quote' : type === 'listitem' ? 'item' : type === 'code' ? 'code' : 'paragraph';
    const runs: DraftRun[] = [];
    for (const c of children(n)) inline(c, runs, undefined, depth + 1);
    const level = kind === 'heading' ? Math.min(6, Math.max(1, Number(/^h([1-6])$/.exec(String(n.tag))?.[1] ?? 2))) : undefined;
    blocks.push({ kind, ...(level ? { level } : {}), ...(kind === 'item' ? { ordered: Boolean(ordered) } : {}), runs });
  };

  for (const c of children(parseEditorState(note.content) as Node)) block(c, 0);
  const mentions = [...new Set(blocks.flatMap((b) => b.runs.flatMap((r) => (r.kind === 'mention' ? [r.sourceId] : []))))];
  return { note, blocks, targets, mentions };
}

/** The draft's plain text (blocks joined by blank lines) and where each citation's words lie in it. */
function layout(blocks: PacketBlock[]): { text: string; citations: PacketCitation[] } {
  let text = '';
  const citations: PacketCitation[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) text += '\n\n';
    let spanStart = text.length;
    for (const r of b.runs) {
      if (r.kind === 'text') text += r.text;
      else if (r.kind === 'break') text += '\n';
      else {
        // The cited words: from the previous citation (or the block's start) to this one, trimmed.
        const raw = text.slice(spanStart);
        const lead = raw.length - raw.trimStart().length;
        const exact = raw.trim();
        if (exact) citations.push({ n: r.n, exact, start: spanStart + lead, end: spanStart + lead + exact.length });
        spanStart = text.length;
      }
    }
  });
  return { text, citations };
}
