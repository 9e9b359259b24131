import { useEffect } from 'react';
import { ErrorAlert } from './components/ErrorAlert';
import { Loading } from './components/Loading';
import { DataProvider, useQuery } from './data';
import { NavigationProvider, useNavigation } from './navigation';
import { ClaimsView } from './views/claims/ClaimsView';
import { Sidebar } from './views/Sidebar';
import { SourcesView } from './views/sources/SourcesView';
import { Welcome } from './views/cases/Welcome';

export function App() {
  return (
    <DataProvider>
      <NavigationProvider>
        <Workspace />
      </NavigationProvider>
    </DataProvider>
  );
}

function Workspace() {
  const nav = useNavigation();
  const cases = useQuery('cases.list', {});
  const list = cases.data;

  // A remembered case that is gone (trashed, another library) falls back to the newest one.
  useEffect(() => {
    if (!list || cases.stale) return;
    if (!list.some((c) => c.id === nav.caseId)) nav.selectCase(list[0]?.id ?? null);
  }, [list, cases.stale, nav]);

  const current = list?.find((c) => c.id === nav.caseId);
  return (
    <div className="app">
      <Sidebar cases={list ?? []} />
      <main className="workspace">
        <ErrorAlert error={cases.error} />
        {cases.loading && !list && <Loading what="your cases" />}
        {list && nav.view === 'sources' && <SourcesView />}
        {list && nav.view === 'claims' && (current ? <ClaimsView theCase={current} /> : list.length === 0 && <Welcome />)}
      </main>
    </div>
  );
}
