import { StatusBadge } from '../../components/StatusBadge';
import { RELATION_LABELS, RELATION_SIDE } from '../../labels';
import { useNavigation } from '../../navigation';
import { Section } from '../../components/Section';
import type { LinkedClaim } from './types';

const COLUMNS = [
  { side: 'for', title: 'Supports / for', empty: 'Nothing recorded in support.' },
  { side: 'against', title: 'Contradicts / against', empty: 'Nothing recorded against it.' },
] as const;

/** Other claims in the case that back this one or dispute it, side by side. */
export function LinkedClaims({ links }: { links: LinkedClaim[] }) {
  const qualifying = links.filter((l) => RELATION_SIDE[l.link.relation] === 'context');
  return (
    <Section title="Linked claims" count={links.length} empty="No other claim is linked to this one yet.">
      <div className="columns">
        {COLUMNS.map(({ side, title, empty }) => {
          const items = links.filter((l) => RELATION_SIDE[l.link.relation] === side);
          return (
            <div key={side} className={`column column-${side}`}>
              <h4>
                {title} <span className="count">{items.length}</span>
              </h4>
              {items.length === 0 ? <p className="muted">{empty}</p> : <LinkedCards items={items} />}
            </div>
          );
        })}
      </div>
      {qualifying.length > 0 && (
        <div className="column column-context">
          <h4>
            Qualifies <span className="count">{qualifying.length}</span>
          </h4>
          <LinkedCards items={qualifying} />
        </div>
      )}
    </Section>
  );
}

function LinkedCards({ items }: { items: LinkedClaim[] }) {
  const nav = useNavigation();
  return (
    <ul className="cards">
      {items.map(({ link, direction, claim, sourceNames }) => (
        <li key={link.id} className="card">
          <p className="card-kicker">
            <span className="relation">{RELATION_LABELS[link.relation][direction]}</span>
            <StatusBadge status={claim.status} />
          </p>
          <button type="button" className="link card-title" onClick={() => nav.selectClaim({ mode: 'show', id: claim.id, focus: true })}>
            {claim.statement}
          </button>
          <p className="muted">{sourceNames.length ? sourceNames.join(', ') : 'No source'}</p>
          {link.note && <p className="card-note">{link.note}</p>}
        </li>
      ))}
    </ul>
  );
}
