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
  type DocumentRecord,
  type DocumentSummary,
  type EvidenceLink,
  type Excerpt,
  type Medium,
  type Note,
  type Relation,
  type Reply,
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

export interface PacketDocument extends Pick<DocumentRecord, 'id' | 'title' | 'kind' | 'author' | 'publisher' | 'publishedOn' | 'url' | 'retrievedAt'> {
  ref: string;
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

/** What a packet may not hold: whole values in any case, and name parts as written (capitalised). */
interface Withheld {
  values: string[];
  nameParts: string[];
}

/** One alternation of whole-word matches (a value inside a longer word is another word). */
function wordsPattern(values: string[], flags: string): RegExp | null {
  const unique = [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
  if (!unique.length) return null;
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edge = (c: string | undefined) => Boolean(c && /[\p{L}\p{N}]/u.test(c));
  const alternatives = unique.map((v) => `${edge(v[0]) ? '(?<![\\p{L}\\p{N}])' : ''}${escape(v)}${edge(v.at(-1)) ? '(?![\\p{L}\\p{N}])' : ''}`);
  return new RegExp(alternatives.join('|'), flags);
}

/** Replaces every withheld value with [withheld], counting how often it did. */
function scrubber(withheld: Withheld): ((s: string) => string) & { replaced: number } {
  const patterns = [wordsPattern(withheld.values, 'giu'), wordsPattern(withheld.nameParts, 'gu')].filter((p): p is RegExp => p !== null);
  const fn = Object.assign(
    (s: string) =>
      patterns.reduce(
        (text, pattern) =>
          text.replace(pattern, () => {
            fn.replaced++;
            return WITHHELD;
          }),
        s,
      ),
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
  return new PacketBuilder(ctx, opts).build();
}

const WITHHELD_FOOTNOTE = 'Withheld from this packet.';

function noCounts(): RedactionCounts {
  return {
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
}

/**
 * One packet in the making. The steps run in order — drafts, claims, documents, sources, then
 * the records that refer to each other by packet ref — and each counts what it leaves out.
 */
class PacketBuilder {
  private readonly db: DB;
  private readonly f: Profile['fields'];
  private readonly counts = noCounts();
  /** Every value no file of this packet may hold (names and their parts, aliases, contact values). */
  private readonly withheld: Withheld = { values: [], nameParts: [] };
  private drafts: Draft[] = [];
  private included: Claim[] = [];
  private claimRef = new Map<string, string>();
  private docs = new Map<string, DocumentSummary>();
  private docRef = new Map<string, string>();
  private hashes = new Map<string, { sha256: string; attachment: Attachment | null }>();
  private evidenceByClaim = new Map<string, EvidenceLink[]>();
  private replies = new Map<string, Reply[]>();
  private sourceRecords = new Map<string, Source>();
  private sourceRef = new Map<string, string>();
  private labelOf: (s: Source) => string = (s) => s.name;

  constructor(
    private readonly ctx: Context,
    private readonly opts: BuildOptions,
  ) {
    this.db = ctx.db;
    this.f = opts.profile.fields;
  }

  build(): Packet {
    const { db, opts } = this;
    const theCase = getRecord(db, 'case', opts.caseId, { includeTrashed: true }) as unknown as { id: string; title: string; description: string };
    const notes = draftNotes(db, opts.caseId, opts.noteId);
    this.drafts = notes.map(readDraft);
    this.selectClaims();
    this.selectDocuments();
    const sources = this.buildSources();
    const corroboration = corroborationOf(db, this.included.map((c) => c.id));
    const claims = this.included.map((c) => this.buildClaim(c, corroboration.get(c.id)?.count ?? 0));
    const documents = [...this.docs.values()].map((d) => this.buildDocument(d));
    const drafts = this.drafts.map((d) => this.buildDraft(d, claims));
    const exporter = getMeta(db, CHECKER_PREFERENCE) || this.ctx.checker;
    const packet: Packet = {
      case: { id: theCase.id, title: theCase.title, description: theCase.description },
      scope: opts.noteId ? { kind: 'note', noteId: opts.noteId, title: notes[0]!.title } : { kind: 'case' },
      profile: opts.profile,
      exportedAt: opts.now ?? new Date().toISOString(),
      exportedBy: this.person(exporter),
      drafts,
      sources,
      claims,
      documents,
      redactions: this.counts,
    };
    const scrub = scrubber(this.withheld);
    const clean = scrubDeep(packet, scrub);
    clean.redactions.textReplacements = scrub.replaced;
    return clean;
  }

  private person(name: string): string | null {
    return this.f.people ? name : null;
  }

  /** The case's claims, or those the note cites; those said on terms the profile leaves out are withheld. */
  private selectClaims(): void {
    const { db, opts } = this;
    const ids = opts.noteId
      ? [...new Set(this.drafts.flatMap((d) => d.targets.filter((t) => t.type === 'claim').map((t) => t.id)))]
      : (db.prepare('SELECT id FROM claims WHERE case_id = ? AND deleted_at IS NULL ORDER BY created_at, id').pluck().all(opts.caseId) as string[]);
    const candidates = ids.map((id) => tryClaim(db, id, opts.caseId)).filter((c): c is Claim => c !== null);
    this.included = candidates.filter((c) => opts.profile.attributions.includes(c.attribution));
    this.counts.claimsWithheld = candidates.length - this.included.length;
    this.claimRef = new Map(this.included.map((c, i) => [c.id, `C${i + 1}`]));
    for (const c of this.included) {
      this.evidenceByClaim.set(c.id, evidenceOfClaim(db, c.id));
      this.replies.set(c.id, repliesOf(db, { claimId: c.id }));
    }
  }

  /** The case's documents, or those the note's claims and citations reach. */
  private selectDocuments(): void {
    const { db, opts } = this;
    const caseDocs = new Map(listDocuments(db, opts.caseId).map((d) => [d.id, d]));
    const wanted = new Set<string>(opts.noteId ? [] : caseDocs.keys());
    for (const links of this.evidenceByClaim.values()) for (const l of links) wanted.add(l.documentId);
    for (const t of this.drafts.flatMap((d) => d.targets)) {
      if (t.type === 'document') wanted.add(t.id);
      if (t.type === 'excerpt') {
        const e = tryExcerpt(db, t.id);
        if (e) wanted.add(e.documentId);
      }
    }
    if (!this.f.evidence) {
      this.counts.evidence = wanted.size;
      return;
    }
    const list = [...wanted].map((id) => caseDocs.get(id)).filter((d): d is DocumentSummary => Boolean(d));
    list.forEach((d, i) => {
      this.docs.set(d.id, d);
      this.docRef.set(d.id, `D${i + 1}`);
      this.hashes.set(d.id, documentHash(db, d));
    });
  }

  /** Sources of the included claims, mentioned in drafts, or subjects of replies: alphabetical, as the profile names them. */
  private buildSources(): PacketSource[] {
    const { db, f, counts } = this;
    const ids = new Set<string>();
    for (const c of this.included) for (const s of c.sourceIds) ids.add(s);
    for (const d of this.drafts) for (const id of d.mentions) ids.add(id);
    for (const list of this.replies.values()) for (const r of list) if (r.sourceId) ids.add(r.sourceId);
    for (const id of ids) {
      const s = trySource(db, id);
      if (s) this.sourceRecords.set(id, s);
    }
    // Confidential identities are withheld wherever they are written, including those of this
    // library's confidential sources that no included claim names.
    if (!f.confidentialIdentities) {
      for (const s of db.prepare('SELECT kind, name, aliases FROM sources WHERE confidential = 1').all() as { kind: string; name: string; aliases: string }[]) {
        this.withheld.values.push(s.name, ...(JSON.parse(s.aliases || '[]') as string[]));
        // A person is also named by a first or last name alone ("Entrena said…").
        if (s.kind === 'person') for (const part of s.name.split(/[\s,]+/).filter((p) => p.length >= 4)) this.withheld.nameParts.push(part, part.toUpperCase());
      }
    }
    const records = [...this.sourceRecords.values()];
    this.labelOf = sourceLabeller(records, f.confidentialIdentities);
    const sorted = records.sort((a, b) => this.labelOf(a).localeCompare(this.labelOf(b), 'en', { sensitivity: 'base' }));
    sorted.forEach((s, i) => this.sourceRef.set(s.id, `S${i + 1}`));

    const reached = new Map<string, Set<string>>();
    const reach = (id: string, how: string) => reached.set(id, (reached.get(id) ?? new Set<string>()).add(how));
    for (const c of this.included) for (const s of c.sourceIds) reach(s, say(c.medium));
    for (const list of this.replies.values()) for (const r of list) if (r.sourceId && r.channel) reach(r.sourceId, `${r.channel} (right of reply)`);

    return sorted.map((s) => {
      const hide = s.confidential && !f.confidentialIdentities;
      if (hide) counts.confidentialIdentities++;
      const contact = Object.entries(s.contact ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as [string, string][];
      if (!f.contactDetails) {
        counts.contactDetails += contact.length;
        for (const [, v] of contact) this.withheld.values.push(v);
      }
      if (!f.sourceNotes && (s.notes || s.identityKnownBy)) counts.sourceNotes++;
      if (!f.anonymityReasons && s.anonymityReason) counts.anonymityReasons++;
      const affiliation = s.affiliationId ? trySource(db, s.affiliationId) : null;
      return {
        id: s.id,
        ref: this.sourceRef.get(s.id)!,
        label: this.labelOf(s),
        kind: s.kind,
        confidential: s.confidential,
        identityWithheld: hide,
        aliases: hide ? [] : s.aliases,
        role: hide ? '' : s.role,
        affiliation: hide || !affiliation ? null : this.labelOf(affiliation),
        reliability: s.reliability,
        defaultAttribution: s.defaultAttribution,
        ...(f.contactDetails ? { contact: contact.map(([kind, value]) => ({ kind, value })) } : {}),
        ...(f.anonymityReasons && s.confidential ? { anonymityReason: s.anonymityReason } : {}),
        ...(f.sourceNotes ? { identityKnownBy: s.identityKnownBy, notes: s.notes } : {}),
        reached: [...(reached.get(s.id) ?? [])].sort(),
      };
    });
  }

  private refOf(id: string): PacketSourceRef {
    const s = this.sourceRecords.get(id);
    return s ? { ref: this.sourceRef.get(id)!, label: this.labelOf(s) } : { ref: '', label: 'Unknown source' };
  }

  private buildClaim(c: Claim, corroboration: number): PacketClaim {
    const { db, f, counts } = this;
    const log = verificationOf(db, c.id).map((v) => ({ status: v.status, checker: this.person(v.checker), method: v.method, note: v.note, at: v.createdAt }));
    const verification = f.verificationHistory ? log : log.slice(-1);
    counts.verificationEntries += log.length - verification.length;
    const links: PacketClaimLink[] = [];
    let counterclaimCount = 0;
    for (const l of linksOfClaim(db, c.id)) {
      const outgoing = l.fromClaimId === c.id;
      const other = outgoing ? l.toClaimId : l.fromClaimId;
      const ref = this.claimRef.get(other);
      if (ref && l.relation === 'contradicts') counterclaimCount++;
      if (!ref || !f.counterclaims) {
        counts.counterclaims++;
        continue;
      }
      const o = getClaim(db, other);
      links.push({ relation: l.relation, direction: outgoing ? 'outgoing' : 'incoming', claimRef: ref, statement: o.statement, status: o.status, note: l.note });
    }
    const replies = this.replies.get(c.id) ?? [];
    if (!f.replies) counts.replies += replies.length;
    return {
      id: c.id,
      ref: this.claimRef.get(c.id)!,
      statement: c.statement,
      quote: c.quote,
      quoteKind: c.quoteKind,
      sources: c.sourceIds.map((id) => this.refOf(id)),
      saidOn: c.saidOn,
      medium: c.medium,
      attribution: c.attribution,
      status: c.status,
      tags: c.tags,
      createdAt: c.createdAt,
      corroboration,
      counterclaimCount,
      verification,
      lastVerification: log.at(-1) ?? null,
      links,
      replies: f.replies
        ? replies.map((r) => ({
            subject: r.sourceId && this.sourceRef.has(r.sourceId) ? this.refOf(r.sourceId).label : r.subject,
            contactedAt: r.contactedAt,
            channel: r.channel,
            response: r.response,
            respondedAt: r.respondedAt,
          }))
        : [],
      evidence: this.evidenceOf(c.id),
    };
  }

  private evidenceOf(claimId: string): PacketEvidence[] {
    const out: PacketEvidence[] = [];
    for (const l of this.evidenceByClaim.get(claimId) ?? []) {
      const d = this.docs.get(l.documentId);
      if (!d) {
        this.counts.evidence++;
        continue;
      }
      const excerpt = l.excerptId ? tryExcerpt(this.db, l.excerptId) : null;
      out.push({
        stance: l.stance,
        documentRef: this.docRef.get(d.id)!,
        documentId: d.id,
        documentTitle: d.title,
        sha256: this.hashes.get(d.id)!.sha256,
        locator: l.locator || excerpt?.locator || (excerpt?.page ? `p. ${excerpt.page}` : ''),
        note: l.note,
        excerpt: excerpt ? packetExcerpt(excerpt) : null,
      });
    }
    return out;
  }

  /** An original file cannot be redacted: one that names a withheld value stays out of the packet. */
  private namesWithheld(d: DocumentSummary, a: Attachment): boolean {
    const naming = scrubber(this.withheld);
    const text = this.db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(d.id) as string;
    let bytes = '';
    try {
      bytes = readFileSync(attachmentPath(this.ctx.libraryPath, a.sha256)).toString('utf8');
    } catch {
      // A missing original is reported when the ZIP is made.
    }
    return naming(text) !== text || naming(bytes) !== bytes;
  }

  private buildDocument(d: DocumentSummary): PacketDocument {
    const h = this.hashes.get(d.id)!;
    const ref = this.docRef.get(d.id)!;
    const file = h.attachment && this.f.evidenceFiles && !this.namesWithheld(d, h.attachment) ? h.attachment : null;
    if (h.attachment && !file) this.counts.evidenceFiles++;
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
      original: file ? { path: `evidence/${ref}-${h.sha256.slice(0, 12)}.${extensionOf(file.media_type, d.fileName)}`, sha256: h.sha256, size: file.size, mediaType: file.media_type } : null,
      excerpts: listExcerpts(this.db, d.id).map(packetExcerpt),
    };
  }

  private footnote(t: DraftTarget, claims: PacketClaim[]): Omit<PacketFootnote, 'n'> {
    const withheld = { type: t.type, ref: null, id: null, label: WITHHELD_FOOTNOTE };
    if (t.type === 'claim') {
      const ref = this.claimRef.get(t.id);
      return ref ? { type: 'claim', ref, id: t.id, label: claims.find((c) => c.ref === ref)!.statement } : withheld;
    }
    if (t.type === 'source') {
      const ref = this.sourceRef.get(t.id);
      return ref ? { type: 'source', ref, id: t.id, label: this.refOf(t.id).label } : withheld;
    }
    const excerpt = t.type === 'excerpt' ? tryExcerpt(this.db, t.id) : null;
    const docId = t.type === 'document' ? t.id : excerpt?.documentId;
    const doc = docId ? this.docs.get(docId) : undefined;
    if (!doc) return withheld;
    return { type: t.type, ref: this.docRef.get(doc.id)!, id: t.id, label: excerpt ? `“${excerpt.exact}” — ${doc.title}` : doc.title };
  }

  private buildDraft(d: Draft, claims: PacketClaim[]): PacketDraft {
    const footnotes = d.targets.map((t, i) => ({ n: i + 1, ...this.footnote(t, claims) }));
    this.counts.citationsWithheld += footnotes.filter((n) => n.ref === null).length;
    // A mention shows the source as the profile names it, never the name stored in the note.
    const mention = (id: string, fallback: string) => (this.sourceRef.has(id) ? this.refOf(id).label : fallback);
    const blocks = d.blocks.map((b) => ({ ...b, runs: b.runs.map((r): PacketRun => (r.kind === 'mention' ? { kind: 'text', text: mention(r.sourceId, r.text) } : r)) }));
    const { text, citations } = layout(blocks);
    return { id: d.note.id, title: d.note.title, createdAt: d.note.createdAt, updatedAt: d.note.updatedAt, blocks, text, footnotes, citations };
  }
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
