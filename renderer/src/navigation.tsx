// Where the reporter is: which case, which view, and what is open in the detail pane. The case
// and the view survive a restart (localStorage); the rest is the moment's work.

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type View = 'claims' | 'sources';

/**
 * What the detail pane holds: a record, a blank form for a new one, or an edit form. `focus`
 * moves the keyboard focus to the record once shown: wanted after a save or when following a
 * link (whose button is gone), not when picking from the list (the arrows must keep working).
 */
export type Selection = { mode: 'none' } | { mode: 'new' } | { mode: 'show' | 'edit'; id: string; focus?: boolean };

export const NOTHING: Selection = { mode: 'none' };

interface Navigation {
  caseId: string | null;
  view: View;
  claim: Selection;
  source: Selection;
  selectCase: (caseId: string | null) => void;
  showView: (view: View) => void;
  selectClaim: (selection: Selection) => void;
  selectSource: (selection: Selection) => void;
  /** Opens a claim wherever the reporter is: switches to its case and the claims view. */
  openClaim: (caseId: string, claimId: string) => void;
  openSource: (sourceId: string) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

const CASE_KEY = 'corroborate.caseId';
const VIEW_KEY = 'corroborate.view';

function remembered<T extends string>(key: string, allowed: readonly T[] | null): T | null {
  try {
    const value = localStorage.getItem(key);
    return value !== null && (allowed === null || allowed.includes(value as T)) ? (value as T) : null;
  } catch {
    return null;
  }
}

function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be refused (private mode, full disk); the choice then lasts this session only.
  }
}

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [caseId, setCaseId] = useState<string | null>(() => remembered(CASE_KEY, null));
  const [view, setView] = useState<View>(() => remembered<View>(VIEW_KEY, ['claims', 'sources']) ?? 'claims');
  const [claim, selectClaim] = useState<Selection>(NOTHING);
  const [source, selectSource] = useState<Selection>(NOTHING);

  const selectCase = useCallback((id: string | null) => {
    setCaseId(id);
    selectClaim(NOTHING);
    remember(CASE_KEY, id);
  }, []);
  const showView = useCallback((v: View) => {
    setView(v);
    remember(VIEW_KEY, v);
  }, []);
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

  const value = useMemo(
    () => ({ caseId, view, claim, source, selectCase, showView, selectClaim, selectSource, openClaim, openSource }),
    [caseId, view, claim, source, selectCase, showView, openClaim, openSource],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationProvider');
  return nav;
}
