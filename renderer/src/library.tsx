// Which library the window shows, and switching to another (libraries.open / libraries.create,
// the same methods in the app and in serve's page). Everything of the previous library leaves
// the page on a switch: the workspace unmounts first (an open note saves as it closes, and that
// save reaches the library it belongs to before the library is closed), the views' remembered
// state is forgotten, and the whole tree below mounts afresh for the next library, its lock
// state included (an encrypted library opens locked).

import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Output } from '../../core/api';
import { api, settled, showLibrary } from './api';
import { forgetAll } from './memory';

/** The page command the app's File › Open Library… sends (electron/main.ts). */
export const OPEN_LIBRARY_COMMAND = 'open-library';

export type SwitchMethod = 'libraries.open' | 'libraries.create';
export type CurrentLibrary = Output<'libraries.current'>;

interface Libraries {
  chooserOpen: boolean;
  showChooser: () => void;
  closeChooser: () => void;
  /** Why the last switch was refused, for the chooser to say; null when it was not. */
  error: unknown;
  /** The workspace went (locked, or down for a switch): a chooser not waiting on a switch closes. */
  workspaceGone: () => void;
  /** Opens (or creates) a library in place of the open one. */
  switchTo: (method: SwitchMethod, path: string) => void;
}

const LibrariesContext = createContext<Libraries | null>(null);

export function LibraryProvider({ children }: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const [pending, setPending] = useState<{ method: SwitchMethod; path: string } | null>(null);
  const [chooserOpen, setChooserOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Read as the workspace unmounts, before this provider renders with `pending` set.
  const switching = useRef(false);

  useEffect(() => {
    if (!pending) return;
    void (async () => {
      await settled();
      try {
        await api.invoke(pending.method, { path: pending.path });
        forgetAll();
        setError(null);
        setChooserOpen(false);
      } catch (err) {
        // The open library is still open, as it was; the chooser says why.
        setError(err);
      }
      switching.current = false;
      setGeneration((g) => g + 1);
      setPending(null);
    })();
  }, [pending]);

  const value = useMemo<Libraries>(
    () => ({
      chooserOpen,
      showChooser: () => {
        setError(null);
        setChooserOpen(true);
      },
      closeChooser: () => setChooserOpen(false),
      error,
      workspaceGone: () => {
        if (!switching.current) setChooserOpen(false);
      },
      switchTo: (method, path) => {
        switching.current = true;
        setPending({ method, path });
      },
    }),
    [chooserOpen, error],
  );
  return (
    <LibrariesContext.Provider value={value}>
      {pending ? (
        <main className="library-switching" aria-busy="true">
          <p role="status">Opening the library…</p>
        </main>
      ) : (
        <Fragment key={generation}>{children}</Fragment>
      )}
    </LibrariesContext.Provider>
  );
}

export function useLibraries(): Libraries {
  const libraries = useContext(LibrariesContext);
  if (!libraries) throw new Error('useLibraries outside LibraryProvider');
  return libraries;
}

const CurrentLibraryContext = createContext<CurrentLibrary | null>(null);

/**
 * Provides the open library to the workspace, and keeps its name in the window's title. Mounted
 * only while the library is unlocked: the title goes back to "Corroborate" when it locks.
 */
export function CurrentLibraryProvider({ library, children }: { library: CurrentLibrary; children: ReactNode }) {
  useEffect(() => {
    showLibrary(library.path);
    return () => showLibrary(null);
  }, [library.path]);
  useEffect(() => {
    document.title = `${library.name} – Corroborate`;
    return () => {
      document.title = 'Corroborate';
    };
  }, [library.name]);
  return <CurrentLibraryContext.Provider value={library}>{children}</CurrentLibraryContext.Provider>;
}

export function useCurrentLibrary(): CurrentLibrary {
  const library = useContext(CurrentLibraryContext);
  if (!library) throw new Error('useCurrentLibrary outside CurrentLibraryProvider');
  return library;
}

/**
 * The menu's Open Library… opens the chooser while a workspace is on screen (never over the lock
 * screen). A chooser left open when the workspace goes (the lock) is closed with it; one that
 * waits for a switch stays, to say how the switch went.
 */
export function useOpenLibraryCommand(): void {
  const libraries = useLibraries();
  const latest = useRef(libraries);
  latest.current = libraries;
  const onMenu = useCallback((e: Event) => {
    if ((e as CustomEvent<unknown>).detail === OPEN_LIBRARY_COMMAND) latest.current.showChooser();
  }, []);
  useEffect(() => {
    window.addEventListener('corroborate:command', onMenu);
    return () => {
      window.removeEventListener('corroborate:command', onMenu);
      latest.current.workspaceGone();
    };
  }, [onMenu]);
}
