import type { DB } from '../db/index.js';

/** A long task under way (an import): how far it got, and the switch that cancels it. */
export interface Job {
  id: string;
  signal: AbortSignal;
  progress(done: number, total: number, stage: string): void;
}

export interface JobState {
  done: number;
  total: number;
  stage: string;
  controller: AbortController;
}

/** What every handler gets: the open library and who is working. */
export interface Context {
  db: DB;
  libraryPath: string;
  /** The name written into the verification log when a caller does not give one. */
  checker: string;
  /** Long tasks under way, by job id, for progress and cancelling. */
  jobs?: Map<string, JobState>;
  /**
   * Where long work that runs synchronously (a change of encryption: no timer fires until it
   * ends, so a door cannot poll a job) reports each stage as it starts. Set by a door that can
   * show it at once (the CLI on a terminal); absent, nothing is reported.
   */
  stage?: (done: number, total: number, stage: string) => void;
  /** Shared cases this process keeps in step with their sync server, by case id (sync/client.ts). */
  sync?: Map<string, 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused'>;
}
