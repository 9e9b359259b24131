import { useMemo } from 'react';
import { useCommands } from '../../commands';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { countOf, FilterText, OrderSelect } from '../../components/ListTools';
import { closeOnEscape, openRecord } from '../../components/panes';
import { ReliabilityBadge } from '../../components/ReliabilityBadge';
import { RowContent, VirtualListbox } from '../../components/VirtualListbox';
import { useQuery } from '../../data';
import { SOURCE_KIND_LABELS } from '../../labels';
import { useRemembered } from '../../memory';
import { NOTHING, selectedId, useNavigation } from '../../navigation';
import { SourceDetail } from './SourceDetail';
import { SourceEditor } from './SourceEditor';
import './sources.css';

const ROW_HEIGHT = 64;

const ORDERS = { name: 'By name', claims: 'Most claims first' };
type Order = keyof typeof ORDERS;

/** The library's sources, across every case: the list on the left, the open source on the right. */
export function SourcesView() {
  const nav = useNavigation();
  const commands = useCommands();
  const sources = useQuery('sources.list', {});
  const [filter, setFilter] = useRemembered('sources:filter', '');
  const [order, setOrder] = useRemembered<Order>('sources:order', 'name');
  const selection = nav.source;

  // A few hundred sources at most: filtered here, by any of their names, role or tags.
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = sources.data ?? [];
    const matching = needle
      ? all.filter((s) => [s.name, ...s.aliases, s.role, ...s.tags].some((text) => text.toLowerCase().includes(needle)))
      : all;
    return order === 'claims' ? [...matching].sort((a, b) => b.claimCount - a.claimCount) : matching;
  }, [sources.data, filter, order]);

  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="sources-heading">
        <header className="pane-header">
          <h1 className="case-title">Sources</h1>
          <p className="case-description">People and organisations you quote, kept across all your cases.</p>
          <div className="toolbar">
            <h2 id="sources-heading">
              All sources{' '}
              {sources.data && <span className="count">{countOf(shown.length, sources.data.length, filter.trim() !== '')}</span>}
            </h2>
            <button type="button" className="button primary" onClick={commands.newSource} aria-keyshortcuts="S">
              New source
            </button>
          </div>
          {sources.data && sources.data.length > 0 && (
            <div className="filter-line">
              <FilterText label="Filter sources by name, alias, role or tag" placeholder="Filter sources…" value={filter} onChange={setFilter} />
              <OrderSelect value={order} labels={ORDERS} onChange={setOrder} />
            </div>
          )}
        </header>
        <ErrorAlert error={sources.error} />
        {sources.loading && !sources.data && <Loading what="sources" />}
        {sources.data &&
          (shown.length > 0 ? (
            <VirtualListbox
              key={`${filter}|${order}`}
              label="Sources"
              count={shown.length}
              rowHeight={ROW_HEIGHT}
              singleLine
              idAt={(i) => shown[i]?.id}
              indexOf={(id) => shown.findIndex((s) => s.id === id)}
              renderRow={(i) => {
                const s = shown[i];
                if (!s) return null;
                return (
                  <RowContent
                    title={
                      <>
                        {s.name}
                        {s.confidential && <span className="badge confidential">Confidential</span>}
                      </>
                    }
                    meta={[SOURCE_KIND_LABELS[s.kind], `${s.claimCount} ${s.claimCount === 1 ? 'claim' : 'claims'}`, s.role].filter(Boolean).join(' · ')}
                    badge={<ReliabilityBadge grade={s.reliability} />}
                  />
                );
              }}
              selectedId={selectedId(selection)}
              onSelect={(id) => nav.selectSource({ mode: 'show', id })}
              onOpen={(id) => openRecord(selection, id, 'source-name', nav.selectSource)}
              memoryKey={`sources:${filter}|${order}`}
            />
          ) : sources.data.length > 0 ? (
            <EmptyState title={`No source matches “${filter.trim()}”.`}>
              <p>Names, aliases, roles and tags are searched. Press S to record a new source.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No sources yet — press S to record one.">
              <p>
                Record each person or organisation you quote once: how reliable they have been, and on what terms they speak.
                Then pick them when you record their claims.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Source details" onKeyDown={closeOnEscape(() => nav.selectSource(NOTHING), 'sources')}>
        {selection.mode === 'none' && (
          <EmptyState title="No source open.">
            <p>Choose a source to see what you know about them and every claim they have made.</p>
          </EmptyState>
        )}
        {selection.mode === 'show' && <SourceDetail key={selection.id} sourceId={selection.id} focus={selection.focus ?? false} />}
        {(selection.mode === 'new' || selection.mode === 'edit') && (
          <SourceEditor key={'id' in selection ? selection.id : 'new'} sourceId={'id' in selection ? selection.id : null} />
        )}
      </section>
    </div>
  );
}
