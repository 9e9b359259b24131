// The packet as Markdown with footnotes ([^1] style, as GitHub and pandoc read them). Every value
// is escaped, so a record's text can neither add markup nor smuggle in raw HTML.

import { coverRows, claimRows, documentRows, evidenceLine, excerptLocator, footnoteParts, mapCaption, packetTitle, redactionLines, sourceRows, verificationLine, type Row } from './describe.js';
import type { Packet, PacketBlock, PacketDraft, PacketExcerpt } from './packet.js';
import { say } from './packet.js';
import { MAP_FILE } from './map.js';

/** Text that Markdown shows as it is. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-]|\d+\.)/, (_, space: string, lead: string) => `${space}${lead.replace(/([#+.-])/, '\\$1')}`);
}

const m = escapeMarkdown;

function rows(list: Row[], indent = ''): string {
  return list.map(([k, v]) => `${indent}- **${m(k)}:** ${m(v)}`).join('\n');
}

function excerpt(x: PacketExcerpt, indent = ''): string {
  const before = x.prefix ? `…${m(x.prefix)}` : '';
  const after = x.suffix ? `${m(x.suffix)}…` : '';
  return `${indent}> ${before}**${m(x.exact)}**${after}\n${indent}> — ${m(excerptLocator(x))}${x.comment ? `: ${m(x.comment)}` : ''}`;
}

function blocks(list: PacketBlock[], draftIndex: number): string {
  let number = 0;
  return list
    .map((b) => {
      const text = b.runs
        .map((r) => {
          if (r.kind === 'break') return '  \n';
          if (r.kind === 'cite') return `[^d${draftIndex}-${r.n}]`;
          let out = m(r.text);
          if (r.href) out = `[${out}](<${r.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
          if (r.bold) out = `**${out}**`;
          if (r.italic) out = `*${out}*`;
          return out;
        })
        .join('');
      number = b.kind === 'item' && b.ordered ? number + 1 : 0;
      if (b.kind === 'heading') return `${'#'.repeat(Math.min(6, (b.level ?? 2) + 2))} ${text}`;
      if (b.kind === 'quote') return `> ${text}`;
      if (b.kind === 'item') return b.ordered ? `${number}. ${text}` : `- ${text}`;
      if (b.kind === 'code') return `    ${text}`;
      return text;
    })
    .filter(Boolean)
    .join('\n\n');
}

function draft(p: Packet, d: PacketDraft, i: number): string {
  const notes = d.footnotes.map((f) => {
    const parts = footnoteParts(p, f);
    const body = [rows(parts.rows, '    '), ...parts.evidence.map((x) => `    - ${m(evidenceLine(x))}${x.excerpt ? `\n\n${excerpt(x.excerpt, '      ')}` : ''}`)].filter(Boolean).join('\n');
    return `[^d${i}-${f.n}]: ${f.ref ? '' : '*'}${m(parts.head)}${f.ref ? '' : '*'}${body ? `\n\n${body}` : ''}`;
  });
  return `### ${m(d.title)}\n\n${blocks(d.blocks, i)}\n\n${notes.join('\n\n')}`;
}

/** The whole packet as Markdown. */
export function renderMarkdown(p: Packet): string {
  const out: string[] = [`# ${m(packetTitle(p))}`, rows(coverRows(p))];
  const redactions = redactionLines(p.redactions);
  out.push('**Redacted:**', redactions.length ? redactions.map((r) => `- ${m(r)}`).join('\n') : 'Nothing: this profile includes everything.');
  if (p.map) {
    out.push('## Claim map', `![Claim map](${MAP_FILE})`, `${m(mapCaption(p.map))} The picture is the file ${m(MAP_FILE)} beside this one in the ZIP packet; the HTML and PDF packets draw it in place.`);
  }
  if (p.drafts.length) out.push('## Drafts and notes', ...p.drafts.map((d, i) => draft(p, d, i + 1)));
  out.push('## Sources', ...p.sources.map((s) => `### ${s.ref}\\. ${m(s.label)}\n\n${rows(sourceRows(s))}`));
  out.push('## Claims');
  if (p.claims.length) {
    const cell = (s: string) => m(s);
    out.push(
      ['| # | Statement | Source | Status | Corroboration | Counterclaims | Replies |', '| --- | --- | --- | --- | --- | --- | --- |']
        .concat(p.claims.map((c) => `| ${c.ref} | ${cell(c.statement)} | ${cell(c.sources.map((s) => s.label).join('; '))} | ${cell(say(c.status))} | ${c.corroboration} | ${c.counterclaimCount} | ${c.replies.length} |`))
        .join('\n'),
    );
  }
  for (const c of p.claims) {
    const parts = [`### ${c.ref}\\. ${m(c.statement)}`, rows(claimRows(c))];
    if (c.verification.length) parts.push('**Verification:**', c.verification.map((v) => `- ${m(verificationLine(v))}`).join('\n'));
    if (c.links.length) parts.push('**Linked claims:**', c.links.map((l) => `- ${m(`${l.direction === 'outgoing' ? `${say(l.relation)} ${l.claimRef}` : `${l.claimRef} ${say(l.relation)} this`}: ${l.statement} (${say(l.status)})${l.note ? ` — ${l.note}` : ''}`)}`).join('\n'));
    if (c.replies.length) parts.push('**Right of reply:**', c.replies.map((r) => `- ${m(`${r.subject}, contacted ${r.contactedAt.slice(0, 10)} by ${r.channel || 'unknown channel'}: ${r.response || 'no response'}`)}`).join('\n'));
    if (c.evidence.length) parts.push('**Evidence:**', c.evidence.map((x) => `- ${m(evidenceLine(x))}${x.note ? ` — ${m(x.note)}` : ''}${x.excerpt ? `\n\n${excerpt(x.excerpt, '  ')}` : ''}`).join('\n'));
    out.push(parts.join('\n\n'));
  }
  if (p.documents.length) {
    out.push('## Evidence', ...p.documents.map((d) => [`### ${d.ref}\\. ${m(d.title)}`, rows(documentRows(d)), ...d.excerpts.map((x) => excerpt(x))].join('\n\n')));
  }
  return `${out.join('\n\n')}\n`;
}
