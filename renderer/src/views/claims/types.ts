import type { Output } from '../../../../core/api';

/** What `claims.get` hands back, and its parts. */
export type ClaimDetailData = Output<'claims.get'>;
export type EvidenceItem = ClaimDetailData['evidence'][number];
export type LinkedClaim = ClaimDetailData['links'][number];
