// A scratch SQLite connection in memory, for work that needs SQLite's own FTS5 (its tokenizer,
// its snippets) on text that is not in the library: stemming a typed word, finding the part of a
// very long document that matches. A connection of its own, so nothing it does touches the
// library, its transactions or its change counter (which keys the caches of search).

import { devOverride } from './dev-overrides.js';
import Database from './driver.js';
import type { DB } from './open.js';

let scratch: DB | undefined;

export function scratchDb(): DB {
  if (!scratch) {
    // In Electron the library's connection uses a build of the driver for Electron's ABI,
    // named by this variable (electron/launch.ts); the scratch connection must use it too.
    const binding = devOverride('CORROBORATE_NATIVE_BINDING');
    scratch = new Database(':memory:', binding ? { nativeBinding: binding } : {});
  }
  return scratch;
}

/** The tokenizer of every full-text index of the library (migrations 001 and 006). */
export const TOKENIZER = "tokenize='porter unicode61 remove_diacritics 2'";
