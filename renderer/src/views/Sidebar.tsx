import type { Output } from '../../../core/api';
import { keysOf } from '../labels';
import { useNavigation, type View } from '../navigation';
import { CaseSwitcher } from './cases/CaseSwitcher';
import { DemoButton } from './cases/DemoButton';

const VIEWS: Partial<Record<View, string>> = { claims: 'Claims', sources: 'Sources' };

export function Sidebar({ cases }: { cases: Output<'cases.list'> }) {
  const nav = useNavigation();
  return (
    <nav className="sidebar" aria-label="Case file">
      <p className="brand">Corroborate</p>
      <CaseSwitcher cases={cases} />
      <div className="sidebar-section">
        <div className="sidebar-heading">
          <h2 id="views-heading">Views</h2>
        </div>
        <ul className="nav-list" aria-labelledby="views-heading">
          {keysOf(VIEWS).map((v) => (
            <li key={v}>
              <button type="button" className="nav-item" aria-current={nav.view === v ? 'page' : undefined} onClick={() => nav.showView(v)}>
                <span className="nav-label">{VIEWS[v]}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {/* Offered while the library has no demo case; an empty library's claims view is the
          welcome page, which offers it itself. */}
      {!cases.some((c) => c.demo) && (cases.length > 0 || nav.view !== 'claims') && (
        <div className="sidebar-section sidebar-footer">
          <DemoButton />
        </div>
      )}
    </nav>
  );
}
