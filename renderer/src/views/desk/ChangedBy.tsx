import type { Input } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';
import { formatTimestamp } from '../../format';
import { ATTRIBUTION_LABELS, MEDIUM_LABELS, QUOTE_KIND_LABELS, STATUS_LABELS } from '../../labels';
import { ago, memberLabel, useDeskCase, type DeskCase } from './desk';
import './desk.css';

type Entry = { field: string; value: unknown; by: string; at: string };

const HIDDEN = new Set(['caseId']);

/** Fields of a claim that `claims.update` takes back as they were: an earlier value is restorable. */
const RESTORABLE = new Set(['statement', 'quote', 'quoteKind', 'saidOn', 'medium', 'attribution', 'tags', 'sourceIds']);

const FIELD_LABELS: Record<string, string> = {
  statement: 'Statement',
  quote: 'Quote',
  quoteKind: 'Kind of quote',
  saidOn: 'Said on',
  medium: 'Medium',
  attribution: 'Attribution',
  tags: 'Tags',
  sourceIds: 'Sources',
  status: 'Status',
  title: 'Title',
  description: 'Description',
};

/** The words the rest of the app uses for a field's value, not the API's token. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  attribution: ATTRIBUTION_LABELS,
  medium: MEDIUM_LABELS,
  quoteKind: QUOTE_KIND_LABELS,
};

function shown(field: string, value: unknown): string {
  if (typeof value === 'string' && VALUE_LABELS[field]?.[value]) return VALUE_LABELS[field][value];
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * On a claim of a shared case: who changed it last and when ("Changed by Lee (fact-checker),
 * 2 min ago"), and every value its fields have had, with the earlier ones restorable (a value
 * that lost a concurrent edit is among them).
 */
export function ChangedBy({ caseId, claim }: { caseId: string; claim: { id: string } }) {
  const desk = useDeskCase(caseId);
  const history = useQuery('sync.history', desk ? { caseId, recordId: claim.id } : null);
  // A record's case is set once when it is shared: bookkeeping, not something anyone changed.
  const entries = ((history.data ?? []) as Entry[]).filter((e) => !HIDDEN.has(e.field));
  if (!desk || !entries.length) return null;
  const last = entries.reduce((a, b) => (b.at >= a.at ? b : a));
  return (
    <div className="desk-changed">
      <p className="desk-changed-by">
        Changed by {memberLabel(desk, last.by)}, <time dateTime={last.at} title={formatTimestamp(last.at)}>{ago(last.at)}</time>
      </p>
      <details className="desk-history">
        <summary>History ({entries.length})</summary>
        <HistoryList desk={desk} claim={claim} entries={entries} />
      </details>
    </div>
  );
}

function HistoryList({ desk, claim, entries }: { desk: DeskCase; claim: { id: string } & Record<string, unknown>; entries: Entry[] }) {
  const action = useAction();
  const restore = (e: Entry) => action.run(() => api.invoke('claims.update', { id: claim.id, [e.field]: e.value } as Input<'claims.update'>));
  const canWrite = desk.role === 'reporter';
  const newestFirst = [...entries].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <>
      <ErrorAlert error={action.error} />
      <ol className="desk-history-list">
        {newestFirst.map((e, i) => (
          <li key={`${e.at}-${e.field}-${i}`}>
            <span className="desk-history-field">{FIELD_LABELS[e.field] ?? e.field}</span> <span className="desk-history-value">{shown(e.field, e.value)}</span>
            <span className="muted">
              {' '}
              by {memberLabel(desk, e.by)}, <time dateTime={e.at}>{formatTimestamp(e.at)}</time>
            </span>
            {canWrite && RESTORABLE.has(e.field) && !same((claim as Record<string, unknown>)[e.field], e.value) && (
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
