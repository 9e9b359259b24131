import { useState } from 'react';
import { Modal } from '../../components/Modal';
import { useNavigation } from '../../navigation';
import { CaseForm } from './CaseForm';

/** A button that opens the new-case form and, once saved, the new case. */
export function NewCaseButton({ label, className }: { label: string; className?: string }) {
  const nav = useNavigation();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <button type="button" className={`button ${className ?? ''}`} onClick={() => setCreating(true)}>
        {label}
      </button>
      {creating && (
        <Modal label="New case" onClose={() => setCreating(false)}>
          <CaseForm
            onCancel={() => setCreating(false)}
            onDone={(created) => {
              setCreating(false);
              nav.selectCase(created.id);
              nav.showView('claims');
            }}
          />
        </Modal>
      )}
    </>
  );
}
