import { useCallback } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { useCommands } from '../../commands';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { countOf } from '../../components/ListTools';
import { closeOnEscape, openRecord } from '../../components/panes';
import { RowContent, RowLoading, VirtualListbox } from '../../components/VirtualListbox';
import { StatusBadge } from '../../components/StatusBadge';
import { formatPartialDate } from '../../format';
import { MEDIUM_LABELS } from '../../labels';
import { useRemembered } from '../../memory';
import { NOTHING, selectedId, useNavigation } from '../../navigation';
import { usePagedList } from '../../usePagedList';
import { CaseMenu } from '../cases/CaseMenu';
import { DeskBar } from '../desk/DeskBar';
import { ClaimDetail } from './ClaimDetail';
import { ClaimEditor } from './ClaimEditor';
import { ClaimFilters, filterCount, listInput, NO_FILTERS, type ClaimFilterValues } from './ClaimFilters';
import './claims.css';

type CaseSummary = Output<'cases.list'>[number];
type ClaimItem = Output<'claims.list'>['items'][number];

/** Every row is this tall: two lines of statement and a line of who, when and how. */
const ROW_HEIGHT = 84;

/** A case's claims: the list on the left, the open claim (or its form) on the right. */
export function ClaimsView({ theCase }: { theCase: CaseSummary }) {
  const nav = useNavigation();
  const commands = useCommands();
  const [filters, setFilters] = useRemembered<ClaimFilterValues>(`claims:filters:${theCase.id}`, NO_FILTERS);
  const [expanded, setExpanded] = useRemembered('claims:filter-panel', false);
  const input = listInput(theCase.id, filters);
  const key = JSON.stringify(input);
  const fetchPage = useCallback(
    (offset: number, limit: number, after?: string) => api.invoke('claims.list', { ...(JSON.parse(key) as typeof input), offset, limit, ...(after ? { after } : {}) }),
    [key],
  );
  const list = usePagedList<ClaimItem>(key, fetchPage);
  const selection = nav.claim;
  const total = list.total;
  const filtered = filterCount(filters) > 0;

  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="claims-heading">
        <header className="pane-header">
          <div className="case-heading">
            <h1 className="case-title">{theCase.title}</h1>
            <CaseMenu theCase={theCase} />
          </div>
          <DeskBar caseId={theCase.id} />
          {theCase.description && <p className="case-description">{theCase.description}</p>}
          <div className="toolbar">
            <h2 id="claims-heading">
              Claims{' '}
              {total !== null && (
                <span className="count" aria-live="polite">
                  {list.estimated ? `about ${total.toLocaleString()} of ${theCase.counts.claims.toLocaleString()}` : countOf(total, theCase.counts.claims, filtered)}
                </span>
              )}
            </h2>
            <button type="button" className="button primary" onClick={commands.newClaim} aria-keyshortcuts="N">
              New claim
            </button>
          </div>
          {theCase.counts.claims > 0 && (
            <ClaimFilters caseId={theCase.id} filters={filters} onChange={setFilters} error={list.error} expanded={expanded} onExpand={setExpanded} />
          )}
        </header>
        {/* A refused date is shown under its field; anything else here. */}
        {!expanded && <ErrorAlert error={list.error} />}
        {total === null && !list.error && <Loading what="claims" />}
        {total !== null &&
          (total > 0 ? (
            <VirtualListbox
              key={key}
              label="Claims"
              count={total}
              rowHeight={ROW_HEIGHT}
              idAt={list.idAt}
              indexOf={list.indexOf}
              renderRow={(i) => {
                const claim = list.itemAt(i);
                return claim ? <ClaimRow claim={claim} /> : <RowLoading />;
              }}
              selectedId={selectedId(selection)}
              onSelect={(id) => nav.selectClaim({ mode: 'show', id })}
              onOpen={(id) => openRecord(selection, id, 'claim-statement', nav.selectClaim)}
              onRangeChange={list.showRange}
              memoryKey={`claims:${key}`}
            />
          ) : filtered ? (
            <EmptyState title="No claims match these filters.">
              <p>
                <button type="button" className="link" onClick={() => setFilters({ ...NO_FILTERS, order: filters.order })}>
                  Clear the filters
                </button>{' '}
                to see all {theCase.counts.claims.toLocaleString()} claims of this case.
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No claims yet — press N to record one, or load the demo case.">
              <p>
                A claim is something a source said that you need to check. Once recorded, you can attach the evidence for and
                against it and log how you verified it.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Claim details" onKeyDown={closeOnEscape(() => nav.selectClaim(NOTHING), 'claims')}>
        {selection.mode === 'none' && (
          <EmptyState title="No claim open.">
            <p>Choose a claim from the list to see its sources, the evidence for and against it, and its verification history.</p>
            <p className="muted">
              <kbd>↑</kbd> <kbd>↓</kbd> move through the list · <kbd>Enter</kbd> opens · <kbd>?</kbd> all shortcuts
            </p>
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

function ClaimRow({ claim }: { claim: ClaimItem }) {
  const meta = [claim.sourceNames.join(', ') || 'No source', formatPartialDate(claim.saidOn), MEDIUM_LABELS[claim.medium]].filter(Boolean).join(' · ');
  return (
    <RowContent
      title={claim.statement}
      meta={meta}
      badge={
        <>
          {claim.disputed && claim.status !== 'disputed' && <span className="flag flag-disputed">Contested</span>}
          {claim.corroboration >= 2 && (
            <span className="flag flag-corroborated" title={`${claim.corroboration} independent sources support it`}>
              <span aria-hidden="true">◆ {claim.corroboration}</span>
              <span className="visually-hidden">{claim.corroboration} independent sources</span>
            </span>
          )}
          <StatusBadge status={claim.status} />
        </>
      }
    />
  );
}
