import { useId, useState } from 'react';
import type { Contact } from '../../../../db/types';
import './ContactDetails.css';

const FIELDS: [keyof Contact, string][] = [
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['address', 'Address'],
  ['other', 'Other'],
];

/**
 * A source's contact details, masked until the reporter asks to see them: a screen shared in a
 * meeting or glimpsed over a shoulder does not give a source away.
 */
export function ContactDetails({ contact }: { contact: Contact }) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const present = FIELDS.filter(([key]) => contact[key]?.trim());
  if (present.length === 0) return <span className="muted">None recorded</span>;
  return (
    <div className="contact">
      <dl id={id} className="contact-list">
        {present.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd className={shown ? 'contact-value' : 'contact-value masked'}>
              {shown ? contact[key] : <span aria-label="hidden">••••••••</span>}
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button small" aria-expanded={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </div>
  );
}
