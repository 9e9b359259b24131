import { useState } from 'react';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { useFocusOnLoad } from '../../components/useFocusOnLoad';
import { useQuery } from '../../data';
import { formatPartialDate, formatTimestamp } from '../../format';
import { ATTRIBUTION_LABELS, MEDIUM_LABELS, QUOTE_KIND_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
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
  const [deleting, setDeleting] = useState(false);
  const heading = useFocusOnLoad(focus && !!detail.data);

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the claim" />;
  const { claim, sources, evidence, links, verification, replies, origin } = detail.data;

  return (
    <article className="detail" aria-labelledby="claim-statement">
      <header className="detail-header">
        <div className="detail-kicker">
          <StatusBadge status={claim.status} />
          {claim.deletedAt && <span className="badge">In the trash</span>}
        </div>
        <h2 id="claim-statement" className="detail-title" ref={heading} tabIndex={-1}>
          {claim.statement}
        </h2>
        <div className="detail-actions">
          <button type="button" className="button" onClick={() => setChangingStatus((v) => !v)} aria-expanded={changingStatus}>
            Change status
          </button>
          <button type="button" className="button" onClick={() => nav.selectClaim({ mode: 'edit', id: claim.id })}>
            Edit
          </button>
          <button type="button" className="button danger-quiet" onClick={() => setDeleting(true)}>
            Move to trash
          </button>
        </div>
      </header>

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
        <dt>Said on</dt>
        <dd>{formatPartialDate(claim.saidOn) || 'Not recorded'}</dd>
        <dt>Medium</dt>
        <dd>{MEDIUM_LABELS[claim.medium]}</dd>
        <dt>Attribution</dt>
        <dd>{ATTRIBUTION_LABELS[claim.attribution]}</dd>
        {origin && (
          <>
            <dt>Reported in</dt>
            <dd>“{origin.exact}”</dd>
          </>
        )}
        <dt>Tags</dt>
        <dd>{claim.tags.length ? claim.tags.map((t) => <span key={t} className="tag">{t}</span>) : 'None'}</dd>
        <dt>Recorded</dt>
        <dd>{formatTimestamp(claim.createdAt)}</dd>
      </dl>

      <EvidenceSection evidence={evidence} />
      <LinkedClaims links={links} />
      <VerificationLog entries={verification} />
      <ReplyLog replies={replies} />

      {deleting && (
        <ConfirmDialog
          title="Move this claim to the trash?"
          message="Its evidence links and verification history are kept, and it can be restored from the trash."
          confirmLabel="Move to trash"
          onConfirm={() => api.invoke('claims.delete', { id: claim.id })}
          onDone={() => nav.selectClaim({ mode: 'none' })}
          onCancel={() => setDeleting(false)}
        />
      )}
    </article>
  );
}
