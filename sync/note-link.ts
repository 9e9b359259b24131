// The running process's copy of each co-edited note (docs/sync.md §1, §3a): one Yjs document per
// note of a shared case, filled from the library, linked to the sync server (one socket per case,
// Hocuspocus multiplexing the note documents on it) and, through the door's relay
// (sync/note-relay.ts), to the editors open on this machine. Every change that reaches it is
// written to the library through the dispatcher (`sync.noteChange`), the editor's own typing
// before the editor is told it is saved; the note's content and plain text follow once typing
// pauses. The member's credential stays here: editors talk to this process, never to the server.

import { randomBytes } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Context } from '../core/context.js';
import { libraryTypingMask } from '../core/desk/mask.js';
import { NoteTwin, type TwinChange } from '../core/desk/note-twin.js';
import { deskChanged } from '../core/desk/desk-watch.js';
import { dispatch } from '../core/dispatcher.js';
import { ApiError } from '../core/errors.js';
import type { SharedCase } from '../db/index.js';
import { noteDocName } from './protocol.js';
import { DeskWebSocket } from './sockets.js';

/** Origin of what was read from the library: it is there already. */
export const FROM_LIBRARY = Symbol('library');
/** Origin of what an editor on this machine typed (through the relay). */
export const FROM_EDITOR = Symbol('editor');

export interface NoteHubOptions {
  /** How often the library is looked at for notes and for changes other processes made (ms). */
  pollMs?: number;
  /** Typing pauses this long before the note's content is derived again (ms). */
  settleMs?: number;
  /** …and never waits longer than this while typing goes on (ms). */
  settleMaxMs?: number;
  log?: (message: string) => void;
}

interface HubNote {
  noteId: string;
  caseId: string;
  /** The note as this library holds it: what its editors here are linked to. */
  doc: Y.Doc;
  /** What is linked upstream: `doc` itself, or its masked twin when the library holds confidential identities. */
  shared: Y.Doc;
  twin: NoteTwin | null;
  /** The desk's cursors and names (the server's side of the relay); null while not linked. */
  upstream: HocuspocusProvider | null;
  settleTimer: ReturnType<typeof setTimeout> | null;
  unsettledSince: number | null;
  /** Changes the library could not take yet (busy, full disk): written again on the next tick. */
  unwritten: { update?: string; twin?: string; from: 'here' | 'desk' }[];
  /**
   * The library may hold changes of ours the server has not confirmed (sync.status counts them
   * as waiting): its copy is asked for once ours are sent. Cleared when the answer covers them.
   */
  unacked: boolean;
  /** Next wait before asking again when an answer did not cover them all (ms). */
  ackRetryMs: number;
}

interface CaseLink {
  shared: SharedCase;
  socket: HocuspocusProviderWebsocket;
}

const ACK_RETRY_MS = 100;
const ACK_RETRY_MAX_MS = 5000;

const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(['FORBIDDEN', 'BAD_INPUT', 'NOT_FOUND']);

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** Through the dispatcher; a failure is thrown to the caller, who tells the door's log. */
function call<N extends 'sync.noteOpen' | 'sync.noteChange' | 'sync.noteChanges' | 'sync.noteMember' | 'sync.noteAcknowledge' | 'notes.list'>(ctx: Context, name: N, input: unknown) {
  const res = dispatch(ctx, name, input, () => {});
  if (!res.ok) throw new ApiError(res.error.code, res.error.message);
  return res.value;
}

/** Every co-edited note this process holds, for one open library. */
export class NoteHub {
  private readonly notes = new Map<string, HubNote>();
  private readonly cases = new Map<string, CaseLink>();
  private readonly listeners = new Set<(noteId: string) => void>();
  /** Notes open in an editor on this machine (through the door's relay), by how many bridges hold each. */
  private readonly inEditor = new Map<string, number>();
  private readonly editorListeners = new Set<() => void>();
  private lastSeq = 0;
  private ticks = 0;
  private readonly poll: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    readonly ctx: Context,
    private readonly options: NoteHubOptions = {},
  ) {
    ctx.deskHubKey ??= randomBytes(18).toString('base64url');
    this.lastSeq = (call(ctx, 'sync.noteChanges', { after: Number.MAX_SAFE_INTEGER }) as { latest: number }).latest;
    this.poll = setInterval(() => {
      // Its library closed under it (`corroborate sync --once` ends, a test closes it): nothing left to hold.
      if (!ctx.db.open) return this.stop();
      try {
        this.pickUpLibrary();
        if (++this.ticks % 8 === 0) this.letGoOfUnshared();
      } catch (err) {
        options.log?.(`Co-edited notes could not be read from the library: ${(err as Error).message}`);
      }
    }, options.pollMs ?? 250);
    this.poll.unref?.();
  }

  /** The note's document, loaded from the library on first use. NOT_FOUND when its case is not shared. */
  open(noteId: string): HubNote {
    const known = this.notes.get(noteId);
    if (known) return known;
    const opened = call(this.ctx, 'sync.noteOpen', { noteId }) as { caseId: string; state: string; twin: string | null };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes(opened.state), FROM_LIBRARY);
    const note: HubNote = { noteId, caseId: opened.caseId, doc, shared: doc, twin: null, upstream: null, settleTimer: null, unsettledSince: null, unwritten: [], unacked: true, ackRetryMs: ACK_RETRY_MS };
    this.notes.set(noteId, note);
    const mask = opened.twin === null ? null : libraryTypingMask(this.ctx.db);
    if (opened.twin !== null && mask) {
      // The library holds confidential identities: the desk gets the note's masked twin.
      note.shared = new Y.Doc();
      Y.applyUpdate(note.shared, bytes(opened.twin), FROM_LIBRARY);
      note.twin = new NoteTwin(doc, note.shared, mask, (c) => this.twinChanged(note, c), (origin) => origin === FROM_LIBRARY);
    } else {
      doc.on('update', (update: Uint8Array, origin: unknown) => this.changed(note, update, origin));
    }
    const link = this.cases.get(opened.caseId);
    if (link) this.attach(note, link);
    // What reached the library while nobody held the note (a crash before it settled) is settled now.
    this.settleSoon(note);
    return note;
  }

  holds(noteId: string): boolean {
    return this.notes.has(noteId);
  }

  /** Links a shared case's notes to its server, and any opened later. */
  linkCase(shared: SharedCase): void {
    if (this.cases.has(shared.caseId) || this.stopped) return;
    const socket = new HocuspocusProviderWebsocket({ url: shared.serverUrl, WebSocketPolyfill: DeskWebSocket, delay: 250, minDelay: 100, maxDelay: 2000 });
    const link = { shared, socket };
    this.cases.set(shared.caseId, link);
    for (const note of this.notes.values()) if (note.caseId === shared.caseId) this.attach(note, link);
    this.openCaseNotes(shared.caseId);
  }

  unlinkCase(caseId: string): void {
    const link = this.cases.get(caseId);
    if (!link) return;
    this.cases.delete(caseId);
    for (const note of this.notes.values()) {
      if (note.caseId !== caseId || !note.upstream) continue;
      note.upstream.destroy();
      note.upstream = null;
      this.emit(note.noteId);
    }
    link.socket.destroy();
  }

  /**
   * Every note of the case is held, linked, in step with the server (nothing of ours unsent,
   * its first exchange done) and written to the library: `corroborate sync --once` stops then.
   */
  caseInStep(caseId: string): boolean {
    this.openCaseNotes(caseId);
    const notes = [...this.notes.values()].filter((n) => n.caseId === caseId);
    if (notes.some((n) => !n.upstream?.isSynced || n.upstream.hasUnsyncedChanges)) return false;
    // …and the library knows the server holds them (no change counted as waiting).
    const unacked = notes.filter((n) => n.unacked);
    for (const note of unacked) this.askForAck(note);
    if (unacked.length) return false;
    for (const note of notes) this.settle(note);
    return true;
  }

  /** Told when a note's link to the desk comes or goes (the relay re-attaches the cursors). */
  onLinkChange(listener: (noteId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * An editor on this machine has the note open until the returned function is called: the
   * member's presence on the desk says which note they are in (sync/client.ts).
   */
  editorOpened(noteId: string): () => void {
    this.inEditor.set(noteId, (this.inEditor.get(noteId) ?? 0) + 1);
    this.editorsChanged();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.inEditor.get(noteId) ?? 1) - 1;
      if (left > 0) this.inEditor.set(noteId, left);
      else this.inEditor.delete(noteId);
      this.editorsChanged();
    };
  }

  /** The note of the case open in an editor here (the one opened last), or null. */
  openInEditor(caseId: string): string | null {
    let open: string | null = null;
    for (const noteId of this.inEditor.keys()) if (this.notes.get(noteId)?.caseId === caseId) open = noteId;
    return open;
  }

  /** Told when a note is opened in an editor here or closed. */
  onEditorChange(listener: () => void): () => void {
    this.editorListeners.add(listener);
    return () => this.editorListeners.delete(listener);
  }

  private editorsChanged(): void {
    for (const l of this.editorListeners) l();
  }

  /** Writes what is not settled yet, then lets everything go. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.poll);
    for (const note of this.notes.values()) this.settle(note);
    for (const caseId of [...this.cases.keys()]) this.unlinkCase(caseId);
    for (const note of this.notes.values()) this.destroy(note);
    this.notes.clear();
  }

  /** A note no longer co-edited (its case now cites a confidential source, or left the desk) is let go. */
  private letGoOfUnshared(): void {
    // A library that comes to hold a confidential identity (or no longer does) links its notes again, through a twin (or not).
    const mask = libraryTypingMask(this.ctx.db);
    const relink = new Set<string>();
    for (const note of [...this.notes.values()]) {
      if (note.twin && mask) note.twin.mask = mask;
      const inStep = (note.twin !== null) === (mask !== null);
      if (inStep && call(this.ctx, 'sync.noteMember', { noteId: note.noteId }) !== null) continue;
      this.settle(note);
      note.upstream?.destroy();
      note.upstream = null;
      if (note.settleTimer) clearTimeout(note.settleTimer);
      this.destroy(note);
      this.notes.delete(note.noteId);
      this.emit(note.noteId);
      if (!inStep && this.cases.has(note.caseId)) relink.add(note.caseId);
    }
    // On a new socket: the server may still be closing the old link of the same document on the old one.
    for (const caseId of relink) {
      const link = this.cases.get(caseId)!;
      this.unlinkCase(caseId);
      this.linkCase(link.shared);
    }
  }

  private destroy(note: HubNote): void {
    note.twin?.close();
    if (note.shared !== note.doc) note.shared.destroy();
    note.doc.destroy();
  }

  private emit(noteId: string): void {
    for (const l of this.listeners) l(noteId);
  }

  /** Notes of the case not held yet (new here, or arrived from the desk) are opened. */
  openCaseNotes(caseId: string): void {
    const notes = call(this.ctx, 'notes.list', { caseId }) as { id: string }[];
    for (const n of notes) {
      try {
        this.open(n.id);
      } catch (err) {
        this.options.log?.(`Note ${n.id} could not be linked: ${(err as Error).message}`);
      }
    }
  }

  private attach(note: HubNote, link: CaseLink): void {
    const provider = new HocuspocusProvider({
      websocketProvider: link.socket,
      name: noteDocName(link.shared.docName, note.noteId),
      document: note.shared,
      token: link.shared.credential,
      // Its own cursor is none: the editors' cursors are relayed into this awareness.
      awareness: new Awareness(note.shared),
    });
    provider.on('synced', () => this.askForAck(note));
    provider.on('unsyncedChanges', ({ number }: { number: number }) => number === 0 && this.askForAck(note));
    provider.on('stateless', ({ payload }: { payload: string }) => this.acknowledged(note, provider, payload));
    provider.attach();
    note.upstream = provider;
    this.emit(note.noteId);
  }

  /** Asks the server for its copy's snapshot once everything of ours is sent: the answer says what it holds. */
  private askForAck(note: HubNote): void {
    const up = note.upstream;
    if (!note.unacked || this.stopped || !up?.isSynced || up.hasUnsyncedChanges) return;
    up.sendStateless('{"type":"snapshot"}');
  }

  private acknowledged(note: HubNote, from: HocuspocusProvider, payload: string): void {
    if (from !== note.upstream || this.stopped) return;
    let message: { type?: unknown; data?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.type !== 'snapshot' || typeof message.data !== 'string') return;
    let waiting: number;
    try {
      ({ waiting } = call(this.ctx, 'sync.noteAcknowledge', { noteId: note.noteId, snapshot: message.data }));
    } catch (err) {
      this.options.log?.(`Note ${note.noteId}: what the desk holds could not be noted: ${(err as Error).message}`);
      return;
    }
    note.unacked = waiting > 0;
    deskChanged(this.ctx);
    if (!note.unacked) {
      note.ackRetryMs = ACK_RETRY_MS;
      return;
    }
    // Some are still on their way (written by another process, not picked up yet): asked again, less and less often.
    setTimeout(() => this.askForAck(note), note.ackRetryMs).unref?.();
    note.ackRetryMs = Math.min(note.ackRetryMs * 2, ACK_RETRY_MAX_MS);
  }

  private changed(note: HubNote, update: Uint8Array, origin: unknown): void {
    if (origin === FROM_LIBRARY || this.stopped) return;
    const from = origin === note.upstream ? 'desk' : 'here';
    if (from === 'here' && !note.unacked) {
      note.unacked = true;
      // Its count of changes waiting moves (once, not at each keystroke).
      deskChanged(this.ctx);
    }
    // Written before the editor's change is acknowledged to it (the relay answers after this
    // returns): a line shown as saved is in the library. One the library refuses for now stays
    // here, in order, and is written again: the process's copy holds it meanwhile.
    note.unwritten.push({ update: b64(update), from });
    this.writeUnwritten(note);
    this.settleSoon(note);
  }

  /** Both halves of a change to a twinned note, kept together: the library never holds one without the other. */
  private twinChanged(note: HubNote, change: TwinChange): void {
    if (this.stopped) return;
    const from = change.origin === note.upstream ? 'desk' : 'here';
    if (from === 'here' && !note.unacked) {
      note.unacked = true;
      deskChanged(this.ctx);
    }
    note.unwritten.push({ update: change.local ? b64(change.local) : undefined, twin: change.shared ? b64(change.shared) : undefined, from });
    this.writeUnwritten(note);
    this.settleSoon(note);
  }

  private writeUnwritten(note: HubNote): void {
    while (note.unwritten.length) {
      try {
        const { update, twin, from } = note.unwritten[0]!;
        call(this.ctx, 'sync.noteChange', { noteId: note.noteId, update, twin, from, ...(from === 'desk' ? { hub: this.ctx.deskHubKey } : {}), settle: false });
      } catch (err) {
        this.options.log?.(`A change to note ${note.noteId} was not saved: ${(err as Error).message}`);
        // Refused for good (a read-only member, a change that is not a note's): not tried again.
        if (!REFUSED_FOR_GOOD.has((err as ApiError).code)) return;
      }
      note.unwritten.shift();
    }
  }

  private settleSoon(note: HubNote): void {
    const now = Date.now();
    note.unsettledSince ??= now;
    if (note.settleTimer) clearTimeout(note.settleTimer);
    const wait = Math.max(0, Math.min(this.options.settleMs ?? 300, note.unsettledSince + (this.options.settleMaxMs ?? 2000) - now));
    note.settleTimer = setTimeout(() => this.settle(note), wait);
  }

  private settle(note: HubNote): void {
    if (note.settleTimer) clearTimeout(note.settleTimer);
    note.settleTimer = null;
    if (note.unsettledSince === null) return;
    note.unsettledSince = null;
    try {
      call(this.ctx, 'sync.noteChange', { noteId: note.noteId, from: 'here', settle: true });
    } catch (err) {
      this.options.log?.(`Note ${note.noteId} could not be brought up to date: ${(err as Error).message}`);
    }
  }

  /** Changes other processes (a script, notes.update) made to the notes' documents, and notes new since. */
  private pickUpLibrary(): void {
    if (this.stopped) return;
    for (const note of this.notes.values()) if (note.unwritten.length) this.writeUnwritten(note);
    for (;;) {
      const { updates, latest } = call(this.ctx, 'sync.noteChanges', { after: this.lastSeq }) as { updates: { seq: number; noteId: string; update: string; twin: boolean }[]; latest: number };
      for (const u of updates) {
        this.lastSeq = u.seq;
        const note = this.notes.get(u.noteId);
        // Both halves of a change another process made arrive in turn: the twin mirrors neither.
        if (note && (!u.twin || note.twin)) {
          note.unacked = true;
          Y.applyUpdate(u.twin ? note.shared : note.doc, bytes(u.update), FROM_LIBRARY);
        }
        else if (this.cases.size) this.tryOpen(u.noteId);
      }
      if (updates.length === 0 || this.lastSeq >= latest) break;
    }
  }

  private tryOpen(noteId: string): void {
    try {
      this.open(noteId);
    } catch {
      // Its case is not shared (any more): nothing to hold.
    }
  }
}

const hubs = new WeakMap<Context, NoteHub>();

/** The hub of the library open in `ctx` now (a new one after a library switch). */
export function noteHub(ctx: Context, options?: NoteHubOptions): NoteHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new NoteHub(ctx, options);
    hubs.set(ctx, hub);
  }
  return hub;
}

/** Stops the hub of `ctx` (its library closes). */
export function stopNoteHub(ctx: Context): void {
  hubs.get(ctx)?.stop();
  hubs.delete(ctx);
}
