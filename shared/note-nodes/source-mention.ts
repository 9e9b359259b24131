// A source named in the text ("@" then a name): the name stays part of the sentence, so it is
// a text node (counted, searched, copied as words) that moves and deletes as one token. Saved as
// {"type": "source-mention", "version": 1, "sourceId": "…", "name": "…", "text": "…", …}: the
// name as it was when inserted; the text node's own fields come along.

import { $create, nodeSchema, stringValue, TextNode, withField, type EditorConfig, type LexicalNode } from 'lexical';

const schema = nodeSchema<SourceMentionNode>()({
  sourceId: withField(stringValue(), { field: '__sourceId' }),
  name: withField(stringValue(), { field: '__name' }),
});

export class SourceMentionNode extends TextNode {
  __sourceId = '';
  __name = '';

  override $config() {
    // No importDOM: pasted HTML never turns into mentions.
    return this.config('source-mention', { extends: TextNode, json: schema, importDOM: {} });
  }

  getSourceId(): string {
    return this.getLatest().__sourceId;
  }

  setSourceId(sourceId: string): this {
    const self = this.getWritable();
    self.__sourceId = sourceId;
    return self;
  }

  getName(): string {
    return this.getLatest().__name;
  }

  setName(name: string): this {
    const self = this.getWritable();
    self.__name = name;
    return self;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    dom.classList.add('source-mention');
    dom.dataset.sourceId = this.__sourceId;
    dom.title = `Source: ${this.__name} (Ctrl/Cmd+click opens it)`;
    return dom;
  }

  override updateDOM(prevNode: this, dom: HTMLElement, config: EditorConfig): boolean {
    if (prevNode.__sourceId !== this.__sourceId) dom.dataset.sourceId = this.__sourceId;
    return super.updateDOM(prevNode, dom, config);
  }

  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }

  override isTextEntity(): true {
    return true;
  }
}

export function $createSourceMentionNode(sourceId: string, name: string): SourceMentionNode {
  return $create(SourceMentionNode).setSourceId(sourceId).setName(name).setTextContent(name).setMode('token');
}

export function $isSourceMentionNode(node: LexicalNode | null | undefined): node is SourceMentionNode {
  return node instanceof SourceMentionNode;
}
