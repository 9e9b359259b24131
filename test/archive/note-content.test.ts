// A case archive's notes come in only if the editor can open them: the same check as
// notes.create (core/note-content.ts), applied before anything is written.

import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../core/context.js';
import { openLibrary } from '../../db/index.js';
import { call, callAsync, callAsyncError, tempDir } from '../helpers.js';
import { zipEntries } from './entries.js';
import { buildZip } from './zip.js';

let valid: Map<string, Buffer>;

const paragraph = (style: string, children: unknown[]) => ({ type: 'paragraph', version: 1, textStyle: style, children });
const text = (t: string, style = '') => ({ type: 'text', version: 1, text: t, format: 0, style, mode: 'normal', detail: 0 });
const content = (...children: unknown[]) => JSON.stringify({ root: { type: 'root', version: 1, children } });

beforeAll(async () => {
  const dir = tempDir();
  const libraryPath = join(dir, 'source.corroborate');
  const ctx: Context = { db: openLibrary(libraryPath), libraryPath, checker: 'T' };
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  call(ctx, 'notes.create', { caseId, title: 'Draft', text: 'Placeholder words' });
  const file = join(dir, 'case.zip');
  await callAsync(ctx, 'archive.create', { caseId, out: file });
  valid = await zipEntries(file);
  ctx.db.close();
});

/** The valid archive with its note's content replaced (and the text it claims), re-hashed. */
function withNote(noteContent: string, noteText = 'Placeholder words'): Buffer {
  const files = new Map(valid);
  const rows = files.get('tables/notes.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const row of rows) Object.assign(row, { content: noteContent, text: noteText });
  files.set('tables/notes.jsonl', Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { entries: Record<string, { sha256: string; size: number }> };
  for (const [name, data] of files) if (name !== 'manifest.json') manifest.entries[name] = { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return buildZip([...files].map(([name, data]) => ({ name, data, deflate: name !== 'manifest.json' })));
}

function library() {
  const dir = tempDir();
  const libraryPath = join(dir, 'library.corroborate');
  return { dir, ctx: { db: openLibrary(libraryPath), libraryPath, checker: 'T' } as Context };
}

async function importZip(zip: Buffer) {
  const { dir, ctx } = library();
  const file = join(dir, 'in.zip');
  writeFileSync(file, zip);
  return { ctx, file };
}

describe('unarchive checks note content', () => {
  it('refuses a note the editor cannot open, writing nothing', async () => {
    for (const [bad, pattern] of [
      [content(paragraph('', [{ type: 'image', version: 1, src: 'https://tracker.example/p.gif' }])), /a node of type “image”, which the editor does not know/],
      [content(paragraph('', [{ type: 'link', version: 1, url: 'javascript:alert(1)', children: [text('click')] }])), /a link goes somewhere other than/],
      [content(paragraph('', [{ ...text('x'), onclick: 'alert(1)' }])), /field “onclick”/],
      ['{"root": 42}', /editor root/],
      // notes.create's 5 MB limit holds for an archive's rows too.
      // (random text: a run of one letter would be refused first, as a ZIP bomb).
      [content(paragraph('', [text(randomBytes(3_800_000).toString('base64'))])), /larger than 5 MB/],
    ] as const) {
      const { ctx, file } = await importZip(withNote(bad));
      const error = await callAsyncError(ctx, 'archive.import', { file });
      expect(error.code).toBe('ARCHIVE_REFUSED');
      expect(error.message, error.message.slice(0, 300)).toMatch(pattern);
      expect(error.issues?.map((i) => i.path)).toEqual(['tables/notes.jsonl']);
      expect(call(ctx, 'cases.list', {})).toEqual([]);
      ctx.db.close();
    }
  });

  it('brings a styled note in without its styles, and derives its text rather than trusting the archive’s', async () => {
    const { ctx, file } = await importZip(withNote(content(paragraph('color: red', [text('Real words', 'background: url(https://tracker.example/p.gif)')])), 'Smuggled words'));
    const { caseId } = await callAsync(ctx, 'archive.import', { file });
    const [listed] = call(ctx, 'notes.list', { caseId });
    const note = call(ctx, 'notes.get', { id: listed!.id });
    expect(note.content).not.toMatch(/color|tracker/);
    expect(note.text).toBe('Real words');
    expect(call(ctx, 'search.query', { query: 'smuggled', types: ['note'] }).hits).toEqual([]);
    ctx.db.close();
  });
});
