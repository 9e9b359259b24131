import { useId, useState } from 'react';
import type { Output } from '../../../core/api';
import type { FormState, KeysOf } from './form';
import './SourcePicker.css';

interface SourcePickerProps<T> {
  form: FormState<T>;
  name: KeysOf<T, string[]>;
  sources: Output<'sources.list'>;
}

/** Chooses who made a claim from the sources on file; a filter appears once the list is long. */
export function SourcePicker<T>({ form, name, sources }: SourcePickerProps<T>) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = form.values[name] as string[];
  const toggle = (sourceId: string, on: boolean) =>
    form.set(name, (on ? [...chosen, sourceId] : chosen.filter((s) => s !== sourceId)) as T[typeof name]);
  const needle = filter.trim().toLowerCase();
  const shown = sources.filter((s) => chosen.includes(s.id) || !needle || `${s.name} ${s.role}`.toLowerCase().includes(needle));

  return (
    <fieldset className="field source-picker">
      <legend>Sources</legend>
      {sources.length === 0 ? (
        <p className="field-hint">No sources on file yet. Add the people and organisations you quote under Sources.</p>
      ) : (
        <>
          {sources.length > 8 && (
            <input
              type="search"
              className="picker-filter"
              aria-label="Filter sources"
              placeholder="Filter sources"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
          <p className="field-hint" aria-live="polite">
            {chosen.length === 0
              ? 'None chosen.'
              : `Chosen: ${sources
                  .filter((s) => chosen.includes(s.id))
                  .map((s) => s.name)
                  .join('; ')}`}
          </p>
          <ul className="picker-options">
            {shown.map((s) => (
              <li key={s.id}>
                <input id={`${id}-${s.id}`} type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                <label htmlFor={`${id}-${s.id}`}>
                  {s.name}
                  {s.role && <span className="muted"> · {s.role}</span>}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
