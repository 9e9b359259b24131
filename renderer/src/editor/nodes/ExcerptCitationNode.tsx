// The excerpt citation chip in the editor: the node's data and JSON shape are defined once, in
// shared/note-nodes/excerpt-citation.ts (core checks notes against it); this adds what it shows.

import { $create, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { ExcerptCitationData } from '../../../../shared/note-nodes/excerpt-citation';
import { ExcerptChip } from '../chips/Chips';

export class ExcerptCitationNode extends ExcerptCitationData {
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
