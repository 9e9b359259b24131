// The chips citations show inside the text. They are buttons only where there is somewhere to
// go (a claim opens in the Claims view); each names what it cites for a screen reader.

import { StatusBadge } from '../../components/StatusBadge';
import { STATUS_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
import { useCited } from './CitationData';

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export function ClaimChip({ claimId }: { claimId: string }) {
  const nav = useNavigation();
  const claim = useCited('claim', claimId);
  if (claim === undefined || claim === 'loading') {
    return <span className="chip chip-claim chip-loading" aria-label="Claim citation (loading)">…</span>;
  }
  if (claim === 'missing') {
    return (
      <span className="chip chip-claim chip-missing" title="This claim is no longer in the library." aria-label="Citation of a claim that is no longer in the library">
        Claim gone
      </span>
    );
  }
  const trashed = claim.deletedAt !== null;
  const label = `Claim: ${claim.statement} (${STATUS_LABELS[claim.status]}${trashed ? ', in the trash' : ''})`;
  return (
    <button
      type="button"
      className={`chip chip-claim${trashed ? ' chip-missing' : ''}`}
      data-claim-id={claim.id}
      data-status={claim.status}
      title={label}
      aria-label={label}
      onClick={() => nav.openClaim(claim.caseId, claim.id)}
    >
      <StatusBadge status={claim.status} />
    </button>
  );
}

export function DocumentChip({ documentId }: { documentId: string }) {
  const doc = useCited('document', documentId);
  const title = typeof doc === 'object' ? doc.title : doc === 'missing' ? 'Document gone' : '…';
  return (
    <span className="chip chip-document" data-document-id={documentId} title={`Document: ${title}`} aria-label={`Document: ${title}`}>
      <span aria-hidden="true" className="chip-glyph">
        ▤
      </span>
      {shorten(title, 36)}
    </span>
  );
}

export function ExcerptChip({ excerptId }: { excerptId: string }) {
  const excerpt = useCited('excerpt', excerptId);
  const doc = useCited('document', typeof excerpt === 'object' ? excerpt.documentId : null);
  const words = typeof excerpt === 'object' ? excerpt.exact : excerpt === 'missing' ? 'Excerpt gone' : '…';
  const from = typeof doc === 'object' ? ` (${doc.title})` : '';
  return (
    <span className="chip chip-excerpt" data-excerpt-id={excerptId} title={`Excerpt: “${words}”${from}`} aria-label={`Excerpt: “${words}”${from}`}>
      <span aria-hidden="true" className="chip-glyph">
        ❝
      </span>
      {shorten(words, 32)}
    </span>
  );
}
