import { useState } from 'react';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Row, RowList } from '../../components/RowList';
import { useAction, useQuery } from '../../data';
import { NoteEditor } from '../../editor/NoteEditor';
import { formatTimestamp } from '../../format';
import { useNavigation } from '../../navigation';

/** A case's notes and drafts: the list on the left, the open note's editor on the right. */
export function NotesView() {
  const nav = useNavigation();
  const caseId = nav.caseId;
  const notes = useQuery('notes.list', caseId ? { caseId } : null);
  const [openId, setOpenId] = useState<string | null>(null);
  const action = useAction();
  const create = async () => {
    if (!caseId) return;
    const note = await action.run(() => api.invoke('notes.create', { caseId, title: 'Untitled note' }));
    if (note) setOpenId(note.id);
  };
  if (!caseId) return <EmptyState title="No case open." />;
  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="notes-heading">
        <header className="pane-header">
          <div className="toolbar">
            <h2 id="notes-heading">Notes {notes.data && <span className="count">{notes.data.length}</span>}</h2>
            <button type="button" className="button primary" onClick={create} disabled={action.busy}>
              New note
            </button>
          </div>
        </header>
        <ErrorAlert error={notes.error ?? action.error} />
        {notes.loading && !notes.data && <Loading what="notes" />}
        {notes.data && (
          <RowList label="Notes">
            {notes.data.map((n) => (
              <Row
                key={n.id}
                title={n.title}
                meta={`Edited ${formatTimestamp(n.updatedAt)}`}
                badge={<span className="muted">{n.words} words</span>}
                current={n.id === openId}
                onSelect={() => setOpenId(n.id)}
              />
            ))}
          </RowList>
        )}
      </section>
      <section className="detail-pane" aria-label="Note">
        {openId ? <OpenNote key={openId} noteId={openId} /> : <EmptyState title="No note open." />}
      </section>
    </div>
  );
}

function OpenNote({ noteId }: { noteId: string }) {
  const note = useQuery('notes.get', { id: noteId });
  // The editor owns the text once loaded; later reads of the note must not reset it.
  const [loaded] = useState(() => ({ value: null as null | { content: string; revision: number } }));
  if (note.data && !loaded.value) loaded.value = { content: note.data.content, revision: note.data.revision };
  if (note.error) return <ErrorAlert error={note.error} />;
  if (!loaded.value) return <Loading what="the note" />;
  return <NoteEditor noteId={noteId} content={loaded.value.content} revision={loaded.value.revision} />;
}
