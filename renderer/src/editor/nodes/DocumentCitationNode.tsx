// The document citation chip in the editor: the node's data and JSON shape are defined once, in
// shared/note-nodes/document-citation.ts (core checks notes against it); this adds what it shows.

import { $create, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { DocumentCitationData } from '../../../../shared/note-nodes/document-citation';
import { DocumentChip } from '../chips/Chips';

export class DocumentCitationNode extends DocumentCitationData {
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
