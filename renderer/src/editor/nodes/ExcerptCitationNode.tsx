// An exact passage of a document cited, shown as a chip quoting its first words. Saved as
// {"type": "excerpt-citation", "version": 1, "excerptId": "…"}.

import { $create, nodeSchema, stringValue, withField, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { ExcerptChip } from '../chips/Chips';
import { ChipNode } from './ChipNode';

const schema = nodeSchema<ExcerptCitationNode>()({
  excerptId: withField(stringValue(), { field: '__excerptId' }),
});

export class ExcerptCitationNode extends ChipNode {
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

  override decorate(): JSX.Element {
    return <ExcerptChip excerptId={this.__excerptId} />;
  }
}

export function $createExcerptCitationNode(excerptId: string): ExcerptCitationNode {
  return $create(ExcerptCitationNode).setExcerptId(excerptId);
}

export function $isExcerptCitationNode(node: LexicalNode | null | undefined): node is ExcerptCitationNode {
  return node instanceof ExcerptCitationNode;
}
