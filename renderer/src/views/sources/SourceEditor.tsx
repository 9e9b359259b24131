import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { SourceForm } from './SourceForm';

/** The source form, blank or filled in with an existing source once it has loaded. */
export function SourceEditor({ sourceId }: { sourceId: string | null }) {
  const detail = useQuery('sources.get', sourceId ? { id: sourceId } : null);
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (sourceId && !detail.data) return <Loading what="the source" />;
  return <SourceForm source={detail.data?.source ?? null} />;
}
