import { useState } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Modal } from '../../components/Modal';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { CaseForm } from './CaseForm';
import { useCommands } from '../../commands';
import './cases.css';

type CaseSummary = Output<'cases.list'>[number];

/** The open case's own settings: its title and description, and moving it (whole) to the trash. */
export function CaseMenu({ theCase }: { theCase: CaseSummary }) {
  const [open, setOpen] = useState(false);
  const { exportPacket } = useCommands();
  const trash = useMoveToTrash();
  const close = () => setOpen(false);
  const moveToTrash = async () => {
    if (await trash.move(() => api.invoke('cases.delete', { id: theCase.id }), `the case “${theCase.title}”`)) close();
  };
  return (
    <>
      <button type="button" className="button small case-edit" onClick={() => setOpen(true)}>
        Edit case
      </button>
      <button type="button" className="button small case-export" onClick={exportPacket}>
        Export packet…
      </button>
      {open && (
        <Modal label="Edit case" onClose={close}>
          <CaseForm theCase={theCase} onDone={close} onCancel={close} />
          <div className="case-danger">
            <p className="muted">
              Moving the case to the trash takes its claims, documents and notes with it; sources stay in the library. Undo or the
              Trash view bring it back whole.
            </p>
            <button type="button" className="button danger-quiet" onClick={moveToTrash} disabled={trash.busy}>
              Move case to trash
            </button>
            <ErrorAlert error={trash.error} />
          </div>
        </Modal>
      )}
    </>
  );
}
