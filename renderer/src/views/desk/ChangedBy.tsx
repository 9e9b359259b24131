import type { Input, Output } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';
import { formatTimestamp } from '../../format';
import { ATTRIBUTION_LABELS, DOCUMENT_KIND_LABELS, MEDIUM_LABELS, QUOTE_KIND_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS, STATUS_LABELS } from '../../labels';
import { ago, memberLabel, useDeskCase, type DeskCase } from './desk';
import './desk.css';

type History = Output<'sync.history'>;
type Entry = History['entries'][number] & { shownAs?: unknown };

/** A record's case is set once when it is shared: bookkeeping, not something anyone changed. */
const HIDDEN = new Set(['caseId', 'noteId']);

const FIELD_LABELS: Record<string, string> = {
  statement: 'Statement',
  quote: 'Quote',
  quoteKind: 'Kind of quote',
  saidOn: 'Said on',
  medium: 'Medium',
  attribution: 'Attribution',
  sourceIds: 'Sources',
  status: 'Status',
  title: 'Title',
  description: 'Description',
  name: 'Name',
  aliases: 'Aliases',
  role: 'Role or title',
  kind: 'Kind',
  reliability: 'Reliability',
  defaultAttribution: 'Default attribution',
  confidential: 'Confidential',
  author: 'Author',
  publisher: 'Publisher',
  publishedOn: 'Published on',
  url: 'Web address',
  retrievedAt: 'Retrieved',
  text: 'Text',
  content: 'Text',
  notes: 'Notes',
  anonymityReason: 'Why anonymous',
  identityKnownBy: 'Identity known by',
  tags: 'Tags',
};

/** A kind is a source's or a document's: its words depend on which the record is. */
const KIND_LABELS: Record<string, Record<string, string>> = { source: SOURCE_KIND_LABELS, document: DOCUMENT_KIND_LABELS };

/** The words the rest of the app uses for a field's value, not the API's token. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  reliability: RELIABILITY_LABELS,
  status: STATUS_LABELS,
  attribution: ATTRIBUTION_LABELS,
  medium: MEDIUM_LABELS,
  quoteKind: QUOTE_KIND_LABELS,
  defaultAttribution: ATTRIBUTION_LABELS,
};

function shown(entity: string, field: string, value: unknown): string {
  const labels = field === 'kind' ? KIND_LABELS[entity] : VALUE_LABELS[field];
  if (typeof value === 'string' && labels?.[value]) return labels[value];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

/**
 * A note's content is the editor's JSON, saved with its plain text in the same change: the line
 * shows the text (what a reader recognises) and restores the content.
 */
function readable(all: Entry[]): Entry[] {
  const textOf = new Map(all.filter((e) => e.field === 'text').map((e) => [`${e.at} ${e.by}`, e.value]));
  const hasContent = all.some((e) => e.field === 'content');
  return all
    .filter((e) => !HIDDEN.has(e.field) && !(hasContent && e.field === 'text'))
    .map((e) => (e.field === 'content' ? { ...e, shownAs: textOf.get(`${e.at} ${e.by}`) ?? '' } : e));
}

/**
 * On a record of a shared case (a claim, source, document or note): who changed it last and
 * when ("Changed by Lee (fact-checker), 2 min ago"), and every value its fields have had. Those
 * the desk says may be put back (sync.history marks them) have a Restore button: a value that
 * lost a concurrent edit is among them.
 */
export function ChangedBy({ caseId, record }: { caseId: string; record: { id: string } }) {
  const desk = useDeskCase(caseId);
  const history = useQuery('sync.history', desk ? { caseId, recordId: record.id } : null);
  const entries = readable(history.data?.entries ?? []);
  if (!desk || !history.data || !entries.length) return null;
  const last = entries.reduce((a, b) => (b.at >= a.at ? b : a));
  return (
    <div className="desk-changed">
      <p className="desk-changed-by">
        Changed by {memberLabel(desk, last.by)}, <time dateTime={last.at} title={formatTimestamp(last.at)}>{ago(last.at)}</time>
      </p>
      <details className="desk-history">
        <summary>History ({entries.length})</summary>
        <HistoryList desk={desk} recordId={record.id} entity={history.data.entity} restoreWith={history.data.restoreWith} entries={entries} />
      </details>
    </div>
  );
}

function HistoryList({ desk, recordId, entity, restoreWith, entries }: { desk: DeskCase; recordId: string; entity: History['entity']; restoreWith: History['restoreWith']; entries: Entry[] }) {
  const action = useAction();
  const restore = (e: Entry) => action.run(() => api.invoke(restoreWith, { id: recordId, [e.field]: e.value } as Input<typeof restoreWith>));
  const newestFirst = [...entries].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <>
      <ErrorAlert error={action.error} />
      <ol className="desk-history-list">
        {newestFirst.map((e, i) => (
          <li key={`${e.at}-${e.field}-${i}`}>
            <span className="desk-history-field">{FIELD_LABELS[e.field] ?? e.field}</span> <span className="desk-history-value">{shown(entity, e.field, 'shownAs' in e ? e.shownAs : e.value)}</span>
            <span className="muted">
              {' '}
              by {memberLabel(desk, e.by)}, <time dateTime={e.at}>{formatTimestamp(e.at)}</time>
            </span>
            {e.restorable && (
              <button type="button" className="button small" disabled={action.busy} onClick={() => void restore(e)} aria-label={`Restore this ${(FIELD_LABELS[e.field] ?? e.field).toLowerCase()}`}>
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
