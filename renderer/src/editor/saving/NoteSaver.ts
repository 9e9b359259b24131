// Saving a note as it is written: at most a second after the last keystroke, at once when the
// window loses focus or closes, one save at a time, each carrying the revision it was written
// against so that a save over someone else's (another window's) is refused, never silent.

import type { Note } from '../../../../db/types';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string }
  /** Another window saved this note since it was loaded here. */
  | { kind: 'conflict' };

export interface SaverIO {
  update(input: { id: string; revision?: number; title?: string; content?: string }, exiting: boolean): Promise<Note>;
  get(id: string): Promise<Note>;
  /** The error code of a failed call (CONFLICT is the one that matters here). */
  codeOf(err: unknown): string | undefined;
  messageOf(err: unknown): string;
}

export const AUTOSAVE_DELAY_MS = 600;
/** Typing without a pause still saves this often. */
export const AUTOSAVE_MAX_WAIT_MS = 5000;

export class NoteSaver {
  state: SaveState = { kind: 'saved' };
  private dirty = false;
  private title: string | undefined;
  /** What the library holds, as this editor writes it: an update that changes nothing is not sent. */
  private savedContent: string | null = null;
  private savedTitle: string | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest change not yet sent was made. */
  private pendingSince: number | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly noteId: string,
    private revision: number,
    private readonly io: SaverIO,
    /**
     * The editor's state as JSON, read only when a save goes out; null for a co-edited note,
     * whose text the door saves as it is typed (only its title goes out from here).
     */
    private readonly content: (() => string) | null,
    private readonly onSaved: (note: Note) => void = () => {},
    private readonly delayMs = AUTOSAVE_DELAY_MS,
    private readonly maxWaitMs = AUTOSAVE_MAX_WAIT_MS,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SaveState => this.state;

  get unsaved(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  /** The note as loaded, in the editor's own serialization (selection moves make "changes" that are none). */
  setBaseline(content: string): void {
    this.savedContent = content;
  }

  /** The text changed: save soon. */
  changed(): void {
    this.dirty = true;
    if (this.state.kind === 'conflict') return;
    if (this.state.kind !== 'saving') this.set({ kind: 'pending' });
    this.schedule();
  }

  /** A blank title is not sent (the library requires one): the last one stays until another is typed. */
  setTitle(title: string): void {
    if (!title.trim()) return;
    this.title = title;
    this.changed();
  }

  /** Saves now what is not saved yet; resolves once the library has it (or refused it). */
  async flush(exiting = false): Promise<void> {
    this.cancelTimer();
    // One save at a time: the next one goes out with the revision the current one returns.
    while (this.inFlight) await this.inFlight;
    if (!this.dirty || this.state.kind === 'conflict') return;
    this.dirty = false;
    this.pendingSince = null;
    const content = this.content?.();
    const title = this.title;
    if ((content === undefined || content === this.savedContent) && title === this.savedTitle) {
      this.set({ kind: 'saved' });
      return;
    }
    // A co-edited note's title is one value on the desk, the last written kept (its history
    // holds the others): it goes without the revision, which every co-editor's typing moves.
    const input = { id: this.noteId, ...(content !== undefined ? { revision: this.revision, content } : {}), ...(title !== undefined ? { title } : {}) };
    this.set({ kind: 'saving' });
    this.inFlight = this.io.update(input, exiting).then(
      (note) => {
        this.revision = note.revision;
        if (content !== undefined) this.savedContent = content;
        this.savedTitle = title;
        this.inFlight = null;
        this.set(this.dirty ? { kind: 'pending' } : { kind: 'saved' });
        this.onSaved(note);
        if (this.dirty) this.schedule();
      },
      (err: unknown) => {
        this.inFlight = null;
        this.dirty = true;
        this.set(this.io.codeOf(err) === 'CONFLICT' ? { kind: 'conflict' } : { kind: 'failed', message: this.io.messageOf(err) });
      },
    );
    return this.inFlight;
  }

  /** Keep what is written here: save it over the other window's version. */
  async overwrite(): Promise<void> {
    const current = await this.io.get(this.noteId);
    this.revision = current.revision;
    this.savedContent = null;
    this.dirty = true;
    this.set({ kind: 'pending' });
    await this.flush();
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private schedule(): void {
    this.cancelTimer();
    const now = Date.now();
    this.pendingSince ??= now;
    const wait = Math.max(0, Math.min(this.delayMs, this.pendingSince + this.maxWaitMs - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(state: SaveState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}
