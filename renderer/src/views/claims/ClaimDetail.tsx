import { useState } from 'react';
import { api } from '../../api';
import { DetailHeader } from '../../components/DetailHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TagsFact } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { useFocusOnLoad } from '../../components/useFocusOnLoad';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { useQuery } from '../../data';
import { formatPartialDate, formatTimestamp } from '../../format';
import { ATTRIBUTION_LABELS, MEDIUM_LABELS, QUOTE_KIND_LABELS } from '../../labels';
import { NOTHING, useNavigation } from '../../navigation';
import { ChangedBy } from '../desk/ChangedBy';
import { CitedIn } from './CitedIn';
import { CorroborationBadge, CorroborationFacts } from './Corroboration';
import { EvidenceSection } from './EvidenceSection';
import { LinkedClaims } from './LinkedClaims';
import { ReplyLog } from './ReplyLog';
import { StatusChange } from './StatusChange';
import { VerificationLog } from './VerificationLog';

/** Everything known about one claim: who said it, what bears on it, and how it was checked. */
export function ClaimDetail({ claimId, focus }: { claimId: string; focus: boolean }) {
  const nav = useNavigation();
  const detail = useQuery('claims.get', { id: claimId });
  const [changingStatus, setChangingStatus] = useState(false);
  const trash = useMoveToTrash();
  const heading = useFocusOnLoad(focus && !!detail.data);

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the claim" />;
  const data = detail.data;
  const { claim, sources, origin } = data;

  const moveToTrash = async () => {
    if (await trash.move(() => api.invoke('claims.delete', { id: claim.id }), 'the claim')) nav.selectClaim(NOTHING);
  };

  return (
    <article className="detail" aria-labelledby="claim-statement">
      <DetailHeader
        kicker={
          <>
            <StatusBadge status={claim.status} />
            <CorroborationBadge corroboration={data.corroboration} />
            {claim.deletedAt && <span className="badge">In the trash</span>}
          </>
        }
        titleId="claim-statement"
        title={claim.statement}
        headingRef={heading}
        subtitle={
          <p className="detail-meta">
            <span>{claim.saidOn ? `Said ${formatPartialDate(claim.saidOn)}` : 'Date not recorded'}</span>
            <span>{MEDIUM_LABELS[claim.medium]}</span>
            <span>{ATTRIBUTION_LABELS[claim.attribution]}</span>
            <span className="muted">recorded {formatTimestamp(claim.createdAt)}</span>
          </p>
        }
        actions={
          <>
            <button type="button" className="button" onClick={() => setChangingStatus((v) => !v)} aria-expanded={changingStatus}>
              Change status
            </button>
            <button type="button" className="button" onClick={() => nav.selectClaim({ mode: 'edit', id: claim.id })} aria-keyshortcuts="E">
              Edit
            </button>
            <button type="button" className="button danger-quiet" onClick={moveToTrash} disabled={trash.busy}>
              Move to trash
            </button>
          </>
        }
        error={trash.error}
      />

      <ChangedBy caseId={claim.caseId} record={claim} />

      {changingStatus && <StatusChange claim={claim} onDone={() => setChangingStatus(false)} />}

      {claim.quote && (
        <figure className="quote">
          <blockquote>{claim.quote}</blockquote>
          <figcaption>{QUOTE_KIND_LABELS[claim.quoteKind]}</figcaption>
        </figure>
      )}

      <dl className="facts">
        <dt>Sources</dt>
        <dd>
          {sources.length === 0
            ? 'None recorded'
            : sources.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && '; '}
                  <button type="button" className="link" onClick={() => nav.openSource(s.id)}>
                    {s.name}
                  </button>
                  {s.role && <span className="muted">, {s.role}</span>}
                </span>
              ))}
        </dd>
        <CorroborationFacts corroboration={data.corroboration} caseId={claim.caseId} ownSourceIds={claim.sourceIds} />
        {origin && (
          <>
            <dt>Reported in</dt>
            <dd>“{origin.exact}”</dd>
          </>
        )}
        <TagsFact tags={claim.tags} />
      </dl>

      <LinkedClaims claim={claim} links={data.links} />
      <EvidenceSection claim={claim} evidence={data.evidence} />
      <VerificationLog entries={data.verification} />
      <ReplyLog claim={claim} sources={sources} replies={data.replies} />
      <CitedIn caseId={claim.caseId} notes={data.citedIn} />
    </article>
  );
}
