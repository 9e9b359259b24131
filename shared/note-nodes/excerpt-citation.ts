// An exact passage of a document cited. Saved as
// {"type": "excerpt-citation", "version": 1, "excerptId": "…"}.

import { nodeSchema, stringValue, withField } from 'lexical';
import { ChipNode } from './chip.js';

const schema = nodeSchema<ExcerptCitationData>()({
  excerptId: withField(stringValue(), { field: '__excerptId' }),
});

export class ExcerptCitationData extends ChipNode {
  __excerptId = '';

  override $config() {
    return this.config('excerpt-citation', { extends: ChipNode, json: schema });
  }

  getExcerptId(): string {
    return this.getLatest().__excerptId;
  }

  setExcerptId(excerptId: string): this {
    const self = this.getWritable();
    self.__excerptId = excerptId;
    return self;
  }
}
