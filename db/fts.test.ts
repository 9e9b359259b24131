// The five full-text indexes stay in step with their tables through every write the API makes:
// create, update, trash, restore and purge. After each step FTS5's own integrity check (against
// the content table) must pass.

import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { call, tempLibrary } from '../test/helpers.js';
import { checkHealth, type DB } from './open.js';
import { search, SEARCH_TYPES, type SearchType } from './search.js';

const FTS_TABLES = ['claims_fts', 'sources_fts', 'documents_fts', 'excerpts_fts', 'notes_fts'];

function expectIndexesInStep(db: DB): void {
  for (const t of FTS_TABLES) {
    expect(() => db.prepare(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`).run(), t).not.toThrow();
  }
  expect(checkHealth(db).ftsIntegrity).toBe('ok');
}

function found(ctx: Context, type: SearchType, query: string): string[] {
  return search(ctx.db, { query, types: [type], limit: 100 }).hits.map((h) => h.id);
}

/** Rows in the raw index matching a word, whatever the state of the record (trashed or not). */
function indexed(db: DB, table: string, word: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(`"${word}"`) as { n: number }).n;
}

interface Fixture {
  ctx: Context;
  caseId: string;
}

function fixture(): Fixture {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Index case' }).id;
  return { ctx, caseId };
}

interface EntityOps {
  type: SearchType;
  entity: 'claim' | 'source' | 'document' | 'excerpt' | 'note';
  table: string;
  create: (f: Fixture, word: string) => string;
  update: (f: Fixture, id: string, word: string) => void;
  trash: (f: Fixture, id: string) => void;
}

const ENTITY_OPS: EntityOps[] = [
  {
    type: 'claim',
    entity: 'claim',
    table: 'claims_fts',
    create: ({ ctx, caseId }, w) => call(ctx, 'claims.create', { caseId, statement: `The ${w} left the port`, quote: 'said plainly' }).id,
    update: ({ ctx }, id, w) => void call(ctx, 'claims.update', { id, statement: `The ${w} never arrived` }),
    trash: ({ ctx }, id) => void call(ctx, 'claims.delete', { id }),
  },
  {
    type: 'source',
    entity: 'source',
    table: 'sources_fts',
    create: ({ ctx }, w) => call(ctx, 'sources.create', { name: `Agent ${w}`, role: 'broker' }).id,
    update: ({ ctx }, id, w) => void call(ctx, 'sources.update', { id, name: `Officer ${w}` }),
    trash: ({ ctx }, id) => void call(ctx, 'sources.delete', { id }),
  },
  {
    type: 'document',
    entity: 'document',
    table: 'documents_fts',
    create: ({ ctx, caseId }, w) => call(ctx, 'documents.create', { caseId, title: `Report on ${w}`, text: 'Body text of the report.' }).id,
    update: ({ ctx }, id, w) => void call(ctx, 'documents.update', { id, title: `Memo about ${w}` }),
    trash: ({ ctx }, id) => void call(ctx, 'documents.delete', { id }),
  },
  {
    type: 'excerpt',
    entity: 'excerpt',
    table: 'excerpts_fts',
    create: ({ ctx, caseId }, w) => {
      const doc = call(ctx, 'documents.create', { caseId, title: 'Source document', text: 'One line. Two lines. Three lines.' });
      return call(ctx, 'excerpts.create', { documentId: doc.id, exact: 'Two lines.', comment: `see ${w}` }).id;
    },
    update: ({ ctx }, id, w) => void call(ctx, 'excerpts.update', { id, comment: `compare ${w}` }),
    trash: ({ ctx }, id) => void call(ctx, 'excerpts.delete', { id }),
  },
  {
    type: 'note',
    entity: 'note',
    table: 'notes_fts',
    create: ({ ctx, caseId }, w) => call(ctx, 'notes.create', { caseId, title: 'Draft', text: `First paragraph mentions ${w}.` }).id,
    update: ({ ctx }, id, w) => void call(ctx, 'notes.update', { id, text: `Rewritten around ${w}.` }),
    trash: ({ ctx }, id) => void call(ctx, 'notes.delete', { id }),
  },
];

it('covers every searchable type', () => {
  expect(ENTITY_OPS.map((o) => o.type).sort()).toEqual([...SEARCH_TYPES].sort());
});

describe.each(ENTITY_OPS.map((o) => [o.type, o] as const))('%s index', (_type, ops) => {
  it('finds new words after create and update, loses the old ones, and drops everything on purge', () => {
    const f = fixture();
    const { ctx } = f;
    expectIndexesInStep(ctx.db);

    const id = ops.create(f, 'zanzibar');
    expect(found(ctx, ops.type, 'zanzibar')).toEqual([id]);
    expectIndexesInStep(ctx.db);

    ops.update(f, id, 'quixotic');
    expect(found(ctx, ops.type, 'quixotic')).toEqual([id]);
    expect(found(ctx, ops.type, 'zanzibar')).toEqual([]);
    expect(indexed(ctx.db, ops.table, 'zanzibar')).toBe(0);
    expectIndexesInStep(ctx.db);

    // A second update of the same record: still exactly one entry for it.
    ops.update(f, id, 'kestrel');
    expect(found(ctx, ops.type, 'kestrel')).toEqual([id]);
    expect(found(ctx, ops.type, 'quixotic')).toEqual([]);
    expectIndexesInStep(ctx.db);

    // Trashed: hidden from search, still indexed so a restore needs no re-indexing.
    ops.trash(f, id);
    expect(found(ctx, ops.type, 'kestrel')).toEqual([]);
    expect(indexed(ctx.db, ops.table, 'kestrel')).toBe(1);
    expectIndexesInStep(ctx.db);

    call(ctx, 'trash.restore', { entity: ops.entity, id });
    expect(found(ctx, ops.type, 'kestrel')).toEqual([id]);
    expectIndexesInStep(ctx.db);

    ops.trash(f, id);
    call(ctx, 'trash.purge', { entity: ops.entity, id });
    expect(found(ctx, ops.type, 'kestrel')).toEqual([]);
    expect(indexed(ctx.db, ops.table, 'kestrel')).toBe(0);
    expectIndexesInStep(ctx.db);
  });

  it('keeps other records of the same kind apart', () => {
    const f = fixture();
    const a = ops.create(f, 'marmoset');
    const b = ops.create(f, 'pelican');
    ops.update(f, a, 'pelican');
    expect(found(f.ctx, ops.type, 'pelican').sort()).toEqual([a, b].sort());
    expect(found(f.ctx, ops.type, 'marmoset')).toEqual([]);
    expectIndexesInStep(f.ctx.db);
  });
});

describe('indexes after purging a whole case (rows removed by ON DELETE CASCADE)', () => {
  it('drops the case’s claims, documents, excerpts and notes from every index', () => {
    const f = fixture();
    for (const ops of ENTITY_OPS) if (ops.type !== 'source') ops.create(f, 'albatross');
    call(f.ctx, 'cases.delete', { id: f.caseId });
    call(f.ctx, 'trash.purge', { entity: 'case', id: f.caseId });
    for (const t of FTS_TABLES) expect(indexed(f.ctx.db, t, 'albatross'), t).toBe(0);
    expectIndexesInStep(f.ctx.db);
  });
});

describe('tokenizer', () => {
  it('ignores diacritics both ways: "Solís" is found by "solis", "Solis" by "Solís"', () => {
    const f = fixture();
    const accented = call(f.ctx, 'sources.create', { name: 'Rafael Entrena Solís' }).id;
    expect(found(f.ctx, 'source', 'solis')).toEqual([accented]);
    expect(found(f.ctx, 'source', 'SOLIS')).toEqual([accented]);
    const plain = call(f.ctx, 'sources.create', { name: 'Maria Solis' }).id;
    expect(found(f.ctx, 'source', 'Solís').sort()).toEqual([accented, plain].sort());
    const claim = call(f.ctx, 'claims.create', { caseId: f.caseId, statement: 'Der Zöllner in São Paulo prüfte nichts' }).id;
    expect(found(f.ctx, 'claim', 'zollner sao paulo prufte')).toEqual([claim]);
  });

  it('stems with porter: "shipment" finds "shipments", "investigating" finds "investigated"', () => {
    const f = fixture();
    const id = call(f.ctx, 'claims.create', { caseId: f.caseId, statement: 'Customs investigated the shipments' }).id;
    expect(found(f.ctx, 'claim', 'shipment')).toEqual([id]);
    expect(found(f.ctx, 'claim', 'investigating')).toEqual([id]);
    expect(found(f.ctx, 'claim', 'custom')).toEqual([id]);
    expect(found(f.ctx, 'claim', 'shipyard')).toEqual([]);
  });

  it('indexes a source’s aliases, role, description and notes', () => {
    const f = fixture();
    const id = call(f.ctx, 'sources.create', {
      name: 'Source X',
      aliases: ['El Contador'],
      role: 'harbourmaster',
      description: 'a clerk at the ministry',
      notes: 'met twice in Veracruz',
    }).id;
    for (const q of ['contador', 'harbourmaster', 'ministry', 'veracruz']) expect(found(f.ctx, 'source', q), q).toEqual([id]);
  });
});
