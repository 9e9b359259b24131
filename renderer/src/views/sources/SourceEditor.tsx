import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { SourceForm } from './SourceForm';

/** The source form, blank or filled in with an existing source (and the name of its affiliation) once loaded. */
export function SourceEditor({ sourceId }: { sourceId: string | null }) {
  const detail = useQuery('sources.get', sourceId ? { id: sourceId } : null);
  const affiliationId = detail.data?.source.affiliationId ?? null;
  const affiliation = useQuery('sources.get', affiliationId ? { id: affiliationId } : null);
  const error = detail.error ?? affiliation.error;
  if (error) return <ErrorAlert error={error} />;
  if ((sourceId && !detail.data) || (affiliationId && !affiliation.data)) return <Loading what="the source" />;
  return <SourceForm source={detail.data?.source ?? null} affiliation={affiliation.data?.source ?? null} />;
}
