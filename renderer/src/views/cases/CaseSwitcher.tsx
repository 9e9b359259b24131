import type { Output } from '../../../../core/api';
import { useNavigation } from '../../navigation';
import { NewCaseButton } from './NewCaseButton';

/** The cases in the library; choosing one makes it the case every case view shows. */
export function CaseSwitcher({ cases }: { cases: Output<'cases.list'> }) {
  const nav = useNavigation();
  return (
    <div className="sidebar-section">
      <div className="sidebar-heading">
        <h2 id="cases-heading">Cases</h2>
        <NewCaseButton label="New case" className="small" />
      </div>
      {cases.length > 0 && (
        <ul className="nav-list" aria-labelledby="cases-heading">
          {cases.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={c.id === nav.caseId ? 'true' : undefined}
                onClick={() => {
                  nav.selectCase(c.id);
                  nav.showView('claims');
                }}
              >
                <span className="nav-label">{c.title}</span>
                <span className="count">
                  {c.counts.claims}
                  <span className="visually-hidden"> claims</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
