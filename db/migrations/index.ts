import { sql as v1 } from './001-initial.js';
import { sql as v2 } from './002-undo-and-note-links.js';
import { sql as v3 } from './003-imported-files.js';
import { sql as v4 } from './004-list-order.js';
import { sql as v5 } from './005-search.js';
import { sql as v6 } from './006-search-prefixes.js';
import { sql as v7 } from './007-events.js';
import { sql as v8 } from './008-search-prefix-4.js';
import { sql as v9 } from './009-proposal-rejections.js';
import { sql as v10 } from './010-spelling-words.js';
import { sql as v11 } from './011-sync.js';
import { sql as v12 } from './012-bulk-indexing-secure-delete.js';
import { sql as v13 } from './013-sync-keys.js';
import { sql as v14 } from './014-note-documents.js';
import { sql as v15 } from './015-note-twins.js';
import { sql as v16 } from './016-note-acks.js';
import { sql as v17 } from './017-change-journal.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited; a change of schema is a new version. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: v1 },
  { version: 2, name: 'undo-and-note-links', sql: v2 },
  { version: 3, name: 'imported-files', sql: v3 },
  { version: 4, name: 'list-order', sql: v4 },
  { version: 5, name: 'search', sql: v5 },
  { version: 6, name: 'search-prefixes', sql: v6 },
  { version: 7, name: 'events', sql: v7 },
  { version: 8, name: 'search-prefix-4', sql: v8 },
  { version: 9, name: 'proposal-rejections', sql: v9 },
  { version: 10, name: 'spelling-words', sql: v10 },
  { version: 11, name: 'sync', sql: v11 },
  { version: 12, name: 'bulk-indexing-secure-delete', sql: v12 },
  { version: 13, name: 'sync-keys', sql: v13 },
  { version: 14, name: 'note-documents', sql: v14 },
  { version: 15, name: 'note-twins', sql: v15 },
  { version: 16, name: 'note-acks', sql: v16 },
  { version: 17, name: 'change-journal', sql: v17 },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
