import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Note } from '../../../../db/types';
import { NoteSaver, type SaverIO } from './NoteSaver';

class Conflict extends Error {
  code = 'CONFLICT';
}

/** A library holding one note, refusing saves against a stale revision as the real one does. */
function library() {
  const note: Note = { id: 'N1', caseId: 'C', title: 'T', content: '{}', text: '', revision: 1, createdAt: '', updatedAt: '', deletedAt: null };
  const saves: { revision?: number; content?: string; title?: string; exiting: boolean }[] = [];
  const io: SaverIO = {
    update: async ({ revision, content, title }, exiting) => {
      saves.push({ exiting, ...(revision !== undefined ? { revision } : {}), ...(content !== undefined ? { content } : {}), ...(title !== undefined ? { title } : {}) });
      await Promise.resolve();
      if (revision !== undefined && revision !== note.revision) throw new Conflict('stale');
      note.revision++;
      if (content !== undefined) note.content = content;
      if (title !== undefined) note.title = title;
      return { ...note };
    },
    get: async () => ({ ...note }),
    codeOf: (err) => (err instanceof Conflict ? err.code : undefined),
    messageOf: (err) => String(err),
  };
  return { note, saves, io };
}

describe('NoteSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, within a second of the last change, with the loaded revision', async () => {
    const lib = library();
    let text = 'a';
    const saver = new NoteSaver('N1', 1, lib.io, () => text);
    saver.changed();
    text = 'ab';
    saver.changed();
    expect(saver.state.kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(999);
    expect(lib.saves).toEqual([{ revision: 1, content: 'ab', exiting: false }]);
    expect(saver.state.kind).toBe('saved');
    expect(lib.note.revision).toBe(2);
  });

  it('saves every few seconds while the reporter types without a pause', async () => {
    const lib = library();
    let n = 0;
    const saver = new NoteSaver('N1', 1, lib.io, () => `text ${n}`);
    for (n = 1; n <= 60; n++) {
      saver.changed();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(lib.saves.length).toBeGreaterThanOrEqual(2);
  });

  it('never runs two saves at once; the second carries the first one’s revision', async () => {
    const lib = library();
    let text = 'a';
    const saver = new NoteSaver('N1', 1, lib.io, () => text);
    saver.changed();
    const first = saver.flush();
    text = 'ab';
    saver.changed();
    await Promise.all([first, saver.flush()]);
    expect(lib.saves.map((s) => [s.revision, s.content])).toEqual([
      [1, 'a'],
      [2, 'ab'],
    ]);
    expect(saver.state.kind).toBe('saved');
  });

  it('reports a save over another window’s as a conflict, and overwrites only when asked', async () => {
    const lib = library();
    lib.note.revision = 5; // another window saved meanwhile
    const saver = new NoteSaver('N1', 1, lib.io, () => 'mine');
    saver.changed();
    await saver.flush();
    expect(saver.state.kind).toBe('conflict');
    saver.changed();
    await vi.advanceTimersByTimeAsync(2000);
    expect(lib.saves).toHaveLength(1); // no autosave while in conflict
    await saver.overwrite();
    expect(saver.state.kind).toBe('saved');
    expect(lib.note.content).toBe('mine');
    expect(lib.saves.at(-1)?.revision).toBe(5);
  });

  it('keeps the text unsaved after a failure, and says why', async () => {
    const lib = library();
    const io = { ...lib.io, update: () => Promise.reject(new Error('disk full')) };
    const saver = new NoteSaver('N1', 1, io, () => 'x');
    saver.changed();
    await saver.flush();
    expect(saver.state).toEqual({ kind: 'failed', message: 'Error: disk full' });
    expect(saver.unsaved).toBe(true);
  });

  it('sends nothing when nothing changed (a click that only moved the caret)', async () => {
    const lib = library();
    const saver = new NoteSaver('N1', 1, lib.io, () => 'as loaded');
    saver.setBaseline('as loaded');
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(lib.saves).toEqual([]);
    expect(saver.state.kind).toBe('saved');
  });

  it('sends the title with the text, never a blank one', async () => {
    const lib = library();
    const saver = new NoteSaver('N1', 1, lib.io, () => 'x');
    saver.setTitle('Draft 2');
    saver.setTitle('   ');
    await saver.flush(true);
    expect(lib.saves).toEqual([{ revision: 1, content: 'x', title: 'Draft 2', exiting: true }]);
  });

  it('saves only the title of a co-edited note (the door saves its text), without a revision others’ typing moves', async () => {
    const lib = library();
    const saver = new NoteSaver('N1', 1, lib.io, null);
    // Others' typing moved the note on since it was opened here.
    lib.note.revision = 7;
    saver.setTitle('Night shift');
    await vi.runAllTimersAsync();
    expect(lib.saves).toEqual([{ title: 'Night shift', exiting: false }]);
    expect(saver.getState()).toEqual({ kind: 'saved' });
    expect(lib.note).toMatchObject({ title: 'Night shift', content: '{}' });
  });
});
