// The library chooser: the libraries opened lately (a missing one says so, and any can be taken
// off the list), and a path typed to open another or to create a new one. The same in the app
// (File › Open Library…) and in serve's page, where typing is the only way to name a file.

import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useAction, useQuery } from '../../data';
import { useCurrentLibrary, useLibraries, type SwitchMethod } from '../../library';
import './library.css';

export function LibraryChooser() {
  const libraries = useLibraries();
  if (!libraries.chooserOpen) return null;
  return (
    <Modal label="Libraries" onClose={libraries.closeChooser}>
      <ChooserBody />
    </Modal>
  );
}

function ChooserBody() {
  const libraries = useLibraries();
  const current = useCurrentLibrary();
  const recent = useQuery('libraries.recent', {});
  const forget = useAction();
  const [path, setPath] = useState('');
  const pathId = useId();
  const hintId = useId();
  const others = (recent.data ?? []).filter((l) => !l.current);

  const submit = (method: SwitchMethod) => (e?: FormEvent) => {
    e?.preventDefault();
    libraries.switchTo(method, path);
  };

  return (
    <div className="library-chooser">
      <h2>Libraries</h2>
      <p className="library-open-now">
        Open now: <strong>{current.name}</strong> <span className="library-path">{current.path}</span>
      </p>
      <ErrorAlert error={libraries.error ?? forget.error ?? recent.error} />
      <section aria-labelledby="recent-libraries-heading">
        <h3 id="recent-libraries-heading">Recent libraries</h3>
        {recent.loading && !recent.data && <Loading what="your recent libraries" />}
        {recent.data && others.length === 0 && <p className="muted">No other library opened lately.</p>}
        <ul className="library-list">
          {others.map((l) => (
            <li key={l.path} className="library-item">
              <div className="library-item-text">
                <span className="library-item-name">{l.name}</span>
                {l.missing && <span className="library-missing">missing</span>}
                <span className="library-path">{l.path}</span>
              </div>
              <button
                type="button"
                className="button small primary"
                disabled={l.missing}
                aria-label={l.missing ? `${l.name} is not at its path any more` : `Open ${l.name}`}
                onClick={() => libraries.switchTo('libraries.open', l.path)}
              >
                Open
              </button>
              <button type="button" className="button small" aria-label={`Remove ${l.name} from the list`} onClick={() => void forget.run(() => api.invoke('libraries.forget', { path: l.path }))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form className="form library-by-path" onSubmit={submit('libraries.open')} aria-labelledby="library-by-path-heading">
        <h3 id="library-by-path-heading">Another library</h3>
        <div className="field">
          <label htmlFor={pathId}>Path of the library file</label>
          <input id={pathId} type="text" value={path} onChange={(e) => setPath(e.target.value)} aria-describedby={hintId} autoComplete="off" spellCheck={false} />
          <p id={hintId} className="field-hint">
            The whole path, or one starting with ~/ for your home folder. A new library’s name ends in .corroborate, in a folder that exists.
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!path.trim()}>
            Open
          </button>
          <button type="button" className="button" disabled={!path.trim()} onClick={submit('libraries.create')}>
            Create new library
          </button>
          <button type="button" className="button" data-autofocus onClick={libraries.closeChooser}>
            Close
          </button>
        </div>
      </form>
    </div>
  );
}
