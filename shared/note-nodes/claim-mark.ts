// A passage marked as backed by one or more claims ("cite a selection"): an inline element
// around the text, so the words stay the reporter's and the citation is the span itself.
// Saved as {"type": "claim-mark", "version": 1, "claimIds": ["…"], "children": […]}.

import { $create, arrayValue, ElementNode, nodeSchema, stringValue, withAccessors, type LexicalNode, type RangeSelection } from 'lexical';

const schema = nodeSchema<ClaimMarkNode>()({
  claimIds: withAccessors(arrayValue(stringValue()), {
    getter: 'getClaimIds',
    setter: { field: '__claimIds', method: 'setClaimIds' },
  }),
});

export class ClaimMarkNode extends ElementNode {
  __claimIds: readonly string[] = [];

  override $config() {
    return this.config('claim-mark', { extends: ElementNode, json: schema, importDOM: {} });
  }

  getClaimIds(): string[] {
    return [...this.getLatest().__claimIds];
  }

  setClaimIds(claimIds: readonly string[]): this {
    const self = this.getWritable();
    self.__claimIds = [...new Set(claimIds)];
    return self;
  }

  addClaimId(claimId: string): this {
    return this.setClaimIds([...this.getClaimIds(), claimId]);
  }

  override createDOM(): HTMLElement {
    const mark = document.createElement('mark');
    mark.className = 'claim-mark';
    this.describe(mark);
    return mark;
  }

  override updateDOM(prevNode: this, dom: HTMLElement): false {
    if (prevNode.__claimIds !== this.__claimIds) this.describe(dom);
    return false;
  }

  private describe(dom: HTMLElement): void {
    dom.dataset.claimIds = this.__claimIds.join(' ');
    dom.title = this.__claimIds.length > 1 ? `Cited by ${this.__claimIds.length} claims (Ctrl/Cmd+click opens the first)` : 'Cited by a claim (Ctrl/Cmd+click opens it)';
    dom.classList.toggle('claim-mark-many', this.__claimIds.length > 1);
  }

  override isInline(): true {
    return true;
  }

  override canBeEmpty(): false {
    return false;
  }

  // Typing at either edge writes outside the mark: a citation covers what was selected, not
  // whatever is typed next to it.
  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }

  override insertNewAfter(_selection: RangeSelection, restoreSelection = true): ClaimMarkNode {
    const next = $createClaimMarkNode(this.getClaimIds());
    this.insertAfter(next, restoreSelection);
    return next;
  }

  // Copied inside a note, the mark comes along; copied as HTML, only its words do.
  override excludeFromCopy(destination: 'clone' | 'html'): boolean {
    return destination === 'html';
  }
}

export function $createClaimMarkNode(claimIds: readonly string[]): ClaimMarkNode {
  return $create(ClaimMarkNode).setClaimIds(claimIds);
}

export function $isClaimMarkNode(node: LexicalNode | null | undefined): node is ClaimMarkNode {
  return node instanceof ClaimMarkNode;
}
