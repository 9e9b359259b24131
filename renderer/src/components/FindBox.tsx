import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Input, Output } from '../../../core/api';
import { api, messageOf } from '../api';
import { StatusBadge } from './StatusBadge';
import './FindBox.css';

export type Found = Output<'find.quick'>[number];
export type FindType = NonNullable<Input<'find.quick'>['types']>[number];

export const FOUND_TYPE_LABELS: Record<FindType, string> = {
  case: 'Case',
  source: 'Source',
  claim: 'Claim',
  document: 'Document',
  note: 'Note',
  excerpt: 'Passage',
};

/**
 * Asks `find.quick` as the reporter types. Every keystroke asks at once (the library answers
 * in milliseconds); an answer that arrives after a newer question's is dropped.
 */
function useFind(query: string, types: FindType[] | undefined, caseId: string | undefined, limit: number) {
  const [answer, setAnswer] = useState<{ query: string; results: Found[]; error: string | null }>({ query: '', results: [], error: null });
  const asked = useRef(0);
  const typesKey = types?.join(',');
  useEffect(() => {
    const n = ++asked.current;
    const q = query.trim();
    if (!q) {
      setAnswer({ query, results: [], error: null });
      return;
    }
    api
      .invoke('find.quick', { query: q, limit, ...(caseId ? { caseId } : {}), ...(types ? { types } : {}) })
      .then(
        (results) => n === asked.current && setAnswer({ query, results, error: null }),
        (err: unknown) => n === asked.current && setAnswer({ query, results: [], error: messageOf(err) }),
      );
    // `typesKey` stands for `types`.
  }, [query, typesKey, caseId, limit]);
  return answer;
}

interface FindBoxProps {
  /** The box's label (visible unless `hideLabel`). */
  label: string;
  hideLabel?: boolean;
  placeholder?: string;
  types?: FindType[];
  caseId?: string;
  /** Records not to offer (the record being edited itself). */
  exclude?: string[];
  onChoose: (found: Found) => void;
  /** Escape with text in the box clears it (in a form); otherwise Escape goes on to close. */
  escapeClears?: boolean;
  autoFocus?: boolean;
  limit?: number;
  /** Show what kind of record each result is (when several kinds are offered). */
  showType?: boolean;
}

/** A search box over records with a list of matches under it (the ARIA combobox pattern). */
export function FindBox({
  label,
  hideLabel,
  placeholder,
  types,
  caseId,
  exclude = [],
  onChoose,
  escapeClears = true,
  autoFocus,
  limit = 20,
  showType = true,
}: FindBoxProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const answer = useFind(query, types, caseId, limit);
  const results = answer.results.filter((r) => !exclude.includes(r.id));
  const open = query.trim() !== '' && answer.query === query;
  const activeIndex = Math.min(active, results.length - 1);
  const listRef = useRef<HTMLUListElement>(null);
  const choose = (found: Found | undefined) => {
    if (!found) return;
    setQuery('');
    onChoose(found);
  };

  // Enter pressed before the answer to what was typed came in: take its first match when it does.
  const enterPending = useRef(false);
  useEffect(() => {
    setActive(0);
    if (enterPending.current && answer.query === query) {
      enterPending.current = false;
      const first = answer.results.find((r) => !exclude.includes(r.id));
      if (first) choose(first);
    }
    // Only a new answer matters here.
  }, [answer]);
  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(`${id}-${activeIndex}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, id]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.min(results.length - 1, Math.max(0, activeIndex + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open) choose(results[activeIndex]);
      else if (query.trim()) enterPending.current = true;
    } else if (e.key === 'Escape' && escapeClears && query) {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="findbox">
      <label htmlFor={`${id}-input`} className={hideLabel ? 'visually-hidden' : 'findbox-label'}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && results.length > 0 ? `${id}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          enterPending.current = false;
          setQuery(e.target.value);
        }}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
      />
      <ul id={`${id}-list`} ref={listRef} role="listbox" aria-label={`${label}: matches`} className="findbox-results" hidden={!open}>
        {open &&
          results.map((r, i) => (
            <li
              key={`${r.type}-${r.id}`}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className="found"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(r)}
              onMouseMove={() => i !== activeIndex && setActive(i)}
            >
              {showType && <span className={`found-type found-${r.type}`}>{FOUND_TYPE_LABELS[r.type]}</span>}
              <span className="found-text">
                <span className="found-title">{r.title}</span>
                {r.subtitle && <span className="found-subtitle">{r.subtitle}</span>}
              </span>
              {r.status && <StatusBadge status={r.status} />}
            </li>
          ))}
      </ul>
      {open && results.length === 0 && (
        <p className="findbox-none" role="status">
          {answer.error ?? `Nothing matches “${query.trim()}”.`}
        </p>
      )}
    </div>
  );
}
