// A claim cited after the sentence it backs. Saved as
// {"type": "claim-citation", "version": 1, "claimId": "…"}: the server reads exactly this shape
// to list the notes that cite a claim.

import { nodeSchema, stringValue, withField } from 'lexical';
import { ChipNode } from './chip.js';

const schema = nodeSchema<ClaimCitationData>()({
  claimId: withField(stringValue(), { field: '__claimId' }),
});

export class ClaimCitationData extends ChipNode {
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
}
