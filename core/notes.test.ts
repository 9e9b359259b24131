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
  it('with editor content keeps every field as given (in the editor’s own serialisation) and derives its plain text, which search finds', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'Story draft', content: DRAFT });
    expect(JSON.parse(note.content)).toMatchObject(JSON.parse(DRAFT));
    expect(note.text).toBe('Pipeline\nPrecursors move through Manzanillo\nevery week.\nAs  shows.\none\ntwo');
    expect(call(ctx, 'notes.get', { id: note.id })).toMatchObject({ content: note.content, text: note.text });
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
    expect(updated).toMatchObject({ title: 'Renamed', content: note.content, text: note.text });
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

describe('note content is checked against the editor’s nodes', () => {
  const para = (...children: unknown[]) => block('paragraph', children);
  const link = (url: string, type = 'link') => ({ type, version: 1, url, rel: null, target: null, title: null, children: [text('here')] });

  function refused(content: string, pattern: RegExp) {
    const { ctx, caseId } = setup();
    const error = callError(ctx, 'notes.create', { caseId, title: 'T', content });
    expect(error.code, content).toBe('BAD_INPUT');
    expect(error.message, content).toMatch(pattern);
    expect(error.message).toMatch(/Nothing was saved/);
    expect(noteRows(ctx)).toBe(0);
  }

  it('refuses a node type the editor does not register', () => {
    refused(state(para(text('a'), { type: 'image', version: 1, src: 'https://tracker.example/p.gif' })), /a node of type “image”, which the editor does not know/);
    refused(state(block('table', [])), /a node of type “table”, which the editor does not know/);
  });

  it('refuses fields the editor does not know or cannot read, instead of quietly changing them', () => {
    const cases: [unknown, RegExp][] = [
      [para({ type: 'claim-citation', version: 1, claimId: 42 }), /“claim-citation” node has a “claimId”/],
      [para(text('a'), { type: 'source-mention', version: 1, sourceId: ['x'], name: 'N', text: 'N', format: 0, style: '', mode: 'token', detail: 0 }), /“sourceId”/],
      [para({ ...text('a'), text: 42 }), /“text” node has a “text”/],
      [para({ ...text('a'), format: 'bold' }), /“format”/],
      [para({ ...text('a'), onclick: 'alert(1)' }), /field “onclick” the editor does not know/],
      [para({ ...text('a'), children: [text('b')] }), /holds nodes it cannot hold/],
      [block('heading', [text('a')], { tag: 'script' }), /“tag”/],
      [block('list', [block('listitem', [text('a')])], { listType: 'javascript' }), /“listType”/],
    ];
    for (const [node, pattern] of cases) refused(state(node), pattern);
    refused(JSON.stringify({ root: block('root', [para(text('a'))]), evil: 1 }), /field “evil” beside the root/);
    // A prototype smuggled through JSON must not lend a node fields (a style) the check never saw.
    refused(state(para(text('a'))).replace('"text":"a"', '"text":"a","__proto__":{"style":"color: red"}'), /field “__proto__”/);
  });

  it('refuses trees the editor never builds', () => {
    refused(state(text('bare text on the root')), /not put together the way the editor builds them/);
    refused(state(block('listitem', [text('a')])), /not put together the way the editor builds them|cannot stand on its own line/);
    refused(state({ type: 'claim-citation', version: 1, claimId: 'C1' }), /“claim-citation” node cannot stand on its own line/);
    refused(state(block('quote', [text('a')]), block('claim-mark', [text('a')], { claimIds: ['C1'] })), /“claim-mark” node cannot stand on its own line/);
    refused(state(para(para(text('a')))), /inside a line of text/);
    refused(state(block('list', [para(text('a'))], { listType: 'bullet' })), /“paragraph” node/);
    refused(state(para(block('root', [para(text('a'))]))), /a root node inside it/);
    // Lexical's parser follows a nested root (same key as the real one) round in a cycle for ever.
    refused(state(block('list', [block('listitem', [block('root', [])])], { listType: 'bullet' })), /a root node inside it/);
  });

  it('refuses links that are not web, mail or phone addresses', () => {
    for (const url of ['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:x', 'relative/path']) {
      refused(state(para(link(url))), /a link goes somewhere other than/);
      refused(state(para(link(url, 'autolink'))), /a link goes somewhere other than/);
    }
  });

  it('refuses citations and mentions that name nothing', () => {
    refused(state(para({ type: 'claim-citation', version: 1, claimId: '' })), /a claim citation names no valid record/);
    refused(state(para({ type: 'document-citation', version: 1 })), /a document citation names no valid record/);
    refused(state(para({ type: 'excerpt-citation', version: 1, excerptId: 'x'.repeat(65) })), /an excerpt citation names no valid record/);
    refused(state(para({ type: 'claim-mark', version: 1, claimIds: ['C1', ''], children: [text('a')] })), /a cited passage names no valid record/);
  });

  it('refuses depth bombs in any field and content over 5 MB, quickly and without a crash', () => {
    const deep = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const started = performance.now();
    refused(state(para({ type: 'claim-mark', version: 1, claimIds: 'DEEP', children: [text('a')] })).replace('"DEEP"', deep), /“claimIds”/);
    let nested: unknown = text('deep');
    for (let i = 0; i < 1_000; i++) nested = block('list', [block('listitem', [nested])], { listType: 'bullet' });
    refused(state(nested), /nested too deeply/);
    expect(performance.now() - started).toBeLessThan(2_000);
    const { ctx, caseId } = setup();
    const huge = state(para(text('x'.repeat(5_000_001))));
    expect(callError(ctx, 'notes.create', { caseId, title: 'T', content: huge }).code).toBe('BAD_INPUT');
  });

  it('drops inline styles (pasted text carries them) and keeps the words and their emphasis', () => {
    const { ctx, caseId } = setup();
    const styled = state(
      { ...para(text('Red words', 1), { ...text('mention'), type: 'source-mention', sourceId: 'S1', name: 'N', mode: 'token' }), textStyle: 'color: red' },
    ).replace('"style":""', '"style":"color: red; background: url(https://tracker.example/p.gif)"');
    const note = call(ctx, 'notes.create', { caseId, title: 'Pasted', content: styled });
    expect(note.content).not.toMatch(/color|tracker/);
    const [paragraph] = (JSON.parse(note.content) as { root: { children: { textStyle: string; children: { style: string; format: number }[] }[] } }).root.children;
    expect(paragraph!.textStyle).toBe('');
    expect(paragraph!.children.map((c) => [c.style, c.format])).toEqual([['', 1], ['', 0]]);
    expect(note.text).toBe('Red wordsmention');
  });

  it('stores what it checked: checking it again changes nothing, and the editor’s defaults fill what was left out', () => {
    const { ctx, caseId } = setup();
    const sparse = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Few fields' }] }] } });
    const note = call(ctx, 'notes.create', { caseId, title: 'T', content: sparse });
    expect(JSON.parse(note.content)).toMatchObject({ root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Few fields', format: 0, mode: 'normal' }] }] } });
    const again = call(ctx, 'notes.update', { id: note.id, revision: 1, content: note.content });
    expect(again.content).toBe(note.content);
    expect(again.text).toBe('Few fields');
  });

  it('refuses invalid content on update, leaving the note as it was', () => {
    const { ctx, caseId } = setup();
    const note = call(ctx, 'notes.create', { caseId, title: 'T', content: DRAFT });
    expect(callError(ctx, 'notes.update', { id: note.id, revision: 1, content: state(para(link('javascript:alert(1)'))) }).code).toBe('BAD_INPUT');
    expect(call(ctx, 'notes.get', { id: note.id })).toEqual(note);
  });
});
