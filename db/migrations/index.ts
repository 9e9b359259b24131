import { sql as v1 } from './001-initial.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited; a change of schema is a new version. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: v1 }];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
