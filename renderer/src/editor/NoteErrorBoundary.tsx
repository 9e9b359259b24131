// A note the editor cannot open (content written by another version, a damaged row) must not
// blank the app: React unmounts everything up to the nearest error boundary, and without one
// that is the whole window. This one holds the editor only: the note's words, which the library
// keeps as plain text beside its editor state, are shown read-only, and the rest of the app
// goes on working.

import { Component, type ReactNode } from 'react';
import type { Note } from '../../../db/types';

interface Props {
  note: Pick<Note, 'title' | 'text'>;
  /** Loads the note again from the library, in a new editor. */
  onReload: () => void;
  children: ReactNode;
}

export class NoteErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { note, onReload } = this.props;
    return (
      <section className="note-failed" aria-labelledby="note-failed-title">
        <div className="alert" role="alert">
          <p id="note-failed-title">
            <strong>“{note.title}” cannot be opened in the editor.</strong> Its text is below, read-only; nothing has been changed.
          </p>
          <p>It may have been written by another version of Corroborate. Copy what you need into a new note.</p>
          <button type="button" className="button small" onClick={onReload}>
            Try again
          </button>
        </div>
        <pre className="note-failed-text" aria-label="The note’s text">
          {note.text}
        </pre>
      </section>
    );
  }
}
