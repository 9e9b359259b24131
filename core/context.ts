import type { DB, WriteDB } from '../db/index.js';

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

/** A membership a sync server granted for an invitation. */
export interface DeskMembership {
  /** The server's address as the library keeps it (ws:// or wss://). */
  serverUrl: string;
  docName: string;
  member: string;
  role: string;
  credential: string;
}

/**
 * The network half of sharing and joining, provided by a door that keeps shared cases in step
 * (sync/desk-link.ts): core never opens a socket itself.
 */
export interface DeskRemote {
  /** Trades an invitation for a membership; `sharing` is the case this library puts on the server. */
  redeem(server: string, invitation: string, sharing?: string): Promise<DeskMembership>;
  /** The whole document the server holds for the membership. */
  fetchDocument(membership: DeskMembership): Promise<Uint8Array>;
}

/** What every handler gets: the open library and who is working. */
export interface Context {
  /** Writable: the dispatcher narrows it to a read-only DB for a `write: false` method (core/method.ts). */
  db: WriteDB;
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
  /** The members of each shared case this process is linked to, as its server last told them. */
  deskMembers?: Map<string, { name: string; role: string; connected: boolean; note: string | null }[]>;
  /** Set while the door keeps shared cases in step: what sync.share and sync.accept reach the server with. */
  deskRemote?: DeskRemote;
  /**
   * Known only to this process's own link to the desk (sync/note-link.ts NoteHub): a change to a
   * co-edited note said to come from the desk must carry it. A page, which can call the door's
   * methods, could otherwise pass its own typing off as the desk's and so past the twin's check
   * on what goes upstream.
   */
  deskHubKey?: string;
}

/** What a reading handler (`write: false`) is given: the library's connection to read from only. */
export type ReadContext = Omit<Context, 'db'> & { db: DB };
