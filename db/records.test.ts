import { describe, expect, expectTypeOf, it } from 'vitest';
import { tempLibrary } from '../test/helpers.js';
import { getRecord, insertRecord, trashRecord, withRelations } from './records.js';
import { setClaimSources, setTags } from './relations.js';
import type { Case, Claim, Excerpt, Source } from './types.js';

describe('typed records', () => {
  it('getRecord answers the API shape of the entity, tags and a claim’s sources included', () => {
    const { db } = tempLibrary();
    const theCase = insertRecord(db, 'case', { title: 'Port', description: '' });
    const source = insertRecord(db, 'source', { kind: 'person', name: 'A. Clerk', aliases: [], contact: {} });
    const claim = insertRecord(db, 'claim', { caseId: theCase.id, statement: 'The tanks leaked.' });
    setTags(db, 'claim', claim.id, ['harbour', 'leak']);
    setTags(db, 'source', source.id, ['insider']);
    setClaimSources(db, claim.id, [source.id]);

    const read = getRecord(db, 'claim', claim.id);
    expectTypeOf(read).toEqualTypeOf<Claim>();
    expectTypeOf(getRecord(db, 'source', source.id)).toEqualTypeOf<Source>();
    expectTypeOf(getRecord(db, 'case', theCase.id)).toEqualTypeOf<Case>();
    expectTypeOf<ReturnType<typeof getRecord<'excerpt'>>>().toEqualTypeOf<Excerpt>();
    expect(read).toMatchObject({ id: claim.id, caseId: theCase.id, statement: 'The tanks leaked.', sourceIds: [source.id] });
    expect([...read.tags].sort()).toEqual(['harbour', 'leak']);
    expect(getRecord(db, 'source', source.id).tags).toEqual(['insider']);
    expect(getRecord(db, 'case', theCase.id)).not.toHaveProperty('tags');
  });

  it('trashRecord answers the words the trash shows, and the record is then found only when asked for', () => {
    const { db } = tempLibrary();
    const theCase = insertRecord(db, 'case', { title: 'Port', description: '' });
    expect(trashRecord(db, 'case', theCase.id)).toBe('Port');
    expect(() => getRecord(db, 'case', theCase.id)).toThrow(/in the trash/);
    expect(getRecord(db, 'case', theCase.id, { includeTrashed: true }).deletedAt).not.toBeNull();
  });

  it('withRelations fills many records in one batch', () => {
    const { db } = tempLibrary();
    const theCase = insertRecord(db, 'case', { title: 'Port', description: '' });
    const claims = ['One.', 'Two.'].map((statement) => insertRecord(db, 'claim', { caseId: theCase.id, statement }));
    setTags(db, 'claim', claims[1]!.id, ['second']);
    expect(withRelations(db, 'claim', claims).map((c) => [c.tags, c.sourceIds])).toEqual([[[], []], [['second'], []]]);
  });
});
