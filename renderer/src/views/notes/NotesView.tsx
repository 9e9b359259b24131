// A case's notes and story drafts: the list (title, last edited, words) on the left, the open
// note in the editor on the right.

import { useCallback, useEffect, useState } from 'react';
import type { Note } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { RowContent, VirtualListbox } from '../../components/VirtualListbox';
import { useAction, useQuery } from '../../data';
import { relayReachable } from '../../editor/coedit/relay';
import { NoteEditor, type Coediting } from '../../editor/NoteEditor';
import { formatTimestamp } from '../../format';
import { NOTHING, selectedId, useNavigation } from '../../navigation';
import { ChangedBy } from '../desk/ChangedBy';

const ROW_HEIGHT = 64;

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** When a note was last edited, as short as a list row needs: a time today, a date otherwise. */
export function edited(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  if (at.toDateString() === now.toDateString()) return TIME.format(at);
  return at.getFullYear() === now.getFullYear() ? DAY.format(at) : DATE.format(at);
}

const wordCount = (words: number) => (words === 1 ? '1 word' : `${words.toLocaleString()} words`);

export function NotesView() {
  const nav = useNavigation();
  const caseId = nav.caseId;
  const notes = useQuery('notes.list', caseId ? { caseId } : null);
  const theCase = useQuery('cases.list', {}).data?.find((c) => c.id === caseId);
  const create = useAction();
  const selection = nav.note;
  const list = notes.data ?? [];

  const newNote = async () => {
    if (!caseId) return;
    const note = await create.run(() => api.invoke('notes.create', { caseId, title: 'Untitled note' }));
    if (note) nav.selectNote({ mode: 'show', id: note.id, focus: true });
  };

  if (!caseId) return null;
  return (
    <div className="panes notes-panes">
      <section className="list-pane" aria-labelledby="notes-heading">
        <header className="pane-header">
          {theCase && <h1 className="case-title">{theCase.title}</h1>}
          <div className="toolbar">
            <h2 id="notes-heading">Notes {notes.data && <span className="count">{notes.data.length}</span>}</h2>
            <button type="button" className="button primary" onClick={newNote} disabled={create.busy}>
              New note
            </button>
          </div>
        </header>
        <ErrorAlert error={notes.error ?? create.error} />
        {notes.loading && !notes.data && <Loading what="notes" />}
        {notes.data &&
          (list.length > 0 ? (
            <VirtualListbox
              label="Notes"
              count={list.length}
              rowHeight={ROW_HEIGHT}
              idAt={(i) => list[i]?.id}
              indexOf={(id) => list.findIndex((n) => n.id === id)}
              renderRow={(i) => {
                const n = list[i];
                if (!n) return null;
                return <RowContent title={n.title || 'Untitled note'} meta={<span title={`Last edited ${formatTimestamp(n.updatedAt)}`}>{`${wordCount(n.words)} · edited ${edited(n.updatedAt)}`}</span>} />;
              }}
              selectedId={selectedId(selection)}
              onSelect={(id) => nav.selectNote({ mode: 'show', id })}
              onOpen={(id) => nav.selectNote({ mode: 'show', id, focus: true })}
              memoryKey={`notes:${caseId}`}
            />
          ) : (
            <EmptyState title="No notes in this case yet.">
              <p>
                Notes and story drafts live here. Start one with <strong>New note</strong>; type @ to name a source and # to cite a claim,
                so every fact in the draft can be traced to what backs it.
              </p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane note-pane" aria-label="Note">
        {selection.mode === 'show' ? (
          <OpenNote key={selection.id} noteId={selection.id} focus={selection.focus ?? false} onGone={() => nav.selectNote(NOTHING)} />
        ) : (
          <EmptyState title="No note open.">
            <p>Choose a note from the list, or start a new one.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

/**
 * The note as loaded once: the editor owns the text from then on, so the library's later
 * answers (after every autosave) do not reset it. "Load the other version" loads it again.
 */
function OpenNote({ noteId, focus, onGone }: { noteId: string; focus: boolean; onGone: () => void }) {
  const [note, setNote] = useState<Note | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);
  const trash = useMoveToTrash();

  // Co-edited when its case is shared with a desk, in a page `serve` shows and in the app's
  // window alike; written whole (the two-window rule) only by a door without a relay.
  const [coedit, setCoedit] = useState<Coediting | null | undefined>(relayReachable() ? undefined : null);
  useEffect(() => {
    let live = true;
    api.invoke('notes.get', { id: noteId }).then(
      (n) => live && setNote(n as Note),
      (err: unknown) => live && setError(err),
    );
    if (relayReachable()) {
      api.invoke('sync.noteMember', { noteId }).then(
        (m) => live && setCoedit(m ? { member: m.member, writable: m.writable } : null),
        (err: unknown) => live && setError(err),
      );
    }
    return () => {
      live = false;
    };
  }, [noteId, loads]);

  const focusText = useCallback(
    (element: HTMLDivElement | null) => {
      if (focus && element) element.querySelector<HTMLElement>('.note-title')?.focus();
    },
    [focus],
  );

  if (error) return <ErrorAlert error={error} />;
  // The mode is known before the editor mounts: it is never switched under the reporter's typing.
  if (!note || coedit === undefined) return <Loading what="the note" />;
  if (note.deletedAt) {
    return (
      <EmptyState title="This note is in the trash.">
        <p>Restore it from the Trash to go on writing it.</p>
      </EmptyState>
    );
  }
  return (
    <div className="note-host" ref={focusText}>
      <ErrorAlert error={trash.error} />
      <ChangedBy caseId={note.caseId} record={note} />
      <NoteEditor
        key={`${note.id}:${note.revision}:${loads}`}
        note={note}
        coedit={coedit ?? undefined}
        onReload={() => {
          setNote(null);
          setLoads((n) => n + 1);
        }}
        onTrash={async () => {
          if (await trash.move(() => api.invoke('notes.delete', { id: note.id }), 'the note')) onGone();
        }}
      />
    </div>
  );
}
