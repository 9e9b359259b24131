// What every citation chip shares: an inline, atomic decorator that adds no words to the text
// (the server's plain text skips nodes without `text`, and so must the editor's word count).
// What it shows is the renderer's (renderer/src/editor/nodes): here it decorates nothing, which
// is all core needs to read and check a note.

import { DecoratorNode, type EditorConfig } from 'lexical';

export class ChipNode extends DecoratorNode<unknown> {
  override createDOM(_config: EditorConfig): HTMLElement {
    const host = document.createElement('span');
    host.className = 'chip-host';
    host.dataset.citation = this.getType();
    return host;
  }

  override updateDOM(): false {
    return false;
  }

  override getTextContent(): string {
    return '';
  }

  override isInline(): true {
    return true;
  }
}
