// A document cited as a whole (a report, a dataset). Saved as
// {"type": "document-citation", "version": 1, "documentId": "…"}.

import { nodeSchema, stringValue, withField } from 'lexical';
import { ChipNode } from './chip.js';

const schema = nodeSchema<DocumentCitationData>()({
  documentId: withField(stringValue(), { field: '__documentId' }),
});

export class DocumentCitationData extends ChipNode {
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
}
