import { api } from '../../api';
import { useCommands } from '../../commands';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';
import { formatPartialDate } from '../../format';
import { EventForm } from './EventForm';

/** An event picked on the timeline: what happened and when, to correct or move to the trash. */
export function EventPanel({ id, editing, onEdit, onClose }: { id: string; editing: boolean; onEdit: (editing: boolean) => void; onClose: () => void }) {
  const event = useQuery('events.get', { id });
  const action = useAction();
  const commands = useCommands();
  const e = event.data;
  if (event.error) return <ErrorAlert error={event.error} />;
  if (!e) return null;
  if (editing) return <EventForm caseId={e.caseId} event={e} onDone={() => onEdit(false)} />;
  const trash = async () => {
    const done = await action.run(() => api.invoke('events.delete', { id: e.id }));
    if (done) {
      commands.trashed(`the event “${e.title}”`);
      onClose();
    }
  };
  return (
    <section className="inset timeline-event" aria-labelledby="timeline-event-title">
      <h2 id="timeline-event-title">{e.title}</h2>
      <p className="muted">
        {formatPartialDate(e.happenedOn)}
        {e.happenedUntil && ` – ${formatPartialDate(e.happenedUntil)}`}
      </p>
      {e.description && <p>{e.description}</p>}
      <ErrorAlert error={action.error} />
      <div className="form-actions">
        <button type="button" className="button small" onClick={() => onEdit(true)}>
          Edit
        </button>
        <button type="button" className="button small danger-quiet" onClick={() => void trash()} disabled={action.busy}>
          Move to trash
        </button>
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
