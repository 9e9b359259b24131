// The claim citation chip in the editor: the node's data and JSON shape are defined once, in
// shared/note-nodes/claim-citation.ts (core checks notes against it); this adds what it shows.

import { $create, type LexicalNode } from 'lexical';
import type { JSX } from 'react';
import { ClaimCitationData } from '../../../../shared/note-nodes/claim-citation';
import { ClaimChip } from '../chips/Chips';

export class ClaimCitationNode extends ClaimCitationData {
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
