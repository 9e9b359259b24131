// The claims table as CSV (RFC 4180: quoted fields, doubled quotes, CRLF) for spreadsheet review.
// A cell a spreadsheet would run as a formula (= + - @, or a tab or CR first) gets a ' in front.

import type { Packet } from './packet.js';
import { say } from './packet.js';
import { verificationLine } from './describe.js';

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

export function renderCsv(p: Packet): string {
  const header = ['ref', 'id', 'statement', 'quote', 'sources', 'attribution', 'said_on', 'medium', 'status', 'corroboration', 'counterclaims', 'replies', 'last_verification', 'evidence'];
  const lines = p.claims.map((c) =>
    csvLine([
      c.ref,
      c.id,
      c.statement,
      c.quote,
      c.sources.map((s) => s.label).join('; '),
      say(c.attribution),
      c.saidOn ?? '',
      say(c.medium),
      say(c.status),
      c.corroboration,
      c.counterclaimCount,
      c.replies.length,
      c.lastVerification ? verificationLine(c.lastVerification) : '',
      c.evidence.map((x) => `${x.stance} ${x.documentRef}`).join('; '),
    ]),
  );
  // A byte-order mark first, so a spreadsheet reads the text as UTF-8 (names keep their accents).
  return `\uFEFF${[csvLine(header), ...lines].join('\r\n')}\r\n`;
}
