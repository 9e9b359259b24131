import { useState } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../data';
import { ChangedBy } from './ChangedBy';
import { memberLabel, useDeskCase } from './desk';
import './desk.css';

type OnDesk = Output<'sync.source'>[number];

/**
 * A source on the desks of the shared cases that cite it (sync.source): who changed it last,
 * and its identity as this member holds it. The holder grants it to named members here, sealed
 * to each one's key; a member it was granted to sees that it was, and why if it cannot be opened.
 */
export function SourceOnDesk({ sourceId }: { sourceId: string }) {
  const cases = useQuery('sync.source', { sourceId });
  if (!cases.data?.length) return null;
  return (
    <>
      {cases.data.map((c) => (
        <section key={c.caseId} className="desk-source" aria-label={`On the desk “${c.docName}”`}>
          <ChangedBy caseId={c.caseId} record={{ id: sourceId }} />
          <Identity onDesk={c} sourceId={sourceId} />
        </section>
      ))}
    </>
  );
}

function Identity({ onDesk, sourceId }: { onDesk: OnDesk; sourceId: string }) {
  const desk = useDeskCase(onDesk.caseId);
  const who = (name: string) => (desk ? memberLabel(desk, name) : name);
  switch (onDesk.identity) {
    case 'held':
      return <Grants onDesk={onDesk} sourceId={sourceId} who={who} />;
    case 'granted':
      return (
        <p className="desk-identity">
          {onDesk.holder ? who(onDesk.holder) : 'Its holder'} granted you this identity, sealed to your key: nobody else on the desk can read it.
          {onDesk.yourFingerprint && <> Your key’s fingerprint, to read out to them: <code className="desk-fingerprint">{onDesk.yourFingerprint}</code></>}
        </p>
      );
    case 'unreadable':
      return <ErrorAlert error={new Error(onDesk.problem ?? 'The identity granted to you could not be opened.')} />;
    case 'withheld':
      return <p className="desk-identity muted">{onDesk.holder ? who(onDesk.holder) : 'Another member'} holds this source’s identity: the desk shows it to you as “Confidential source”.</p>;
    default:
      return null;
  }
}

function Grants({ onDesk, sourceId, who }: { onDesk: OnDesk; sourceId: string; who: (name: string) => string }) {
  const action = useAction();
  const [picking, setPicking] = useState(false);
  const [member, setMember] = useState('');
  const chosen = onDesk.grantable.includes(member) ? member : (onDesk.grantable[0] ?? '');
  const grant = async () => {
    if ((await action.run(() => api.invoke('sync.grant', { caseId: onDesk.caseId, sourceId, member: chosen }))) !== undefined) setPicking(false);
  };
  const revoke = (name: string) => action.run(() => api.invoke('sync.revoke', { caseId: onDesk.caseId, sourceId, member: name }));
  return (
    <div className="desk-identity">
      <p>
        You hold this source’s identity on the desk “{onDesk.docName}”: {onDesk.grantedTo.length ? 'only the members below can read it, sealed to their own key.' : 'the other members see “Confidential source”.'}
      </p>
      {onDesk.grantedTo.length > 0 && (
        <ul className="desk-grants" aria-label="Identity granted to">
          {onDesk.grantedTo.map((name) => (
            <li key={name}>
              {who(name)}{' '}
              <button type="button" className="button small" disabled={action.busy} onClick={() => void revoke(name)} aria-label={`Revoke ${name}’s grant`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={action.error} />
      {picking ? (
        <form
          className="desk-grant-form"
          aria-label="Grant identity"
          onSubmit={(e) => {
            e.preventDefault();
            void grant();
          }}
        >
          <label>
            Grant identity to{' '}
            <select className="desk-grant-member" value={chosen} onChange={(e) => setMember(e.target.value)}>
              {onDesk.grantable.map((name) => (
                <option key={name} value={name}>
                  {who(name)}
                </option>
              ))}
            </select>
          </label>
          {onDesk.fingerprints[chosen] && (
            <p className="field-hint">
              Their key’s fingerprint: <code className="desk-fingerprint">{onDesk.fingerprints[chosen]}</code>. Their source page shows the same if the server handed out the right key: check it with them by phone or in person.
            </p>
          )}
          <p className="field-hint">Only their library can open it; the sync server and the other members hold ciphertext. You can revoke it later, but what they saw cannot be unseen.</p>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={action.busy || !chosen}>
              Grant
            </button>
            <button type="button" className="button" onClick={() => setPicking(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setPicking(true)}
          disabled={!onDesk.grantable.length}
          title={onDesk.grantable.length ? undefined : 'A member can be granted it once they have joined the case and connected.'}
        >
          Grant identity to…
        </button>
      )}
    </div>
  );
}
