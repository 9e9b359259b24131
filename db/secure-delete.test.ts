// A purged record leaves no byte of its text in the library file, nor in its write-ahead log once
// that is checkpointed: a backup copies the file as it is, so what a reporter purged must be gone
// from it, not merely unreachable. The full-text indexes were where text lingered (FTS5 marks a
// deleted row's words as deleted and drops them only when segments merge); migration 12 turns on
// their 'secure-delete'. Checked as an adversary would: the raw bytes, every spelling the index
// could store (as typed, folded, the tail a prefix-compressed term keeps), after other writes.

import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { call, tempLibrary } from '../test/helpers.js';
import { withDeferredIndexing } from './bulk.js';
import { newId, nowIso } from './ids.js';

/** The forms a word may take in the file: as written, as the index folds it, and its last six letters. */
function forms(word: string): string[] {
  return [word, word.toLowerCase(), word.toLowerCase().slice(-6)];
}

/** Which forms of `words` the library file and its log hold, after a checkpoint that empties the log. */
function leftInFile(ctx: Context, words: string[]): string[] {
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = [ctx.libraryPath, `${ctx.libraryPath}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
  return words.flatMap(forms).filter((form) => bytes.some((b) => b.includes(Buffer.from(form, 'utf8'))));
}

/** Ordinary records around the purged ones, so the index has segments and merges of its own. */
function busyCase(ctx: Context): string {
  const caseId = call(ctx, 'cases.create', { title: 'Port investigation' }).id;
  for (let i = 0; i < 40; i++) call(ctx, 'claims.create', { caseId, statement: `Shipment ${i} of chemicals left the port on schedule` });
  return caseId;
}

describe('purged text leaves the library file (FTS5 secure-delete)', () => {
  it('a purged claim, source and document: none of their words is left in the file or the log', () => {
    const ctx = tempLibrary();
    const caseId = busyCase(ctx);
    const words = ['Quorvantelix', 'Brazzlemund', 'Vintrasquall'];
    const source = call(ctx, 'sources.create', { name: `Maria ${words[1]}`, confidential: true }).id;
    const claim = call(ctx, 'claims.create', { caseId, statement: `The ${words[0]} shipment was seized`, quote: `I saw the ${words[0]} crates` }).id;
    const document = call(ctx, 'documents.create', { caseId, title: 'Customs memo', text: `Memo on the ${words[2]} manifest. `.repeat(50) }).id;
    // More writes after them: their words sit in segments that later ones do not replace.
    for (let i = 0; i < 20; i++) call(ctx, 'claims.create', { caseId, statement: `Later shipment ${i} cleared customs` });
    expect(leftInFile(ctx, words)).toEqual(words.flatMap(forms)); // the test sees them while they live

    call(ctx, 'claims.delete', { id: claim });
    call(ctx, 'sources.delete', { id: source });
    call(ctx, 'documents.delete', { id: document });
    for (const [entity, id] of [['claim', claim], ['source', source], ['document', document]] as const) call(ctx, 'trash.purge', { entity, id });
    expect(leftInFile(ctx, words)).toEqual([]);
    // Nothing else was lost: the other claims are still found.
    expect(call(ctx, 'search.query', { query: 'chemicals', types: ['claim'] }).hits).toHaveLength(40);
  });

  it('an edited claim keeps no trace of the words the edit removed', () => {
    const ctx = tempLibrary();
    const caseId = busyCase(ctx);
    const claim = call(ctx, 'claims.create', { caseId, statement: 'Colonel Xandrivoss signed the order' });
    call(ctx, 'claims.update', { id: claim.id, revision: claim.revision, statement: 'A colonel signed the order' });
    expect(leftInFile(ctx, ['Xandrivoss'])).toEqual([]);
  });
});

describe('a purge drops the undo entries of what it purged', () => {
  it('trash and merge entries whose record is gone are deleted, the others kept', () => {
    const ctx = tempLibrary();
    const caseId = busyCase(ctx);
    const keep = call(ctx, 'sources.create', { name: 'Port authority' }).id;
    const merged = call(ctx, 'sources.create', { name: 'Port Authority (duplicate)' }).id;
    const kept = call(ctx, 'claims.create', { caseId, statement: 'The port opened' }).id;
    const purged = call(ctx, 'claims.create', { caseId, statement: 'The port closed' }).id;
    call(ctx, 'sources.merge', { keepId: keep, mergeId: merged });
    call(ctx, 'claims.delete', { id: kept });
    call(ctx, 'claims.delete', { id: purged });
    const entries = () => ctx.db.prepare('SELECT action, label FROM undo_log ORDER BY created_at, id').all() as { action: string; label: string }[];
    expect(entries().map((e) => e.action)).toEqual(['merge', 'trash', 'trash']);

    call(ctx, 'trash.purge', { entity: 'claim', id: purged });
    expect(entries().map((e) => e.label)).toEqual([expect.stringContaining('Merged'), expect.stringContaining('The port opened')]);
    call(ctx, 'trash.purge', { entity: 'source', id: merged });
    expect(entries().map((e) => e.label)).toEqual([expect.stringContaining('The port opened')]);
  });
});

describe('a bulk import leaves secure-delete as it found it', () => {
  it('a claim deleted in the same transaction as deferred indexing, and one purged after an import: their words leave the file', () => {
    const ctx = tempLibrary();
    const caseId = busyCase(ctx);
    const words = ['Zelquorinth', 'Drabvessolt'];
    const before = call(ctx, 'claims.create', { caseId, statement: `The ${words[0]} ledger` }).id;
    // The delete is still in the index's memory when the new rows are indexed with secure-delete
    // off for them (db/bulk.ts): it must have been written out securely first.
    ctx.db.transaction(() => {
      ctx.db.prepare('DELETE FROM claims WHERE id = ?').run(before);
      withDeferredIndexing(ctx.db, () => {
        const now = nowIso();
        ctx.db.prepare('INSERT INTO claims (id, created_at, updated_at, case_id, statement) VALUES (?, ?, ?, ?, ?)').run(newId(), now, now, caseId, 'A ledger of cement');
      });
    })();
    expect(leftInFile(ctx, [words[0]!])).toEqual([]);

    const records = Array.from({ length: 30 }, (_, i) => ({ type: 'claim' as const, statement: `Imported shipment ${i} of ${i % 2 ? 'cement' : words[1]}` }));
    call(ctx, 'records.import', { caseId, records });
    const imported = call(ctx, 'search.query', { query: words[1]!, types: ['claim'] }).hits.map((h) => h.id);
    expect(imported).toHaveLength(15);
    for (const id of imported) {
      call(ctx, 'claims.delete', { id });
      call(ctx, 'trash.purge', { entity: 'claim', id });
    }
    expect(leftInFile(ctx, words)).toEqual([]);
    expect(call(ctx, 'search.query', { query: 'cement', types: ['claim'] }).hits).toHaveLength(16);
  });
});
