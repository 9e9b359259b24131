import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { getMeta, setMeta, type DB, type WriteDB } from '../db/index.js';
import type { Context, ReadContext } from './context.js';
import { method } from './method.js';
import { call, tempLibrary } from '../test/helpers.js';

// The compiler is the judge here (npm run typecheck covers this file): each @ts-expect-error
// fails the typecheck if the line beneath it compiles.
describe('a method’s database, by its write flag', () => {
  it('a write: false handler is given a connection no writing db/ function accepts', () => {
    const reader = method({
      summary: 'reads',
      input: z.strictObject({}),
      write: false,
      run: (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<ReadContext>();
        expectTypeOf(ctx.db).toEqualTypeOf<DB>();
        // @ts-expect-error a reading handler cannot write through db/
        setMeta(ctx.db, 'k', 'v');
        return getMeta(ctx.db, 'k');
      },
    });
    expectTypeOf(reader.run).parameter(0).toEqualTypeOf<ReadContext>();
  });

  it('its prepare step reads only too', () => {
    method({
      summary: 'reads slowly',
      input: z.strictObject({}),
      write: false,
      prepare: (ctx) => {
        // @ts-expect-error not in prepare either
        setMeta(ctx.db, 'k', 'v');
        return Promise.resolve(undefined);
      },
      run: () => null,
    });
  });

  it('a write: true handler, and one that owns the session, get the writable connection', () => {
    const writer = method({ summary: 'writes', input: z.strictObject({}), write: true, run: (ctx) => setMeta(ctx.db, 'k', 'v') });
    expectTypeOf(writer.run).parameter(0).toEqualTypeOf<Context>();
    const session = method({ summary: 'swaps', input: z.strictObject({}), write: false, session: true, run: (ctx) => setMeta(ctx.db, 'k', 'v') });
    expectTypeOf(session.run).parameter(0).toEqualTypeOf<Context>();
    expectTypeOf<Context['db']>().toEqualTypeOf<WriteDB>();
  });

  it('runs as before: a reading method answers through the dispatcher', () => {
    const ctx = tempLibrary();
    expect(call(ctx, 'libraries.current', {}).id).toMatch(/\S/);
  });
});
