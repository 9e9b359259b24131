import type { Claim } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { RELATION_LABELS, RELATION_SIDE } from '../../labels';
import { useNavigation } from '../../navigation';
import { LinkClaimForm } from './LinkClaimForm';
import type { LinkedClaim } from './types';

const COLUMNS = [
  { side: 'for', title: 'For', empty: 'Nothing recorded in support.' },
  { side: 'against', title: 'Against', empty: 'Nothing recorded against it.' },
] as const;

/** Other claims in the case that back this one or dispute it, side by side like an argument map. */
export function LinkedClaims({ claim, links }: { claim: Claim; links: LinkedClaim[] }) {
  const qualifying = links.filter((l) => RELATION_SIDE[l.link.relation] === 'context');
  return (
    <Section
      title="For and against"
      count={links.length}
      empty="No other claim is linked to this one yet. Link the claims that back it or dispute it."
      add={{ label: 'Link a claim', form: (close) => <LinkClaimForm claim={claim} onDone={close} /> }}
    >
      <div className="columns">
        {COLUMNS.map(({ side, title, empty }) => {
          const items = links.filter((l) => RELATION_SIDE[l.link.relation] === side);
          return (
            <section key={side} className={`column column-${side}`} aria-label={title}>
              <h4>
                {title} <span className="count">{items.length}</span>
              </h4>
              {items.length === 0 ? <p className="muted">{empty}</p> : <LinkedCards items={items} />}
            </section>
          );
        })}
      </div>
      {qualifying.length > 0 && (
        <section className="column column-context" aria-label="Qualifies">
          <h4>
            Qualifies <span className="count">{qualifying.length}</span>
          </h4>
          <LinkedCards items={qualifying} />
        </section>
      )}
    </Section>
  );
}

function LinkedCards({ items }: { items: LinkedClaim[] }) {
  const nav = useNavigation();
  const trash = useMoveToTrash();
  return (
    <>
      <ErrorAlert error={trash.error} />
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
            <p className="card-foot">
              <span className="card-source">{sourceNames.length ? sourceNames.join(', ') : 'No source'}</span>
              <button
                type="button"
                className="card-remove"
                aria-label={`Unlink “${claim.statement}”`}
                onClick={() => void trash.move(() => api.invoke('claimLinks.delete', { id: link.id }), 'the link between the claims')}
              >
                Unlink
              </button>
            </p>
            {link.note && <p className="card-note">{link.note}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
