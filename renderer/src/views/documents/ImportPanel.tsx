import { useId, useState } from 'react';
import type { DocumentRecord } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';
import { isPartialDate } from '../../format';
import { useNavigation } from '../../navigation';
import { isFinished, useImports, type ImportItem } from './imports';


/**
 * A file that does not say where or when it was published (a .txt never does): asked here, as
 * the claims proposed from it take their outlet and date from the document.
 */
export function PublishedPrompt({ documentId }: { documentId: string }) {
  // Read live: the outlet and date may have been given since (in the details, or when proposing claims).
  const live = useQuery('documents.get', { id: documentId });
  const document = live.data?.document;
  if (!document || document.deletedAt || (document.publisher && document.publishedOn)) return null;
  return <PublishedForm key={document.revision} document={document} />;
}

function PublishedForm({ document }: { document: DocumentRecord }) {
  const id = useId();
  const [outlet, setOutlet] = useState('');
  const [date, setDate] = useState('');
  const action = useAction();
  const badDate = date.trim() !== '' && !isPartialDate(date.trim());
  const save = async () => {
    const patch = {
      ...(outlet.trim() && !document.publisher ? { publisher: outlet.trim() } : {}),
      ...(date.trim() && !document.publishedOn ? { publishedOn: date.trim() } : {}),
    };
    await action.run(() => api.invoke('documents.update', { id: document.id, revision: document.revision, ...patch }));
  };
  return (
    <form
      className="import-published"
      aria-label={`Where and when “${document.title}” was published`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="import-published-ask">The file does not say where or when it was published; claims from it take both.</p>
      {!document.publisher && (
        <div className="field">
          <label htmlFor={`${id}-outlet`}>Outlet</label>
          <input id={`${id}-outlet`} type="text" value={outlet} onChange={(e) => setOutlet(e.target.value)} placeholder="e.g. Reuters" />
        </div>
      )}
      {!document.publishedOn && (
        <div className="field">
          <label htmlFor={`${id}-date`}>Published on</label>
          <input id={`${id}-date`} type="text" value={date} onChange={(e) => setDate(e.target.value)} placeholder="YYYY-MM-DD" aria-invalid={badDate} aria-describedby={`${id}-hint`} />
          <p className="field-hint" id={`${id}-hint`}>
            YYYY, YYYY-MM or YYYY-MM-DD
          </p>
        </div>
      )}
      <button type="submit" className="button small" disabled={badDate || (!outlet.trim() && !date.trim()) || action.busy}>
        Save
      </button>
      <ErrorAlert error={action.error} />
    </form>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** What became of a file, in a sentence. */
function outcome(item: ImportItem): string {
  const s = item.state;
  switch (s.step) {
    case 'waiting':
      return 'Waiting for the files before it…';
    case 'reading':
      return 'Reading the file…';
    case 'importing':
      return s.total > 0 ? s.stage : 'Sending it to the library…';
    case 'cancelling':
      return 'Cancelling…';
    case 'imported':
      return `Imported as “${s.document.title}”.`;
    case 'existing':
      return `Already imported, as “${s.document.title}”.`;
    case 'refused':
      return s.message;
    case 'cancelled':
      return 'Cancelled: nothing was saved.';
  }
}

/** The files being imported into this case and what became of each: progress, Cancel, the result. */
export function ImportPanel({ caseId }: { caseId: string }) {
  const nav = useNavigation();
  const imports = useImports();
  const items = imports.items.filter((i) => i.caseId === caseId);
  if (items.length === 0) return null;
  const finished = items.filter(isFinished);
  const last = finished[finished.length - 1];
  return (
    <section className="imports" aria-labelledby="imports-heading">
      <div className="imports-heading">
        <h3 id="imports-heading">
          Imports <span className="count">{items.length}</span>
        </h3>
        {finished.length > 0 && (
          <button type="button" className="button small" onClick={() => imports.clearFinished(caseId)}>
            Clear finished
          </button>
        )}
      </div>
      {/* Progress changes five times a second: only each file's outcome is announced. */}
      <p className="visually-hidden" role="status">
        {last ? `${last.fileName}: ${outcome(last)}` : ''}
      </p>
      {/* Newest first, as the files were given: what was just dropped is at the top. */}
      <ul className="import-list">
        {[...items].reverse().map((item) => {
          const s = item.state;
          const working = !isFinished(item);
          return (
            <li key={item.key} className={`import import-${s.step}`}>
              <div className="import-line">
                <span className="import-name" title={item.fileName}>
                  {item.fileName}
                </span>
                <span className="import-size">{formatBytes(item.size)}</span>
              </div>
              {working && (
                <progress
                  className="import-progress"
                  aria-label={`Importing ${item.fileName}`}
                  {...(s.step === 'importing' && s.total > 0 ? { value: s.done, max: s.total } : {})}
                />
              )}
              <p className="import-outcome">{outcome(item)}</p>
              {s.step === 'imported' && (!s.document.publisher || !s.document.publishedOn) && <PublishedPrompt documentId={s.document.id} />}
              <div className="import-actions">
                {working && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => imports.cancel(item.key)}
                    disabled={s.step === 'cancelling'}
                    aria-label={`Cancel importing ${item.fileName}`}
                  >
                    Cancel
                  </button>
                )}
                {(s.step === 'imported' || s.step === 'existing') && (
                  <>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => nav.selectDocument({ mode: 'show', id: s.document.id, focus: true })}
                      aria-label={`Open “${s.document.title}”`}
                    >
                      Open
                    </button>
                    {s.step === 'imported' && (
                      <button
                        type="button"
                        className="button small"
                        onClick={() => nav.selectDocument({ mode: 'edit', id: s.document.id })}
                        aria-label={`Edit the details of “${s.document.title}”`}
                      >
                        Edit details
                      </button>
                    )}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
