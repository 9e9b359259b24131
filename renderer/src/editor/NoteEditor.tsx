// A note or story draft open for writing: its title, the toolbar, the text with its citations,
// and around it the find bar, the research panel and the claim picker. Saves itself.

import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
} from '@lexical/markdown';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { $getRoot, $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, type RangeSelection } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { Note } from '../../../db/types';
import { useDataVersion } from '../data';
import { CitationDataProvider } from './chips/CitationData';
import { $insertCitation, $markSelection, canMark } from './cite/insert';
import type { Suggestion } from './cite/suggest';
import { NoteErrorBoundary } from './NoteErrorBoundary';
import { NOTE_NODES } from './nodes';
import { isSafeUrl } from '../../../shared/note-nodes/safe-url';
import { CitationClickPlugin } from './plugins/CitationClickPlugin';
import { CiteDropPlugin } from './plugins/CiteDropPlugin';
import { HighlightPlugin } from './plugins/HighlightPlugin';
import { MentionsPlugin } from './plugins/MentionsPlugin';
import { PastePlugin } from './plugins/PastePlugin';
import { libraryIO } from './saving/io';
import { NoteSaver, type SaveState } from './saving/NoteSaver';
import { CoeditPlugin } from './coedit/CoeditPlugin';
import { countWords } from '../../../shared/words';
import { THEME } from './theme';
import { CitePicker } from './ui/CitePicker';
import { FindBar } from './ui/FindBar';
import { ResearchPanel } from './ui/ResearchPanel';
import { SaveStatus } from './ui/SaveStatus';
import { Toolbar } from './ui/Toolbar';
import './editor.css';

const MARKDOWN = [
  HEADING,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  INLINE_CODE,
  LINK,
];

const WORD_COUNT_DELAY_MS = 250;

/** A note of a shared case, open in a page `serve` shows: typed together with the desk. */
export interface Coediting {
  /** The member's name on the desk, on their caret in the others' editors. */
  member: string;
  /** Reporters and editors write drafts; a fact-checker or lawyer reads them. */
  writable: boolean;
}

interface NoteEditorProps {
  note: Note;
  /** Co-edited through the door's relay (docs/sync.md §1) instead of saved whole by this page. */
  coedit?: Coediting;
  /** Drop what is written here and load the note as the library has it. */
  onReload: () => void;
  onTrash: () => void;
}

export function NoteEditor({ note, coedit, onReload, onTrash }: NoteEditorProps) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'corroborate-note',
      theme: THEME,
      nodes: [...NOTE_NODES],
      // A co-edited note's text comes from its document, through the relay.
      editorState: coedit ? null : note.content,
      editable: coedit ? coedit.writable : true,
      onError: (error: Error) => {
        throw error;
      },
    }),
    // The editor owns the text once loaded; a reload mounts a new editor.
    [],
  );
  return (
    <NoteErrorBoundary note={note} onReload={onReload}>
      <CitationDataProvider caseId={note.caseId}>
        <LexicalCollaboration>
          <LexicalComposer initialConfig={initialConfig}>
            <NoteSurface note={note} coedit={coedit} onReload={onReload} onTrash={onTrash} />
          </LexicalComposer>
        </LexicalCollaboration>
      </CitationDataProvider>
    </NoteErrorBoundary>
  );
}

interface Citing {
  selection: RangeSelection;
  rect: DOMRect;
  excerpt: string;
}

function NoteSurface({ note, coedit, onReload, onTrash }: NoteEditorProps) {
  const [editor] = useLexicalComposerContext();
  const { changed } = useDataVersion();
  const titleId = useId();
  const [title, setTitle] = useState(note.title);
  const [words, setWords] = useState(() => countWords(note.text));
  const [notice, setNotice] = useState('');

  const saver = useMemo(
    () =>
      new NoteSaver(
        note.id,
        note.revision,
        libraryIO,
        coedit ? null : () => JSON.stringify(editor.getEditorState().toJSON()),
        // The note list (title, last edited, words) and every backlink read the library again.
        changed,
      ),
    // One saver for the life of this editor.
    [],
  );
  const titleState = useSyncExternalStore(saver.subscribe, saver.getState);
  // Co-edited: the text is saved by the door as it is typed; the title still by this page.
  const [relayState, setRelayState] = useState<SaveState>({ kind: 'saving' });
  const relayUnsaved = useRef(false);
  const onRelayState = useCallback((state: SaveState) => {
    relayUnsaved.current = state.kind !== 'saved';
    setRelayState(state);
  }, []);
  const saveState = coedit && titleState.kind === 'saved' ? relayState : titleState;
  const cursors = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!coedit) saver.setBaseline(JSON.stringify(editor.getEditorState().toJSON()));
  }, [editor, saver, coedit]);

  // Save on every change to the text, count its words now and then, remember where the caret was.
  const lastSelection = useRef<RangeSelection | null>(null);
  useEffect(() => {
    let wordTimer: ReturnType<typeof setTimeout> | null = null;
    const stop = editor.registerUpdateListener(({ editorState, prevEditorState, dirtyElements, dirtyLeaves }) => {
      editorState.read(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) lastSelection.current = selection.clone();
      });
      if (prevEditorState.isEmpty() || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      if (!coedit) saver.changed();
      if (wordTimer) clearTimeout(wordTimer);
      wordTimer = setTimeout(() => setWords(countWords(editorState.read(() => $getRoot().getTextContent()))), WORD_COUNT_DELAY_MS);
    });
    return () => {
      stop();
      if (wordTimer) clearTimeout(wordTimer);
    };
  }, [editor, saver, coedit]);

  // Save at once when the reporter leaves: another window, another note, closing the app.
  useEffect(() => {
    const leave = () => void saver.flush(true);
    const onVisibility = () => document.visibilityState === 'hidden' && leave();
    const onBlur = () => void saver.flush();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!saver.unsaved && !relayUnsaved.current) return;
      leave();
      // In a browser tab, ask to stay until the save is through; Electron would just not close.
      if (!window.corroborate) e.preventDefault();
    };
    window.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', leave);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
      void saver.flush().finally(() => saver.dispose());
    };
  }, [saver]);

  // Find, uncited sentences, research, cite a selection.
  const [find, setFind] = useState<{ query: string; index: number; focus: number } | null>(null);
  const [findCount, setFindCount] = useState(0);
  const [uncited, setUncited] = useState(false);
  const [uncitedCount, setUncitedCount] = useState<number | null>(null);
  const [research, setResearch] = useState(false);
  const [citing, setCiting] = useState<Citing | null>(null);

  const startCite = () => {
    const selection = editor.getEditorState().read(() => {
      const s = $getSelection();
      return canMark(s) ? { selection: s.clone(), excerpt: s.getTextContent() } : null;
    });
    const rect = window.getSelection()?.rangeCount ? window.getSelection()!.getRangeAt(0).getBoundingClientRect() : null;
    if (!selection || !rect) {
      setNotice('Select the words to cite first, then choose the claim that backs them.');
      return;
    }
    setNotice('');
    setCiting({ ...selection, rect });
  };
  const finishCite = (claim: Suggestion | null) => {
    const pending = citing;
    setCiting(null);
    if (pending && claim) {
      editor.update(() => $markSelection(pending.selection, claim.id));
      setNotice(`Marked as cited by the claim “${claim.title.length > 80 ? `${claim.title.slice(0, 79)}…` : claim.title}”.`);
    }
    editor.focus();
  };
  const citeAtCursor = (item: Suggestion) => {
    editor.update(() => $insertCitation(item, null, lastSelection.current));
    setNotice(`Cited: ${item.title.length > 80 ? `${item.title.slice(0, 79)}…` : item.title}`);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.metaKey || e.ctrlKey;
    if (!mod || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'f' && !e.shiftKey) {
      e.preventDefault();
      setFind((f) => ({ query: f?.query ?? '', index: f?.index ?? 0, focus: (f?.focus ?? 0) + 1 }));
    } else if (key === 'c' && e.shiftKey) {
      e.preventDefault();
      startCite();
    } else if (key === 'x' && e.shiftKey) {
      e.preventDefault();
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough');
    }
  };

  return (
    <div className="note" onKeyDown={onKeyDown}>
      <header className="note-head">
        <input
          id={titleId}
          className="note-title"
          aria-label="Title"
          value={title}
          maxLength={500}
          readOnly={coedit ? !coedit.writable : false}
          placeholder="Untitled note"
          onChange={(e) => {
            setTitle(e.target.value);
            saver.setTitle(e.target.value);
          }}
          aria-describedby={title.trim() ? undefined : `${titleId}-hint`}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              editor.focus();
            }
          }}
          // The note list shows the new title as soon as the reporter moves on from it.
          onBlur={() => void saver.flush()}
        />
        {!title.trim() && (
          <p id={`${titleId}-hint`} className="note-title-hint">
            A note needs a title; the last one is kept until you type another.
          </p>
        )}
        <div className="note-meta">
          <SaveStatus state={saveState} onRetry={() => void saver.flush()} />
          <span aria-hidden="true">·</span>
          <span className="note-words">{words === 1 ? '1 word' : `${words.toLocaleString()} words`}</span>
          <span className="note-meta-spacer" />
          <button type="button" className="button small danger-quiet" onClick={() => void saver.flush().then(onTrash)}>
            Move to trash
          </button>
        </div>
      </header>

      {saveState.kind === 'conflict' && (
        <div className="ed-conflict" role="alert">
          <p>
            <strong>This note was changed in another window</strong> after you opened it here. Your latest changes are not saved.
          </p>
          <div className="ed-conflict-actions">
            <button type="button" className="button small" onClick={onReload}>
              Load the other version
            </button>
            <button type="button" className="button small primary" onClick={() => void saver.overwrite()}>
              Keep mine (replace the other)
            </button>
          </div>
        </div>
      )}

      <Toolbar
        onCite={startCite}
        findOpen={find !== null}
        onFind={() => setFind((f) => (f ? null : { query: '', index: 0, focus: 1 }))}
        uncited={uncited}
        uncitedCount={uncitedCount}
        onUncited={() => setUncited((u) => !u)}
        researchOpen={research}
        onResearch={() => setResearch((r) => !r)}
      />
      {find && (
        <FindBar
          query={find.query}
          index={find.index}
          count={findCount}
          focusKey={find.focus}
          onQuery={(query) => setFind({ ...find, query, index: 0 })}
          onMove={(step) => setFind({ ...find, index: find.index + step })}
          onClose={() => {
            setFind(null);
            editor.focus();
          }}
        />
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>

      <div className="note-body">
        <div className="ed-scroll">
          <div className={`ed-page${uncited ? ' show-uncited' : ''}`}>
            {coedit && <div ref={cursors} className="ed-cursors" />}
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  className="ed-content"
                  aria-label="Note text"
                  aria-placeholder="Write here. Type @ to name a source, # to cite a claim."
                  placeholder={<div className="ed-placeholder">Write here. Type @ to name a source, # to cite a claim.</div>}
                  spellCheck
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>
        </div>
        {research && <ResearchPanel caseId={note.caseId} onCite={citeAtCursor} onClose={() => setResearch(false)} />}
      </div>

      {citing && <CitePicker caseId={note.caseId} anchor={citing.rect} excerpt={citing.excerpt} onChoose={finishCite} onCancel={() => finishCite(null)} />}

      {/* Co-edited, undo is Yjs's (each undoes only their own typing). */}
      {coedit ? <CoeditPlugin noteId={note.id} member={coedit.member} cursors={cursors} onState={onRelayState} /> : <HistoryPlugin />}
      <ListPlugin />
      <LinkPlugin validateUrl={isSafeUrl} />
      <TabIndentationPlugin />
      <MarkdownShortcutPlugin transformers={MARKDOWN} />
      <MentionsPlugin caseId={note.caseId} />
      <PastePlugin />
      <CiteDropPlugin />
      <CitationClickPlugin caseId={note.caseId} />
      <HighlightPlugin
        findQuery={find?.query || null}
        findIndex={find?.index ?? 0}
        uncited={uncited}
        onFindCount={setFindCount}
        onUncited={(ranges) => setUncitedCount(uncited ? ranges.length : null)}
      />
    </div>
  );
}
