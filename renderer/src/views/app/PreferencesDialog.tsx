import { useState } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Output } from '../../../../core/api';
import { Form, SelectField, TextField, useFormState } from '../../components/form';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../data';
import { BackupsDialog } from '../backups/BackupsDialog';
import { EncryptionDialog } from '../lock/EncryptionDialog';
import { idleLockOptions } from '../lock/idle';

type Preferences = Output<'preferences.get'>;

const THEME_OPTIONS = [
  ['system', 'As the system (light or dark)'],
  ['light', 'Light'],
  ['dark', 'Dark'],
] as const;

/** The reporter's own settings: the name the verification log records, the theme, the idle lock. */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const prefs = useQuery('preferences.get', {});
  const lockState = useQuery('library.lockState', {});
  const [backups, setBackups] = useState(false);
  const [encryption, setEncryption] = useState(false);
  if (backups) return <BackupsDialog onClose={() => setBackups(false)} />;
  if (encryption) return <EncryptionDialog onClose={() => setEncryption(false)} />;
  return (
    <Modal label="Preferences" onClose={onClose}>
      <ErrorAlert error={prefs.error} />
      {prefs.data ? (
        <PreferencesForm
          prefs={prefs.data}
          encrypted={lockState.data?.encrypted ?? false}
          onClose={onClose}
          onBackups={() => setBackups(true)}
          onEncryption={() => setEncryption(true)}
        />
      ) : (
        !prefs.error && <Loading what="your preferences" />
      )}
    </Modal>
  );
}

interface FormProps {
  prefs: Preferences;
  encrypted: boolean;
  onClose: () => void;
  onBackups: () => void;
  onEncryption: () => void;
}

function PreferencesForm({ prefs, encrypted, onClose, onBackups, onEncryption }: FormProps) {
  // Not yet named: the field starts empty rather than showing "Unnamed reporter" as if it were a name.
  const form = useFormState({ checkerName: prefs.named ? prefs.checkerName : '', theme: prefs.theme, idleLockMinutes: String(prefs.idleLockMinutes) });
  const save = () => {
    const { checkerName, theme, idleLockMinutes } = form.values;
    return api.invoke('preferences.set', { checkerName, theme, ...(encrypted ? { idleLockMinutes: Number(idleLockMinutes) } : {}) });
  };
  return (
    <Form label="Preferences" submitLabel="Save" onSubmit={save} onDone={onClose} onCancel={onClose}>
      <TextField
        form={form}
        name="checkerName"
        label="Your name (for the verification log)"
        hint="Every status you set is logged under this name, so an editor can see who checked what."
        required
      />
      <SelectField form={form} name="theme" label="Theme" options={THEME_OPTIONS} />
      {encrypted && (
        <SelectField
          form={form}
          name="idleLockMinutes"
          label="Lock when idle"
          hint="With no key pressed and no click for this long, the open note is saved and the library locks; its passphrase opens it again."
          options={idleLockOptions(prefs.idleLockMinutes)}
        />
      )}
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
