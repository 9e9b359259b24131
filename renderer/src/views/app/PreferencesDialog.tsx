import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField, useFormState } from '../../components/form';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../data';

/** The reporter's own settings: for now, the name the verification log records. */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const prefs = useQuery('preferences.get', {});
  return (
    <Modal label="Preferences" onClose={onClose}>
      <ErrorAlert error={prefs.error} />
      {prefs.data ? <PreferencesForm checkerName={prefs.data.checkerName} onClose={onClose} /> : !prefs.error && <Loading what="your preferences" />}
    </Modal>
  );
}

function PreferencesForm({ checkerName, onClose }: { checkerName: string; onClose: () => void }) {
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
    </Form>
  );
}
