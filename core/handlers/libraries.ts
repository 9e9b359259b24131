// Switching libraries, the same through every door: the app's chooser (IPC), the page serve
// gives a browser (HTTP), and `corroborate call`. The session (core/session.ts) does the switch;
// core/libraries.ts keeps the recent list and checks every path that comes from outside.

import { z } from 'zod';
import { existingLibraryPath, forgetLibrary, newLibraryPath, recentLibraries, sameLibrary } from '../libraries.js';
import { method } from '../method.js';
import { currentLibrary, recentFileOf, switchLibrary } from '../session.js';

const path = z.string().min(1, 'the path of the library file').max(4096, 'at most 4,096 characters');

export const librariesMethods = {
  'libraries.current': method({
    summary: 'The open library: its path, its name (the file name), its id, and whether it is encrypted.',
    input: z.strictObject({}).optional(),
    write: false,
    // Mints the library's id the first time it is asked for (session bookkeeping, one row in meta).
    session: true,
    run: (ctx) => currentLibrary(ctx),
  }),
  'libraries.recent': method({
    summary: 'The libraries opened lately, newest first, from the reporter’s own list (kept outside every library). One no longer at its path is marked missing.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => recentLibraries(recentFileOf(ctx)).map((l) => ({ ...l, current: sameLibrary(l.path, ctx.libraryPath) })),
  }),
  'libraries.open': method({
    summary: 'Closes the open library and opens another existing Corroborate library in its place (an encrypted one opens locked). The path must be absolute (or start with ~/).',
    input: z.strictObject({ path }),
    write: false,
    session: true,
    run: (ctx, input) => switchLibrary(ctx, existingLibraryPath(input.path), { create: false }),
  }),
  'libraries.create': method({
    summary: 'Creates a new, empty library at a new file name ending in .corroborate (never over an existing file) and opens it in place of the open one.',
    input: z.strictObject({ path }),
    write: false,
    session: true,
    run: (ctx, input) => switchLibrary(ctx, newLibraryPath(input.path), { create: true }),
  }),
  'libraries.forget': method({
    summary: 'Takes a library off the recent list. The library file itself is not touched.',
    input: z.strictObject({ path }),
    write: false,
    run: (ctx, input) => ({ forgotten: forgetLibrary(recentFileOf(ctx), input.path) }),
  }),
};
