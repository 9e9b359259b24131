import { useState } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useAction, useQuery } from '../../data';
import { formatTimestamp } from '../../format';
import './backups.css';

type Backup = Output<'backups.list'>['backups'][number];

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The library's backups: the automatic ones (one a day while the app is open, the last seven
 * kept) and those made here, each restorable after a confirmation. A restore replaces the whole
 * library, so the page reloads to read it afresh.
 */
export function BackupsDialog({ onClose }: { onClose: () => void }) {
  const list = useQuery('backups.list', {});
  const backUp = useAction();
  const [restoring, setRestoring] = useState<Backup | null>(null);

  if (restoring) {
    return (
      <ConfirmDialog
        title="Restore this backup?"
        message={`The library as it is now will be replaced by the backup made ${formatTimestamp(restoring.createdAt)}. Anything changed since then is not in it. The library as it is now is set aside beside it (its name ending in “replaced” and today’s date), not deleted.`}
        confirmLabel="Restore"
        onConfirm={() => api.invoke('backups.restore', { name: restoring.name, confirm: true })}
        onDone={() => window.location.reload()}
        onCancel={() => setRestoring(null)}
      />
    );
  }

  return (
    <Modal label="Backups" onClose={onClose}>
      <div className="backups">
        <h2>Backups</h2>
        <p className="muted">
          Corroborate backs this library up once a day while it is open and keeps the last seven. Backups made here are never deleted automatically.
          {list.data && (
            <>
              {' '}
              They are in <code>{list.data.folder}</code>.
            </>
          )}
        </p>
        <ErrorAlert error={list.error ?? backUp.error} />
        {list.data ? <BackupTable backups={list.data.backups} onRestore={setRestoring} /> : !list.error && <Loading what="the backups" />}
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            disabled={backUp.busy || !list.data}
            onClick={() => list.data && void backUp.run(() => api.invoke('backups.create', { path: list.data!.folder }))}
          >
            {backUp.busy ? 'Backing up…' : 'Back up now'}
          </button>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}

function BackupTable({ backups, onRestore }: { backups: Backup[]; onRestore: (b: Backup) => void }) {
  if (!backups.length) return <p>No backups yet.</p>;
  return (
    <div className="backups-scroll">
      <table className="backups-table">
        <caption className="visually-hidden">Backups, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">Kind</th>
            <th scope="col" className="number">
              Size
            </th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.name}>
              <td>
                <time dateTime={b.createdAt}>{formatTimestamp(b.createdAt)}</time>
              </td>
              <td>{b.kind === 'automatic' ? 'Automatic' : 'By hand'}</td>
              <td className="number">{formatSize(b.size)}</td>
              <td>
                <button type="button" className="button small" onClick={() => onRestore(b)} aria-label={`Restore the backup made ${formatTimestamp(b.createdAt)}`}>
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
