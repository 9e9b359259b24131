// `corroborate import-records`: JSONL, CSV and ClaimReview files into a case, streamed in
// batches through records.import; every refused row with its line and reason; a file lands
// whole or not at all unless --partial; cancel and failure save nothing; a huge file is refused
// before it is read.

import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH, importRecords, type ImportRecordsResult } from '../../cli/import-records.js';
import { main } from '../../cli/main.js';
import { lines } from '../../core/import/records.js';
import type { Context } from '../../core/context.js';
import { call, captureConsole, tempDir, tempLibrary } from '../helpers.js';
import { checkHealth } from '../../db/open.js';

const { out, err } = captureConsole();

function world() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Port' }).id;
  return { ctx, caseId, dir: tempDir() };
}

const file = (dir: string, name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const jsonl = (records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const count = (ctx: Context, table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
const ok = (r: Awaited<ReturnType<typeof importRecords>>) => {
  if ('code' in r) throw new Error(`${r.code}: ${r.message}`);
  return r as ImportRecordsResult;
};

describe('import-records, JSONL', () => {
  const records = [
    { type: 'source', ref: 'dea', name: 'DEA', kind: 'organisation' },
    { type: 'claim', ref: 'c1', statement: 'Precursors arrive through Manzanillo', sources: ['Bryce Pardo'], tags: ['port'] },
    '{"type": "claim", "statement": "cut off',
    { type: 'claim', statement: 'Said by nobody we know', sourceIds: ['01HNOSUCHSOURCE0000000000'] },
    { type: 'claimLink', fromClaimId: 'c1', toClaimId: 'c1', relation: 'supports' },
    { type: 'claim', statement: 'The DEA said so', sourceIds: ['dea'] },
  ];

  it('refuses the whole file for one bad row, listing every refused line with its reason', async () => {
    const { ctx, caseId, dir } = world();
    const r = ok(await importRecords(ctx, file(dir, 'a.jsonl', jsonl(records)), { case: caseId }));
    expect(r.landed).toBe(false);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(r.rejected[0]!.reason).toMatch(/^not valid JSON/);
    expect(r.rejected[1]!.reason).toMatch(/01HNOSUCHSOURCE0000000000/);
    expect(r.rejected[2]!.reason).toMatch(/itself/);
    expect(count(ctx, 'claims') + count(ctx, 'sources')).toBe(0);
    expect(ctx.db.inTransaction).toBe(false);
  });

  it('with --partial saves the valid rows; through the CLI, exit codes and the --json envelope say what happened', async () => {
    const { ctx, caseId, dir } = world();
    const path = file(dir, 'a.jsonl', jsonl(records));
    ctx.db.close();
    const refused = await main(['--library', ctx.libraryPath, '--json', 'import-records', path, '--case', caseId]);
    const envelope = JSON.parse(out.splice(0).join('\n')) as { ok: boolean; error: { code: string; issues: { path: string }[] } };
    expect(refused).toBe(1);
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('ROWS_REJECTED');
    expect(envelope.error.issues.map((i) => i.path)).toEqual(['line 3', 'line 4', 'line 5']);

    expect(await main(['--library', ctx.libraryPath, 'import-records', path, '--case', caseId, '--partial'])).toBe(0);
    const text = out.splice(0).join('\n');
    expect(text).toContain('Imported 1 source, 2 claims, 1 new source (named by claims)');
    expect(text).toContain('line 4: ');
    err.splice(0);
  });

  it('carries refs from one batch to the next, and cancels (Ctrl+C) without saving anything', async () => {
    const { ctx, caseId, dir } = world();
    const many = [{ type: 'claim', ref: 'first', statement: 'The first claim' }, ...Array.from({ length: 2 * BATCH + 10 }, (_, i) => ({ type: 'claim', statement: `Claim number ${i}` })), { type: 'claimLink', fromClaimId: 'first', toClaimId: 'last', relation: 'supports' }];
    many.splice(many.length - 1, 0, { type: 'claim', ref: 'last', statement: 'The last claim' });
    const path = file(dir, 'many.jsonl', jsonl(many));
    const r = ok(await importRecords(ctx, path, { case: caseId }));
    expect(r.rejected).toEqual([]);
    expect(r.imported).toEqual({ claim: 2 * BATCH + 12, claimLink: 1 });
    expect(count(ctx, 'claim_links')).toBe(1);

    // Ctrl+C once the first batch is written: the progress line is drawn then.
    const again = world();
    const controller = new AbortController();
    const progress = { isTTY: true, columns: 80, write: () => controller.abort() };
    const cancelled = ok(await importRecords(again.ctx, path, { case: again.caseId }, { signal: controller.signal, progress }));
    expect(cancelled).toMatchObject({ cancelled: true, landed: false });
    expect(count(again.ctx, 'claims')).toBe(0);
    // With --partial, the batches written before the cancel stay.
    const partial = new AbortController();
    const kept = ok(await importRecords(again.ctx, path, { case: again.caseId, partial: true }, { signal: partial.signal, progress: { isTTY: true, write: () => partial.abort() } }));
    expect(kept).toMatchObject({ cancelled: true, landed: true });
    expect(count(again.ctx, 'claims')).toBe(BATCH);
  });

  it('refuses a 10 GB file before reading it, and reads past a line too long to hold', async () => {
    const { ctx, caseId, dir } = world();
    const huge = join(dir, 'huge.jsonl');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 10 * 1024 ** 3); // sparse: takes no disk
    closeSync(fd);
    const r = await importRecords(ctx, huge, { case: caseId });
    expect(r).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect((r as { message: string }).message).toMatch(/10\.0 GB.*Split it/);

    const long = Readable.from([Buffer.from('short\n'), Buffer.from('x'.repeat(50)), Buffer.from('y'.repeat(50)), Buffer.from('\nafter\n')]);
    const got = [];
    for await (const l of lines(long, 64)) got.push(l);
    expect(got).toEqual([
      { line: 1, text: 'short' },
      { line: 2, text: null },
      { line: 3, text: 'after' },
    ]);
  });
});

describe('import-records, CSV', () => {
  it('reads a header naming the fields, quoted commas and line breaks, lists by semicolons; refuses a short row by its line', async () => {
    const { ctx, caseId, dir } = world();
    const csv = [
      'statement,sources,tags,saidOn,medium',
      '"Precursors, mostly, arrive by sea",Bryce Pardo; Vanda Felbab-Brown,port;sea,2023-04,report',
      '"A statement over',
      'two lines",Bryce Pardo,,,',
      'Too few cells,Bryce Pardo',
      'Bad date,,,"April 2023",',
    ].join('\r\n');
    const r = ok(await importRecords(ctx, file(dir, 'claims.csv', csv), { case: caseId, partial: true }));
    expect(r.imported).toEqual({ claim: 2 });
    expect(r.newSources).toBe(2);
    expect(r.rejected).toEqual([
      { line: 5, reason: 'the row has 2 fields; the header names 5' },
      { line: 6, reason: expect.stringMatching(/date/i) as string },
    ]);
    const list = call(ctx, 'claims.list', { caseId });
    const statements = list.items.map((c) => c.statement).sort();
    expect(statements).toEqual(['A statement over\ntwo lines', 'Precursors, mostly, arrive by sea']);
    const first = list.items.find((c) => c.statement.startsWith('Precursors'))!;
    expect(first.tags).toEqual(['port', 'sea']);
    expect(first.sourceIds).toHaveLength(2);
  });

  it('refuses a file whose header lacks a needed column or names an unknown one, saying so at line 1', async () => {
    const { ctx, caseId, dir } = world();
    const missing = await importRecords(ctx, file(dir, 'a.csv', 'quote,tags\n"x",y\n'), { case: caseId });
    expect(missing).toMatchObject({ code: 'MISSING_COLUMN', message: expect.stringMatching(/line 1: the header has no “statement” column/) as string });
    const unknown = await importRecords(ctx, file(dir, 'b.csv', 'statement,colour\nx,red\n'), { case: caseId });
    expect(unknown).toMatchObject({ code: 'MISSING_COLUMN', message: expect.stringMatching(/“colour”, which is not a field of a claim/) as string });
    const sources = ok(await importRecords(ctx, file(dir, 'c.csv', 'name,kind,confidential\nDEA,organisation,no\nA whistleblower,person,yes\n'), { case: caseId, type: 'source' }));
    expect(sources.imported).toEqual({ source: 2 });
    expect(call(ctx, 'sources.list', {}).map((s) => [s.name, s.confidential])).toEqual(expect.arrayContaining([['DEA', false], ['A whistleblower', true]]));
    expect(count(ctx, 'claims')).toBe(0);
  });
});

describe('import-records, ClaimReview', () => {
  it('makes each review a claim with its status, its speaker as a source, and the fact-check as evidence', async () => {
    const { ctx, caseId, dir } = world();
    const review = (claim: string, rating: unknown, url?: string) => ({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: claim,
      ...(url ? { url, headline: `Checked: ${claim}` } : {}),
      author: { '@type': 'Organization', name: 'Desk Check' },
      datePublished: '2024-02-03',
      reviewRating: rating,
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Tomas Novak' }, datePublished: '2024-01-15T10:00:00Z' },
    });
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: [
        { '@type': 'DataFeedItem', item: [review('Ships never stop at Manzanillo', { '@type': 'Rating', alternateName: 'False' }, 'https://check.example/1')] },
        { '@type': 'DataFeedItem', item: [review('Half the precursors come by air', { ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Half true' }, 'https://check.example/2')] },
        { '@type': 'DataFeedItem', item: [review('', { alternateName: 'True' })] },
      ],
    };
    const r = ok(await importRecords(ctx, file(dir, 'feed.json', JSON.stringify(feed)), { case: caseId, partial: true }));
    expect(r.imported).toEqual({ claim: 2, document: 2, evidence: 2 });
    expect(r.newSources).toBe(1);
    expect(r.rejected).toEqual([{ line: 3, reason: 'the ClaimReview has no claimReviewed' }]);
    const claims = call(ctx, 'claims.list', { caseId }).items;
    const ships = claims.find((c) => c.statement.startsWith('Ships'))!;
    expect([ships.status, ships.saidOn]).toEqual(['false', '2024-01-15']);
    expect(claims.find((c) => c.statement.startsWith('Half'))!.status).toBe('misleading');
    const detail = call(ctx, 'claims.get', { id: ships.id });
    expect(detail.sources.map((s) => s.name)).toEqual(['Tomas Novak']);
    expect(detail.evidence.map((e) => [e.link.stance, e.document.url])).toEqual([['contradicts', 'https://check.example/1']]);
  });
});

describe('import-records indexes as a record-by-record insert does', () => {
  /** Statements with words in common, diacritics, a hyphen, digits and stems, so prefixes and stems overlap. */
  const statements = Array.from({ length: 240 }, (_, i) => {
    const words = ['Pémex', 'precursors', 'precursor', 'Manzanillo', 'shipments', 'shipped', 'co-operation', 'CUSTOMS', 'fentanyl', 'tankers', 'naïve', 'Łódź'];
    return `${words[i % words.length]} ${words[(i * 7) % words.length]} claim ${i} ${words[(i * 5 + 3) % words.length]} on 2019-0${1 + (i % 9)}`;
  });
  const quoteOf = (i: number) => (i % 3 === 0 ? `“We shipped ${i} crates,” said the captain` : undefined);

  /** Every entry of an index, with its document and place: two libraries made in the same order hold the same. */
  const entries = (ctx: Context, index: string) => {
    ctx.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${index}_instance USING fts5vocab(main, ${index}, 'instance')`);
    return ctx.db.prepare(`SELECT * FROM temp.${index}_instance ORDER BY term, doc, col, offset`).all();
  };
  const found = (ctx: Context, query: string) => ctx.db.prepare('SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid').pluck().all(query);

  it('holds the same entries in both indexes, and answers every prefix alike, as claims.create one by one', async () => {
    const one = world();
    statements.forEach((statement, i) => call(one.ctx, 'claims.create', { caseId: one.caseId, statement, ...(quoteOf(i) ? { quote: quoteOf(i) } : {}) }));
    const bulk = world();
    const path = file(bulk.dir, 'same.jsonl', jsonl(statements.map((statement, i) => ({ type: 'claim', statement, ...(quoteOf(i) ? { quote: quoteOf(i) } : {}) }))));
    expect(ok(await importRecords(bulk.ctx, path, { case: bulk.caseId })).imported).toEqual({ claim: statements.length });

    for (const index of ['claims_fts', 'claims_words']) {
      const want = entries(one.ctx, index);
      expect(want.length).toBeGreaterThan(2_000);
      expect(entries(bulk.ctx, index)).toEqual(want);
    }
    // The prefix indexes are not in fts5vocab: every 2-, 3- and 4-letter prefix is asked.
    const prefixes = new Set(statements.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).flatMap((w) => [2, 3, 4].filter((n) => w.length >= n).map((n) => w.slice(0, n)))));
    for (const p of prefixes) expect(found(bulk.ctx, `"${p}"*`), p).toEqual(found(one.ctx, `"${p}"*`));
    expect(checkHealth(bulk.ctx.db).ftsIntegrity).toBe('ok');
  });

  it('puts back the insert triggers and FTS5 options as they were, whether the file lands or is cancelled; later writes are indexed', async () => {
    const { ctx, caseId, dir } = world();
    const schema = () => ctx.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();
    // hashsize aside: left set to the 1 MB default it stood for when unset (the shadow table is read-only).
    const options = () => ctx.db.prepare("SELECT 'fts' AS i, k, v FROM claims_fts_config WHERE k <> 'hashsize' UNION ALL SELECT 'words', k, v FROM claims_words_config WHERE k <> 'hashsize' ORDER BY 1, 2").all();
    const before = { schema: schema(), options: options() };
    const path = file(dir, 'few.jsonl', jsonl(statements.slice(0, 20).map((statement) => ({ type: 'claim', statement }))));
    ok(await importRecords(ctx, path, { case: caseId }));
    expect(schema()).toEqual(before.schema);
    expect(options()).toEqual(before.options);
    expect(options()).toContainEqual({ i: 'words', k: 'secure-delete', v: 1 });
    expect(ctx.db.prepare("SELECT v FROM claims_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(1024 * 1024);

    const controller = new AbortController();
    controller.abort();
    expect(ok(await importRecords(ctx, path, { case: caseId }, { signal: controller.signal }))).toMatchObject({ cancelled: true, landed: false });
    expect(schema()).toEqual(before.schema);
    call(ctx, 'claims.create', { caseId, statement: 'Written after the cancelled import about Quorvantelix' });
    expect(call(ctx, 'search.query', { query: 'quorvantelix', types: ['claim'] }).hits).toHaveLength(1);
    expect(count(ctx, 'claims')).toBe(21);
  });

  it('says so, and saves nothing, when indexing the file as it commits fails; the terminal is told while it indexes', async () => {
    const { ctx, caseId, dir } = world();
    const path = file(dir, 'fails.jsonl', jsonl(statements.slice(0, 20).map((statement) => ({ type: 'claim', statement }))));
    const drawn: string[] = [];
    let broken = false;
    // An index gone mid-file (inside the file's transaction) makes the indexing at its commit fail.
    const progress = { isTTY: true, columns: 200, write: (text: string) => {
      drawn.push(text);
      if (!broken) ctx.db.exec('DROP TABLE claims_words');
      broken = true;
    } };
    const r = await importRecords(ctx, path, { case: caseId }, { progress });
    expect(r).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/Nothing was imported\.$/) });
    expect(drawn.some((t) => t.includes('Indexing 20 records for search'))).toBe(true);
    expect(ctx.db.inTransaction).toBe(false);
    expect(count(ctx, 'claims')).toBe(0);
    expect(ctx.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('claims_words', 'claims_index_ai')").pluck().get()).toBe(2);
    expect(ctx.db.prepare('SELECT count(*) FROM fts_deferred').pluck().get()).toBe(0);
  });
});
