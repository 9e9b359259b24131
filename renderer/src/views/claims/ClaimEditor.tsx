import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { ClaimForm } from './ClaimForm';

/** The claim form, for a new claim or filled in with an existing one once it has loaded. */
export function ClaimEditor({ caseId, claimId }: { caseId: string; claimId: string | null }) {
  const detail = useQuery('claims.get', claimId ? { id: claimId } : null);
  const sources = useQuery('sources.list', {});
  const error = detail.error ?? sources.error;
  if (error) return <ErrorAlert error={error} />;
  if (!sources.data || (claimId && !detail.data)) return <Loading what="the claim form" />;
  return <ClaimForm caseId={caseId} claim={detail.data?.claim ?? null} sources={sources.data} />;
}
