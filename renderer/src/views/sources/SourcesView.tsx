import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { useNavigation } from '../../navigation';
import { SourceDetail } from './SourceDetail';
import { SourceEditor } from './SourceEditor';
import { SourceList } from './SourceList';

/** The library's sources, across every case: the list on the left, the open source on the right. */
export function SourcesView() {
  const nav = useNavigation();
  const sources = useQuery('sources.list', {});
  const selection = nav.source;
  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="sources-heading">
        <header className="pane-header">
          <h1 className="case-title">Sources</h1>
          <p className="case-description">People and organisations you quote, kept across all your cases.</p>
          <div className="toolbar">
            <h2 id="sources-heading">
              All sources {sources.data && <span className="count">{sources.data.length}</span>}
            </h2>
            <button type="button" className="button primary" onClick={() => nav.selectSource({ mode: 'new' })}>
              New source
            </button>
          </div>
        </header>
        <ErrorAlert error={sources.error} />
        {sources.loading && !sources.data && <Loading what="sources" />}
        {sources.data &&
          (sources.data.length > 0 ? (
            <SourceList
              sources={sources.data}
              selectedId={'id' in selection ? selection.id : null}
              onSelect={(id) => nav.selectSource({ mode: 'show', id })}
            />
          ) : (
            <EmptyState title="No sources on file yet.">
              <p>
                Record each person or organisation you quote once, with <strong>New source</strong>: how reliable they have been,
                and on what terms they speak. Then pick them when you record their claims.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Source details">
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
