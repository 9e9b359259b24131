import type { Output } from '../../../../core/api';
import type { Case } from '../../../../db/types';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';

interface CaseFormProps {
  /** The case to rename or re-describe; none for a new one. */
  theCase?: Pick<Case, 'id' | 'title' | 'description' | 'revision'>;
  onDone: (saved: Output<'cases.create'>) => void;
  onCancel: () => void;
}

/** Opens a new case (an investigation), or corrects an open one's title and description. */
export function CaseForm({ theCase, onDone, onCancel }: CaseFormProps) {
  const form = useFormState({ title: theCase?.title ?? '', description: theCase?.description ?? '' });
  return (
    <Form
      label={theCase ? 'Edit case' : 'New case'}
      submitLabel={theCase ? 'Save changes' : 'Create case'}
      onSubmit={() =>
        theCase ? api.invoke('cases.update', { id: theCase.id, revision: theCase.revision, ...form.values }) : api.invoke('cases.create', form.values)
      }
      onDone={onDone}
      onCancel={onCancel}
    >
      <TextField form={form} name="title" label="Title" hint="A working name for the investigation." required />
      <TextField form={form} name="description" label="Description" hint="What the case is about; optional." multiline />
    </Form>
  );
}
