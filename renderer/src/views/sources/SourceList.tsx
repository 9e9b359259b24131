import type { Output } from '../../../../core/api';
import { ReliabilityBadge } from '../../components/ReliabilityBadge';
import { Row, RowList } from '../../components/RowList';
import { SOURCE_KIND_LABELS } from '../../labels';

interface SourceListProps {
  sources: Output<'sources.list'>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function SourceList({ sources, selectedId, onSelect }: SourceListProps) {
  return (
    <RowList label="Sources">
      {sources.map((s) => (
        <Row
          key={s.id}
          title={
            <>
              {s.name}
              {s.confidential && <span className="badge confidential">Confidential</span>}
            </>
          }
          meta={[SOURCE_KIND_LABELS[s.kind], `${s.claimCount} ${s.claimCount === 1 ? 'claim' : 'claims'}`, s.role].filter(Boolean).join(' · ')}
          badge={<ReliabilityBadge grade={s.reliability} />}
          current={s.id === selectedId}
          onSelect={() => onSelect(s.id)}
        />
      ))}
    </RowList>
  );
}
