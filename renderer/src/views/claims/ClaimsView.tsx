import { useMemo, useState } from 'react';
import type { Output } from '../../../../core/api';
import type { ClaimStatus } from '../../../../db/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { keysOf, STATUS_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
import { ClaimDetail } from './ClaimDetail';
import { ClaimEditor } from './ClaimEditor';
import { ClaimList } from './ClaimList';

type CaseSummary = Output<'cases.list'>[number];

/** A case's claims: the list on the left, the open claim (or its form) on the right. */
export function ClaimsView({ theCase }: { theCase: CaseSummary }) {
  const nav = useNavigation();
  const [status, setStatus] = useState<ClaimStatus | ''>('');
  const claims = useQuery('claims.list', { caseId: theCase.id, ...(status ? { status: [status] } : {}) });
  const sources = useQuery('sources.list', {});
  const sourcesById = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s])), [sources.data]);
  const selection = nav.claim;

  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="claims-heading">
        <header className="pane-header">
          <h1 className="case-title">{theCase.title}</h1>
          {theCase.description && <p className="case-description">{theCase.description}</p>}
          <div className="toolbar">
            <h2 id="claims-heading">
              Claims {claims.data && <span className="count">{claims.data.total}</span>}
            </h2>
            <select aria-label="Show claims with status" value={status} onChange={(e) => setStatus(e.target.value as ClaimStatus | '')}>
              <option value="">All statuses</option>
              {keysOf(STATUS_LABELS).map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
            <button type="button" className="button primary" onClick={() => nav.selectClaim({ mode: 'new' })}>
              New claim
            </button>
          </div>
        </header>
        <ErrorAlert error={claims.error ?? sources.error} />
        {claims.loading && !claims.data && <Loading what="claims" />}
        {claims.data &&
          (claims.data.items.length > 0 ? (
            <ClaimList
              claims={claims.data.items}
              total={claims.data.total}
              sourcesById={sourcesById}
              selectedId={'id' in selection ? selection.id : null}
              onSelect={(id) => nav.selectClaim({ mode: 'show', id })}
            />
          ) : status ? (
            <EmptyState title={`No claims are ${STATUS_LABELS[status].toLowerCase()}.`}>
              <p>Choose “All statuses” to see every claim in this case.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No claims in this case yet.">
              <p>
                A claim is something a source said that you need to check. Record the first one with <strong>New claim</strong>;
                you can then attach evidence and track how you verified it.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Claim details">
        {selection.mode === 'none' && (
          <EmptyState title="No claim open.">
            <p>Choose a claim from the list to see its sources, the evidence for and against it, and its verification history.</p>
          </EmptyState>
        )}
        {selection.mode === 'show' && <ClaimDetail key={selection.id} claimId={selection.id} focus={selection.focus ?? false} />}
        {(selection.mode === 'new' || selection.mode === 'edit') && (
          <ClaimEditor key={'id' in selection ? selection.id : 'new'} caseId={theCase.id} claimId={'id' in selection ? selection.id : null} />
        )}
      </section>
    </div>
  );
}
