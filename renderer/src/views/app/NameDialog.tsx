import { useState } from 'react';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../data';

/**
 * Asks for the reporter's name on start while the library has none: the verification log and
 * every packet's cover record it, and the log is append-only, so a wrong name (the OS account, as
 * it once was) would stay there for good. The field starts empty: anything prefilled would be a
 * guess. "Not now" lasts until the next start; meanwhile entries say "Unnamed reporter".
 */
export function NameDialog() {
  const prefs = useQuery('preferences.get', {});
  const [skipped, setSkipped] = useState(false);
  if (skipped || !prefs.data || prefs.data.named) return null;
  return (
    <Modal label="Your name" onClose={() => setSkipped(true)}>
      <NameForm onSkip={() => setSkipped(true)} unnamed={prefs.data.checkerName} />
    </Modal>
  );
}

function NameForm({ onSkip, unnamed }: { onSkip: () => void; unnamed: string }) {
  const form = useFormState({ checkerName: '' });
  return (
    <Form
      label="Your name"
      submitLabel="Save"
      cancelLabel="Not now"
      onSubmit={() => api.invoke('preferences.set', { checkerName: form.values.checkerName })}
      // The saved preferences are read again, and with a name this dialog is gone.
      onDone={() => undefined}
      onCancel={onSkip}
    >
      <p>
        Corroborate writes your name into a claim&rsquo;s verification history each time you set its status, and on the cover of every packet you export, so an editor can see who checked
        what.
      </p>
      <TextField form={form} name="checkerName" label="Your name" hint="As your editor knows you. You can change it later in Preferences; entries already logged keep theirs." required />
      <p className="muted">
        Until you give it, they say &ldquo;{unnamed}&rdquo;. Not now asks again the next time Corroborate starts.
      </p>
    </Form>
  );
}
