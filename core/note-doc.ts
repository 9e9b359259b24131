// A co-edited note's Yjs document (docs/sync.md §1) read and written headless, through the same
// binding the editor's CollaborationPlugin uses (@lexical/yjs), so what the library derives from
// it is what every member's editor shows, and what the library writes into it merges with their
// typing like any other member's edit.

import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding, type Provider } from '@lexical/yjs';
import type { LexicalEditor, SerializedEditorState } from 'lexical';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { noteNodes } from '../shared/note-nodes/index.js';
import { NOTE_ROOT } from './desk/schema.js';

export { NOTE_ROOT };

const nothing = () => {};
/** The binding needs a provider for cursors; headless there are none. */
export const NO_PROVIDER: Provider = {
  awareness: { getLocalState: () => null, getStates: () => new Map(), off: nothing, on: nothing, setLocalState: nothing, setLocalStateField: nothing },
  connect: nothing,
  disconnect: nothing,
  off: nothing,
  on: nothing,
};

function headless(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'corroborate-note',
    nodes: noteNodes(),
    onError: (error) => {
      throw error;
    },
  });
}

/**
 * A headless editor bound to a copy of `doc` (made with `clientID`), holding what `doc` holds:
 * the copy is filled the way a client's is, through the binding's own handling of Yjs events.
 */
function boundCopy(doc: Y.Doc, clientID?: number): { editor: LexicalEditor; binding: Binding; copy: Y.Doc } {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  const editor = headless();
  const binding = createBinding(editor, NO_PROVIDER, 'note', copy, new Map([['note', copy]]));
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_PROVIDER, events as Y.YEvent<Y.XmlText>[], false, nothing);
  });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  editor.update(nothing, { discrete: true });
  return { editor, binding, copy };
}

/** The note's Lexical state (JSON) as the document holds it; null when the document is empty. */
export function noteStateOf(doc: Y.Doc): string | null {
  if (doc.get(NOTE_ROOT, Y.XmlText).length === 0) return null;
  const { editor, copy } = boundCopy(doc);
  copy.destroy();
  return JSON.stringify(editor.getEditorState().toJSON());
}

/**
 * `state` (checked Lexical JSON) as an edit of the document: what differs from the document's
 * text, as a Yjs update (not applied to `doc`), or null when nothing differs.
 */
export function editFor(doc: Y.Doc, state: string, clientID?: number): Uint8Array | null {
  const { editor, binding, copy } = boundCopy(doc, clientID);
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === binding) update = update ? Y.mergeUpdates([update, u]) : u;
  });
  const stop = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, NO_PROVIDER, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  try {
    editor.setEditorState(editor.parseEditorState(JSON.parse(state) as SerializedEditorState));
    editor.update(nothing, { discrete: true });
  } finally {
    stop();
    copy.destroy();
  }
  return update;
}

/**
 * The first content of a note's document, made the same way in every library: the same note
 * with the same text gives the very same Yjs items (same client, same clocks), so two libraries
 * that start the document at once merge into one copy of the text, not two.
 */
export function seedUpdate(noteId: string, state: string): Uint8Array {
  const doc = new Y.Doc();
  const clientID = createHash('sha256').update(`${noteId}\n${state}`).digest().readUInt32BE(0) & 0x7fffffff;
  try {
    return editFor(doc, state, clientID) ?? new Uint8Array([0, 0]);
  } finally {
    doc.destroy();
  }
}
