import { z } from 'zod';
import { checkHealth, listTags, openReport, stats } from '../../db/index.js';
import { locationWarnings } from '../location.js';
import { method } from '../method.js';

export const libraryMethods = {
  'library.stats': method({
    summary: 'How many records of each kind the library holds (trashed ones counted apart).',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => ({ library: ctx.libraryPath, counts: stats(ctx.db) }),
  }),
  'library.doctor': method({
    summary: 'Schema version, the durability settings in force, and the integrity checks.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => {
      const h = checkHealth(ctx.db);
      const ok = h.integrityCheck === 'ok' && h.ftsIntegrity === 'ok' && h.journalMode === 'wal' && h.synchronous === 'FULL' && h.foreignKeys;
      return { library: ctx.libraryPath, ok, ...h, warnings: locationWarnings(ctx.libraryPath) };
    },
  }),
  'library.info': method({
    summary: 'Where the library is, what the checks at open found, and warnings about its location (a network drive, a cloud-synced folder).',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => ({ library: ctx.libraryPath, ...openReport(ctx.db), warnings: locationWarnings(ctx.libraryPath) }),
  }),
  'tags.list': method({
    summary: 'Every tag with how often it is used.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => listTags(ctx.db),
  }),
};
