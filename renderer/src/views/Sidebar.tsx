import type { Output } from '../../../core/api';
import { useCommands } from '../commands';
import { useCurrentLibrary, useLibraries } from '../library';
import { useNavigation, VIEWS, type View } from '../navigation';
import { CaseSwitcher } from './cases/CaseSwitcher';
import { DemoButton } from './cases/DemoButton';
import { JoinCaseButton, ShareCaseButton } from './desk/DeskBar';
import { LOCK_COMMAND } from './lock/lock';
import './library/library.css';
import './Sidebar.css';

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
      <div className="sidebar-top">
        <p className="brand">Corroborate</p>
        {/* The same lock as Ctrl/⌘+Shift+L and the menu's Lock Now: the open note is saved first. */}
        <button
          type="button"
          className="sidebar-tool"
          onClick={() => window.dispatchEvent(new CustomEvent('corroborate:command', { detail: LOCK_COMMAND }))}
          aria-keyshortcuts="Control+Shift+L Meta+Shift+L"
          title={`Lock the window (${MOD}+Shift+L)`}
        >
          <svg className="sidebar-lock-icon" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          Lock
        </button>
      </div>
      <LibraryButton />
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
        {/* Beside Join: the desk's two ways in, where the case's own header has no room to spare. */}
        {nav.caseId && cases.some((c) => c.id === nav.caseId) && <ShareCaseButton caseId={nav.caseId} className="button" />}
        <JoinCaseButton className="button" />
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

/** The open library, always in sight; the way to the chooser. */
function LibraryButton() {
  const library = useCurrentLibrary();
  const { showChooser } = useLibraries();
  return (
    <button type="button" className="library-button" onClick={showChooser} title={library.path} aria-label={`Library: ${library.name}. Open another library…`}>
      <span className="library-button-label" aria-hidden="true">
        Library
      </span>
      <span className="library-button-name" aria-hidden="true">
        {library.name}
      </span>
    </button>
  );
}
