// The packet's one stylesheet. The app's CSP admits it in the preview by its hash (core/csp.ts),
// so it must stay a constant: no value of a record is ever written into it.

import { createHash } from 'node:crypto';

export const PACKET_CSS = `
:root { color-scheme: light; }
body { font: 15px/1.55 Georgia, 'Times New Roman', serif; color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 48rem; padding: 2rem 1.5rem 4rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.75rem; border-bottom: 2px solid #1b1b1b; padding-bottom: 0.25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.4rem; }
.cover { border: 1px solid #999; padding: 1rem 1.25rem; }
dl.rows { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.4rem 0 0.8rem; }
dl.rows dt { font-family: system-ui, sans-serif; font-size: 0.85rem; color: #444; }
dl.rows dd { margin: 0; overflow-wrap: anywhere; }
.redactions { margin: 0.5rem 0 0; padding-left: 1.2rem; }
.draft p, .draft li, .draft blockquote { margin: 0 0 0.8rem; }
.draft blockquote { border-left: 3px solid #999; padding-left: 0.8rem; color: #333; }
sup.fn a { text-decoration: none; font-family: system-ui, sans-serif; font-size: 0.75em; }
ol.footnotes { font-size: 0.9rem; border-top: 1px solid #999; padding-top: 0.5rem; }
ol.footnotes li { margin-bottom: 0.6rem; }
.withheld { color: #6b3b00; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; font-family: system-ui, sans-serif; }
.record { border-top: 1px solid #ddd; padding-top: 0.3rem; break-inside: avoid; }
.excerpt { margin: 0.3rem 0 0.6rem; padding: 0.4rem 0.6rem; background: #f7f7f2; border-left: 3px solid #b59b00; }
.excerpt .context { color: #666; }
mark { background: #fff1a8; color: inherit; }
.muted { color: #555; font-size: 0.88rem; }
.claim-map { width: min(94vw, 90rem); margin: 0.5rem 0 1rem calc(50% - min(47vw, 45rem)); }
.claim-map svg { display: block; width: 100%; height: auto; border: 1px solid #ddd; }
.claim-map figcaption { font-family: system-ui, sans-serif; font-size: 0.85rem; color: #444; margin-top: 0.3rem; }
code, .hash { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.8em; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-before: page; }
  .cover + h2 { break-before: auto; }
  a { color: inherit; }
  th { background: none; }
  .claim-map { width: auto; margin: 0.5rem 0 1rem; break-inside: avoid; }
}
`;

/** The CSP hash source of the stylesheet, for a policy that must admit it without 'unsafe-inline'. */
export const PACKET_CSS_HASH = `'sha256-${createHash('sha256').update(PACKET_CSS).digest('base64')}'`;
