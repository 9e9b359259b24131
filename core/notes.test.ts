import { describe, expect, it } from 'vitest';
import { call, callError, tempLibrary } from '../test/helpers.js';
import type { Context } from './context.js';

function setup() {
  const ctx = tempLibrary();
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  return { ctx, caseId };
}

const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, style: '', mode: 'normal', detail: 0 });
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, version: 1, children, ...extra });
const state = (...children: unknown[]) => JSON.stringify({ root: block('root', children) });

const DRAFT = state(
  block('heading', [text('Pipeline')], { tag: 'h1' }),
  block('paragraph', [text('Precursors move '), text('through Manzanillo', 1), { type: 'linebreak', version: 1 }, text('every week.')]),
  block('paragraph', [text('As '), { type: 'claim-citation', version: 1, claimId: 'X' }, text(' shows.')]),
  block('list', [block('listitem', [text('one')]), block('listitem', [text('two')])], { listType: 'bullet' }),
);

function noteRows(ctx: Context): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
}

/** Notes holding exactly these words (hits found only through a spelling correction do not count). */
function searchNotes(ctx: Context, query: string): string[] {
  const result = call(ctx, 'search.query', { query, types: ['note'] });
  return result.suggestion ? [] : result.hits.map((h) => h.id);
}

describe('notes.create', () => {
  it('with editor content keeps it as given and derives its plain text, which search finds', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'Story draft', content: DRAFT });
    expect(note.content).toBe(DRAFT);
    expect(note.text).toBe('Pipeline\nPrecursors move through Manzanillo\nevery week.\nAs  shows.\none\ntwo');
    expect(call(ctx, 'notes.get', { id: note.id })).toMatchObject({ content: DRAFT, text: note.text });
    expect(searchNotes(ctx, 'manzanillo weekly')).toEqual([]);
    expect(searchNotes(ctx, 'manzanillo week')).toEqual([note.id]);
    expect(searchNotes(ctx, '"through Manzanillo"')).toEqual([note.id]);
  });

  it('ignores a caller’s plain text when content is given: the text is always derived', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'T', content: state(block('paragraph', [text('real words')])), text: 'smuggled words' });
    expect(note.text).toBe('real words');
    expect(searchNotes(ctx, 'smuggled')).toEqual([]);
  });

  it('with text only builds an editor state of paragraphs', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'From the CLI', text: 'First line\n\nThird line' });
    const parsed = JSON.parse(note.content) as { root: { type: string; children: { type: string; children: { type: string; text: string }[] }[] } };
    expect(parsed.root.type).toBe('root');
    expect(parsed.root.children.map((p) => p.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(parsed.root.children.map((p) => p.children.map((c) => c.text).join(''))).toEqual(['First line', '', 'Third line']);
    expect(note.text).toBe('First line\n\nThird line');
    expect(searchNotes(ctx, 'third')).toEqual([note.id]);
  });

  it('with neither starts an empty note', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'Empty' });
    expect(note.text).toBe('');
    expect(JSON.parse(note.content)).toMatchObject({ root: { type: 'root', children: [{ type: 'paragraph', children: [] }] } });
  });

  it('refuses content that is not editor JSON, writing nothing', () => {
    const { ctx, caseId } = setup();
    const bad = ['{not json', 'null', '[]', '42', '"text"', '{}', '{"root": null}', '{"root": {"children": "x"}}', '{"root": {"type": "root"}}'];
    for (const content of bad) {
      const error = callError(ctx, 'notes.create', { caseId, title: 'T', content });
      expect(error.code, content).toBe('BAD_INPUT');
      expect(error.message).toMatch(/editor/);
    }
    expect(noteRows(ctx)).toBe(0);
  });

  it('refuses content nested too deeply', () => {
    const { ctx, caseId } = setup();
    let node: unknown = text('deep');
    for (let i = 0; i < 250; i++) node = block('paragraph', [node]);
    const error = callError(ctx, 'notes.create', { caseId, title: 'T', content: JSON.stringify({ root: block('root', [node]) }) });
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/nested too deeply/) });
    // Through headings, quotes and list items alike.
    let mixed: unknown = text('deep');
    for (let i = 0; i < 210; i++) mixed = block(['quote', 'heading', 'listitem'][i % 3]!, [mixed]);
    expect(callError(ctx, 'notes.create', { caseId, title: 'T', content: state(mixed) }).code).toBe('BAD_INPUT');
    expect(noteRows(ctx)).toBe(0);
  });

  it('accepts a note nested as deep as the editor itself nests', () => {
    const { ctx, caseId } = setup();
    let node: unknown = text('nested list item');
    for (let i = 0; i < 20; i++) node = block('list', [block('listitem', [node])]);
    expect(call(ctx, 'notes.create', { caseId, title: 'T', content: state(node) }).text).toBe('nested list item');
  });
});

describe('notes.update', () => {
  it('re-derives the text from new content; search follows', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'T', text: 'old wording' });
    const updated = call(ctx, 'notes.update', { id: note.id, content: state(block('paragraph', [text('fresh phrasing')])), revision: 1 });
    expect(updated).toMatchObject({ text: 'fresh phrasing', revision: 2 });
    expect(searchNotes(ctx, 'wording')).toEqual([]);
    expect(searchNotes(ctx, 'phrasing')).toEqual([note.id]);
  });

  it('with a title only keeps the content', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'T', content: DRAFT });
    const updated = call(ctx, 'notes.update', { id: note.id, title: 'Renamed' });
    expect(updated).toMatchObject({ title: 'Renamed', content: DRAFT, text: note.text });
  });

  it('refuses bad content and leaves the note as it was', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'T', content: DRAFT });
    expect(callError(ctx, 'notes.update', { id: note.id, title: 'New', content: '{oops' }).code).toBe('BAD_INPUT');
    expect(call(ctx, 'notes.get', { id: note.id })).toEqual(note);
  });
});

describe('notes.list', () => {
  it('lists the case’s notes last edited first, without their content, with word counts', () => {
    const { ctx, caseId } = setup();
    const a = call(ctx, 'notes.create', { caseId, title: 'A', text: 'One two three.' });
    const b = call(ctx, 'notes.create', { caseId, title: 'B', text: "Don't count the U.S. twice: 3.5 tonnes, well-known — 🦊 — port’s log" });
    const c = call(ctx, 'notes.create', { caseId, title: 'C' });
    call(ctx, 'notes.update', { id: a.id, title: 'A, edited' });
    const other = call(ctx, 'cases.create', { title: 'Other' }).id;
    call(ctx, 'notes.create', { caseId: other, title: 'Elsewhere', text: 'x' });
    const list = call(ctx, 'notes.list', { caseId });
    expect(list[0]!.id).toBe(a.id);
    expect(list.map((n) => n.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const words = Object.fromEntries(list.map((n) => [n.title, n.words]));
    // Don't · count · the · U.S · twice · 3.5 · tonnes · well-known · port’s · log
    expect(words).toEqual({ 'A, edited': 3, B: 10, C: 0 });
    for (const n of list) {
      expect(n).not.toHaveProperty('content');
      expect(n).not.toHaveProperty('text');
    }
  });

  it('counts the words of the derived text of editor content', () => {
    const { ctx, caseId } = setup();
    call(ctx, 'notes.create', { caseId, title: 'Draft', content: DRAFT });
    // Pipeline · Precursors move through Manzanillo · every week · As shows · one two
    expect(call(ctx, 'notes.list', { caseId })[0]!.words).toBe(11);
  });
});
