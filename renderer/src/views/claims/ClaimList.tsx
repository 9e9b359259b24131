import type { Output } from '../../../../core/api';
import type { Claim } from '../../../../db/types';
import { Row, RowList } from '../../components/RowList';
import { StatusBadge } from '../../components/StatusBadge';
import { formatPartialDate } from '../../format';
import { MEDIUM_LABELS } from '../../labels';

interface ClaimListProps {
  claims: Claim[];
  total: number;
  sourcesById: Map<string, Output<'sources.list'>[number]>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function ClaimList({ claims, total, sourcesById, selectedId, onSelect }: ClaimListProps) {
  return (
    <>
      <RowList label="Claims">
        {claims.map((c) => {
          const names = c.sourceIds.map((id) => sourcesById.get(id)?.name ?? 'Unknown source');
          const meta = [names.join(', ') || 'No source', formatPartialDate(c.saidOn), MEDIUM_LABELS[c.medium]].filter(Boolean).join(' · ');
          return (
            <Row
              key={c.id}
              title={c.statement}
              meta={meta}
              badge={<StatusBadge status={c.status} />}
              current={c.id === selectedId}
              onSelect={() => onSelect(c.id)}
            />
          );
        })}
      </RowList>
      {total > claims.length && (
        <p className="muted list-footer">
          Showing the first {claims.length} of {total} claims.
        </p>
      )}
    </>
  );
}
