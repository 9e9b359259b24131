import { useState } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField, useFormState } from '../../components/form';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../data';
import { BackupsDialog } from '../backups/BackupsDialog';
import { EncryptionDialog } from '../lock/EncryptionDialog';

/** The reporter's own settings: for now, the name the verification log records. */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const prefs = useQuery('preferences.get', {});
  const [backups, setBackups] = useState(false);
  const [encryption, setEncryption] = useState(false);
  if (backups) return <BackupsDialog onClose={() => setBackups(false)} />;
  if (encryption) return <EncryptionDialog onClose={() => setEncryption(false)} />;
  return (
    <Modal label="Preferences" onClose={onClose}>
      <ErrorAlert error={prefs.error} />
      {prefs.data ? (
        <PreferencesForm checkerName={prefs.data.checkerName} onClose={onClose} onBackups={() => setBackups(true)} onEncryption={() => setEncryption(true)} />
      ) : (
        !prefs.error && <Loading what="your preferences" />
      )}
    </Modal>
  );
}

function PreferencesForm({ checkerName, onClose, onBackups, onEncryption }: { checkerName: string; onClose: () => void; onBackups: () => void; onEncryption: () => void }) {
  const form = useFormState({ checkerName });
  return (
    <Form label="Preferences" submitLabel="Save" onSubmit={() => api.invoke('preferences.set', form.values)} onDone={onClose} onCancel={onClose}>
      <TextField
        form={form}
        name="checkerName"
        label="Your name (for the verification log)"
        hint="Every status you set is logged under this name, so an editor can see who checked what."
        required
      />
      <p className="muted">
        <button type="button" className="button small" onClick={onBackups}>
          Backups…
        </button>{' '}
        Daily automatic backups of this library, and restoring one.
      </p>
      <p className="muted">
        <button type="button" className="button small" onClick={onEncryption}>
          Encryption…
        </button>{' '}
        Encrypt this library with a passphrase, change it, or remove it.
      </p>
    </Form>
  );
}
