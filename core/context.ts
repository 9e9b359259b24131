import type { DB } from '../db/index.js';

/** What every handler gets: the open library and who is working. */
export interface Context {
  db: DB;
  libraryPath: string;
  /** The name written into the verification log when a caller does not give one. */
  checker: string;
}
