import type { Claim, Source } from '../../../../db/types';
import { api } from '../../api';
import { Form, SelectField, TextField, useFormState } from '../../components/form';
import { fromLocalInput, toLocalInput } from '../../format';

interface Values {
  sourceId: string;
  subject: string;
  contactedAt: string;
  channel: string;
  response: string;
  respondedAt: string;
}

/** Logs a request for comment about the claim: who, when, how, and the answer if it is already in. */
export function ReplyForm({ claim, sources, onDone }: { claim: Claim; sources: Source[]; onDone: () => void }) {
  const first = sources[0];
  const form = useFormState<Values>({
    sourceId: first?.id ?? '',
    subject: first?.name ?? '',
    contactedAt: toLocalInput(),
    channel: '',
    response: '',
    respondedAt: '',
  });
  const v = form.values;
  const chooseSource = (sourceId: string) => {
    form.set('sourceId', sourceId);
    const source = sources.find((s) => s.id === sourceId);
    if (source) form.set('subject', source.name);
  };
  return (
    <Form
      className="inset"
      level={3}
      label="Log a request for comment"
      submitLabel="Save request"
      onSubmit={() =>
        api.invoke('replies.create', {
          caseId: claim.caseId,
          claimId: claim.id,
          sourceId: v.sourceId || null,
          subject: v.subject,
          contactedAt: fromLocalInput(v.contactedAt),
          channel: v.channel,
          response: v.response,
          respondedAt: v.respondedAt ? fromLocalInput(v.respondedAt) : null,
        })
      }
      onDone={onDone}
      onCancel={onDone}
    >
      {sources.length > 0 && (
        <SelectField
          form={{ values: v, set: (name, value) => (name === 'sourceId' ? chooseSource(value as string) : form.set(name, value)) }}
          name="sourceId"
          label="Source asked"
          options={[...sources.map((s): [string, string] => [s.id, s.name]), ['', 'Someone else']]}
        />
      )}
      <TextField form={form} name="subject" label="Who was asked" hint="A person or office: “Press office, Ministry of Health”." required />
      <div className="field-row">
        <TextField form={form} name="contactedAt" label="Asked at" type="datetime-local" required />
        <TextField form={form} name="channel" label="How" hint="Email, phone, letter…" />
      </div>
      <TextField form={form} name="response" label="Response" hint="Leave empty while you wait; record it later." multiline rows={2} />
      {v.response.trim() && <TextField form={form} name="respondedAt" label="Replied at" type="datetime-local" />}
    </Form>
  );
}
