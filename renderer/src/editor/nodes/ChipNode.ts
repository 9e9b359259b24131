// What every citation chip shares: an inline, atomic decorator that adds no words to the text
// (the server's plain text skips nodes without `text`, and so must the editor's word count).

import { DecoratorNode, type EditorConfig } from 'lexical';
import type { JSX } from 'react';

export class ChipNode extends DecoratorNode<JSX.Element> {
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
