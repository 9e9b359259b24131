import { useMemo, useRef, useState, type DragEvent } from 'react';
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
import { DocumentEditor, DocumentForm } from './DocumentForm';
import { ImportPanel } from './ImportPanel';
import { useImports } from './imports';
import './documents.css';

type CaseSummary = Output<'cases.list'>[number];

const ROW_HEIGHT = 64;

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** A case's evidence documents: the list on the left, the open document (and its passages) on the right. Files dropped anywhere on it are imported. */
export function DocumentsView({ theCase }: { theCase: CaseSummary }) {
  const nav = useNavigation();
  const commands = useCommands();
  const imports = useImports();
  const [dropping, setDropping] = useState(false);
  // dragenter and dragleave fire for every element crossed: count them to know when the files have left.
  const depth = useRef(0);
  const documents = useQuery('documents.list', { caseId: theCase.id });
  const [filter, setFilter] = useRemembered(`documents:filter:${theCase.id}`, '');
  const selection = nav.document;

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = documents.data ?? [];
    return needle ? all.filter((d) => [d.title, d.author, d.publisher, ...d.tags].some((t) => t.toLowerCase().includes(needle))) : all;
  }, [documents.data, filter]);

  const dropHandlers = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current++;
      setDropping(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDropping(false);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDropping(false);
      imports.add(e.dataTransfer.files, theCase.id);
    },
  };

  return (
    <div className="panes documents-view" {...dropHandlers}>
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop the files to import them into “{theCase.title}”</p>
          <p className="muted">Text, Markdown, web pages (.html), PDF and Word (.docx) files</p>
        </div>
      )}
      <section className="list-pane" aria-labelledby="documents-heading">
        <header className="pane-header">
          <h1 className="case-title">{theCase.title}</h1>
          <div className="toolbar">
            <h2 id="documents-heading">
              Documents{' '}
              {documents.data && <span className="count">{countOf(shown.length, documents.data.length, filter.trim() !== '')}</span>}
            </h2>
            <button type="button" className="button primary" onClick={imports.choose}>
              Import files…
            </button>
            <button type="button" className="button" onClick={commands.newDocument} aria-keyshortcuts="D">
              New document
            </button>
          </div>
          {documents.data && documents.data.length > 0 && (
            <div className="filter-line">
              <FilterText label="Filter documents by title, author, publisher or tag" placeholder="Filter documents…" value={filter} onChange={setFilter} />
            </div>
          )}
        </header>
        <ImportPanel caseId={theCase.id} />
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
            <EmptyState title="No documents yet: import files, or drop them here.">
              <p>
                A document is evidence: a report, an article, a transcript, a dataset. Import its file (text, web page, PDF, Word) or
                paste its text (press D), and you can mark its passages and link them to the claims they support or contradict.
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
          <DocumentDetail
            key={selection.id}
            documentId={selection.id}
            focus={selection.focus ?? false}
            anchor={selection.anchor ?? null}
            at={selection.at ?? null}
          />
        )}
        {selection.mode === 'new' && <DocumentForm caseId={theCase.id} />}
        {selection.mode === 'edit' && <DocumentEditor key={selection.id} caseId={theCase.id} documentId={selection.id} />}
      </section>
    </div>
  );
}
