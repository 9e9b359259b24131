// Where the reporter is: which case, which view, and what is open in the detail pane of each
// view. The case and the view survive a restart (localStorage), kept under the library's own id:
// never shown for another library, and found again whatever the page's origin was before (serve
// keeps one port per library, but falls back to another when it is taken). The rest is the
// moment's work, kept while the reporter moves between views so each one is as they left it.

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export const VIEWS = ['claims', 'sources', 'documents', 'notes', 'search', 'trash', 'map', 'timeline'] as const;
export type View = (typeof VIEWS)[number];

/**
 * What the detail pane holds: a record, a blank form for a new one, or an edit form. `focus`
 * moves the keyboard focus to the record once shown: wanted after a save or when following a
 * link (whose button is gone), not when picking from the list (the arrows must keep working).
 * `anchor` names a part of the record to scroll to and mark (an excerpt of a document); `at`, a
 * span of a document's text to scroll to and mark (where a search matched).
 */
export type Selection =
  | { mode: 'none' }
  | { mode: 'new' }
  | { mode: 'show' | 'edit'; id: string; focus?: boolean; anchor?: string; at?: TextSpan };

/** A stretch of a document's text, as offsets into it. */
export interface TextSpan {
  start: number;
  end: number;
}

export const NOTHING: Selection = { mode: 'none' };

/** The id of the record a selection shows or edits, if any. */
export function selectedId(selection: Selection): string | null {
  return 'id' in selection ? selection.id : null;
}

interface Navigation {
  caseId: string | null;
  view: View;
  claim: Selection;
  source: Selection;
  document: Selection;
  note: Selection;
  trash: Selection;
  selectCase: (caseId: string | null) => void;
  showView: (view: View) => void;
  selectClaim: (selection: Selection) => void;
  selectSource: (selection: Selection) => void;
  selectDocument: (selection: Selection) => void;
  selectNote: (selection: Selection) => void;
  selectTrash: (selection: Selection) => void;
  /** Opens a claim wherever the reporter is: switches to its case and the claims view. */
  openClaim: (caseId: string, claimId: string) => void;
  openSource: (sourceId: string) => void;
  /** Opens a document, optionally scrolled to one of its excerpts or to a span of its text. */
  openDocument: (caseId: string, documentId: string, excerptId?: string, at?: TextSpan) => void;
  /** Opens a note in the Notes view (of its case, when given). */
  openNote: (noteId: string, caseId?: string) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** Where the case and view are kept; null: a library without an id (read-only) keeps none. */
function storageKeys(libraryId: string | null): { caseKey: string; viewKey: string } | null {
  return libraryId === null ? null : { caseKey: `corroborate.library.${libraryId}.caseId`, viewKey: `corroborate.library.${libraryId}.view` };
}

/** Kept by earlier versions for whatever library was open: not to be shown for any. */
const UNKEYED = ['corroborate.caseId', 'corroborate.view'];

function remembered<T extends string>(key: string | undefined, allowed: readonly T[] | null): T | null {
  if (key === undefined) return null;
  try {
    const value = localStorage.getItem(key);
    return value !== null && (allowed === null || allowed.includes(value as T)) ? (value as T) : null;
  } catch {
    return null;
  }
}

function remember(key: string | undefined, value: string | null): void {
  if (key === undefined) return;
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be refused (private mode, full disk); the choice then lasts this session only.
  }
}

/** Mount it again (a `key`) for another library: nothing of one library's places carries into the next. */
export function NavigationProvider({ libraryId, children }: { libraryId: string | null; children: ReactNode }) {
  const [keys] = useState(() => {
    for (const key of UNKEYED) remember(key, null);
    return storageKeys(libraryId);
  });
  const [caseId, setCaseId] = useState<string | null>(() => remembered(keys?.caseKey, null));
  const [view, setView] = useState<View>(() => remembered<View>(keys?.viewKey, VIEWS) ?? 'claims');
  const [claim, selectClaim] = useState<Selection>(NOTHING);
  const [source, selectSource] = useState<Selection>(NOTHING);
  const [document, selectDocument] = useState<Selection>(NOTHING);
  const [note, selectNote] = useState<Selection>(NOTHING);
  const [trash, selectTrash] = useState<Selection>(NOTHING);

  const selectCase = useCallback((id: string | null) => {
    setCaseId((current) => {
      // Claims, documents and notes belong to a case: another case's are not shown under this one.
      if (current !== id) {
        selectClaim(NOTHING);
        selectDocument(NOTHING);
        selectNote(NOTHING);
      }
      return id;
    });
    remember(keys?.caseKey, id);
  }, [keys]);
  const showView = useCallback(
    (v: View) => {
      setView(v);
      remember(keys?.viewKey, v);
    },
    [keys],
  );
  const openClaim = useCallback(
    (inCase: string, claimId: string) => {
      selectCase(inCase);
      selectClaim({ mode: 'show', id: claimId, focus: true });
      showView('claims');
    },
    [selectCase, showView],
  );
  const openSource = useCallback(
    (sourceId: string) => {
      selectSource({ mode: 'show', id: sourceId, focus: true });
      showView('sources');
    },
    [showView],
  );
  const openDocument = useCallback(
    (inCase: string, documentId: string, excerptId?: string, at?: TextSpan) => {
      selectCase(inCase);
      selectDocument({ mode: 'show', id: documentId, focus: true, ...(excerptId ? { anchor: excerptId } : {}), ...(at ? { at } : {}) });
      showView('documents');
    },
    [selectCase, showView],
  );
  const openNote = useCallback(
    (noteId: string, inCase?: string) => {
      if (inCase) selectCase(inCase);
      selectNote({ mode: 'show', id: noteId, focus: true });
      showView('notes');
    },
    [selectCase, showView],
  );

  const value = useMemo(
    () => ({
      caseId,
      view,
      claim,
      source,
      document,
      note,
      trash,
      selectCase,
      showView,
      selectClaim,
      selectSource,
      selectDocument,
      selectNote,
      selectTrash,
      openClaim,
      openSource,
      openDocument,
      openNote,
    }),
    [caseId, view, claim, source, document, note, trash, selectCase, showView, openClaim, openSource, openDocument, openNote],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationProvider');
  return nav;
}
