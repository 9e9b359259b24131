// Inline styles never stay in a note. Pasted text carries them (a word processor's colours and
// fonts, a web page's `background: url(…)`), and Lexical's own clipboard format, which any page
// can forge, carries them verbatim. A transform on every text node covers each way in: HTML,
// that clipboard format, a drop, a loaded note. Emphasis is kept: Lexical reads bold, italic and
// the like into the text's format, not its style. Core drops them on save as well
// (core/note-content.ts), so a note written elsewhere cannot bring them back.

import { mergeRegister } from '@lexical/utils';
import { TextNode, type LexicalEditor } from 'lexical';
import { SourceMentionNode } from '../../../../shared/note-nodes/source-mention';

const unstyle = (node: TextNode) => {
  if (node.getStyle() !== '') node.setStyle('');
};

export function registerNoInlineStyles(editor: LexicalEditor): () => void {
  // A transform is registered per class: a mention, a text node of its own class, needs its own.
  return mergeRegister(editor.registerNodeTransform(TextNode, unstyle), editor.registerNodeTransform(SourceMentionNode, unstyle));
}
