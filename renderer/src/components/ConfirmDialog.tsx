import { useAction } from '../data';
import { ErrorAlert } from './ErrorAlert';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** Asks before a change the reporter would not want by accident, and shows why it failed. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onDone, onCancel }: ConfirmDialogProps) {
  const action = useAction();
  const confirm = async () => {
    if ((await action.run(onConfirm)) !== undefined) onDone();
  };
  return (
    <Modal label={title} onClose={onCancel}>
      <div className="confirm">
        <h2>{title}</h2>
        <p>{message}</p>
        <ErrorAlert error={action.error} />
        <div className="form-actions">
          <button type="button" className="button danger" onClick={confirm} disabled={action.busy}>
            {confirmLabel}
          </button>
          <button type="button" className="button" onClick={onCancel} data-autofocus>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
