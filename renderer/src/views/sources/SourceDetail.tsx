import { useMemo, useState } from 'react';
import { api } from '../../api';
import { DetailHeader } from '../../components/DetailHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TagsFact } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ReliabilityBadge } from '../../components/ReliabilityBadge';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useFocusOnLoad } from '../../components/useFocusOnLoad';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { useQuery } from '../../data';
import { formatPartialDate } from '../../format';
import { ATTRIBUTION_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS } from '../../labels';
import { NOTHING, useNavigation } from '../../navigation';
import { SourceOnDesk } from '../desk/SourceOnDesk';
import { ContactDetails } from './ContactDetails';
import { MergeDialog } from './MergeDialog';

/** One source: who they are, on what terms they speak, and every claim they made in any case. */
export function SourceDetail({ sourceId, focus }: { sourceId: string; focus: boolean }) {
  const nav = useNavigation();
  const detail = useQuery('sources.get', { id: sourceId });
  const affiliationId = detail.data?.source.affiliationId ?? null;
  const affiliation = useQuery('sources.get', affiliationId ? { id: affiliationId } : null);
  const cases = useQuery('cases.list', {});
  const caseTitles = useMemo(() => new Map((cases.data ?? []).map((c) => [c.id, c.title])), [cases.data]);
  const [merging, setMerging] = useState(false);
  const trash = useMoveToTrash();
  const heading = useFocusOnLoad(focus && !!detail.data);

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the source" />;
  const { source, claims } = detail.data;

  const moveToTrash = async () => {
    if (await trash.move(() => api.invoke('sources.delete', { id: source.id }), source.name)) nav.selectSource(NOTHING);
  };

  return (
    <article className="detail" aria-labelledby="source-name">
      <DetailHeader
        kicker={
          <>
            <span className="kind">{SOURCE_KIND_LABELS[source.kind]}</span>
            {source.confidential && <span className="badge confidential">Confidential</span>}
            {source.deletedAt && <span className="badge">In the trash</span>}
          </>
        }
        titleId="source-name"
        title={source.name}
        headingRef={heading}
        subtitle={source.role && <p className="detail-subtitle">{source.role}</p>}
        actions={
          <>
            <button type="button" className="button" onClick={() => nav.selectSource({ mode: 'edit', id: source.id })} aria-keyshortcuts="E">
              Edit
            </button>
            <button type="button" className="button" onClick={() => setMerging(true)}>
              Merge a duplicate…
            </button>
            <button type="button" className="button danger-quiet" onClick={moveToTrash} disabled={trash.busy}>
              Move to trash
            </button>
          </>
        }
        error={trash.error}
      />

      <SourceOnDesk sourceId={source.id} />

      <dl className="facts">
        <dt>Reliability</dt>
        <dd>
          {source.reliability ? (
            <>
              <ReliabilityBadge grade={source.reliability} /> {RELIABILITY_LABELS[source.reliability]}
            </>
          ) : (
            'Not graded'
          )}
        </dd>
        <dt>Usual attribution</dt>
        <dd>{ATTRIBUTION_LABELS[source.defaultAttribution]}</dd>
        {source.aliases.length > 0 && (
          <>
            <dt>Also known as</dt>
            <dd>{source.aliases.join(', ')}</dd>
          </>
        )}
        {affiliationId && (
          <>
            <dt>Affiliation</dt>
            <dd>
              {affiliation.data ? (
                <button type="button" className="link" onClick={() => nav.openSource(affiliationId)}>
                  {affiliation.data.source.name}
                </button>
              ) : (
                '…'
              )}
            </dd>
          </>
        )}
        {source.description && (
          <>
            <dt>About</dt>
            <dd>{source.description}</dd>
          </>
        )}
        <dt>Contact</dt>
        <dd>
          <ContactDetails contact={source.contact} />
        </dd>
        {source.confidential && (
          <>
            <dt>Why anonymous</dt>
            <dd>{source.anonymityReason || 'Not recorded'}</dd>
            <dt>Identity known by</dt>
            <dd>{source.identityKnownBy || 'Not recorded'}</dd>
          </>
        )}
        <TagsFact tags={source.tags} />
        {source.notes && (
          <>
            <dt>Notes</dt>
            <dd className="prose">{source.notes}</dd>
          </>
        )}
      </dl>

      <Section title="Claims" count={claims.length} empty="No claims from this source yet. Pick them as a source when you record a claim.">
        <ul className="cards">
          {claims.map((c) => (
            <li key={c.id} className="card">
              <p className="card-kicker">
                <StatusBadge status={c.status} />
                <span className="muted">
                  {caseTitles.get(c.caseId) ?? 'Another case'}
                  {c.saidOn && ` · ${formatPartialDate(c.saidOn)}`}
                </span>
              </p>
              <button type="button" className="link card-title" onClick={() => nav.openClaim(c.caseId, c.id)}>
                {c.statement}
              </button>
            </li>
          ))}
        </ul>
      </Section>

      {merging && <MergeDialog keep={source} onClose={() => setMerging(false)} />}
    </article>
  );
}
