import { formatPartialDate } from '../../format';
import { keysOf, STANCE_LABELS } from '../../labels';
import { Section } from '../../components/Section';
import type { EvidenceItem } from './types';

/** The documents and passages that bear on the claim, grouped by what they do to it. */
export function EvidenceSection({ evidence }: { evidence: EvidenceItem[] }) {
  const stances = keysOf(STANCE_LABELS);
  return (
    <Section title="Evidence" count={evidence.length} empty="No documents are linked to this claim yet.">
      {stances.map((stance) => {
        const items = evidence.filter((e) => e.link.stance === stance);
        if (items.length === 0) return null;
        return (
          <div key={stance} className={`stance-group stance-${stance}`}>
            <h4>
              {STANCE_LABELS[stance]} <span className="count">{items.length}</span>
            </h4>
            <ul className="cards">
              {items.map((e) => (
                <li key={e.link.id} className="card">
                  <p className="card-title">
                    {e.document.title}
                    {e.document.publishedOn && <span className="muted"> · {formatPartialDate(e.document.publishedOn)}</span>}
                  </p>
                  {e.excerpt && <blockquote className="excerpt">“{e.excerpt.exact}”</blockquote>}
                  <Locator item={e} />
                  {e.link.note && <p className="card-note">{e.link.note}</p>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </Section>
  );
}

function Locator({ item }: { item: EvidenceItem }) {
  const where = item.link.locator || item.excerpt?.locator || (item.excerpt?.page ? `p. ${item.excerpt.page}` : '');
  return where ? <p className="locator">{where}</p> : null;
}
