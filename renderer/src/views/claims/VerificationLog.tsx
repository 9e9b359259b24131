import type { VerificationEntry } from '../../../../db/types';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTimestamp } from '../../format';
import { Section } from '../../components/Section';

/** Who set each status, when, how they checked and why: newest first. */
export function VerificationLog({ entries }: { entries: VerificationEntry[] }) {
  const newestFirst = [...entries].reverse();
  return (
    <Section title="Verification history" count={entries.length} empty="The status has not been changed since the claim was recorded.">
      <ol className="timeline">
        {newestFirst.map((v) => (
          <li key={v.id} className="timeline-entry">
            <p className="timeline-head">
              <StatusBadge status={v.status} />
              <span className="muted">
                {formatTimestamp(v.createdAt)}
                {v.checker && ` · ${v.checker}`}
              </span>
            </p>
            {v.method && (
              <p>
                <span className="label">Method:</span> {v.method}
              </p>
            )}
            {v.note && <p>{v.note}</p>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
