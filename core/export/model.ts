// The packet model (its shape: packet.ts), built once from the library for one case (or one
// note of it) and one profile. Redaction happens HERE: a value the profile withholds is never
// put into the model, and a final pass replaces any withheld name or contact value that turns
// up inside free text (a claim's wording, a note, a reply) — so no renderer can leak one.

import { claimIdsOfCase, corroborationOf, evidenceOfClaim, getClaim, getRecord, linksOfClaim, listDocuments, listExcerpts, repliesOf, verificationOf, type Claim, type DB, type DocumentSummary, type EvidenceLink, type Reply, type Source } from '../../db/index.js';
import type { ReadContext } from '../context.js';
import { recordedChecker } from '../preference-keys.js';
import { layout, readDraft, type Draft, type DraftTarget } from './draft.js';
import { packetMap } from './map.js';
import { say, type Packet, type PacketClaim, type PacketClaimLink, type PacketDocument, type PacketDraft, type PacketEvidence, type PacketExcerpt, type PacketFootnote, type PacketRun, type PacketSource, type PacketSourceRef } from './packet.js';
import type { Profile } from './profiles.js';
import { documentHash, draftNotes, extensionOf, packetExcerpt, tryClaim, tryExcerpt, trySource, type Attachment } from './records.js';
import { compileRedactor, type Redactor } from '../redaction/engine.js';
import { identityWithheld, libraryWithheld, noCounts, redactAcrossExcerpt, redactAcrossRuns, scrubDeep, sourceLabeller } from './redaction.js';

export interface BuildOptions {
  caseId: string;
  noteId?: string;
  profile: Profile;
  /** When the packet is made (fixed in tests). */
  now?: string;
  /** Leave the claim map out whatever the profile says: the format does not show it. */
  withoutMap?: boolean;
}

/** Builds the packet for a case or one of its notes, as the profile allows. */
export function buildPacket(ctx: ReadContext, opts: BuildOptions): Packet {
  return new PacketBuilder(ctx, opts).build();
}

/** What a packet under `profile` withholds, compiled: every source of the library counts, not only those of the packet. */
export function packetRedactor(db: DB, profile: Profile): Redactor {
  return compileRedactor(libraryWithheld(db, profile.fields));
}

const WITHHELD_FOOTNOTE = 'Withheld from this packet.';

/**
 * One packet in the making. The steps run in order — drafts, claims, documents, sources, then
 * the records that refer to each other by packet ref — and each counts what it leaves out.
 */
class PacketBuilder {
  private readonly db: DB;
  private readonly f: Profile['fields'];
  private readonly counts = noCounts();
  /** Finds every value no file of this packet may hold, however it is written (compiled once per packet). */
  private redactor: Redactor = compileRedactor({ people: [], phrases: [], emails: [], domains: [], phones: [] });
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
    private readonly ctx: ReadContext,
    private readonly opts: BuildOptions,
  ) {
    this.db = ctx.db;
    this.f = opts.profile.fields;
  }

  build(): Packet {
    const { db, opts } = this;
    const theCase = getRecord(db, 'case', opts.caseId, { includeTrashed: true });
    const notes = draftNotes(db, opts.caseId, opts.noteId);
    this.drafts = notes.map(readDraft);
    this.selectClaims();
    this.selectDocuments();
    const sources = this.buildSources();
    const corroboration = corroborationOf(db, this.included.map((c) => c.id));
    const claims = this.included.map((c) => this.buildClaim(c, corroboration.get(c.id)?.count ?? 0));
    const documents = [...this.docs.values()].map((d) => this.buildDocument(d));
    const drafts = this.drafts.map((d) => this.buildDraft(d, claims));
    const exporter = recordedChecker(this.ctx);
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
      map: null,
      redactions: this.counts,
    };
    // Values split between strings that print side by side, before the funnel takes each string alone.
    for (const d of packet.drafts) {
      const across = redactAcrossRuns(d.blocks, this.redactor);
      d.blocks = across.blocks;
      this.redactor.count(across.replaced);
    }
    const excerpt = (x: PacketExcerpt) => {
      const across = redactAcrossExcerpt(x, this.redactor);
      this.redactor.count(across.replaced);
      return across.excerpt;
    };
    for (const d of packet.documents) d.excerpts = d.excerpts.map(excerpt);
    for (const c of packet.claims) for (const e of c.evidence) if (e.excerpt) e.excerpt = excerpt(e.excerpt);
    const clean = scrubDeep(packet, (s) => this.redactor.redact(s));
    clean.redactions.textReplacements = this.redactor.replaced;
    // Citations are placed in the draft's text as it now reads, [withheld] and all.
    clean.drafts = clean.drafts.map((d) => ({ ...d, ...layout(d.blocks) }));
    // Drawn from the redacted model: its labels are the packet's own.
    if (this.f.claimMap && !this.opts.withoutMap) clean.map = packetMap(db, clean);
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
      : claimIdsOfCase(db, opts.caseId);
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
    // Withheld wherever they are written: every source of the library counts, not only those of this packet.
    this.redactor = packetRedactor(db, this.opts.profile);
    const records = [...this.sourceRecords.values()];
    this.labelOf = sourceLabeller(records, f.confidentialIdentities);
    const sorted = records.sort((a, b) => this.labelOf(a).localeCompare(this.labelOf(b), 'en', { sensitivity: 'base' }));
    sorted.forEach((s, i) => this.sourceRef.set(s.id, `S${i + 1}`));

    const reached = new Map<string, Set<string>>();
    const reach = (id: string, how: string) => reached.set(id, (reached.get(id) ?? new Set<string>()).add(how));
    for (const c of this.included) for (const s of c.sourceIds) reach(s, say(c.medium));
    for (const list of this.replies.values()) for (const r of list) if (r.sourceId && r.channel) reach(r.sourceId, `${r.channel} (right of reply)`);

    return sorted.map((s) => {
      const hide = identityWithheld(s, f);
      if (hide) counts.confidentialIdentities++;
      const contact = Object.entries(s.contact ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as [string, string][];
      // A hidden identity's contact details would name it: they go with it.
      const showContact = f.contactDetails && !hide;
      if (!showContact) counts.contactDetails += contact.length;
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
        ...(showContact ? { contact: contact.map(([kind, value]) => ({ kind, value })) } : {}),
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

  private buildDocument(d: DocumentSummary): PacketDocument {
    const h = this.hashes.get(d.id)!;
    const ref = this.docRef.get(d.id)!;
    // Whether the file itself may go (cleaned of its metadata, checked for withheld names) is
    // decided where the ZIP reads it: carryOriginals in zip.ts.
    const file = h.attachment && this.f.evidenceFiles ? h.attachment : null;
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

