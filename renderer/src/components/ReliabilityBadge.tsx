import type { Reliability } from '../../../db/types';
import { RELIABILITY_LABELS } from '../labels';

/** The Admiralty grade as a letter, with its meaning for screen readers and on hover. */
export function ReliabilityBadge({ grade }: { grade: Reliability | null }) {
  if (!grade) return <span className="badge grade grade-none">Not graded</span>;
  return (
    <span className={`badge grade grade-${grade}`} title={RELIABILITY_LABELS[grade]}>
      <span className="visually-hidden">Reliability </span>
      {grade}
      <span className="visually-hidden">: {RELIABILITY_LABELS[grade]}</span>
    </span>
  );
}
