import { useState } from 'react';
import type { Source } from '../../../../db/types';
import { api } from '../../api';
import { useCommands } from '../../commands';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Found } from '../../components/FindBox';
import { Modal } from '../../components/Modal';
import { RecordPicker } from '../../components/RecordPicker';
import { useAction, useQuery } from '../../data';
import { useToast } from '../../toast';

/**
 * Two records for one person become one: the reporter picks the duplicate, sees what will move,
 * and confirms. The duplicate's claims move to this source, its names become aliases, and it
 * goes to the trash; Undo splits them again.
 */
export function MergeDialog({ keep, onClose }: { keep: Source; onClose: () => void }) {
  const [duplicate, setDuplicate] = useState<Found | null>(null);
  const other = useQuery('sources.get', duplicate ? { id: duplicate.id } : null);
  const action = useAction();
  const { notify } = useToast();
  const { undo } = useCommands();
  const claims = other.data?.claims.length;

  const merge = async () => {
    if (!duplicate) return;
    const result = await action.run(() => api.invoke('sources.merge', { keepId: keep.id, mergeId: duplicate.id }));
    if (!result) return;
    onClose();
    const moved = result.movedClaims === 1 ? '1 claim moved' : `${result.movedClaims} claims moved`;
    notify({ text: `Merged “${duplicate.title}” into “${keep.name}”: ${moved}.`, action: { label: 'Undo', run: () => void undo() } });
  };

  return (
    <Modal label={`Merge a duplicate into ${keep.name}`} onClose={onClose}>
      <div className="confirm">
        <h2>Merge a duplicate into {keep.name}</h2>
        <p>
          Pick the other record for the same person or organisation. Its claims and right-of-reply entries move to{' '}
          <strong>{keep.name}</strong>, its names become aliases, its details fill any gaps, and it goes to the trash.
        </p>
        <RecordPicker label="Duplicate source" types={['source']} exclude={[keep.id]} value={duplicate} onChange={setDuplicate} autoFocus />
        {duplicate && (
          <p className="merge-summary" role="status">
            {claims === undefined
              ? 'Counting its claims…'
              : `${claims === 1 ? '1 claim' : `${claims} claims`} of “${duplicate.title}” will move to “${keep.name}”. You can undo this.`}
          </p>
        )}
        <ErrorAlert error={action.error ?? other.error} />
        <div className="form-actions">
          <button type="button" className="button primary" onClick={merge} disabled={!duplicate || action.busy}>
            {action.busy ? 'Merging…' : 'Merge'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
