import { useEffect, useId, useState } from 'react';
import type { Input } from '../../../../core/api';
import type { Attribution, ClaimStatus } from '../../../../db/types';
import { ApiCallError } from '../../api';
import { FilterText, OrderSelect } from '../../components/ListTools';
import { useQuery } from '../../data';
import { ATTRIBUTION_LABELS, keysOf, STATUS_LABELS } from '../../labels';

const ORDERS = {
  oldest: { label: 'Recorded, oldest first', sort: 'created', descending: false },
  newest: { label: 'Recorded, newest first', sort: 'created', descending: true },
  saidLatest: { label: 'Said on, latest first', sort: 'saidOn', descending: true },
  saidEarliest: { label: 'Said on, earliest first', sort: 'saidOn', descending: false },
  updated: { label: 'Last changed first', sort: 'updated', descending: true },
  status: { label: 'By status', sort: 'status', descending: false },
} as const;
type Order = keyof typeof ORDERS;
const ORDER_LABELS = Object.fromEntries(Object.entries(ORDERS).map(([k, o]) => [k, o.label])) as Record<Order, string>;

export interface ClaimFilterValues {
  /** Words to find in the statement or quote (same rules as Search). */
  query: string;
  status: ClaimStatus | '';
  sourceId: string;
  attribution: Attribution | '';
  tag: string;
  /** As typed; sent once it is a whole partial date. */
  saidFrom: string;
  saidTo: string;
  disputed: boolean;
  onlyOneSource: boolean;
  order: Order;
}

export const NO_FILTERS: ClaimFilterValues = {
  query: '',
  status: '',
  sourceId: '',
  attribution: '',
  tag: '',
  saidFrom: '',
  saidTo: '',
  disputed: false,
  onlyOneSource: false,
  order: 'oldest',
};

const WHOLE_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The filters as `claims.list` takes them (without the page). */
export function listInput(caseId: string, f: ClaimFilterValues): Omit<Input<'claims.list'>, 'limit' | 'offset'> {
  const { sort, descending } = ORDERS[f.order];
  const from = f.saidFrom.trim();
  const to = f.saidTo.trim();
  return {
    caseId,
    sort,
    descending,
    ...(f.query.trim() ? { query: f.query.trim() } : {}),
    ...(f.status ? { status: [f.status] } : {}),
    ...(f.sourceId ? { sourceId: f.sourceId } : {}),
    ...(f.attribution ? { attribution: [f.attribution] } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(WHOLE_DATE.test(from) ? { saidFrom: from } : {}),
    ...(WHOLE_DATE.test(to) ? { saidTo: to } : {}),
    ...(f.disputed ? { disputed: true } : {}),
    ...(f.onlyOneSource ? { onlyOneSource: true } : {}),
  };
}

/** How many filters narrow the list (the order does not). */
export function filterCount(f: ClaimFilterValues): number {
  const { caseId: _case, sort: _sort, descending: _descending, ...narrowing } = listInput('', f);
  return Object.keys(narrowing).length;
}

interface ClaimFiltersProps {
  caseId: string;
  filters: ClaimFilterValues;
  onChange: (filters: ClaimFilterValues) => void;
  /** The list's last error: a refused date is shown under its own field. */
  error: unknown;
  expanded: boolean;
  onExpand: (expanded: boolean) => void;
}

/**
 * The claims list's filters: a text filter and three one-click toggles always in view (the
 * questions asked most: what is unchecked, what is contested, what rests on one source), the
 * rest in a panel.
 */
export function ClaimFilters({ caseId, filters, onChange, error, expanded, onExpand }: ClaimFiltersProps) {
  const id = useId();
  const set = <K extends keyof ClaimFilterValues>(key: K, value: ClaimFilterValues[K]) => onChange({ ...filters, [key]: value });

  // The text filter asks once typing pauses, not at every key.
  const [text, setText] = useState(filters.query);
  useEffect(() => setText(filters.query), [filters.query]);
  useEffect(() => {
    if (text === filters.query) return;
    const timer = setTimeout(() => onChange({ ...filters, query: text }), 200);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const panelCount = filterCount({ ...filters, query: '', disputed: false, onlyOneSource: false, status: filters.status === 'unverified' ? '' : filters.status });

  return (
    <div className="claim-filters">
      <div className="filter-line">
        <FilterText label="Filter claims by their words" placeholder="Filter claims…" value={text} onChange={setText} />
        <OrderSelect value={filters.order} labels={ORDER_LABELS} onChange={(o) => set('order', o)} />
      </div>
      <div className="filter-line" role="group" aria-label="Quick filters">
        <Toggle pressed={filters.status === 'unverified'} onPress={(on) => set('status', on ? 'unverified' : '')}>
          Unverified
        </Toggle>
        <Toggle pressed={filters.disputed} onPress={(on) => set('disputed', on)}>
          Disputed
        </Toggle>
        <Toggle pressed={filters.onlyOneSource} onPress={(on) => set('onlyOneSource', on)}>
          Only one source
        </Toggle>
        <button
          type="button"
          className="filter-chip filter-more"
          aria-expanded={expanded}
          aria-controls={`${id}-panel`}
          onClick={() => onExpand(!expanded)}
        >
          Filters{panelCount > 0 && <span className="count">{panelCount}</span>}
        </button>
        {filterCount(filters) > 0 && (
          <button type="button" className="link clear-filters" onClick={() => onChange({ ...NO_FILTERS, order: filters.order })}>
            Clear
          </button>
        )}
      </div>
      <div id={`${id}-panel`} className="filter-panel" hidden={!expanded}>
        {expanded && <FilterPanel caseId={caseId} filters={filters} set={set} error={error} />}
      </div>
    </div>
  );
}

function Toggle({ pressed, onPress, children }: { pressed: boolean; onPress: (on: boolean) => void; children: string }) {
  return (
    <button type="button" className="filter-chip" aria-pressed={pressed} onClick={() => onPress(!pressed)}>
      {children}
    </button>
  );
}

function FilterPanel({
  caseId,
  filters,
  set,
  error,
}: {
  caseId: string;
  filters: ClaimFilterValues;
  set: <K extends keyof ClaimFilterValues>(key: K, value: ClaimFilterValues[K]) => void;
  error: unknown;
}) {
  const id = useId();
  const sources = useQuery('sources.list', { caseId });
  const tags = useQuery('tags.list', {});
  const issue = (path: string) => (error instanceof ApiCallError ? error.issues.find((i) => i.path === path)?.message : undefined);

  const select = <K extends 'status' | 'sourceId' | 'attribution' | 'tag'>(key: K, label: string, any: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={filters[key]} onChange={(e) => set(key, e.target.value as ClaimFilterValues[K])}>
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  const date = (key: 'saidFrom' | 'saidTo', label: string) => {
    const value = filters[key];
    const typing = value.trim() !== '' && !WHOLE_DATE.test(value.trim());
    const problem = issue(key);
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <input
          id={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          placeholder="YYYY-MM-DD"
          value={value}
          onChange={(e) => set(key, e.target.value)}
          aria-invalid={problem || typing ? true : undefined}
          aria-describedby={`${id}-${key}-hint`}
        />
        <p id={`${id}-${key}-hint`} className={problem ? 'field-error' : 'field-hint'}>
          {problem ?? (typing ? 'Not applied yet: a date as YYYY, YYYY-MM or YYYY-MM-DD.' : 'YYYY, YYYY-MM or YYYY-MM-DD')}
        </p>
      </div>
    );
  };

  return (
    <div className="filter-grid">
      {select(
        'status',
        'Status',
        'Any status',
        keysOf(STATUS_LABELS).map((s) => [s, STATUS_LABELS[s]]),
      )}
      {select(
        'sourceId',
        'Source',
        'Any source',
        (sources.data ?? []).map((s) => [s.id, s.name]),
      )}
      {select(
        'attribution',
        'Attribution',
        'Any terms',
        keysOf(ATTRIBUTION_LABELS).map((a) => [a, ATTRIBUTION_LABELS[a]]),
      )}
      {select(
        'tag',
        'Tag',
        'Any tag',
        (tags.data ?? []).map((t) => [t.name, t.name]),
      )}
      {date('saidFrom', 'Said from')}
      {date('saidTo', 'Said until')}
    </div>
  );
}
