import { z } from 'zod';
import { getRecord, insertRecord, listNotes, setNoteLinks, updateRecord, type Note, type NoteSummary } from '../../db/index.js';
import type { Context } from '../context.js';
import { method } from '../method.js';
import { citationsOf, editorStateFromText, plainText } from '../lexical-text.js';
import { checkedNoteContent } from '../note-content.js';
import { byCase, byId, id, LIMITS, patchOf, title } from '../schemas.js';
import { liveCase, trashMethod } from '../record-rules.js';
import { countWords } from '../../shared/words.js';
import { caseOfSharedNote, editSharedNote } from '../desk/note-engine.js';

const content = z.string().max(LIMITS.noteContent, 'a note is at most 5 MB');
const fields = {
  title,
  /** Lexical editor state, as JSON: refused unless the editor can open it; inline styles are dropped. */
  content,
  /** Plain text, for notes written outside the editor; ignored when content is given. */
  text: z.string().max(LIMITS.noteContent),
};

/** The stored pair: editor state (checked against the editor's nodes) and the plain text derived from it. */
function body(input: { content?: string; text?: string }): { content?: string; text?: string } {
  const state = input.content !== undefined ? checkedNoteContent(input.content) : input.text !== undefined ? editorStateFromText(input.text) : undefined;
  return state === undefined ? {} : { content: state, text: plainText(state) };
}

/** Saves the note's fields, and with new content what it cites, so claims list their backlinks. */
function save(ctx: Context, note: Note): Note {
  setNoteLinks(ctx.db, note.id, citationsOf(note.content));
  return note;
}

export const noteMethods = {
  'notes.list': method({
    summary: 'Notes and drafts of a case, last edited first, with word counts.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }): NoteSummary[] => listNotes(ctx.db, caseId).map(({ text, ...note }) => ({ ...note, words: countWords(text) })),
  }),
  'notes.get': method({
    summary: 'One note with its editor state and plain text.',
    input: byId,
    write: false,
    run: (ctx, { id }) => getRecord(ctx.db, 'note', id, { includeTrashed: true }),
  }),
  'notes.create': method({
    summary: 'Starts a note or story draft.',
    input: z.strictObject({ caseId: id, ...fields }).partial().required({ caseId: true, title: true }),
    write: true,
    run: (ctx, { caseId, title, ...rest }) => {
      liveCase(ctx, caseId);
      return save(ctx, insertRecord(ctx.db, 'note', { caseId, title, ...body(rest.content || rest.text ? rest : { text: '' }) }));
    },
  }),
  'notes.update': method({
    summary: 'Saves a note (title and/or content).',
    input: patchOf(fields),
    write: true,
    run: (ctx, { id, revision, title, ...rest }) => {
      const fields = body(rest);
      // A co-edited note's text is its document: the new text goes in as an edit that merges with others'.
      const shared = fields.content !== undefined ? caseOfSharedNote(ctx.db, id) : undefined;
      if (shared && fields.content !== undefined) editSharedNote(ctx.db, id, fields.content, shared);
      return save(ctx, updateRecord(ctx.db, 'note', id, { title, ...fields }, revision));
    },
  }),
  'notes.delete': trashMethod('note', 'Moves a note to the trash.'),
};
