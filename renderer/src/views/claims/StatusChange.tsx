import type { Claim, ClaimStatus } from '../../../../db/types';
import { api } from '../../api';
import { useCommands } from '../../commands';
import { Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { useQuery } from '../../data';
import { STATUS_HINTS, STATUS_LABELS } from '../../labels';

/** Sets the claim's status and writes how it was checked into its verification history. */
export function StatusChange({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const form = useFormState<{ status: ClaimStatus; method: string; note: string }>({ status: claim.status, method: '', note: '' });
  const prefs = useQuery('preferences.get', {});
  const commands = useCommands();
  return (
    <Form
      className="inset"
      level={3}
      label="Change status"
      submitLabel="Set status"
      onSubmit={() => api.invoke('claims.setStatus', { id: claim.id, revision: claim.revision, ...form.values })}
      onDone={onDone}
      onCancel={onDone}
    >
      <SelectField form={form} name="status" label="New status" options={optionsOf(STATUS_LABELS)} hint={STATUS_HINTS[form.values.status]} />
      <TextField form={form} name="method" label="Method" hint="How you checked: e.g. compared with the customs records." />
      <TextField form={form} name="note" label="Note" hint="What you found, for the editor and the lawyer." multiline />
      {prefs.data && (
        <p className="field-hint checker">
          Logged as <strong>{prefs.data.checkerName}</strong>.{' '}
          <button type="button" className="link" onClick={commands.preferences}>
            Change your name
          </button>
        </p>
      )}
    </Form>
  );
}
