import { useState } from 'react';
import type { Claim, Reply, Source } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField, useFormState } from '../../components/form';
import { Section } from '../../components/Section';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { formatTimestamp, fromLocalInput, toLocalInput } from '../../format';
import { ReplyForm } from './ReplyForm';

/** Who was asked to respond to the claim, when and how, and what they said. */
export function ReplyLog({ claim, sources, replies }: { claim: Claim; sources: Source[]; replies: Reply[] }) {
  const [answering, setAnswering] = useState<string | null>(null);
  const trash = useMoveToTrash();
  return (
    <Section
      title="Right of reply"
      count={replies.length}
      empty="No one has been asked to respond to this claim yet. Log each request for comment, and the answer when it comes."
      add={{ label: 'Log a request', form: (close) => <ReplyForm claim={claim} sources={sources} onDone={close} /> }}
    >
      <ErrorAlert error={trash.error} />
      <ul className="cards">
        {replies.map((r) => (
          <li key={r.id} className="card">
            <p className="card-kicker">
              <span className="card-title">{r.subject}</span>
              <button
                type="button"
                className="card-remove"
                aria-label={`Remove the request to ${r.subject}`}
                onClick={() => void trash.move(() => api.invoke('replies.delete', { id: r.id }), 'the right-of-reply entry')}
              >
                Remove
              </button>
            </p>
            <p className="muted">
              Asked {formatTimestamp(r.contactedAt)}
              {r.channel && ` by ${r.channel}`}
            </p>
            {r.response ? (
              <>
                <blockquote className="excerpt">{r.response}</blockquote>
                {r.respondedAt && <p className="muted">Replied {formatTimestamp(r.respondedAt)}</p>}
              </>
            ) : answering === r.id ? (
              <ResponseForm reply={r} onDone={() => setAnswering(null)} />
            ) : (
              <p className="awaiting">
                No response yet.{' '}
                <button type="button" className="link" onClick={() => setAnswering(r.id)}>
                  Record the response
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The answer to a request for comment, when it comes. */
function ResponseForm({ reply, onDone }: { reply: Reply; onDone: () => void }) {
  const form = useFormState({ response: '', respondedAt: toLocalInput() });
  return (
    <Form
      className="inset"
      level={3}
      label={`Response from ${reply.subject}`}
      submitLabel="Save response"
      onSubmit={() =>
        api.invoke('replies.update', {
          id: reply.id,
          revision: reply.revision,
          response: form.values.response,
          respondedAt: form.values.respondedAt ? fromLocalInput(form.values.respondedAt) : null,
        })
      }
      onDone={onDone}
      onCancel={onDone}
    >
      <TextField form={form} name="response" label="What they said" hint="Their words, or “Declined to comment”." multiline />
      <TextField form={form} name="respondedAt" label="Replied at" type="datetime-local" />
    </Form>
  );
}
