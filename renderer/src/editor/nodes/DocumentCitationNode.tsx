// A document cited as a whole (a report, a dataset), shown as a chip with its title. Saved as
// {"type": "document-citation", "version": 1, "documentId": "…"}.

import { $create, nodeSchema, stringValue, withField, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { DocumentChip } from '../chips/Chips';
import { ChipNode } from './ChipNode';

const schema = nodeSchema<DocumentCitationNode>()({
  documentId: withField(stringValue(), { field: '__documentId' }),
});

export class DocumentCitationNode extends ChipNode {
  __documentId = '';

  override $config() {
    return this.config('document-citation', { extends: ChipNode, json: schema });
  }

  getDocumentId(): string {
    return this.getLatest().__documentId;
  }

  setDocumentId(documentId: string): this {
    const self = this.getWritable();
    self.__documentId = documentId;
    return self;
  }

  override decorate(): JSX.Element {
    return <DocumentChip documentId={this.__documentId} />;
  }
}

export function $createDocumentCitationNode(documentId: string): DocumentCitationNode {
  return $create(DocumentCitationNode).setDocumentId(documentId);
}

export function $isDocumentCitationNode(node: LexicalNode | null | undefined): node is DocumentCitationNode {
  return node instanceof DocumentCitationNode;
}
