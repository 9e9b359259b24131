import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../api';
import type { PanicLock } from './lock';
import './lock.css';

/**
 * All the window shows while locked: no case, no record, no title from the library. With an
 * encrypted library it asks for the passphrase, which goes to the library and nowhere else (not
 * kept in the page: the field is emptied after each try).
 */
export function LockScreen({ lock }: { lock: Pick<PanicLock, 'encrypted' | 'unlock' | 'status'> }) {
  const button = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => (lock.encrypted ? field.current : button.current)?.focus(), [lock.encrypted]);

  if (lock.status === 'checking') return <main className="lock-screen" aria-busy="true" />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const typed = passphrase;
    setPassphrase('');
    try {
      await lock.unlock(typed);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
      field.current?.focus();
    }
  };

  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <form className="lock-card" onSubmit={submit} noValidate>
        <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 0 1 8 0v3" />
        </svg>
        <h1 id="lock-title">Corroborate is locked</h1>
        {lock.encrypted ? (
          <>
            <p>This library is encrypted. Type its passphrase to open it.</p>
            <label className="lock-label" htmlFor="lock-passphrase">
              Passphrase
            </label>
            <input
              ref={field}
              id="lock-passphrase"
              className="lock-input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'lock-error' : undefined}
              disabled={busy}
            />
            {error && (
              <p id="lock-error" className="lock-error" role="alert">
                {error}
              </p>
            )}
          </>
        ) : (
          <p>Nothing of your cases is shown or kept in this window. Unlock to read them again from your library.</p>
        )}
        <button ref={button} type="submit" className="button primary" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
