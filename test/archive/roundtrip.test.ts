import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentPath, sha256 } from '../../core/attachments.js';
import type { Context } from '../../core/context.js';
import { readSchema } from '../../db/case-tables.js';
import { call, callAsync, callAsyncError, tempDir, tempLibrary } from '../helpers.js';
import { zipEntries } from './entries.js';

const MEMO = 'Internal memo, 12 March 2021.\n\nThe shipment of 4-AP left Shanghai on 2 March and reached Manzanillo on 28 March, according to the manifest.\n';

/** The demo case, plus what the demo lacks: an imported file, a marked passage, a trashed claim, a saved search. */
async function richCase(ctx: Context): Promise<string> {
  const { caseId } = call(ctx, 'demo.load', {});
  const { document } = await callAsync(ctx, 'documents.import', { caseId, fileName: 'memo.txt', data: Buffer.from(MEMO).toString('base64') });
  const start = document.text.indexOf('The shipment');
  const excerpt = call(ctx, 'excerpts.create', { documentId: document.id, exact: document.text.slice(start, start + 40), start, end: start + 40 });
  const claims = call(ctx, 'claims.list', { caseId });
  const [first, second] = claims.items;
  call(ctx, 'evidence.create', { claimId: first!.id, documentId: document.id, excerptId: excerpt.id, stance: 'supports', note: 'The memo dates it.' });
  call(ctx, 'claims.delete', { id: second!.id });
  call(ctx, 'searches.save', { caseId, name: 'Disputed', query: 'status:disputed' });
  // A quotation rejected among the claims proposed from the memo (migration 9).
  call(ctx, 'documents.rejectProposals', { documentId: document.id, passages: [{ start, end: start + 40, quote: document.text.slice(start, start + 40) }] });
  // Records of a kind a later migration (7) added: they travel without the archive naming them.
  call(ctx, 'events.create', { caseId, title: 'Scheduling of 4-AP', happenedOn: '2023-09' });
  call(ctx, 'map.positions.save', { caseId, positions: { [first!.id]: { x: 10, y: -20.5 } } });
  return caseId;
}

const count = (ctx: Context, table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe('case archive round trip', () => {
  it('archive → unarchive into an empty library → archive again gives the same entries', async () => {
    const a = tempLibrary();
    const caseId = await richCase(a);
    const first = join(tempDir(), 'first.zip');
    const made = await callAsync(a, 'archive.create', { caseId, out: first });
    expect(made.attachments).toBe(1);
    expect(made.missingAttachments).toEqual([]);
    expect(statSync(first).mode & 0o777).toBe(0o600);

    const b = tempLibrary();
    const imported = await callAsync(b, 'archive.import', { file: first });
    expect(imported.caseId).toBe(caseId);
    expect(imported.replaced).toBe(false);
    expect(imported.attachments).toBe(1);

    const second = join(tempDir(), 'second.zip');
    await callAsync(b, 'archive.create', { caseId, out: second });
    const [x, y] = [await zipEntries(first), await zipEntries(second)];
    expect([...y.keys()]).toEqual([...x.keys()]);
    for (const [name, bytes] of x) expect(y.get(name)?.toString('utf8'), name).toBe(bytes.toString('utf8'));

    // Everything the case holds made the trip, counted row by row.
    const manifest = JSON.parse(x.get('manifest.json')!.toString('utf8')) as { counts: Record<string, number> };
    for (const t of ['cases', 'claims', 'claim_sources', 'verification_log', 'replies', 'documents', 'excerpts', 'evidence_links', 'claim_links', 'notes', 'note_links', 'sources', 'tags', 'claim_tags', 'attachments', 'trash', 'undo_log', 'saved_searches', 'events', 'map_positions', 'proposal_rejections']) {
      expect(manifest.counts[t], t).toBeGreaterThan(0);
      expect(count(b, t), t).toBe(manifest.counts[t]);
    }
    // Ids preserved; the claim in the trash is still there, and still in the trash.
    expect(call(b, 'cases.get', { id: caseId }).id).toBe(caseId);
    expect(call(b, 'trash.list', {}).length).toBe(1);
    // The original file is in the new library's store, whole.
    const doc = b.db.prepare('SELECT attachment FROM documents WHERE attachment IS NOT NULL').get() as { attachment: string };
    const stored = attachmentPath(b.libraryPath, doc.attachment);
    expect(sha256(readFileSync(stored))).toBe(doc.attachment);
    // The full-text indexes are in step (FTS5 integrity-check against the content) and answer.
    const health = call(b, 'library.doctor', {});
    expect(health.ftsIntegrity).toBe('ok');
    expect(health.integrityCheck).toBe('ok');
    expect(call(b, 'search.query', { query: 'Manzanillo' }).hits.length).toBeGreaterThan(0);
  });

  it('refuses a case the library holds already, and replaces it when asked', async () => {
    const a = tempLibrary();
    const caseId = await richCase(a);
    const file = join(tempDir(), 'case.zip');
    await callAsync(a, 'archive.create', { caseId, out: file });
    const before = count(a, 'claims');

    const error = await callAsyncError(a, 'archive.import', { file });
    expect(error.code).toBe('CASE_EXISTS');
    expect(error.message).toContain('--replace');
    expect(count(a, 'claims')).toBe(before);

    call(a, 'claims.create', { caseId, statement: 'Added after the archive was made.' });
    const replaced = await callAsync(a, 'archive.import', { file, replace: true });
    expect(replaced.replaced).toBe(true);
    expect(count(a, 'claims')).toBe(before);
    expect(replaced.kept.sources).toBeGreaterThan(0);
    expect(call(a, 'library.doctor', {}).ftsIntegrity).toBe('ok');
  });

  it('keeps sources the library already has and merges a tag by name', async () => {
    const a = tempLibrary();
    const caseId = await richCase(a);
    const file = join(tempDir(), 'case.zip');
    const source = a.db.prepare('SELECT * FROM sources ORDER BY id LIMIT 1').get() as Record<string, unknown>;
    // In the archive, that source has a tag and is in the trash (an undo entry names it)…
    call(a, 'sources.update', { id: source.id as string, tags: ['from-the-archive'] });
    call(a, 'sources.delete', { id: source.id as string });
    const tag = a.db.prepare('SELECT t.name FROM tags t JOIN claim_tags ct ON ct.tag_id = t.id LIMIT 1').get() as { name: string };
    await callAsync(a, 'archive.create', { caseId, out: file });

    // Another library that has that source (edited since) and a tag of the same name under another id.
    const b = tempLibrary();
    b.db.prepare('INSERT INTO sources (id, created_at, updated_at, kind, name) VALUES (?, ?, ?, ?, ?)').run(source.id, source.created_at, source.updated_at, source.kind, 'Renamed here');
    const { caseId: other } = { caseId: call(b, 'cases.create', { title: 'Other' }).id };
    const claim = call(b, 'claims.create', { caseId: other, statement: 'Tagged.', tags: [tag.name.toUpperCase()] });
    const res = await callAsync(b, 'archive.import', { file });
    expect(res.kept.sources).toBe(1);
    expect(res.keptSources).toEqual(['Renamed here']);
    expect(res.kept.tags).toBeGreaterThanOrEqual(1);
    expect((b.db.prepare('SELECT name FROM sources WHERE id = ?').get(source.id) as { name: string }).name).toBe('Renamed here');
    // …none of which touches the library's own record: no tag added, not trashed, nothing to undo.
    expect(b.db.prepare('SELECT count(*) AS n FROM source_tags WHERE source_id = ?').get(source.id)).toEqual({ n: 0 });
    expect(b.db.prepare('SELECT count(*) AS n FROM trash WHERE entity_id = ?').get(source.id)).toEqual({ n: 0 });
    expect(b.db.prepare("SELECT count(*) AS n FROM undo_log WHERE payload LIKE '%' || ? || '%'").get(source.id)).toEqual({ n: 0 });
    const tagged = b.db.prepare('SELECT count(DISTINCT claim_id) AS n FROM claim_tags WHERE tag_id = (SELECT tag_id FROM claim_tags WHERE claim_id = ?)').get(claim.id) as { n: number };
    expect(tagged.n).toBeGreaterThan(1);
    expect(call(b, 'library.doctor', {}).ok).toBe(true);
  });

  it('cancels an archive on request, leaving no file under the name', async () => {
    const a = tempLibrary();
    const caseId = await richCase(a);
    const out = join(tempDir(), 'cancelled.zip');
    const pending = callAsyncError(a, 'archive.create', { caseId, out, jobId: 'archive-job-1' });
    call(a, 'jobs.cancel', { jobId: 'archive-job-1' });
    expect((await pending).code).toBe('CANCELLED');
    expect(existsSync(out)).toBe(false);
  });
});

describe('what an archive holds, read from the schema', () => {
  it('places every table of the schema: archived, library-level or derived', () => {
    const { db } = tempLibrary();
    const plan = readSchema(db);
    expect(plan.unclassified, 'a table neither archived nor listed as library-level or derived').toEqual([]);
    const placed = new Set([...plan.tables.map((t) => t.name), ...plan.libraryLevel, ...plan.derived]);
    const all = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'").all() as { name: string }[];
    for (const { name } of all) expect(placed.has(name), name).toBe(true);
    // Every table that names a case is archived with the case, but a library-level one (a shared case's sync state).
    for (const { name } of all) {
      const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((c) => c.name);
      if (cols.includes('case_id') && name !== 'trash' && !plan.libraryLevel.includes(name)) expect(plan.tables.find((t) => t.name === name)?.role, name).toBe('case');
    }
    expect(plan.tables.find((t) => t.name === 'sources')?.role).toBe('shared');
    expect(plan.tables.find((t) => t.name === 'source_tags')?.role).toBe('shared-link');
  });

  it('takes a column or table a later migration adds without being told', async () => {
    const a = tempLibrary();
    const caseId = await richCase(a);
    a.db.exec(`ALTER TABLE claims ADD COLUMN later TEXT NOT NULL DEFAULT 'x';
      CREATE TABLE later_things (id TEXT PRIMARY KEY, claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE, note TEXT);`);
    const claim = a.db.prepare('SELECT id FROM claims WHERE case_id = ? LIMIT 1').get(caseId) as { id: string };
    a.db.prepare("INSERT INTO later_things VALUES ('T1', ?, 'kept')").run(claim.id);
    const file = join(tempDir(), 'later.zip');
    await callAsync(a, 'archive.create', { caseId, out: file });
    const entries = await zipEntries(file);
    expect(entries.get('tables/later_things.jsonl')?.toString()).toContain('"note":"kept"');
    expect(entries.get('tables/claims.jsonl')?.toString()).toContain('"later":"x"');
  });
});
