// The note's editor: Lexical rich text, loaded from the note's saved state and saved back.

import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { LinkNode } from '@lexical/link';
import { useRef, useState } from 'react';
import type { EditorState } from 'lexical';
import { api, messageOf } from '../api';
import './editor.css';

interface NoteEditorProps {
  noteId: string;
  content: string;
  revision: number;
}

export function NoteEditor({ noteId, content, revision }: NoteEditorProps) {
  const [status, setStatus] = useState('Saved');
  const rev = useRef(revision);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const initial = {
    namespace: 'corroborate-note',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
    editorState: content,
    onError: (error: Error) => {
      throw error;
    },
  };
  const onChange = (state: EditorState, _editor: unknown, tags: Set<string>) => {
    if (tags.has('history-merge')) return;
    if (timer.current) clearTimeout(timer.current);
    setStatus('Not saved yet');
    timer.current = setTimeout(() => {
      setStatus('Saving…');
      api.invoke('notes.update', { id: noteId, revision: rev.current, content: JSON.stringify(state.toJSON()) }).then(
        (note) => {
          rev.current = note.revision;
          setStatus('Saved');
        },
        (err: unknown) => setStatus(`Not saved: ${messageOf(err)}`),
      );
    }, 700);
  };
  return (
    <LexicalComposer initialConfig={initial}>
      <div className="note-editor">
        <p className="editor-status" role="status">
          {status}
        </p>
        <RichTextPlugin
          contentEditable={<ContentEditable className="editor-content" aria-label="Note text" />}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <OnChangePlugin onChange={onChange} ignoreSelectionChange />
      </div>
    </LexicalComposer>
  );
}
