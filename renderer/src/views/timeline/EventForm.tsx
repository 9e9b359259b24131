import type { CaseEvent } from '../../../../db/types';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';

interface Values {
  title: string;
  happenedOn: string;
  happenedUntil: string;
  description: string;
}

const DATE_HINT = 'As precisely as known: 2021, 2021-12 or 2021-12-15.';

/** Records something that happened in the case, or corrects an event already recorded. */
export function EventForm({ caseId, event, onDone }: { caseId: string; event?: CaseEvent; onDone: () => void }) {
  const form = useFormState<Values>({
    title: event?.title ?? '',
    happenedOn: event?.happenedOn ?? '',
    happenedUntil: event?.happenedUntil ?? '',
    description: event?.description ?? '',
  });
  const v = form.values;
  const fields = { title: v.title, happenedOn: v.happenedOn.trim(), happenedUntil: v.happenedUntil.trim() || null, description: v.description };
  return (
    <Form
      className="inset timeline-form"
      level={2}
      label={event ? 'Edit event' : 'New event'}
      submitLabel={event ? 'Save event' : 'Add event'}
      onSubmit={() => (event ? api.invoke('events.update', { id: event.id, revision: event.revision, ...fields }) : api.invoke('events.create', { caseId, ...fields }))}
      onDone={onDone}
      onCancel={onDone}
    >
      <TextField form={form} name="title" label="What happened" required />
      <div className="timeline-form-dates">
        <TextField form={form} name="happenedOn" label="When" hint={DATE_HINT} placeholder="2021-12" required />
        <TextField form={form} name="happenedUntil" label="Until (if it lasted)" placeholder="2022" />
      </div>
      <TextField form={form} name="description" label="Description" multiline rows={2} />
    </Form>
  );
}
