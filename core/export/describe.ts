// The words of a packet, shared by the HTML and Markdown renderers: each record as label/value
// rows, so the two formats say the same things in the same order.

import type { Packet, PacketClaim, PacketDocument, PacketExcerpt, PacketFootnote, PacketOriginal, PacketSource, PacketVerification, RedactionCounts } from './packet.js';
import { say } from './packet.js';

export type Row = [label: string, value: string];

/** What each count says, for one and for several. */
const REDACTION_WORDS: Record<keyof RedactionCounts, [string, string]> = {
  confidentialIdentities: ['confidential identity shown by description only', 'confidential identities shown by description only'],
  contactDetails: ['contact detail left out', 'contact details left out'],
  sourceNotes: ['source’s private notes left out', 'sources’ private notes left out'],
  anonymityReasons: ['reason for anonymity left out', 'reasons for anonymity left out'],
  claimsWithheld: ['claim withheld for its attribution level', 'claims withheld for their attribution level'],
  verificationEntries: ['earlier verification entry left out', 'earlier verification entries left out'],
  counterclaims: ['claim link left out', 'claim links left out'],
  replies: ['right-of-reply entry left out', 'right-of-reply entries left out'],
  evidence: ['evidence item left out', 'evidence items left out'],
  evidenceFiles: ['original evidence file left out', 'original evidence files left out'],
  citationsWithheld: ['draft citation withheld', 'draft citations withheld'],
  textReplacements: ['withheld name or contact value replaced in the text by [withheld]', 'withheld names or contact values replaced in the text by [withheld]'],
};

/** What was redacted, as counts only: never what. */
export function redactionLines(counts: RedactionCounts): string[] {
  return (Object.keys(REDACTION_WORDS) as (keyof RedactionCounts)[]).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${REDACTION_WORDS[k][counts[k] === 1 ? 0 : 1]}`);
}

export function packetTitle(p: Packet): string {
  return p.scope.kind === 'note' ? `Source packet: ${p.scope.title}` : `Source packet: ${p.case.title}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function coverRows(p: Packet): Row[] {
  const originals = originalsLine(p);
  return [
    ['Case', p.case.title],
    ['Scope', p.scope.kind === 'note' ? `One note: ${p.scope.title}` : 'The whole case'],
    ['Profile', `${p.profile.label}: ${p.profile.description}`],
    ['Attribution levels included', p.profile.attributions.map(say).join(', ')],
    ['Exported by', p.exportedBy ?? 'withheld by this profile'],
    ['Exported at', p.exportedAt],
    ['Contents', [count(p.drafts.length, 'draft or note', 'drafts and notes'), count(p.sources.length, 'source'), count(p.claims.length, 'claim'), count(p.documents.length, 'document')].join(', ')],
    ...(originals ? [['Original files', originals] as Row] : []),
  ];
}

/** What the packet's claim map shows and where its positions come from. */
export function mapCaption(map: NonNullable<Packet['map']>): string {
  const where = {
    saved: 'Positions as the reporter left them on the map.',
    'partly saved': 'Positions as the reporter left them on the map; the nodes never placed there were laid out for this packet.',
    computed: 'Laid out for this packet (the reporter had not arranged the map).',
  }[map.layout];
  return `The claims, sources and documents of this packet (${count(map.nodes, 'node')}, ${count(map.edges, 'link')}), named as the packet names them; each node’s whole label is its tooltip. ${where}`;
}

export function verificationLine(v: PacketVerification): string {
  const who = v.checker ? ` by ${v.checker}` : '';
  const how = [v.method, v.note].filter(Boolean).join(' — ');
  return `${say(v.status)} (${v.at.slice(0, 10)}${who})${how ? `: ${how}` : ''}`;
}

export function sourceRows(s: PacketSource): Row[] {
  const rows: Row[] = [['Kind', s.kind]];
  if (s.confidential) rows.push(['Confidential', s.identityWithheld ? 'yes: identity withheld from this packet' : 'yes']);
  if (s.aliases.length) rows.push(['Also known as', s.aliases.join('; ')]);
  if (s.role) rows.push(['Role', s.role]);
  if (s.affiliation) rows.push(['Affiliation', s.affiliation]);
  if (s.reliability) rows.push(['Reliability (Admiralty)', s.reliability]);
  rows.push(['Usual terms', say(s.defaultAttribution)]);
  if (s.reached.length) rows.push(['Reached by', s.reached.join('; ')]);
  for (const c of s.contact ?? []) rows.push([`Contact (${c.kind})`, c.value]);
  if (s.anonymityReason) rows.push(['Why anonymous', s.anonymityReason]);
  if (s.identityKnownBy) rows.push(['Identity known by', s.identityKnownBy]);
  if (s.notes) rows.push(['Notes', s.notes]);
  return rows;
}

export function claimRows(c: PacketClaim): Row[] {
  const rows: Row[] = [
    ['Source', c.sources.map((s) => s.label).join('; ') || 'none recorded'],
    ['Attribution', say(c.attribution)],
    ['Said', [c.saidOn ?? 'date unknown', say(c.medium)].join(', ')],
    ['Status', say(c.status)],
    ['Corroboration', `${c.corroboration} independent source${c.corroboration === 1 ? '' : 's'}`],
  ];
  if (c.quote) rows.splice(1, 0, [c.quoteKind === 'verbatim' ? 'Verbatim' : 'Paraphrase', c.quote]);
  if (c.counterclaimCount) rows.push(['Counterclaims', String(c.counterclaimCount)]);
  if (c.tags.length) rows.push(['Tags', c.tags.join(', ')]);
  return rows;
}

export function documentRows(d: PacketDocument): Row[] {
  const rows: Row[] = [['Kind', d.kind]];
  if (d.author) rows.push(['Author', d.author]);
  if (d.publisher) rows.push(['Publisher', d.publisher]);
  if (d.publishedOn) rows.push(['Published', d.publishedOn]);
  if (d.url) rows.push(['URL', d.url]);
  if (d.retrievedAt) rows.push(['Retrieved', d.retrievedAt]);
  rows.push([d.hashOf === 'file' ? 'SHA-256 (original file)' : 'SHA-256 (text)', d.sha256]);
  if (d.original) rows.push(originalRow(d.original));
  return rows;
}

/** What became of a document's original file, with both hashes when the file in the packet is not the original. */
function originalRow(o: PacketOriginal): Row {
  const c = o.carried;
  if (!c) return ['Original file', 'not part of this format (the ZIP packet carries original files)'];
  if (c.kind === 'untouched') return ['Original in this packet', o.path];
  if (c.kind === 'excluded') return ['Original file', `left out: ${c.reason}`];
  const what = c.removed.length ? `metadata removed (${c.removed.join(', ')})` : 'no metadata found to remove';
  const hashes = c.sha256 === o.sha256 ? `SHA-256 of the original and of the file in this packet: ${o.sha256}` : `SHA-256 of the original: ${o.sha256}, of the file in this packet: ${c.sha256}`;
  return ['Original in this packet', `${o.path}: ${what}; ${hashes}`];
}

/** The cover's count of original files: how many the packet carries, cleaned, and left out. */
function originalsLine(p: Packet): string | null {
  const carried = p.documents.flatMap((d) => (d.original?.carried ? [d.original.carried] : []));
  if (!carried.length) return null;
  const excluded = carried.filter((c) => c.kind === 'excluded').length;
  const stripped = carried.filter((c) => c.kind === 'cleaned' && c.removed.length > 0).length;
  const parts = [`${count(carried.length - excluded, 'file')} in this packet${stripped ? ` (${stripped} with ${stripped === 1 ? 'its' : 'their'} metadata removed)` : ''}`];
  if (excluded) parts.push(`${excluded} left out (the reason is under each document)`);
  return parts.join('; ');
}

export function excerptLocator(e: PacketExcerpt): string {
  return [e.page ? `p. ${e.page}` : '', e.locator, `characters ${e.start}–${e.end}`].filter(Boolean).join(', ');
}

/** A footnote's lines: the claim with source, terms, date, medium, status and its evidence. */
export function footnoteParts(p: Packet, f: PacketFootnote): { head: string; rows: Row[]; evidence: PacketClaim['evidence'] } {
  if (f.type !== 'claim' || !f.ref) return { head: f.ref ? `${f.ref}: ${f.label}` : f.label, rows: [], evidence: [] };
  const c = p.claims.find((x) => x.ref === f.ref)!;
  const rows = claimRows(c).filter(([label]) => label !== 'Tags');
  if (c.lastVerification) rows.push(['Last checked', verificationLine(c.lastVerification)]);
  return { head: `${c.ref}: ${c.statement}`, rows, evidence: c.evidence };
}

export function evidenceLine(e: PacketClaim['evidence'][number]): string {
  return `${e.stance}: ${e.documentRef} ${e.documentTitle}${e.locator ? ` (${e.locator})` : ''}, SHA-256 ${e.sha256}`;
}
