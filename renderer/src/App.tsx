import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { CommandsProvider } from './commands';
import { EmptyState } from './components/EmptyState';
import { ErrorAlert } from './components/ErrorAlert';
import { Loading } from './components/Loading';
import { DataProvider, useQuery } from './data';
import { CurrentLibraryProvider, LibraryProvider, useOpenLibraryCommand } from './library';
import { NavigationProvider, useNavigation } from './navigation';
import { useLibraryTheme } from './theme';
import { ToastProvider } from './toast';
import { Welcome } from './views/cases/Welcome';
import { ClaimsView } from './views/claims/ClaimsView';
import { DocumentsView } from './views/documents/DocumentsView';
import { ImportProvider } from './views/documents/imports';
import { SearchView } from './views/search/SearchView';
import { Sidebar } from './views/Sidebar';
import { DeskProvider } from './views/desk/desk';
import { SourcesView } from './views/sources/SourcesView';
import { TrashView } from './views/trash/TrashView';
import { LibraryWarning } from './views/app/LibraryWarning';
import { NameDialog } from './views/app/NameDialog';
import { LibraryChooser } from './views/library/LibraryChooser';
import { LockScreen } from './views/lock/LockScreen';
import { useIdleLock } from './views/lock/idle';
import { usePanicLock } from './views/lock/lock';

// The map (cytoscape) and the timeline load when first opened, like the notes editor.
const MapView = lazy(() => import('./views/map/MapView').then((m) => ({ default: m.MapView })));
const TimelineView = lazy(() => import('./views/timeline/TimelineView').then((m) => ({ default: m.TimelineView })));

// The notes editor (Lexical) is most of the code: it loads when the Notes view is first opened.
const NotesView = lazy(() => import('./views/notes/NotesView').then((m) => ({ default: m.NotesView })));

export function App() {
  // Another library opened mounts everything below afresh, the lock's state included.
  return (
    <LibraryProvider>
      <LockedOrOpen />
    </LibraryProvider>
  );
}

function LockedOrOpen() {
  // Locked, the whole workspace unmounts: nothing read from the library stays in memory.
  const lock = usePanicLock();
  if (lock.locked) return <LockScreen lock={lock} />;
  return (
    <DataProvider>
      <OpenLibrary />
    </DataProvider>
  );
}

/** The workspace of the open library, once it says which it is (its id keys what the views keep). */
function OpenLibrary() {
  const current = useQuery('libraries.current', {});
  useOpenLibraryCommand();
  const library = current.data;
  if (!library) return current.error ? <ErrorAlert error={current.error} /> : <Loading what="your library" />;
  return (
    <CurrentLibraryProvider library={library}>
      <NavigationProvider key={library.id ?? library.path} libraryId={library.id}>
        <ToastProvider>
          <CommandsProvider>
            <ImportProvider>
              <DeskProvider>
                <Workspace />
              </DeskProvider>
              <LibraryChooser />
            </ImportProvider>
          </CommandsProvider>
        </ToastProvider>
      </NavigationProvider>
    </CurrentLibraryProvider>
  );
}

function Workspace() {
  const nav = useNavigation();
  const cases = useQuery('cases.list', {});
  useLibraryTheme();
  useIdleLock();
  const list = cases.data;

  // A remembered case that is gone (trashed, another library) falls back to the newest one.
  useEffect(() => {
    if (!list || cases.stale) return;
    if (!list.some((c) => c.id === nav.caseId)) nav.selectCase(list[0]?.id ?? null);
  }, [list, cases.stale, nav]);

  const current = list?.find((c) => c.id === nav.caseId);
  // Claims, documents and notes live in a case: without one, the welcome page says how to start.
  const inCase = (view: ReactNode) => (current ? view : list?.length === 0 ? <Welcome /> : <NoCaseOpen />);
  return (
    <div className="app">
      <Sidebar cases={list ?? []} />
      <main className="workspace">
        <LibraryWarning />
        <NameDialog />
        <ErrorAlert error={cases.error} />
        {cases.loading && !list && <Loading what="your cases" />}
        {list && (
          <>
            {nav.view === 'claims' && inCase(current && <ClaimsView theCase={current} />)}
            {nav.view === 'sources' && <SourcesView />}
            {nav.view === 'documents' && inCase(current && <DocumentsView theCase={current} />)}
            {nav.view === 'notes' &&
              inCase(
                <Suspense fallback={<Loading what="the notes" />}>
                  <NotesView />
                </Suspense>,
              )}
            {nav.view === 'search' && <SearchView />}
            {nav.view === 'trash' && <TrashView cases={list} />}
            {nav.view === 'map' &&
              inCase(
                current && (
                  <Suspense fallback={<Loading what="the claim map" />}>
                    <MapView key={current.id} theCase={current} />
                  </Suspense>
                ),
              )}
            {nav.view === 'timeline' &&
              inCase(
                current && (
                  <Suspense fallback={<Loading what="the timeline" />}>
                    <TimelineView key={current.id} theCase={current} />
                  </Suspense>
                ),
              )}
          </>
        )}
      </main>
    </div>
  );
}

function NoCaseOpen() {
  return (
    <EmptyState title="No case open.">
      <p>Choose a case in the sidebar, or press C to start one.</p>
    </EmptyState>
  );
}
