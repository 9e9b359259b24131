import { useState } from 'react';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';
import { Modal } from '../../components/Modal';
import { useNavigation } from '../../navigation';
import { useToast } from '../../toast';
import { useDeskCase, type DeskCase, ROLE_LABELS } from './desk';
import './desk.css';

const STATE_LABELS: Record<DeskCase['state'], string> = {
  synced: 'Synced',
  syncing: 'Syncing',
  connecting: 'Connecting',
  offline: 'Offline',
  refused: 'Access refused',
};

function waitingText(n: number): string {
  return n === 1 ? '1 change waiting to go out' : `${n} changes waiting to go out`;
}

/** Share case…, for the open case while it is not shared. */
export function ShareCaseButton({ caseId, className = 'button small' }: { caseId: string; className?: string }) {
  const desk = useDeskCase(caseId);
  const [sharing, setSharing] = useState(false);
  if (desk) return null;
  return (
      <>
        <button type="button" className={className} onClick={() => setSharing(true)}>
          Share case…
        </button>
        {sharing && (
          <InvitationDialog
            title="Share case with a desk"
            intro="The desk’s sync server keeps everyone’s copy of this case in step. Confidential sources’ names and every source’s contact details stay in this library."
            submitLabel="Share case"
            send={(v) => api.invoke('sync.share', { caseId, ...v })}
            onClose={() => setSharing(false)}
          />
        )}
      </>
  );
}

/** Under the open case's title while it is shared: the link's state, changes waiting, members. */
export function DeskBar({ caseId }: { caseId: string }) {
  const desk = useDeskCase(caseId);
  if (!desk) return null;
  // The others here now: the list below says "here now" of you too.
  const here = desk.members.filter((m) => m.connected && m.name !== desk.member);
  return (
    <div className="desk-bar">
      <p className={`desk-state desk-state-${desk.state}`} role="status">
        <span className="desk-dot" aria-hidden="true" />
        <span>
          <span className="desk-state-label">{STATE_LABELS[desk.state]}</span>
          {desk.waiting > 0 && <span className="desk-waiting">, {waitingText(desk.waiting)}</span>}
          {desk.state === 'refused' && <span className="desk-waiting">: ask the desk for a new invitation</span>}
        </span>
      </p>
      <details className="desk-members">
        <summary>
          {desk.members.length ? `${desk.members.length} members` : 'Members'}
          {here.length > 0 && `, ${here.length} other${here.length === 1 ? '' : 's'} here now`}
        </summary>
        <div className="desk-members-panel">
          <p className="muted">
            “{desk.docName}” on {desk.server}. You are {desk.member} ({ROLE_LABELS[desk.role] ?? desk.role}).
          </p>
          {desk.members.length ? (
            <ul aria-label="Members of the case">
              {desk.members.map((m) => (
                <li key={m.name}>
                  <span>
                    {m.name}
                    {m.name === desk.member && ' (you)'}
                  </span>{' '}
                  <span className="muted">{ROLE_LABELS[m.role] ?? m.role}</span>{' '}
                  <span className={m.connected ? 'desk-here' : 'muted'}>{m.connected ? 'here now' : 'away'}</span>
                  {m.connected && m.noteTitle !== null && <span className="muted"> in “{m.noteTitle || 'Untitled note'}”</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">The members are listed once the sync server answers.</p>
          )}
        </div>
      </details>
    </div>
  );
}

/** Join case…: a case a desk shares comes into this library. */
export function JoinCaseButton({ className = 'button small' }: { className?: string }) {
  const [open, setOpen] = useState(false);
  const nav = useNavigation();
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        Join case…
      </button>
      {open && (
        <InvitationDialog
          title="Join a desk’s case"
          intro="The case comes into this library and stays in step with the desk while Corroborate runs."
          submitLabel="Join case"
          send={(v) => api.invoke('sync.accept', v)}
          onDone={(r) => {
            nav.selectCase(r.caseId);
            nav.showView('claims');
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

interface Joined {
  caseId: string;
  docName: string;
  member: string;
  role: string;
}

/** Server address and invitation, checked by the library (each field shows its own complaint). */
function InvitationDialog({
  title,
  intro,
  submitLabel,
  send,
  onDone,
  onClose,
}: {
  title: string;
  intro: string;
  submitLabel: string;
  send: (v: { server: string; invitation: string }) => Promise<Joined>;
  onDone?: (r: Joined) => void;
  onClose: () => void;
}) {
  const form = useFormState({ server: '', invitation: '' });
  const toast = useToast();
  return (
    <Modal label={title} onClose={onClose}>
      <Form
        label={title}
        submitLabel={submitLabel}
        onSubmit={() => send(form.values)}
        onDone={(r) => {
          toast.notify({ text: `“${r.docName}” is shared: you are ${r.member} (${ROLE_LABELS[r.role] ?? r.role}).` });
          onDone?.(r);
          onClose();
        }}
        onCancel={onClose}
        className="desk-dialog"
      >
        <p className="muted">{intro}</p>
        <TextField form={form} name="server" label="Sync server address" hint="As the desk gave it, such as wss://sync.example.org" required />
        <TextField form={form} name="invitation" label="Invitation" hint="Starts with inv_. It works once." required />
      </Form>
    </Modal>
  );
}
