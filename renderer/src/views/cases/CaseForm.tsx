import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';

/** Opens a new case (an investigation). */
export function CaseForm({ onDone, onCancel }: { onDone: (created: Output<'cases.create'>) => void; onCancel: () => void }) {
  const form = useFormState({ title: '', description: '' });
  return (
    <Form
      label="New case"
      submitLabel="Create case"
      onSubmit={() => api.invoke('cases.create', form.values)}
      onDone={onDone}
      onCancel={onCancel}
    >
      <TextField form={form} name="title" label="Title" hint="A working name for the investigation." required />
      <TextField form={form} name="description" label="Description" hint="What the case is about; optional." multiline />
    </Form>
  );
}
