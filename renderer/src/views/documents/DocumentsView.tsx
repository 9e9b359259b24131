import { useMemo } from 'react';
import type { Output } from '../../../../core/api';
import { useCommands } from '../../commands';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { countOf, FilterText } from '../../components/ListTools';
import { closeOnEscape, openRecord } from '../../components/panes';
import { RowContent, VirtualListbox } from '../../components/VirtualListbox';
import { useQuery } from '../../data';
import { formatPartialDate } from '../../format';
import { DOCUMENT_KIND_LABELS } from '../../labels';
import { useRemembered } from '../../memory';
import { NOTHING, selectedId, useNavigation } from '../../navigation';
import { DocumentDetail } from './DocumentDetail';
import { DocumentForm } from './DocumentForm';

type CaseSummary = Output<'cases.list'>[number];

const ROW_HEIGHT = 64;

/** A case's evidence documents: the list on the left, the open document (and its passages) on the right. */
export function DocumentsView({ theCase }: { theCase: CaseSummary }) {
  const nav = useNavigation();
  const commands = useCommands();
  const documents = useQuery('documents.list', { caseId: theCase.id });
  const [filter, setFilter] = useRemembered(`documents:filter:${theCase.id}`, '');
  const selection = nav.document;

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = documents.data ?? [];
    return needle ? all.filter((d) => [d.title, d.author, d.publisher, ...d.tags].some((t) => t.toLowerCase().includes(needle))) : all;
  }, [documents.data, filter]);

  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="documents-heading">
        <header className="pane-header">
          <h1 className="case-title">{theCase.title}</h1>
          <div className="toolbar">
            <h2 id="documents-heading">
              Documents{' '}
              {documents.data && <span className="count">{countOf(shown.length, documents.data.length, filter.trim() !== '')}</span>}
            </h2>
            <button type="button" className="button primary" onClick={commands.newDocument} aria-keyshortcuts="D">
              New document
            </button>
          </div>
          {documents.data && documents.data.length > 0 && (
            <div className="filter-line">
              <FilterText label="Filter documents by title, author, publisher or tag" placeholder="Filter documents…" value={filter} onChange={setFilter} />
            </div>
          )}
        </header>
        <ErrorAlert error={documents.error} />
        {documents.loading && !documents.data && <Loading what="documents" />}
        {documents.data &&
          (shown.length > 0 ? (
            <VirtualListbox
              key={filter}
              label="Documents"
              count={shown.length}
              rowHeight={ROW_HEIGHT}
              singleLine
              idAt={(i) => shown[i]?.id}
              indexOf={(id) => shown.findIndex((d) => d.id === id)}
              renderRow={(i) => {
                const d = shown[i];
                if (!d) return null;
                const meta = [DOCUMENT_KIND_LABELS[d.kind], formatPartialDate(d.publishedOn), d.publisher || d.author].filter(Boolean).join(' · ');
                return <RowContent title={d.title} meta={meta} />;
              }}
              selectedId={selectedId(selection)}
              onSelect={(id) => nav.selectDocument({ mode: 'show', id })}
              onOpen={(id) => openRecord(selection, id, 'document-title', nav.selectDocument)}
              memoryKey={`documents:${theCase.id}:${filter}`}
            />
          ) : documents.data.length > 0 ? (
            <EmptyState title={`No document matches “${filter.trim()}”.`}>
              <p>Titles, authors, publishers and tags are searched here; Search (press /) looks inside the texts.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No documents yet — press D to add one.">
              <p>
                A document is evidence: a report, an article, a transcript, a dataset. Paste its text, and you can link it, or a
                passage of it, to the claims it supports or contradicts.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Document details" onKeyDown={closeOnEscape(() => nav.selectDocument(NOTHING), 'documents')}>
        {selection.mode === 'none' && (
          <EmptyState title="No document open.">
            <p>Choose a document to read it, with the passages you marked in it.</p>
          </EmptyState>
        )}
        {selection.mode === 'show' && (
          <DocumentDetail key={selection.id} documentId={selection.id} focus={selection.focus ?? false} anchor={selection.anchor ?? null} />
        )}
        {selection.mode === 'new' && <DocumentForm caseId={theCase.id} />}
      </section>
    </div>
  );
}
