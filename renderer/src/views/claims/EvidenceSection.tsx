import type { Claim } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { formatPartialDate } from '../../format';
import { keysOf, STANCE_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
import { EvidenceForm } from './EvidenceForm';
import type { EvidenceItem } from './types';

/** The documents and passages that bear on the claim, grouped by what they do to it. */
export function EvidenceSection({ claim, evidence }: { claim: Claim; evidence: EvidenceItem[] }) {
  const nav = useNavigation();
  const trash = useMoveToTrash();
  return (
    <Section
      title="Evidence"
      count={evidence.length}
      empty="No document is linked to this claim yet. Link the documents or passages that support or contradict it."
      add={{ label: 'Link evidence', form: (close) => <EvidenceForm claim={claim} onDone={close} /> }}
    >
      <ErrorAlert error={trash.error} />
      {keysOf(STANCE_LABELS).map((stance) => {
        const items = evidence.filter((e) => e.link.stance === stance);
        if (items.length === 0) return null;
        return (
          <section key={stance} className={`stance-group stance-${stance}`} aria-label={STANCE_LABELS[stance]}>
            <h4>
              {STANCE_LABELS[stance]} <span className="count">{items.length}</span>
            </h4>
            <ul className="cards">
              {items.map((e) => (
                <li key={e.link.id} className="card">
                  <p className="card-kicker">
                    <button
                      type="button"
                      className="link card-title"
                      onClick={() => nav.openDocument(claim.caseId, e.document.id, e.excerpt?.id)}
                    >
                      {e.document.title}
                    </button>
                    {e.document.publishedOn && <span className="muted">{formatPartialDate(e.document.publishedOn)}</span>}
                    <button
                      type="button"
                      className="card-remove"
                      aria-label={`Remove “${e.document.title}” from the evidence`}
                      onClick={() => void trash.move(() => api.invoke('evidence.delete', { id: e.link.id }), 'the evidence link')}
                    >
                      Remove
                    </button>
                  </p>
                  {e.excerpt && <blockquote className="excerpt">“{e.excerpt.exact}”</blockquote>}
                  <Locator item={e} />
                  {e.link.note && <p className="card-note">{e.link.note}</p>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Section>
  );
}

function Locator({ item }: { item: EvidenceItem }) {
  const where = item.link.locator || item.excerpt?.locator || (item.excerpt?.page ? `p. ${item.excerpt.page}` : '');
  return where ? (
    <p className="locator">
      <span className="visually-hidden">Where: </span>
      {where}
    </p>
  ) : null;
}
