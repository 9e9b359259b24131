// Putting a citation into the text: a chip (or a source's name) at the cursor, or a claim mark
// around the selected words.

import {
  $createTextNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isDecoratorNode,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type BaseSelection,
  type ElementNode,
  type LexicalNode,
  type RangeSelection,
} from 'lexical';
import { $createClaimCitationNode } from '../nodes/ClaimCitationNode';
import { $createClaimMarkNode, $isClaimMarkNode, type ClaimMarkNode } from '../../../../shared/note-nodes/claim-mark';
import { $createDocumentCitationNode } from '../nodes/DocumentCitationNode';
import { $createExcerptCitationNode } from '../nodes/ExcerptCitationNode';
import { $createSourceMentionNode } from '../../../../shared/note-nodes/source-mention';
import type { CitableType } from './suggest';

export interface Citable {
  type: CitableType;
  id: string;
  title: string;
}

export function $createCitation(item: Citable): LexicalNode {
  switch (item.type) {
    case 'claim':
      return $createClaimCitationNode(item.id);
    case 'document':
      return $createDocumentCitationNode(item.id);
    case 'excerpt':
      return $createExcerptCitationNode(item.id);
    case 'source':
      return $createSourceMentionNode(item.id, item.title);
  }
}

/**
 * Puts the citation in place of `replacing` (the typed "@name" or "#words"), or at the cursor,
 * or (the editor never focused) at the end of the note; the caret ends up just after it. A
 * source's name is followed by a space (unless one follows already), since the sentence goes on.
 */
export function $insertCitation(item: Citable, replacing: LexicalNode | null = null, fallback: BaseSelection | null = null): void {
  const node = $createCitation(item);
  if (replacing) {
    replacing.replace(node);
  } else {
    let selection = $getSelection() ?? fallback?.clone() ?? null;
    if (!$isRangeSelection(selection)) selection = $getRoot().selectEnd();
    $setSelection(selection);
    $insertNodes([node]);
  }
  const next = node.getNextSibling();
  if (item.type === 'source' && !($isTextNode(next) && /^\s/.test(next.getTextContent()))) {
    const space = $createTextNode(' ');
    node.insertAfter(space);
    space.select(1, 1);
  } else {
    node.selectNext(0, 0);
  }
}

/** Whether the selected words can be marked: some text, not a whole-block selection of nothing. */
export function canMark(selection: BaseSelection | null): selection is RangeSelection {
  return $isRangeSelection(selection) && !selection.isCollapsed() && selection.getTextContent().trim().length > 0;
}

/**
 * Marks the selected words as backed by a claim. Runs of inline nodes that share a parent are
 * wrapped together; a mark already covering part of the selection gains the claim rather than
 * being nested in a new one; the caret lands after the last mark.
 */
export function $markSelection(selection: RangeSelection, claimId: string): void {
  let current: ClaimMarkNode | null = null;
  let parent: ElementNode | null = null;
  let last: ElementNode | null = null;
  const handled = new Set<string>();
  for (const node of selection.extract()) {
    if (node.getParents().some((p) => handled.has(p.getKey()))) continue;
    if ($isClaimMarkNode(node)) {
      node.addClaimId(claimId);
      handled.add(node.getKey());
      last = node;
      current = null;
      continue;
    }
    const inline = $isTextNode(node) || (($isDecoratorNode(node) || $isElementNode(node)) && node.isInline());
    if (!inline) {
      current = null;
      continue;
    }
    const enclosing = node.getParent();
    if ($isClaimMarkNode(enclosing) && enclosing.getTextContent() === node.getTextContent()) {
      enclosing.addClaimId(claimId);
      handled.add(enclosing.getKey());
      last = enclosing;
      current = null;
      continue;
    }
    if (!current || !enclosing || !enclosing.is(parent)) {
      current = $createClaimMarkNode([claimId]);
      node.insertBefore(current);
      parent = enclosing;
      handled.add(current.getKey());
    }
    current.append(node);
    last = current;
  }
  last?.selectNext(0, 0);
}
