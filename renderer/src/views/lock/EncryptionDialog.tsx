import { useState, type FormEvent, type ReactNode } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useAction, useQuery } from '../../data';

type Change = 'encrypt' | 'rekey' | 'decrypt';
type Result = Output<'library.encrypt'>;

/**
 * Preferences › Encryption…: encrypt this library, change its passphrase, or remove its
 * encryption. Each asks for the passphrase twice (or the current one again) and an explicit
 * confirmation. Passphrases live in this dialog's fields only, and are sent to the library alone.
 */
export function EncryptionDialog({ onClose }: { onClose: () => void }) {
  const state = useQuery('library.lockState', {});
  const [change, setChange] = useState<Change | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (change) {
    return (
      <ChangeForm
        change={change}
        onDone={(message) => {
          setChange(null);
          setDone(message);
        }}
        onCancel={() => setChange(null)}
      />
    );
  }
  return (
    <Modal label="Encryption" onClose={onClose}>
      <div className="encryption">
        <h2>Encryption</h2>
        <ErrorAlert error={state.error} />
        {done && (
          <p className="encryption-done" role="status">
            {done}
          </p>
        )}
        {!state.data ? (
          !state.error && <Loading what="the library’s encryption" />
        ) : state.data.encrypted ? (
          <>
            <p>
              This library is <strong>encrypted</strong>: the library file, its backups and the original files of imported documents can be read only with
              its passphrase. Locking (Ctrl+Shift+L) closes it until the passphrase is typed again.
            </p>
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setChange('rekey')}>
                Change passphrase…
              </button>
              <button type="button" className="button danger-quiet" onClick={() => setChange('decrypt')}>
                Remove encryption…
              </button>
            </div>
          </>
        ) : (
          <>
            <p>
              This library is <strong>not encrypted</strong>: anyone who gets a copy of its file — a lost laptop, a seized disk, a synced folder — can read
              every source and claim in it. Encrypted, it opens only with a passphrase.
            </p>
            <div className="form-actions">
              <button type="button" className="button primary" onClick={() => setChange('encrypt')}>
                Encrypt this library…
              </button>
            </div>
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}

const TITLES: Record<Change, string> = { encrypt: 'Encrypt this library', rekey: 'Change passphrase', decrypt: 'Remove encryption' };

function summary(change: Change, r: Result): string {
  const backups = `${r.backups} backup${r.backups === 1 ? '' : 's'}`;
  const left = r.backupsLeft.length ? ` ${r.backupsLeft.length} backup(s) could not be converted and were left as they were: ${r.backupsLeft.join(', ')}.` : '';
  if (change === 'encrypt') return `The library, ${r.files} original file${r.files === 1 ? '' : 's'} and ${backups} are encrypted.${left}`;
  if (change === 'rekey') return `The passphrase of the library and of ${backups} is changed.${left}`;
  return `The library, ${r.files} original file${r.files === 1 ? '' : 's'} and ${backups} are no longer encrypted.${left}`;
}

function ChangeForm({ change, onDone, onCancel }: { change: Change; onDone: (message: string) => void; onCancel: () => void }) {
  const action = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (change !== 'decrypt' && next !== again) return setProblem('The two new passphrases differ.');
    if (change !== 'rekey' && !understood) return setProblem('Tick the box to confirm.');
    const result = await action.run(() =>
      change === 'encrypt'
        ? api.invoke('library.encrypt', { passphrase: next, confirm: true })
        : change === 'rekey'
          ? api.invoke('library.changePassphrase', { current, next })
          : api.invoke('library.decrypt', { passphrase: current, confirm: true }),
    );
    // Whatever happened, no passphrase stays in the page.
    setCurrent('');
    setNext('');
    setAgain('');
    if (result) onDone(summary(change, result));
  };

  return (
    <Modal label={TITLES[change]} onClose={onCancel}>
      <form className="encryption form" onSubmit={submit} noValidate>
        <h2>{TITLES[change]}</h2>
        {change === 'encrypt' && (
          <p>
            The library, its backups and the original files of imported documents will open only with this passphrase. Use several words; at least 10
            characters.
          </p>
        )}
        {change === 'decrypt' && <p>The library, its backups and its original files will be readable by anyone who gets a copy of them.</p>}
        <ErrorAlert error={action.error} />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {change !== 'encrypt' && <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} autoFocus />}
        {change !== 'decrypt' && (
          <>
            <PassphraseField label="New passphrase" value={next} onChange={setNext} autoFocus={change === 'encrypt'} />
            <PassphraseField label="New passphrase again" value={again} onChange={setAgain} />
          </>
        )}
        {change !== 'rekey' && (
          <label className="encryption-confirm">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            {change === 'encrypt' ? (
              <span>I understand that a lost passphrase cannot be recovered, and the library cannot be read without it.</span>
            ) : (
              <span>Remove the encryption of this library.</span>
            )}
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className={`button ${change === 'decrypt' ? 'danger' : 'primary'}`} disabled={action.busy}>
            {action.busy ? 'Working…' : TITLES[change]}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function PassphraseField({ label, value, onChange, autoFocus }: { label: string; value: string; onChange: (v: string) => void; autoFocus?: boolean }): ReactNode {
  const id = `passphrase-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} data-autofocus={autoFocus || undefined} />
    </div>
  );
}
