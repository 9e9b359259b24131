// The chips citations show inside the text: buttons that open what they cite (a claim in the
// Claims view, a document at the cited passage), each named for a screen reader.

import { StatusBadge } from '../../components/StatusBadge';
import { STATUS_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
import { useCited, useSourceNames } from './CitationData';

const NO_SOURCES: readonly string[] = [];

export function ClaimChip({ claimId }: { claimId: string }) {
  const nav = useNavigation();
  const claim = useCited('claim', claimId);
  const said = useSourceNames(typeof claim === 'object' ? claim.sourceIds : NO_SOURCES);
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
  // Hover and a screen reader both say which claim this is, and whose.
  const label = `Claim: ${claim.statement}${said ? ` — ${said}` : ''} (${STATUS_LABELS[claim.status]}${trashed ? ', in the trash' : ''})`;
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
  const nav = useNavigation();
  const doc = useCited('document', documentId);
  if (typeof doc !== 'object') {
    return <span className={`chip chip-document${doc === 'missing' ? ' chip-missing' : ''}`}>{doc === 'missing' ? 'Document gone' : '…'}</span>;
  }
  const label = `Document: ${doc.title}`;
  return (
    <button type="button" className="chip chip-document" data-document-id={doc.id} title={label} aria-label={label} onClick={() => nav.openDocument(doc.caseId, doc.id)}>
      <span aria-hidden="true" className="chip-glyph">
        ▤
      </span>
      <span className="chip-text">{doc.title}</span>
    </button>
  );
}

export function ExcerptChip({ excerptId }: { excerptId: string }) {
  const nav = useNavigation();
  const excerpt = useCited('excerpt', excerptId);
  const doc = useCited('document', typeof excerpt === 'object' ? excerpt.documentId : null);
  if (typeof excerpt !== 'object') {
    return <span className={`chip chip-excerpt${excerpt === 'missing' ? ' chip-missing' : ''}`}>{excerpt === 'missing' ? 'Excerpt gone' : '…'}</span>;
  }
  const label = `Excerpt: “${excerpt.exact}”${typeof doc === 'object' ? ` (${doc.title})` : ''}`;
  return (
    <button
      type="button"
      className="chip chip-excerpt"
      data-excerpt-id={excerpt.id}
      title={label}
      aria-label={label}
      disabled={typeof doc !== 'object'}
      onClick={() => typeof doc === 'object' && nav.openDocument(doc.caseId, doc.id, excerpt.id)}
    >
      <span aria-hidden="true" className="chip-glyph">
        ❝
      </span>
      <span className="chip-text">{excerpt.exact}</span>
    </button>
  );
}
