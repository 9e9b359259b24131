// The API, declared once. Every door (Electron IPC, HTTP, CLI) reaches these methods through
// the dispatcher and nothing else; the renderer imports only the types below.

import type { z } from 'zod';
import { archiveMethods } from './handlers/archive.js';
import { backupMethods } from './handlers/backups.js';
import { bulkMethods } from './handlers/bulk.js';
import { caseMethods } from './handlers/cases.js';
import { claimMethods } from './handlers/claims.js';
import { cryptoMethods } from './handlers/crypto.js';
import { demoMethods } from './handlers/demo.js';
import { documentMethods } from './handlers/documents.js';
import { exportMethods } from './handlers/export.js';
import { eventMethods } from './handlers/events.js';
import { findMethods } from './handlers/find.js';
import { mapMethods } from './handlers/map.js';
import { importMethods } from './handlers/import.js';
import { libraryMethods } from './handlers/library.js';
import { librariesMethods } from './handlers/libraries.js';
import { linkMethods } from './handlers/links.js';
import { mergeMethods } from './handlers/merge.js';
import { noteMethods } from './handlers/notes.js';
import { noteSyncMethods } from './handlers/note-sync.js';
import { preferenceMethods } from './handlers/preferences.js';
import { proposalMethods } from './handlers/proposals.js';
import { replyMethods } from './handlers/replies.js';
import { searchMethods } from './handlers/search.js';
import { sourceMethods } from './handlers/sources.js';
import { syncMethods } from './handlers/sync.js';
import { timelineMethods } from './handlers/timeline.js';
import { trashMethods } from './handlers/trash.js';
import { undoMethods } from './handlers/undo.js';

export const methods = {
  ...caseMethods,
  ...sourceMethods,
  ...mergeMethods,
  ...claimMethods,
  ...replyMethods,
  ...documentMethods,
  ...importMethods,
  ...bulkMethods,
  ...proposalMethods,
  ...linkMethods,
  ...noteMethods,
  ...eventMethods,
  ...mapMethods,
  ...timelineMethods,
  ...trashMethods,
  ...undoMethods,
  ...searchMethods,
  ...findMethods,
  ...libraryMethods,
  ...librariesMethods,
  ...cryptoMethods,
  ...preferenceMethods,
  ...exportMethods,
  ...archiveMethods,
  ...backupMethods,
  ...demoMethods,
  ...syncMethods,
  ...noteSyncMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller sends to a method. */
export type Input<N extends MethodName> = z.input<Methods[N]['input']>;
/** What a method hands back inside `{ok: true, value}`. */
export type Output<N extends MethodName> = ReturnType<Methods[N]['run']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
