import { describe, expect, it } from 'vitest';
import { call, tempLibrary } from '../test/helpers.js';
import { FUZZY_BY_INITIAL } from './handlers/find.js';

describe('find.quick at scale', () => {
  it('takes a single letter as a word, not a prefix: "a" is not every word starting with a', () => {
    const ctx = tempLibrary();
    const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
    call(ctx, 'claims.create', { caseId, statement: 'Alpha shipment left the port' });
    const word = call(ctx, 'claims.create', { caseId, statement: 'A shipment left' }).id;
    expect(call(ctx, 'find.quick', { query: 'a', types: ['claim'], caseId }).map((f) => f.id)).toEqual([word]);
    expect(call(ctx, 'find.quick', { query: 'al', types: ['claim'], caseId }).map((f) => f.title)).toEqual(['Alpha shipment left the port']);
  });

  it('past FUZZY_BY_INITIAL sources, still forgives typos after the first letter, by name or alias, and sees a new source', () => {
    const ctx = tempLibrary();
    const insert = ctx.db.prepare("INSERT INTO sources (id, created_at, updated_at, kind, name, aliases) VALUES (?, 'now', 'now', 'person', ?, ?)");
    ctx.db.transaction(() => {
      for (let i = 0; i <= FUZZY_BY_INITIAL; i++) insert.run(`S${i}`, `Filler Person ${i}`, '[]');
      insert.run('PARDO', 'Bryce Pardo', JSON.stringify(['Pardo']));
      insert.run('SOLIS', 'Ana Solís', JSON.stringify(['Cartel accountant']));
    })();
    expect(call(ctx, 'find.quick', { query: 'Pardp', types: ['source'] })[0]).toMatchObject({ id: 'PARDO' });
    expect(call(ctx, 'find.quick', { query: 'Brcye Pardo', types: ['source'] })[0]).toMatchObject({ id: 'PARDO' });
    // An accented initial is the letter without it; an alias is matched too.
    expect(call(ctx, 'find.quick', { query: 'solis', types: ['source'] })[0]).toMatchObject({ id: 'SOLIS' });
    expect(call(ctx, 'find.quick', { query: 'acountant', types: ['source'] })[0]).toMatchObject({ id: 'SOLIS' });
    // The trade-off, written down: a typo in the first letter of every word is not forgiven.
    expect(call(ctx, 'find.quick', { query: 'Qardo', types: ['source'] }).map((f) => f.id)).not.toContain('PARDO');
    const added = call(ctx, 'sources.create', { name: 'Ethan Nadelmann' }).id;
    expect(call(ctx, 'find.quick', { query: 'Nadelman', types: ['source'] })[0]).toMatchObject({ id: added });
  });
});
