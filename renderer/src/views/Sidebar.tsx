import type { Output } from '../../../core/api';
import { useCommands } from '../commands';
import { useNavigation, VIEWS, type View } from '../navigation';
import { CaseSwitcher } from './cases/CaseSwitcher';
import { DemoButton } from './cases/DemoButton';

const VIEW_LABELS: Record<View, string> = {
  claims: 'Claims',
  sources: 'Sources',
  documents: 'Documents',
  notes: 'Notes',
  search: 'Search',
  trash: 'Trash',
  map: 'Map',
  timeline: 'Timeline',
};

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function Sidebar({ cases }: { cases: Output<'cases.list'> }) {
  const nav = useNavigation();
  const commands = useCommands();
  return (
    <nav className="sidebar" aria-label="Case file">
      <p className="brand">Corroborate</p>
      <button type="button" className="sidebar-find" onClick={commands.quickSwitcher} aria-keyshortcuts="Control+K Meta+K">
        <span>Go to…</span>
        <kbd>{MOD} K</kbd>
      </button>
      <CaseSwitcher cases={cases} />
      <div className="sidebar-section">
        <div className="sidebar-heading">
          <h2 id="views-heading">Views</h2>
        </div>
        <ul className="nav-list" aria-labelledby="views-heading">
          {VIEWS.map((v, i) => (
            <li key={v}>
              <button
                type="button"
                className="nav-item"
                aria-current={nav.view === v ? 'page' : undefined}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => nav.showView(v)}
              >
                <span className="nav-label">{VIEW_LABELS[v]}</span>
                <span className="nav-key" aria-hidden="true">
                  {i + 1}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="sidebar-section sidebar-footer">
        {/* Offered while the library has no demo case; an empty library's claims view is the
            welcome page, which offers it itself. */}
        {!cases.some((c) => c.demo) && (cases.length > 0 || nav.view !== 'claims') && <DemoButton />}
        <div className="sidebar-tools">
          <button type="button" className="sidebar-tool" onClick={commands.shortcuts} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" className="sidebar-tool" onClick={commands.preferences}>
            Preferences
          </button>
        </div>
      </div>
    </nav>
  );
}
