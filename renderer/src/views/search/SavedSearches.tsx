import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';

/** The searches saved in the case: run one, save the one in the box under a name, forget one. */
export function SavedSearches({ caseId, caseTitle, query, onRun }: { caseId: string; caseTitle: string; query: string; onRun: (query: string) => void }) {
  const id = useId();
  const saved = useQuery('searches.list', { caseId });
  const action = useAction();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const saveButton = useRef<HTMLButtonElement>(null);
  const list = saved.data ?? [];
  const current = list.find((s) => s.query === query.trim());

  const stopNaming = (then: () => HTMLElement | null) => {
    setNaming(false);
    setName('');
    action.clearError();
    requestAnimationFrame(() => then()?.focus());
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const done = await action.run(() => api.invoke('searches.save', { caseId, name: name.trim(), query: query.trim() }));
    // Saved: back to the search it keeps.
    if (done) stopNaming(() => document.getElementById('search-box'));
  };

  return (
    <section className="saved-searches" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="saved-heading">
        Saved in “{caseTitle}”
      </h2>
      <ErrorAlert error={saved.error} />
      {list.length === 0 && !naming && <p className="muted saved-none">None yet.</p>}
      {list.length > 0 && (
        <ul className="saved-list">
          {list.map((s) => (
            <li key={s.id} className={`saved${s.id === current?.id ? ' saved-current' : ''}`}>
              <button type="button" className="saved-run" onClick={() => onRun(s.query)} title={s.query} aria-current={s.id === current?.id ? 'true' : undefined}>
                {s.name}
              </button>
              <button
                type="button"
                className="saved-delete"
                aria-label={`Delete the saved search “${s.name}”`}
                onClick={() => void action.run(() => api.invoke('searches.delete', { id: s.id }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {naming ? (
        <form
          className="saved-form"
          aria-label="Save this search"
          onSubmit={save}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              stopNaming(() => saveButton.current);
            }
          }}
        >
          <label htmlFor={`${id}-name`} className="visually-hidden">
            Name of the search
          </label>
          <input id={`${id}-name`} type="text" placeholder="Name, e.g. Disputed port claims" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" className="button small primary" disabled={!name.trim() || action.busy}>
            Save
          </button>
          <button type="button" className="button small" onClick={() => stopNaming(() => saveButton.current)}>
            Cancel
          </button>
        </form>
      ) : current ? (
        <p className="muted saved-none">The search in the box is saved as “{current.name}”.</p>
      ) : (
        <button ref={saveButton} type="button" className="button small" onClick={() => setNaming(true)} disabled={!query.trim()}>
          Save this search…
        </button>
      )}
      <ErrorAlert error={action.error} />
    </section>
  );
}
