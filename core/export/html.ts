// The packet as one self-contained HTML file: no scripts, a restrictive CSP, every value escaped.
// It prints as it reads (print CSS), and the PDF is printed from it.

import { coverRows, claimRows, documentRows, evidenceLine, excerptLocator, footnoteParts, mapCaption, packetTitle, redactionLines, sourceRows, verificationLine, type Row } from './describe.js';
import type { Packet, PacketBlock, PacketClaim, PacketDraft, PacketExcerpt, PacketRun } from './packet.js';
import { say } from './packet.js';
import { PACKET_CSS } from './style.js';

export const PACKET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Any text of a record, safe in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const e = escapeHtml;

function rows(list: Row[]): string {
  if (!list.length) return '';
  return `<dl class="rows">${list.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}

function link(url: string, text: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${e(url)}" rel="noreferrer noopener">${e(text)}</a>` : e(text);
}

function excerpt(x: PacketExcerpt): string {
  const context = (s: string) => (s ? `<span class="context">${e(s)}</span>` : '');
  return `<blockquote class="excerpt">${context(x.prefix ? `…${x.prefix}` : '')}<mark>${e(x.exact)}</mark>${context(x.suffix ? `${x.suffix}…` : '')}<div class="muted">${e(excerptLocator(x))}${x.comment ? ` — ${e(x.comment)}` : ''}</div></blockquote>`;
}

function run(r: PacketRun, draftIndex: number): string {
  if (r.kind === 'break') return '<br>';
  if (r.kind === 'cite') return `<sup class="fn"><a href="#fn-${draftIndex}-${r.n}" id="ref-${draftIndex}-${r.n}">[${r.n}]</a></sup>`;
  let out = r.href ? link(r.href, r.text) : e(r.text);
  if (r.bold) out = `<strong>${out}</strong>`;
  if (r.italic) out = `<em>${out}</em>`;
  return out;
}

function blocks(list: PacketBlock[], draftIndex: number): string {
  const out: string[] = [];
  let openList: 'ul' | 'ol' | null = null;
  for (const b of list) {
    const inner = b.runs.map((r) => run(r, draftIndex)).join('');
    const wanted = b.kind === 'item' ? (b.ordered ? 'ol' : 'ul') : null;
    if (openList && openList !== wanted) {
      out.push(`</${openList}>`);
      openList = null;
    }
    if (wanted && !openList) {
      out.push(`<${wanted}>`);
      openList = wanted;
    }
    if (b.kind === 'item') out.push(`<li>${inner}</li>`);
    else if (b.kind === 'heading') out.push(`<h${Math.min(6, (b.level ?? 2) + 2)}>${inner}</h${Math.min(6, (b.level ?? 2) + 2)}>`);
    else if (b.kind === 'quote') out.push(`<blockquote>${inner}</blockquote>`);
    else if (b.kind === 'code') out.push(`<pre><code>${inner}</code></pre>`);
    else if (inner) out.push(`<p>${inner}</p>`);
  }
  if (openList) out.push(`</${openList}>`);
  return out.join('\n');
}

function draft(p: Packet, d: PacketDraft, i: number): string {
  const notes = d.footnotes.map((f) => {
    const parts = footnoteParts(p, f);
    const head = f.ref ? e(parts.head) : `<span class="withheld">${e(parts.head)}</span>`;
    const evidence = parts.evidence.map((x) => `<li>${e(evidenceLine(x))}${x.excerpt ? excerpt(x.excerpt) : ''}</li>`).join('');
    return `<li id="fn-${i}-${f.n}">${head} <a href="#ref-${i}-${f.n}" aria-label="Back to the text">↩</a>${rows(parts.rows)}${evidence ? `<ul>${evidence}</ul>` : ''}</li>`;
  });
  return `<article class="draft"><h3>${e(d.title)}</h3>\n${blocks(d.blocks, i)}\n${notes.length ? `<ol class="footnotes">${notes.join('\n')}</ol>` : ''}</article>`;
}

function claimDetail(c: PacketClaim): string {
  const log = c.verification.length ? `<h4>Verification</h4><ul>${c.verification.map((v) => `<li>${e(verificationLine(v))}</li>`).join('')}</ul>` : '';
  const links = c.links.length
    ? `<h4>Linked claims</h4><ul>${c.links.map((l) => `<li>${e(l.direction === 'outgoing' ? `${say(l.relation)} ${l.claimRef}` : `${l.claimRef} ${say(l.relation)} this`)}: ${e(l.statement)} (${e(say(l.status))})${l.note ? ` — ${e(l.note)}` : ''}</li>`).join('')}</ul>`
    : '';
  const replies = c.replies.length
    ? `<h4>Right of reply</h4><ul>${c.replies.map((r) => `<li>${e(`${r.subject}, contacted ${r.contactedAt.slice(0, 10)} by ${r.channel || 'unknown channel'}: ${r.response || 'no response'}${r.respondedAt ? ` (responded ${r.respondedAt.slice(0, 10)})` : ''}`)}</li>`).join('')}</ul>`
    : '';
  const evidence = c.evidence.length ? `<h4>Evidence</h4><ul>${c.evidence.map((x) => `<li>${e(evidenceLine(x))}${x.note ? ` — ${e(x.note)}` : ''}${x.excerpt ? excerpt(x.excerpt) : ''}</li>`).join('')}</ul>` : '';
  return `<section class="record" id="claim-${e(c.ref)}"><h3>${e(c.ref)}. ${e(c.statement)}</h3>${rows(claimRows(c))}${log}${links}${replies}${evidence}</section>`;
}

/** The whole packet as HTML. */
export function renderHtml(p: Packet): string {
  const title = packetTitle(p);
  const redactions = redactionLines(p.redactions);
  const cover = `<header class="cover"><h1>${e(title)}</h1>${rows(coverRows(p))}<h3>Redacted</h3>${
    redactions.length ? `<ul class="redactions">${redactions.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : '<p class="muted">Nothing: this profile includes everything.</p>'
  }</header>`;
  // The map's SVG is built escaped (shared/map-svg.ts) from the redacted model; inline, it needs no
  // request the CSP would refuse. It takes the window's width on screen, the page's in print.
  const map = p.map ? `<h2>Claim map</h2><figure class="claim-map">${p.map.svg}<figcaption>${e(mapCaption(p.map))}</figcaption></figure>` : '';
  const drafts = p.drafts.length ? `<h2>Drafts and notes</h2>${p.drafts.map((d, i) => draft(p, d, i + 1)).join('\n')}` : '';
  const sources = `<h2>Sources</h2>${p.sources.map((s) => `<section class="record" id="source-${e(s.ref)}"><h3>${e(s.ref)}. ${e(s.label)}</h3>${rows(sourceRows(s))}</section>`).join('\n') || '<p class="muted">No sources.</p>'}`;
  const table = p.claims.length
    ? `<table><thead><tr><th>#</th><th>Statement</th><th>Source</th><th>Status</th><th>Corroboration</th><th>Counterclaims</th><th>Replies</th></tr></thead><tbody>${p.claims
        .map((c) => `<tr><td>${e(c.ref)}</td><td>${e(c.statement)}</td><td>${e(c.sources.map((s) => s.label).join('; '))}</td><td>${e(say(c.status))}</td><td>${c.corroboration}</td><td>${c.counterclaimCount}</td><td>${c.replies.length}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="muted">No claims.</p>';
  const claims = `<h2>Claims</h2>${table}${p.claims.map(claimDetail).join('\n')}`;
  const documents = p.documents.length
    ? `<h2>Evidence</h2>${p.documents
        .map((d) => `<section class="record" id="doc-${e(d.ref)}"><h3>${e(d.ref)}. ${d.url ? link(d.url, d.title) : e(d.title)}</h3>${rows(documentRows(d))}${d.excerpts.map(excerpt).join('')}</section>`)
        .join('\n')}`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PACKET_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${PACKET_CSS}</style>
</head>
<body>
${cover}
${map}
${drafts}
${sources}
${claims}
${documents}
</body>
</html>
`;
}
