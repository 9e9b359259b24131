// A note's editor for the tests, without a browser: a headless Lexical editor bound through
// @lexical/yjs to its own Yjs document (as the page's CollaborationPlugin binds one), linked to a
// process's copy of the note as the door's relay links a page's. Typing is a Lexical edit, so
// what reaches the document is what a reporter's keystrokes make.

import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode } from 'lexical';
import * as Y from 'yjs';
import { noteNodes } from '../../shared/note-nodes/index.js';
import { NO_PROVIDER as PROVIDER } from '../../core/note-doc.js';

const nothing = () => {};
const LINK = Symbol('link');

export interface Typist {
  /** Types `text` at `offset` of paragraph `line` (0-based), as keystrokes would. */
  type(line: number, offset: number, text: string): void;
  /** A new paragraph at the end. */
  addLine(text: string): void;
  text(): string;
  /** Stops following the note (the page closed). */
  close(): void;
}

/** An editor on `note` (a process's copy), its changes applied there with `origin`. */
export function typist(note: Y.Doc, origin: unknown): Typist {
  const doc = new Y.Doc();
  const editor = createHeadlessEditor({ namespace: 'test', nodes: noteNodes(), onError: (e) => { throw e; } });
  const binding = createBinding(editor, PROVIDER, 'note', doc, new Map([['note', doc]]));
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, PROVIDER, events as Y.YEvent<Y.XmlText>[], false, nothing);
  });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
    syncLexicalUpdateToYjs(binding, PROVIDER, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags),
  );
  const toNote = (u: Uint8Array, o: unknown) => o !== LINK && Y.applyUpdate(note, u, origin);
  const fromNote = (u: Uint8Array, o: unknown) => o !== origin && Y.applyUpdate(doc, u, LINK);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(note), LINK);
  editor.update(nothing, { discrete: true });
  doc.on('update', toNote);
  note.on('update', fromNote);
  return {
    type(line, offset, text) {
      editor.update(
        () => {
          const paragraph = $getRoot().getChildren()[line];
          if (!$isElementNode(paragraph)) throw new Error(`no line ${line}`);
          const node = paragraph.getFirstChild();
          if ($isTextNode(node)) node.spliceText(offset, 0, text);
          else paragraph.append($createTextNode(text));
        },
        { discrete: true },
      );
    },
    addLine(text) {
      editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(text))), { discrete: true });
    },
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    close() {
      doc.off('update', toNote);
      note.off('update', fromNote);
      doc.destroy();
    },
  };
}
