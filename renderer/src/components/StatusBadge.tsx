import type { ClaimStatus } from '../../../db/types';
import { STATUS_LABELS } from '../labels';

/** A shape for each status, so the badge reads without colour too. */
const GLYPHS: Record<ClaimStatus, string> = {
  unverified: '○',
  in_progress: '◔',
  verified: '✓',
  disputed: '⇄',
  false: '✕',
  misleading: '!',
  unverifiable: '?',
};

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <span className={`badge status-${status}`}>
      <span aria-hidden="true" className="badge-glyph">
        {GLYPHS[status]}
      </span>
      {STATUS_LABELS[status]}
    </span>
  );
}
