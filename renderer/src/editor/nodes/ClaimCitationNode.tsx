// A claim cited after the sentence it backs, shown as a chip with the claim's status. Saved as
// {"type": "claim-citation", "version": 1, "claimId": "…"}: the server reads exactly this shape
// to list the notes that cite a claim.

import { $create, nodeSchema, stringValue, withField, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { ClaimChip } from '../chips/Chips';
import { ChipNode } from './ChipNode';

const schema = nodeSchema<ClaimCitationNode>()({
  claimId: withField(stringValue(), { field: '__claimId' }),
});

export class ClaimCitationNode extends ChipNode {
  __claimId = '';

  override $config() {
    return this.config('claim-citation', { extends: ChipNode, json: schema });
  }

  getClaimId(): string {
    return this.getLatest().__claimId;
  }

  setClaimId(claimId: string): this {
    const self = this.getWritable();
    self.__claimId = claimId;
    return self;
  }

  override decorate(): JSX.Element {
    return <ClaimChip claimId={this.__claimId} />;
  }
}

export function $createClaimCitationNode(claimId: string): ClaimCitationNode {
  return $create(ClaimCitationNode).setClaimId(claimId);
}

export function $isClaimCitationNode(node: LexicalNode | null | undefined): node is ClaimCitationNode {
  return node instanceof ClaimCitationNode;
}
